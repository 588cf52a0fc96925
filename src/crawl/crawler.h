// crawl: poll feeds, fetch new articles politely, and feed them to the
// pipeline — one round at a time, all state in the store.
//
//   crawl::Crawler c(store, pipeline, fetcher, &clock, crawl::Options{});
//   c.AddFeeds({"https://x.example/rss.xml"});
//   Result<crawl::RoundReport> r = c.Round(/*ignore_schedule=*/true);
//   puts(r->LogLine().c_str());
//
// A round: poll the feeds that are due (all of them with ignore_schedule)
// with conditional GET; queue every new item (by GUID, else URL; a URL
// seen before is never queued again); fetch queued items, obeying
// robots.txt (and its crawl-delay); extract and ingest them; mark them
// done only after their articles are committed. So a crawl killed at any
// point resumes without losing or duplicating anything (re-fetching an
// already stored article is a no-op). Feed intervals adapt: halved when a
// poll finds new items, ×1.5 when not, within [min_poll_s, max_poll_s].
// With `warc_dir`, every response (feeds, robots.txt, pages) is also
// written to rotating WARC files that `storyline ingest` can replay.
// Not thread-safe; `stop` (if set) is checked between fetch batches.
#ifndef STORYLINE_CRAWL_CRAWLER_H_
#define STORYLINE_CRAWL_CRAWLER_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/metrics.h"
#include "ingest/fetch.h"
#include "ingest/robots.h"
#include "ingest/warc.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace storyline::crawl {

struct Options {
  std::string agent_token = "storyline";  // matched in robots.txt groups
  int initial_poll_s = 900;
  int min_poll_s = 120;
  int max_poll_s = 6 * 3600;
  int max_items_per_round = 20000;  // queued items fetched per round
  // New items queued from one feed per poll; a feed with more is polled
  // again next round (its validators dropped, so it is read in full) and
  // the rest are queued then: a 20,000-item feed takes two rounds.
  int max_new_items_per_poll = 10000;
  int fetch_batch = 1000;         // articles per fetch + ingest batch
  int max_attempts = 3;           // per item, then "failed"
  double max_crawl_delay_s = 30;  // longer robots delays are capped
  int max_feeds = 10000;          // OPML / sitemap-index growth bound
  std::string warc_dir;           // empty: no WARC output
  // Items a fetcher claims stay its own this long (Store::ClaimItems);
  // then another fetcher may take them (the first is presumed dead).
  int64_t claim_lease_s = 900;
  // Items a fetch worker claims per round (the rest stay for the others).
  int worker_claim = 100;
  // False: this crawler only fetches what others queued (a fetch worker
  // without feeds of its own).
  bool poll_feeds = true;
  const std::atomic<bool>* stop = nullptr;
  // Where each round's polls and fetches are counted (by result: the
  // storyline_feed_polls_total and storyline_crawl_fetches_total families,
  // docs/operations.md). Not owned; null: not counted.
  Metrics* metrics = nullptr;
};

struct RoundReport {
  int feeds_polled = 0, feeds_not_modified = 0, feeds_failed = 0;
  int feeds_added = 0;  // found in OPML files or sitemap indexes
  int new_items = 0, fetched = 0, fetch_errors = 0, disallowed = 0;
  int not_articles = 0, added = 0, pages_published = 0;
  int queued_for_assigner = 0;  // a fetch worker's articles
  bool worker = false;          // the round of a fetch worker
  int64_t queued_left = 0;
  double seconds = 0;
  std::vector<std::string> problems;  // "url: reason"
  std::string LogLine() const;
};

class Crawler {
 public:
  // Nothing is owned; all must outlive the Crawler. Without a pipeline
  // the Crawler is a fetch worker: it claims queued items (any number of
  // workers share them) and queues the articles it extracts for the one
  // assigner (Store::EnqueueArticles, `storyline assign`) in the
  // transaction that settles their items.
  Crawler(store::Store* store, pipeline::Pipeline* pipeline,
          ingest::Fetcher* fetcher, const Clock* clock, const Options& options);
  ~Crawler();

  // Adds feeds (idempotent). Each line of a feeds file is a URL; an OPML
  // file's subscriptions are read by the first round.
  Status AddFeeds(const std::vector<std::string>& urls);
  Result<RoundReport> Round(bool ignore_schedule);
  // Seconds until the next feed is due (0 when one is due now).
  Result<int64_t> SecondsToNextPoll();

 private:
  Status PollFeeds(bool ignore_schedule, RoundReport* r);
  Status FetchQueued(RoundReport* r);
  const ingest::Robots& RobotsFor(const std::string& url);
  void PrefetchRobots(const std::vector<std::string>& urls);
  void Archive(const ingest::FetchResult& f);
  bool Stopping() const { return opts_.stop && opts_.stop->load(); }
  // Adds one to `family` (with result=`result` unless null), if counting.
  void Count(const char* family, const char* result);
  static constexpr char kPolls[] = "storyline_feed_polls_total";
  static constexpr char kFetches[] = "storyline_crawl_fetches_total";

  store::Store* store_;
  pipeline::Pipeline* pipeline_;
  ingest::Fetcher* fetcher_;
  const Clock* clock_;
  Options opts_;
  struct CachedRobots {
    int64_t expires = 0;
    ingest::Robots rules;
    std::string error;  // why robots.txt could not be fetched, if so
  };
  std::map<std::string, CachedRobots> robots_;  // by origin
  // Why `url` may not be fetched ("" when it may).
  std::string Refusal(const std::string& url);
  std::unique_ptr<ingest::WarcWriter> warc_;
};

// Reads a feeds file: one URL per line ('#' comments), or an OPML file.
Result<std::vector<std::string>> ReadFeedsFile(const std::string& path);

}  // namespace storyline::crawl

#endif  // STORYLINE_CRAWL_CRAWLER_H_
