// The crawler against a fake fetcher (no network): paging through a feed
// larger than one poll may queue, and fetch workers sharing claimed items.
#include "crawl/crawler.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/clock.h"
#include "store/store.h"
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

}  // namespace
}  // namespace storyline::crawl
