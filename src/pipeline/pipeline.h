// pipeline: the online path of one article through every stage —
// extract (via ingest) → text → dedupe → cluster → store → compose — and
// the batch entry points built on it.
//
//   auto db = store::Open("storyline.db", {});
//   pipeline::Options opts;  opts.clock = &clock;
//   auto p = pipeline::Pipeline::Open(db->get(), opts);   // restores state
//   pipeline::IngestReport r = (*p)->IngestPaths({"samples/newsroom"}).value();
//   (*p)->Checkpoint();                          // so the next Open is quick
//
// Restarts. The writer's in-memory state (the assigner: clusterer, copy
// index and recent decisions; each site's learned furniture; the outlets'
// hosts) is saved in the store as one snapshot (store::SnapshotStore),
// written in the transaction of the articles it includes, at most every
// Options::snapshot_every articles and by Checkpoint(). Open reads it and
// restores only the articles written after it, so start-up cost follows
// the snapshot's size (the active window), not the archive. After a clean
// Checkpoint the restarted Pipeline decides every later article exactly as
// the one before would have (pipeline_test checks it); after a crash the
// articles after the snapshot are restored as stored, which is what a full
// replay does for every article. A snapshot that is damaged, of another
// format, or saved under other options is ignored: every article is
// replayed, and start() says why.
//
// Ingest is idempotent: an article whose id (hash of its canonical URL)
// and content hash are already stored is skipped. A failed write (the
// database went away mid-batch) rolls the batch back and the next call
// first rebuilds the in-memory state from the store, so a retry neither
// loses nor doubles anything. Articles are processed
// in publication-time order within a call. Every batch of articles is one
// transaction; pages are recomposed for the stories marked dirty, so a
// crash between the two is repaired by the next run.
//
// Threads (Options::ingest.threads; 0: one per core). With more than one,
// a call reads and extracts files on all of them; stores rows and commits
// its batches on a writer thread while the next articles are assigned;
// tokenises, signs and classifies articles on a helper thread a few ahead
// of the assigner; and composes dirty stories on a pool (a story always
// on the same worker, each worker with its own analysis cache) while this
// thread writes the previous pages and reads the next. The assigner stays
// one thread, in publication order, so every thread count stores the same
// articles, decisions and pages, byte for byte (threads_test).
// Not thread-safe: one Pipeline per writer.
#ifndef STORYLINE_PIPELINE_PIPELINE_H_
#define STORYLINE_PIPELINE_PIPELINE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/metrics.h"
#include "compose/compose.h"
#include "extract/templates.h"
#include "ingest/ingest.h"
#include "pipeline/assigner.h"
#include "store/store.h"

namespace storyline::pipeline {
namespace internal {
class StoreWriter;
}  // namespace internal

struct Options {
  ingest::Options ingest;
  cluster::Options cluster;
  compose::Options compose;
  // Each site's repeated lines, learned from the stream (extract/templates.h).
  extract::TemplateOptions templates;
  // Minimum evidence for a story page to be published.
  int min_articles = 2;
  int min_outlets = 2;
  // Articles per transaction.
  size_t batch_size = 256;
  const Clock* clock = nullptr;  // required; not owned
  // A Pipeline is the store's one writer (Store::LockWriter): Open waits
  // this long for another writing process, telling `writer_waiting` once,
  // then fails naming it. The wait ends when the other finishes, and this
  // one then replays what it stored, so two ingests in a row give what one
  // ingest of both would.
  int64_t writer_wait_ms = 3600 * 1000;
  std::function<void(const std::string&)> writer_waiting;
  // A snapshot is written with the batch (batch_size articles, one
  // transaction) that brings the articles assigned since the last one to
  // this many, unless the last one took more than 5% of the wall time
  // since it was written (then it waits: a large state is written less
  // often). 0: never; every Open replays all. Measured on a million-article
  // stream: 67 MB, written in about a second (docs/design/scale.md).
  size_t snapshot_every = 20000;
  // ... but never more than this many articles since the last one: what a
  // crash leaves to restore at the next start (12,000-16,000 articles/s on
  // two cores, after reading the snapshot: 2.2 s at a million articles).
  size_t snapshot_max_behind = 30000;
  // Whether calls compose the stories they made dirty. false: composer
  // processes do (pipeline/composer.h, `storyline assign --no-compose`
  // beside `storyline compose`).
  bool compose_pages = true;
  // Every IngestPaths / IngestArticles / AssignQueued call ends with a
  // Checkpoint(), its state serialised on another thread while the dirty
  // stories are composed: for a bulk ingest that exits after the call.
  bool checkpoint_each_call = false;
  // Where stored articles (by result) and composition times are counted
  // (storyline_articles_ingested_total, storyline_compose_seconds;
  // docs/operations.md). Not owned; null: not counted.
  Metrics* metrics = nullptr;
};

// How Open (or the recovery after a failed write) rebuilt the state.
struct StartReport {
  bool from_snapshot = false;
  int64_t snapshot_bytes = 0;
  int64_t articles_restored = 0;  // replayed from the store (after the
                                  // snapshot, or all of them)
  double seconds = 0;
  std::string why_replayed;  // why the snapshot was not used ("" if it was)
};

struct IngestReport {
  int read = 0;            // articles read from the inputs
  int added = 0;           // new articles stored
  int updated = 0;         // stored articles whose content changed
  int unchanged = 0;       // already stored, identical
  int copies = 0;          // added articles that are near-duplicates
  int not_news = 0;        // added articles that are not news (no story)
  int furniture = 0;       // blocks dropped as their site's repeated lines
  int stories_merged = 0;  // stories found to be one (old ids redirect)
  int events_merged = 0;   // events the repair found to be one
  int stories_composed = 0;
  int pages_published = 0;
  std::vector<ingest::Problem> problems;
  // Time per stage (steady clock; for --stats, never for behaviour). With
  // more than one thread the stages overlap: store_seconds is then the
  // writer thread's busy time beside assign_seconds.
  double read_seconds = 0;     // reading files and extracting pages
  double assign_seconds = 0;   // near-duplicate lookup and clustering
  double store_seconds = 0;    // article rows, merges and commits
  double compose_seconds = 0;  // recomposing dirty stories
};

class Pipeline {
 public:
  // `store` must outlive the Pipeline.
  static Result<std::unique_ptr<Pipeline>> Open(store::Store* store,
                                                const Options& options);

  Result<IngestReport> IngestPaths(const std::vector<std::string>& paths);
  // Articles must be complete (ingest::FinishArticle); InvalidArgument
  // otherwise, before anything is written.
  Result<IngestReport> IngestArticles(std::vector<Article> articles);
  // Takes up to batch_size articles from the store's work queue (oldest
  // publication first, Store::QueuedArticles), assigns and stores them
  // and removes them from the queue in one transaction, then recomposes.
  // report.read == 0 when the queue was empty.
  Result<IngestReport> AssignQueued();
  // Recomposes every dirty story; adds counts to *report.
  Status ComposeDirty(IngestReport* report);
  // Writes the snapshot now (own transaction) unless nothing changed since
  // the last one. Call before a planned exit.
  Status Checkpoint();
  const StartReport& start() const { return start_; }

 private:
  Pipeline(store::Store* store, const Options& options);
  // Rebuilds the in-memory state: the snapshot and the articles after it,
  // else every article.
  Status Start();
  Status Replay(int64_t after_seq);
  Status LoadSnapshot(const store::Snapshot& snap);
  // The state a snapshot saves.
  std::string SnapshotData() const;
  // Writes `data` as the snapshot in a transaction of its own.
  Status SaveSnapshot(std::string data,
                      std::chrono::steady_clock::time_point began);
  // Bookkeeping after a snapshot that began at `began` was handed over.
  void SnapshotTaken(std::chrono::steady_clock::time_point began);
  // Hands a snapshot to the writer when snapshot_every and the time
  // budget say so.
  void MaybeSnapshot(internal::StoreWriter* writer);
  // Threads for one ingest: Options::ingest.threads, 0 meaning one per
  // core.
  size_t Workers() const;
  static constexpr double kSnapshotShare = 0.05;
  static constexpr char kIngested[] = "storyline_articles_ingested_total";
  static constexpr char kComposeSeconds[] = "storyline_compose_seconds";
  static constexpr char kPublished[] = "storyline_pages_published_total";
  // Rebuilds the in-memory state from the store after a failed write.
  Status Recover();
  Result<IngestReport> Assign(std::vector<Article> articles,
                              const std::vector<int64_t>& dequeue);

  store::Store* store_;
  Options opts_;
  std::unique_ptr<Assigner> assigner_;
  // Prepares the assigner's inputs on a helper thread (kept across calls
  // for its memo; used by one thread at a time).
  std::unique_ptr<ArticlePreparer> preparer_;
  extract::SiteTemplates templates_;
  std::set<std::string> outlet_hosts_;
  // Per-article sentence analysis reused when a story is recomposed: one
  // cache per composing worker (Workers()), this many articles in all.
  static constexpr size_t kComposeCacheArticles = 50000;
  std::vector<std::unique_ptr<compose::AnalysisCache>> compose_caches_;
  // A write failed after the assigner had moved on: replay before more.
  bool stale_ = false;
  // Articles assigned since the last snapshot was written or read.
  size_t since_snapshot_ = 0;
  // Wall time the last snapshot took, and when it was written (steady
  // clock: a performance budget, never a behaviour).
  double last_snapshot_cost_ = 0;
  std::chrono::steady_clock::time_point last_snapshot_;
  StartReport start_;
};

// Composes `story_id` from the stored articles (no write).
Result<compose::StoryPage> ComposeStory(
    store::Store* store, const std::string& story_id,
    const compose::Options& options,
    const std::vector<std::string>& outlet_hosts);

// Verifies the latest stored page of every story (or of one when
// `story_id` is non-empty). Appends problems; sets *pages to pages checked.
Status VerifyPages(store::Store* store, const std::string& story_id,
                   std::vector<std::string>* problems, int* pages);

// Loads the latest stored page of a story.
Result<compose::StoryPage> LoadPage(store::Store* store,
                                    const std::string& story_id);

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_PIPELINE_H_
