// The crawler against a fake fetcher (no network): paging through a feed
// larger than one poll may queue, and fetch workers sharing claimed items.
#include "crawl/crawler.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/clock.h"
#include "store/store.h"
#include "testing/prometheus.h"
#include "testing/temp_dir.h"

namespace storyline::crawl {
namespace {

// Serves fixed bodies by URL; anything else is a 404.
class FakeFetcher : public ingest::Fetcher {
 public:
  std::map<std::string, std::string> pages;
  std::vector<std::string> fetched;
  std::vector<ingest::FetchResult> FetchAll(
      const std::vector<ingest::FetchRequest>& requests) override {
    std::vector<ingest::FetchResult> out;
    for (const ingest::FetchRequest& r : requests) {
      fetched.push_back(r.url);
      ingest::FetchResult x;
      x.url = x.final_url = r.url;
      auto it = pages.find(r.url);
      x.http_status = it == pages.end() ? 404 : 200;
      if (it != pages.end()) {
        x.body = it->second;
        x.content_type = "application/rss+xml";
        x.etag = "\"v1\"";
      }
      out.push_back(std::move(x));
    }
    return out;
  }
};

std::string BigFeed(int items) {
  std::string rss =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
      "<title>Wire</title>";
  for (int i = 0; i < items; ++i)
    rss += "<item><title>Item " + std::to_string(i) +
           "</title><link>https://news.example/a/" + std::to_string(i) +
           "</link></item>";
  return rss + "</channel></rss>";
}

int64_t Queued(store::Store* db) {
  int64_t n = 0;
  for (const auto& [state, count] : db->CrawlCounts().value())
    if (state == "queued") n = count;
  return n;
}

// A feed with more new items than one poll may queue is read again the
// next round, and every item ends up queued once; the cap is reported.
TEST(CrawlerTest, PagesThroughAFeedLargerThanOnePoll) {
  testing::TempDir dir("crawler");
  auto st = store::Open(dir.Path("c.db"), {});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  store::Store* db = st->get();
  FakeFetcher fetcher;
  const std::string feed = "https://news.example/feed.xml";
  fetcher.pages[feed] = BigFeed(700);
  FixedClock clock(1764000000);
  Options o;
  o.max_new_items_per_poll = 300;
  o.max_items_per_round = 0;  // queue only; fetching is not under test
  // No pipeline: a fetch worker given a feed (it polls and queues).
  Crawler c(db, nullptr, &fetcher, &clock, o);
  ASSERT_TRUE(c.AddFeeds({feed}).ok());

  auto r1 = c.Round(/*ignore_schedule=*/false);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->new_items, 300);
  EXPECT_EQ(Queued(db), 300);
  bool told = false;
  for (const std::string& p : r1->problems)
    told |= p.find("the rest are queued next round") != std::string::npos;
  EXPECT_TRUE(told);
  auto feeds = db->Feeds().value();
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_NE(feeds[0].last_status.find("more next round"), std::string::npos);
  EXPECT_TRUE(feeds[0].etag.empty());                 // read in full next time
  EXPECT_LE(feeds[0].next_poll, clock.NowSeconds());  // due at once

  ASSERT_TRUE(c.Round(false).ok());
  EXPECT_EQ(Queued(db), 600);
  auto r3 = c.Round(false);
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->new_items, 100);
  EXPECT_EQ(Queued(db), 700);
  feeds = db->Feeds().value();
  EXPECT_EQ(feeds[0].last_status, "ok (rss)");
  EXPECT_GT(feeds[0].next_poll, clock.NowSeconds());  // back on schedule
  EXPECT_EQ(feeds[0].etag, "\"v1\"");
}

// Every poll and fetch is counted by result, in strict Prometheus text.
TEST(CrawlerTest, CountsPollsAndFetchesByResult) {
  testing::TempDir dir("crawler");
  auto st = store::Open(dir.Path("c.db"), {});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  FakeFetcher fetcher;
  const std::string feed = "https://news.example/feed.xml";
  fetcher.pages[feed] =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W"
      "</title><item><title>A</title><link>https://news.example/a</link>"
      "</item><item><title>B</title><link>https://news.example/gone</link>"
      "</item></channel></rss>";
  fetcher.pages["https://news.example/a"] =
      "<html><body><p>The Kessler Bridge reopened on Monday after repairs "
      "that took nine months.</p></body></html>";
  FixedClock clock(1764000000);
  Metrics m;
  Options o;
  o.metrics = &m;
  Crawler c(st->get(), nullptr, &fetcher, &clock, o);
  ASSERT_TRUE(c.AddFeeds({feed, "https://news.example/missing.xml"}).ok());
  ASSERT_TRUE(c.Round(/*ignore_schedule=*/true).ok());
  testing::PromText p = testing::ParsePrometheus(m.Text());
  ASSERT_TRUE(p.error.empty()) << p.error << "\n" << m.Text();
  EXPECT_EQ(p.Value("storyline_feed_polls_total", "result=\"ok\""), 1);
  EXPECT_EQ(p.Value("storyline_feed_polls_total", "result=\"error\""), 1);
  // The fake serves every page as RSS: the article is "not an article".
  EXPECT_EQ(p.Value("storyline_crawl_fetches_total", "result=\"not_article\""),
            1);
  EXPECT_EQ(p.Value("storyline_crawl_fetches_total", "result=\"error\""), 1);
  EXPECT_EQ(p.Value("storyline_crawl_rounds_total"), 1);
  ASSERT_TRUE(c.Round(true).ok());  // polls again, nothing new to fetch
  p = testing::ParsePrometheus(m.Text());
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.Value("storyline_feed_polls_total", "result=\"ok\""), 2);
  EXPECT_EQ(p.Value("storyline_crawl_rounds_total"), 2);
}

// One article linked eight ways (tracking parameters, a fragment, a bare
// '?', a dot segment, an upper-case host) is fetched once.
TEST(CrawlerTest, UrlVariantsOfOneArticleAreFetchedOnce) {
  testing::TempDir dir("crawler");
  auto st = store::Open(dir.Path("c.db"), {});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  FakeFetcher fetcher;
  const std::string feed = "https://news.example/feed.xml";
  const char* variants[] = {
      "https://news.example/art/kessler-bridge",
      "https://news.example/art/"
      "kessler-bridge?utm_source=rss&amp;utm_medium=feed",
      "https://news.example/art/kessler-bridge?fbclid=IwAR0abc",
      "https://news.example/art/kessler-bridge?gclid=Cj0KCQ",
      "https://news.example/art/kessler-bridge#section-2",
      "https://news.example/art/kessler-bridge?",
      "https://news.example/art/../art/kessler-bridge",
      "https://NEWS.example/art/kessler-bridge",
  };
  std::string rss =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
      "<title>Wire</title>";
  for (const char* v : variants)
    rss += std::string("<item><title>Kessler Bridge reopens</title><link>") +
           v + "</link></item>";
  fetcher.pages[feed] = rss + "</channel></rss>";
  fetcher.pages["https://news.example/art/kessler-bridge"] =
      "<html><body><p>The Kessler Bridge reopened on Monday.</p></body></html>";
  FixedClock clock(1764000000);
  Crawler c(st->get(), nullptr, &fetcher, &clock, Options{});
  ASSERT_TRUE(c.AddFeeds({feed}).ok());
  auto r = c.Round(/*ignore_schedule=*/true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->new_items, 1);
  int fetches = 0;
  for (const std::string& u : fetcher.fetched)
    fetches += u.find("kessler-bridge") != std::string::npos;
  EXPECT_EQ(fetches, 1);
}

}  // namespace
}  // namespace storyline::crawl
