// Site templates (templates.h): a host's repeated lines are dropped once
// its earlier pages showed them; another host's pages, long paragraphs,
// the same URL seen again and the bounds behave as documented. The sites
// and texts are invented.
#include "extract/templates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace storyline::extract {
namespace {

const char kPolicy[] = "Please read our comment policy before commenting.";

Article Page(const std::string& url, const std::string& body) {
  Article a = ingest::ArticleFromText("Title", body);
  a.url = url;
  a.canonical_url = url;
  return a;
}

std::string Body(int i) {
  return "The Marlow council voted on ferry plan number " + std::to_string(i) +
         " after a long debate about fares and timetables.\n" + kPolicy;
}

TEST(SiteTemplatesTest, RepeatedLinesOfAHostGoAfterColdStart) {
  SiteTemplates t;
  for (int i = 0; i < 3; ++i) {
    Article a = Page("https://harbour.example/p" + std::to_string(i), Body(i));
    EXPECT_EQ(t.Apply(&a), 0) << i;  // cold start: kept
    EXPECT_NE(a.text.find(kPolicy), std::string::npos);
  }
  Article a = Page("https://harbour.example/p3", Body(3));
  EXPECT_EQ(t.Apply(&a), 1);
  EXPECT_EQ(a.text.find(kPolicy), std::string::npos) << a.text;
  ASSERT_EQ(a.blocks.size(), 1u);
  EXPECT_EQ(a.text.substr(a.blocks[0].text.begin, a.blocks[0].text.size()),
            a.text);
  // Another host's page with the same line keeps it.
  Article other = Page("https://tesk.example/p0", Body(4));
  EXPECT_EQ(t.Apply(&other), 0);
  EXPECT_NE(other.text.find(kPolicy), std::string::npos);
  EXPECT_EQ(t.hosts(), 2u);
}

// What a host's pages taught is carried across a restart: loaded into a
// fresh instance, the fourth page loses its furniture at once (a fresh
// instance without it would keep it: cold start).
TEST(SiteTemplatesTest, SavedStateDropsWhatTheOriginalDrops) {
  SiteTemplates t;
  for (int i = 0; i < 3; ++i) {
    Article a = Page("https://harbour.example/p" + std::to_string(i), Body(i));
    t.Apply(&a);
  }
  serial::Writer w;
  t.Save(&w);
  const std::string bytes = w.Finish();
  SiteTemplates loaded;
  serial::Reader r(bytes);
  ASSERT_TRUE(loaded.Load(&r).ok()) << r.status().ToString();
  EXPECT_TRUE(r.done());
  EXPECT_EQ(loaded.hosts(), 1u);
  Article a = Page("https://harbour.example/p3", Body(3));
  EXPECT_EQ(loaded.Apply(&a), 1);
  SiteTemplates fresh;
  Article b = Page("https://harbour.example/p3", Body(3));
  EXPECT_EQ(fresh.Apply(&b), 0);
  // More hosts than the options allow is refused, not loaded.
  TemplateOptions tiny;
  tiny.max_hosts = 0;
  SiteTemplates small(tiny);
  serial::Reader r2(bytes);
  EXPECT_EQ(small.Load(&r2).code(), StatusCode::kCorruption);
}

TEST(SiteTemplatesTest, TheSamePageAgainAndLongParagraphsCountNot) {
  SiteTemplates t;
  for (int i = 0; i < 5; ++i) {  // one URL five times: one page
    Article a = Page("https://harbour.example/same", Body(i));
    t.Apply(&a);
  }
  Article a = Page("https://harbour.example/new", Body(9));
  EXPECT_EQ(t.Apply(&a), 0);
  const std::string para(400, 'x');  // over max_block_bytes
  for (int i = 0; i < 5; ++i) {
    Article p = Page(
        "https://dock.example/" + std::to_string(i),
        "Short opening line number " + std::to_string(i) + " here.\n" + para);
    EXPECT_EQ(t.Apply(&p), 0);
  }
}

TEST(SiteTemplatesTest, APageOfNothingButFurnitureKeepsIt) {
  SiteTemplates t;
  for (int i = 0; i < 4; ++i) {
    Article a = Page("https://harbour.example/e" + std::to_string(i), kPolicy);
    EXPECT_EQ(t.Apply(&a), 0);
    EXPECT_EQ(a.text, kPolicy);
  }
}

TEST(SiteTemplatesTest, HostsAndBlocksStayBounded) {
  TemplateOptions o;
  o.max_hosts = 16;
  o.max_blocks_per_host = 8;
  SiteTemplates t(o);
  for (int i = 0; i < 200; ++i) {
    std::string body;
    for (int k = 0; k < 20; ++k)
      body += "Line " + std::to_string(i * 100 + k) + " of a hostile page.\n";
    Article a = Page(
        "https://h" + std::to_string(i % 40) + ".example/x" + std::to_string(i),
        body);
    t.Apply(&a);
    EXPECT_LE(t.hosts(), 16u);
  }
}

}  // namespace
}  // namespace storyline::extract
