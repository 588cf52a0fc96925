// The online pipeline. State that must survive restarts (assignments,
// duplicate links) lives in the store; the in-memory clusterer and
// duplicate index are rebuilt from it by Replay() in publication order.
#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <thread>

#include "common/progress.h"
#include "common/serial.h"
#include "common/url.h"
#include "extract/extract.h"
#include "pipeline/internal/compose_job.h"
#include "pipeline/internal/prepare.h"
#include "pipeline/internal/writer.h"

namespace storyline::pipeline {
namespace {

// Adds the seconds since construction (or the last Lap) to *sink.
class StageTimer {
 public:
  StageTimer() : last_(std::chrono::steady_clock::now()) {}
  void Lap(double* sink) {
    auto now = std::chrono::steady_clock::now();
    *sink += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_;
};

std::unique_ptr<Assigner> NewAssigner(const Options& options) {
  AssignerOptions ao;
  ao.cluster = options.cluster;
  return std::make_unique<Assigner>(ao);
}

}  // namespace

Pipeline::Pipeline(store::Store* store, const Options& options)
    : store_(store),
      opts_(options),
      assigner_(NewAssigner(options)),
      templates_(options.templates) {
  if (Metrics* m = opts_.metrics) {
    m->Define(kIngested, Metrics::kCounter,
              "Articles read by the writer, by result (added, updated, "
              "unchanged; copies and not_news are among the added).");
    m->Define(kComposeSeconds, Metrics::kHistogram,
              "Time to recompose one story page.", Metrics::SecondsBuckets());
    m->Define(kPublished, Metrics::kCounter,
              "Story pages composed that met the evidence rule and verified.");
  }
}

Result<std::unique_ptr<Pipeline>> Pipeline::Open(store::Store* store,
                                                 const Options& options) {
  if (!options.clock)
    return Status::InvalidArgument("pipeline::Options::clock is required");
  SL_RETURN_IF_ERROR(
      store->LockWriter(options.writer_wait_ms, options.writer_waiting));
  std::unique_ptr<Pipeline> p(new Pipeline(store, options));
  SL_RETURN_IF_ERROR(p->Start());
  return p;
}

namespace {

constexpr uint64_t kSnapshotFormat = 1;

// What, besides the assigner's own options, shapes the saved state.
std::string SnapshotKey(const Options& o) {
  serial::Writer w;
  w.U64(o.templates.max_hosts);
  w.U64(o.templates.max_blocks_per_host);
  w.U64(o.templates.max_block_bytes);
  w.I64(o.templates.min_pages);
  w.F64(o.templates.min_share);
  w.I64(o.templates.window_pages);
  return w.Finish();
}

}  // namespace

Status Pipeline::Start() {
  auto began = std::chrono::steady_clock::now();
  start_ = StartReport{};
  int64_t after_seq = 0;
  Result<std::optional<store::Snapshot>> snap = store_->GetSnapshot();
  if (!snap.ok()) return snap.status();
  if (!snap->has_value()) {
    start_.why_replayed = "no snapshot";
  } else {
    Status st = LoadSnapshot(**snap);
    if (st.ok()) {
      start_.from_snapshot = true;
      start_.snapshot_bytes = static_cast<int64_t>((*snap)->data.size());
      after_seq = (*snap)->upto_seq;
    } else {
      // Start again from nothing: a half-read state is no state.
      assigner_ = NewAssigner(opts_);
      templates_ = extract::SiteTemplates(opts_.templates);
      outlet_hosts_.clear();
      start_.why_replayed = st.message();
    }
  }
  SL_RETURN_IF_ERROR(Replay(after_seq));
  // The hosts composition needs, for composers in other processes (a store
  // of an older schema has none yet; storing one again changes nothing).
  if (!outlet_hosts_.empty()) {
    SL_RETURN_IF_ERROR(store_->Begin());
    Status st = store_->PutOutletHosts(
        std::vector<std::string>(outlet_hosts_.begin(), outlet_hosts_.end()));
    if (st.ok()) st = store_->Commit();
    if (!st.ok()) {
      store_->Rollback();
      return st;
    }
  }
  // Without a usable snapshot, the next checkpoint writes one.
  if (!start_.from_snapshot)
    since_snapshot_ = std::max<size_t>(since_snapshot_, 1);
  start_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began)
          .count();
  return Status::Ok();
}

Status Pipeline::LoadSnapshot(const store::Snapshot& snap) {
  serial::Reader r(snap.data);
  if (r.U64() != kSnapshotFormat && r.ok())
    return Status::FailedPrecondition("snapshot of another format");
  if (r.Str() != SnapshotKey(opts_) && r.ok())
    return Status::FailedPrecondition("snapshot saved under other options");
  SL_RETURN_IF_ERROR(assigner_->Load(&r));
  SL_RETURN_IF_ERROR(templates_.Load(&r));
  uint64_t hosts = r.Count();
  for (uint64_t i = 0; i < hosts && r.ok(); ++i) outlet_hosts_.insert(r.Str());
  if (r.ok() && !r.done()) r.Fail("bytes after the snapshot's end");
  return r.status();
}

std::string Pipeline::SnapshotData() const {
  serial::Writer w;
  w.U64(kSnapshotFormat);
  w.Str(SnapshotKey(opts_));
  assigner_->Save(&w);
  templates_.Save(&w);
  w.U64(outlet_hosts_.size());
  for (const std::string& h : outlet_hosts_) w.Str(h);
  return w.Finish();
}

void Pipeline::SnapshotTaken(std::chrono::steady_clock::time_point began) {
  since_snapshot_ = 0;
  auto done = std::chrono::steady_clock::now();
  last_snapshot_cost_ = std::chrono::duration<double>(done - began).count();
  last_snapshot_ = done;
}

void Pipeline::MaybeSnapshot(internal::StoreWriter* writer) {
  if (opts_.snapshot_every == 0 || since_snapshot_ < opts_.snapshot_every)
    return;
  // At most kSnapshotShare of the wall time goes to snapshots: a large
  // state (1.2 s at a million articles) is written less often, until a
  // crash would leave snapshot_max_behind articles to restore.
  auto now = std::chrono::steady_clock::now();
  if (last_snapshot_cost_ > 0 && since_snapshot_ < opts_.snapshot_max_behind &&
      std::chrono::duration<double>(now - last_snapshot_).count() <
          last_snapshot_cost_ / kSnapshotShare)
    return;
  writer->Snapshot(SnapshotData(), opts_.clock->NowSeconds());
  SnapshotTaken(now);
}

Status Pipeline::SaveSnapshot(std::string data,
                              std::chrono::steady_clock::time_point began) {
  SL_RETURN_IF_ERROR(store_->Begin());
  Status st = internal::WriteSnapshot(store_, std::move(data),
                                      opts_.clock->NowSeconds());
  if (st.ok()) st = store_->Commit();
  if (!st.ok()) {
    store_->Rollback();
    return st;
  }
  SnapshotTaken(began);
  return st;
}

Status Pipeline::Checkpoint() {
  SL_RETURN_IF_ERROR(Recover());
  if (since_snapshot_ == 0) return Status::Ok();
  return SaveSnapshot(SnapshotData(), std::chrono::steady_clock::now());
}

Status Pipeline::Replay(int64_t after_seq) {
  std::vector<store::StoredArticle> all;
  SL_RETURN_IF_ERROR(after_seq > 0 ? store_->ScanArticlesAfter(after_seq, &all)
                                   : store_->ScanArticles(&all));
  // The articles apart from their places, so that a helper thread can
  // prepare them ahead (as for Assign).
  std::vector<Article> articles;
  std::vector<char> take;
  articles.reserve(all.size());
  take.reserve(all.size());
  for (store::StoredArticle& s : all) {
    // A replaced article the snapshot holds already keeps its place.
    take.push_back(!(after_seq > 0 && assigner_->Find(s.article.id)));
    articles.push_back(std::move(s.article));
  }
  if (!preparer_)
    preparer_ = std::make_unique<ArticlePreparer>(assigner_->options());
  internal::PrepareAhead ahead(articles, take, preparer_.get(),
                               Workers() > 1 && articles.size() > 16);
  for (size_t i = 0; i < articles.size(); ++i) {
    if (!take[i]) continue;
    std::unique_ptr<PreparedArticle> prepared = ahead.Take(i);
    const Article& a = articles[i];
    assigner_->Restore(a, all[i].event_id, all[i].story_id, prepared.get());
    std::string h = url::HostOf(a.url);
    if (!h.empty()) outlet_hosts_.insert(h);
    ++start_.articles_restored;
  }
  // A long replay is worth saving at the next chance.
  since_snapshot_ = static_cast<size_t>(start_.articles_restored);
  return Status::Ok();
}

Result<IngestReport> Pipeline::IngestPaths(
    const std::vector<std::string>& paths) {
  StageTimer timer;
  ingest::Batch b = ingest::ReadPaths(paths, opts_.ingest, *opts_.clock);
  double read_seconds = 0;
  timer.Lap(&read_seconds);
  Result<IngestReport> r = IngestArticles(std::move(b.articles));
  if (!r.ok()) return r;
  r->problems = std::move(b.problems);
  r->read_seconds = read_seconds;
  return r;
}

Status Pipeline::Recover() {
  if (!stale_) return Status::Ok();
  assigner_ = NewAssigner(opts_);
  templates_ = extract::SiteTemplates(opts_.templates);
  outlet_hosts_.clear();
  SL_RETURN_IF_ERROR(Start());
  stale_ = false;
  return Status::Ok();
}

Result<IngestReport> Pipeline::IngestArticles(std::vector<Article> articles) {
  return Assign(std::move(articles), {});
}

Result<IngestReport> Pipeline::AssignQueued() {
  SL_RETURN_IF_ERROR(Recover());
  Result<std::vector<store::QueuedArticle>> q =
      store_->QueuedArticles(static_cast<int>(opts_.batch_size));
  if (!q.ok()) return q.status();
  if (q->empty()) return IngestReport{};
  std::vector<Article> articles;
  std::vector<int64_t> seqs;
  std::vector<store::QueuedArticle> items = std::move(q).value();
  for (store::QueuedArticle& x : items) {
    seqs.push_back(x.seq);
    articles.push_back(std::move(x.article));
  }
  return Assign(std::move(articles), seqs);
}

Result<IngestReport> Pipeline::Assign(std::vector<Article> articles,
                                      const std::vector<int64_t>& dequeue) {
  SL_RETURN_IF_ERROR(Recover());
  IngestReport rep;
  rep.read = static_cast<int>(articles.size());
  for (const Article& a : articles)
    if (a.id.empty() || a.content_hash.empty())
      return Status::InvalidArgument(
          "article without id or content hash (call ingest::FinishArticle): " +
          a.url);
  // Stable: two versions of one article (same id and time) keep the order
  // they were read in, and the first wins (below), whatever the other ids.
  std::stable_sort(articles.begin(), articles.end(),
                   [](const Article& a, const Article& b) {
                     if (a.published != b.published)
                       return a.published < b.published;
                     return a.id < b.id;
                   });
  int64_t now = opts_.clock->NowSeconds();
  std::set<std::string> seen;
  Progress progress("ingest", static_cast<int64_t>(articles.size()));
  size_t in_tx = 0;
  StageTimer timer;
  // What is stored already, in one lookup (an id twice in the batch is
  // handled by `seen`: the first wins).
  std::vector<std::string> ids;
  ids.reserve(articles.size());
  for (const Article& a : articles) ids.push_back(a.id);
  Result<std::map<std::string, std::string>> stored_hashes =
      store_->ArticleHashes(ids);
  if (!stored_hashes.ok()) return stored_hashes.status();
  // A changed article the assigner has forgotten (older than its horizon)
  // keeps the stored row's place: read those rows now, before the writer
  // owns the store.
  std::map<std::string, std::pair<std::string, std::string>> stored_place;
  for (const Article& a : articles) {
    auto h = stored_hashes->find(a.id);
    if (h == stored_hashes->end() || h->second == a.content_hash ||
        stored_place.count(a.id))
      continue;
    Result<std::optional<store::StoredArticle>> was = store_->GetArticle(a.id);
    if (!was.ok()) return was.status();
    if (was->has_value())
      stored_place[a.id] = {(*was)->event_id, (*was)->story_id};
  }
  SL_RETURN_IF_ERROR(store_->Begin());
  // After a failed write the clusterer is ahead of the store: the next
  // call replays the store first (Recover).
  auto fail = [&](const Status& st) {
    store_->Rollback();
    stale_ = true;
    return st;
  };
  // Taken from the work queue in the same transaction as what is stored
  // from it (all of it fits one transaction: AssignQueued takes at most
  // batch_size articles and the loop commits only between articles).
  if (!dequeue.empty()) {
    Status st = store_->DeleteQueued(dequeue);
    if (!st.ok()) return fail(st);
  }
  // From here to writer.Finish() the writer owns the store: rows are
  // stored (and batches committed) on its thread while the next articles
  // are assigned on this one.
  const bool threaded = Workers() > 1;
  // In order: which articles are new or changed (of one URL twice in the
  // call the first wins), and each site's furniture dropped from them (the
  // templates learn from the stream in this order; the content hash stays
  // the extracted page's, so "unchanged" stays stable). After it every
  // text is final, so the assigner's inputs can be prepared ahead.
  std::vector<char> take(articles.size(), 0);
  for (size_t i = 0; i < articles.size(); ++i) {
    Article& a = articles[i];
    if (!seen.insert(a.id).second) {
      ++rep.unchanged;
      continue;
    }
    if (auto h = stored_hashes->find(a.id);
        h != stored_hashes->end() && h->second == a.content_hash) {
      ++rep.unchanged;
      continue;
    }
    take[i] = 1;
    rep.furniture += templates_.Apply(&a);
  }
  // Tokenising, the copy signature and the news verdict run on a helper
  // thread ahead of this one (worth a thread for more than a few).
  if (!preparer_)
    preparer_ = std::make_unique<ArticlePreparer>(assigner_->options());
  internal::PrepareAhead ahead(articles, take, preparer_.get(),
                               threaded && articles.size() > 16);
  internal::StoreWriter writer(store_, threaded);
  std::vector<std::string> new_hosts;  // stored with the articles
  for (size_t i = 0; i < articles.size() && !writer.failed(); ++i) {
    Article& a = articles[i];
    progress.Update(static_cast<int64_t>(i + 1));
    if (!take[i]) continue;
    std::unique_ptr<PreparedArticle> prepared = ahead.Take(i);
    const bool stored = stored_hashes->count(a.id) > 0;
    store::StoredArticle row;
    std::optional<std::pair<std::string, std::string>> known;
    if (stored) {
      // Changed content keeps its place in the clustering: the assigner's
      // memory of it, else (older than its horizon) the stored row's.
      known = assigner_->Find(a.id);
      if (!known) {
        if (auto p = stored_place.find(a.id); p != stored_place.end())
          known = std::make_pair(assigner_->CurrentEvent(p->second.first),
                                 assigner_->CurrentStory(p->second.second));
      }
    }
    if (known) {
      row.event_id = known->first;
      row.story_id = known->second;
      ++rep.updated;
    } else {
      Decision d = assigner_->Add(a, prepared.get());
      row.event_id = d.event_id;
      row.story_id = d.story_id;
      a.duplicate_of = d.duplicate_of;
      if (!d.duplicate_of.empty()) ++rep.copies;
      if (!d.news) ++rep.not_news;
      // Two stories became one: move the absorbed one's articles and
      // redirect its id (remembered ids resolve through the assigner).
      for (auto& [from, into] : d.stories_merged) {
        writer.MergeStory(std::move(from), std::move(into));
        ++rep.stories_merged;
      }
      // Two events became one (repair): move the stored articles.
      for (auto& [from, into] : d.events_merged) {
        writer.MergeEvent(std::move(from), std::move(into));
        ++rep.events_merged;
      }
      if (stored)
        ++rep.updated;
      else
        ++rep.added;
    }
    std::string host = url::HostOf(a.url);
    if (!host.empty() && outlet_hosts_.insert(host).second)
      new_hosts.push_back(host);
    row.ingested_at = now;
    row.article = std::move(a);
    writer.Put(std::move(row));
    ++since_snapshot_;
    if (++in_tx >= opts_.batch_size && i + 1 < articles.size()) {
      MaybeSnapshot(&writer);
      writer.Commit();
      in_tx = 0;
    }
  }
  MaybeSnapshot(&writer);
  timer.Lap(&rep.assign_seconds);
  Status written = writer.Finish();
  // The writer's own time: beside the assigner's when it has a thread,
  // else inside the loop timed above.
  rep.store_seconds = writer.busy_seconds();
  if (!threaded) rep.assign_seconds -= rep.store_seconds;
  double waited = 0;
  timer.Lap(&waited);
  if (!written.ok()) return fail(written);
  if (Status st = store_->PutOutletHosts(new_hosts); !st.ok()) return fail(st);
  Status committed = store_->Commit();
  if (!committed.ok()) return fail(committed);
  progress.Finish();
  timer.Lap(&rep.store_seconds);
  if (Metrics* m = opts_.metrics) {
    const std::pair<const char*, int> results[] = {{"added", rep.added},
                                                   {"updated", rep.updated},
                                                   {"unchanged", rep.unchanged},
                                                   {"copies", rep.copies},
                                                   {"not_news", rep.not_news}};
    for (const auto& [result, n] : results)
      m->Add(kIngested, {{"result", result}}, n);
  }
  // With checkpoint_each_call the state is serialised beside the
  // composition (which reads none of it), then saved.
  std::future<std::string> snapshot;
  const auto snapshot_began = std::chrono::steady_clock::now();
  if (opts_.checkpoint_each_call && since_snapshot_ > 0)
    snapshot = std::async(threaded ? std::launch::async : std::launch::deferred,
                          [this] { return SnapshotData(); });
  if (opts_.compose_pages) SL_RETURN_IF_ERROR(ComposeDirty(&rep));
  timer.Lap(&rep.compose_seconds);
  // A failed save is not the ingest's failure (the articles are stored):
  // since_snapshot_ stays, and the next Checkpoint() tries again and says.
  if (snapshot.valid()) {
    Status saved = SaveSnapshot(snapshot.get(), snapshot_began);
    if (!saved.ok()) since_snapshot_ = std::max<size_t>(since_snapshot_, 1);
  }
  return rep;
}

Result<compose::StoryPage> ComposeStory(
    store::Store* store, const std::string& story_id,
    const compose::Options& options,
    const std::vector<std::string>& outlet_hosts) {
  std::vector<store::StoredArticle> rows;
  SL_RETURN_IF_ERROR(store->StoryArticles(story_id, &rows));
  compose::StoryInput in;
  in.story_id = story_id;
  in.outlet_hosts = outlet_hosts;
  for (const store::StoredArticle& r : rows)
    in.articles.push_back({&r.article, r.event_id});
  return compose::Compose(in, options);
}

size_t Pipeline::Workers() const {
  if (opts_.ingest.threads > 0)
    return static_cast<size_t>(opts_.ingest.threads);
  return std::max(1u, std::thread::hardware_concurrency());
}

Status Pipeline::ComposeDirty(IngestReport* rep) {
  Result<std::vector<std::string>> dirty = store_->DirtyStories();
  if (!dirty.ok()) return dirty.status();
  std::vector<std::string> hosts(outlet_hosts_.begin(), outlet_hosts_.end());
  const size_t workers = Workers();
  // One analysis cache per worker; a story always goes to the same worker
  // (by its id), so its articles are analysed once across recompositions.
  while (compose_caches_.size() < workers)
    compose_caches_.push_back(std::make_unique<compose::AnalysisCache>(
        std::max<size_t>(1000, kComposeCacheArticles / workers)));
  Progress progress("compose", static_cast<int64_t>(dirty->size()));
  int done = 0;
  size_t next = 0;
  // Reads the next step's stories (this thread is the store's only user).
  auto read_step = [&](std::vector<internal::ComposeJob>* jobs) -> Status {
    jobs->clear();
    size_t articles = 0;
    while (next < dirty->size() &&
           jobs->size() < internal::kComposeStepStories &&
           articles < internal::kComposeStepArticles) {
      internal::ComposeJob job;
      job.id = (*dirty)[next++];
      SL_RETURN_IF_ERROR(internal::ReadJob(store_, &job));
      articles += job.rows.size();
      jobs->push_back(std::move(job));
    }
    return Status::Ok();
  };
  // Writes a composed step's pages in order, in one transaction: a page
  // and the end of its story's dirty mark are committed together.
  auto write_step = [&](std::vector<internal::ComposeJob>* jobs) -> Status {
    if (jobs->empty()) return Status::Ok();
    SL_RETURN_IF_ERROR(store_->Begin());
    for (internal::ComposeJob& job : *jobs) {
      progress.Update(++done);
      if (Metrics* m = opts_.metrics; m && job.composed) {
        m->Observe(kComposeSeconds, {}, job.seconds);
        if (job.row.published) m->Add(kPublished, {});
      }
      rep->pages_published += job.row.published ? 1 : 0;
      Status st = store_->PutPage(job.row, job.json, opts_.clock->NowSeconds());
      if (!st.ok()) {
        store_->Rollback();
        return st;
      }
      ++rep->stories_composed;
    }
    jobs->clear();
    return store_->Commit();
  };
  auto compose_share = [&](internal::StepQueue* queue, size_t w) {
    while (internal::ComposeJob* job = queue->Next(w))
      internal::ComposeOne(opts_, job, compose_caches_[w].get(), hosts);
  };
  // Step k is composed while this thread writes step k-1 and reads step
  // k+1; with one worker the three run in turn.
  std::vector<internal::ComposeJob> reading, composing, writing;
  SL_RETURN_IF_ERROR(read_step(&composing));
  while (!composing.empty()) {
    Status io;
    if (workers == 1) {
      for (internal::ComposeJob& job : composing)
        internal::ComposeOne(opts_, &job, compose_caches_[0].get(), hosts);
      io = read_step(&reading);
    } else {
      internal::StepQueue queue(&composing, workers);
      std::vector<std::jthread> pool;
      for (size_t w = 0; w < workers; ++w)
        pool.emplace_back(compose_share, &queue, w);
      io = write_step(&writing);
      if (io.ok()) io = read_step(&reading);
    }  // joins the pool
    if (!io.ok()) return io;
    std::swap(writing, composing);
    std::swap(composing, reading);
    if (workers == 1) SL_RETURN_IF_ERROR(write_step(&writing));
  }
  SL_RETURN_IF_ERROR(write_step(&writing));
  progress.Finish();
  return Status::Ok();
}

Result<compose::StoryPage> LoadPage(store::Store* store,
                                    const std::string& story_id) {
  Result<std::string> json = store->PageJson(story_id);
  if (!json.ok()) return json.status();
  return compose::FromJson(*json);
}

Status VerifyPages(store::Store* store, const std::string& story_id,
                   std::vector<std::string>* problems, int* pages) {
  std::vector<std::string> ids;
  if (!story_id.empty()) {
    ids.push_back(story_id);
  } else {
    Result<std::vector<store::StoryRow>> rows = store->ListStories();
    if (!rows.ok()) return rows.status();
    for (const store::StoryRow& r : *rows)
      if (r.version > 0) ids.push_back(r.id);
  }
  *pages = 0;
  for (const std::string& id : ids) {
    Result<compose::StoryPage> page = LoadPage(store, id);
    if (!page.ok()) {
      problems->push_back(id + ": " + page.status().ToString());
      continue;
    }
    ++*pages;
    std::map<std::string, store::StoredArticle> cache;
    auto lookup = [&](const std::string& aid) -> const Article* {
      auto it = cache.find(aid);
      if (it == cache.end()) {
        Result<std::optional<store::StoredArticle>> a = store->GetArticle(aid);
        if (!a.ok() || !a->has_value()) return nullptr;
        it = cache.emplace(aid, std::move(**a)).first;
      }
      return &it->second.article;
    };
    for (std::string& p : compose::Verify(*page, lookup))
      problems->push_back(std::move(p));
  }
  return Status::Ok();
}

}  // namespace storyline::pipeline
