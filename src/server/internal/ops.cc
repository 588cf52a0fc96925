// The operator's endpoints: /healthz and /metrics (docs/operations.md).
#include <algorithm>
#include <cstdlib>

#include "common/metrics.h"
#include "common/strings.h"
#include "server/internal/routes.h"

namespace storyline::server::internal {
namespace {

// When the last feed poll was (Unix seconds; 0 when none was polled):
// a polled feed's next poll is its last poll plus its interval.
int64_t LastPoll(const std::vector<store::FeedState>& feeds) {
  int64_t last = 0;
  for (const store::FeedState& f : feeds)
    if (f.polls > 0) last = std::max<int64_t>(last, f.next_poll - f.interval_s);
  return last;
}

}  // namespace

// 200 when the store answers (and, with ?max_poll_age=S, a feed was polled
// within S seconds); else 503. The body says what was checked, as JSON.
Response Health(Context& ctx, const Request& req, const Captures&) {
  Response r;
  r.content_type = "application/json; charset=utf-8";
  r.cacheable = false;
  r.max_age = 0;
  auto db = ctx.pool().Acquire();
  Result<int64_t> generation =
      db.ok() ? (*db)->Generation() : Result<int64_t>(db.status());
  Result<std::vector<store::FeedState>> feeds =
      generation.ok()
          ? (*db)->Feeds()
          : Result<std::vector<store::FeedState>>(generation.status());
  if (!generation.ok() || !feeds.ok()) {
    r.status = 503;
    const Status& st = generation.ok() ? feeds.status() : generation.status();
    r.body = "{\"status\":\"error\",\"store\":\"" +
             JsonEscape(SanitizeUtf8(st.message())) + "\"}\n";
    return r;
  }
  int64_t last = LastPoll(*feeds);
  int64_t age =
      last > 0 ? std::max<int64_t>(0, ctx.clock().NowSeconds() - last) : -1;
  bool stale = false;
  if (auto it = req.params.find("max_poll_age"); it != req.params.end()) {
    int64_t max_age = std::atoll(it->second.c_str());
    stale = max_age > 0 && (age < 0 || age > max_age) && !feeds->empty();
  }
  r.status = stale ? 503 : 200;
  r.body = std::string("{\"status\":\"") + (stale ? "stale" : "ok") +
           "\",\"store\":\"ok\",\"generation\":" + std::to_string(*generation) +
           ",\"feeds\":" + std::to_string(feeds->size()) +
           ",\"last_poll_age_s\":" +
           (age < 0 ? std::string("null") : std::to_string(age)) + "}\n";
  return r;
}

// The counters of this process, then what the store holds now (any
// process's work): articles, published stories, queues, feeds.
Response MetricsPage(Context& ctx, const Request& req, const Captures&) {
  Metrics store_figures;
  store_figures.Define("storyline_articles", Metrics::kGauge,
                       "Articles in the store.");
  store_figures.Define("storyline_stories_published", Metrics::kGauge,
                       "Stories with a published page.");
  store_figures.Define("storyline_article_queue", Metrics::kGauge,
                       "Extracted articles waiting for the assigner.");
  store_figures.Define("storyline_crawl_items", Metrics::kGauge,
                       "Crawl items by state.");
  store_figures.Define("storyline_feeds", Metrics::kGauge, "Feeds polled.");
  store_figures.Define("storyline_last_poll_age_seconds", Metrics::kGauge,
                       "Seconds since the last feed poll (absent when none).");
  store_figures.Define("storyline_store_generation", Metrics::kGauge,
                       "The store's write generation.");
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto articles = (*db)->ArticleCount();
  auto generation = (*db)->Generation();
  auto queue = (*db)->QueueLength();
  auto items = (*db)->CrawlCounts();
  auto feeds = (*db)->Feeds();
  if (!articles.ok() || !generation.ok() || !queue.ok() || !items.ok() ||
      !feeds.ok())
    return Error(req, 503, "the store did not answer");
  store_figures.Set("storyline_articles", {}, static_cast<double>(*articles));
  store_figures.Set("storyline_store_generation", {},
                    static_cast<double>(*generation));
  store_figures.Set("storyline_article_queue", {}, static_cast<double>(*queue));
  for (const auto& [state, n] : *items)
    store_figures.Set("storyline_crawl_items", {{"state", state}},
                      static_cast<double>(n));
  store_figures.Set("storyline_feeds", {}, static_cast<double>(feeds->size()));
  if (int64_t last = LastPoll(*feeds); last > 0)
    store_figures.Set("storyline_last_poll_age_seconds", {},
                      static_cast<double>(std::max<int64_t>(
                          0, ctx.clock().NowSeconds() - last)));
  if (auto snap = ctx.Current(); snap.ok())
    store_figures.Set("storyline_stories_published", {},
                      static_cast<double>((*snap)->ranked.size()));
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.cacheable = false;
  r.max_age = 0;
  r.body = ctx.metrics().Text() + store_figures.Text();
  return r;
}

}  // namespace storyline::server::internal
