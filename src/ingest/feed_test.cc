#include "ingest/feed.h"

#include <gtest/gtest.h>

#include "common/time.h"

namespace storyline::ingest {
namespace {

const char kBase[] = "https://news.example/feeds/main.xml";

TEST(FeedTest, ParsesEveryFormat) {
  struct Case {
    const char* name;
    std::string body;
    FeedKind kind;
    std::vector<std::string> urls;
    std::vector<std::string> feeds;
  };
  const Case cases[] = {
      {"rss 2.0",
       R"(<?xml version="1.0"?><rss version="2.0"><channel><title>Main</title>
<item><title>A &lt;b&gt;bold&lt;/b&gt; title</title><link>/2025/a</link>
<guid isPermaLink="false">id-a</guid><pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate></item>
<item><title><![CDATA[B <i>cdata</i>]]></title><guid>https://news.example/b</guid></item>
<item><title>no link</title></item></channel></rss>)",
       FeedKind::kRss,
       {"https://news.example/2025/a", "https://news.example/b"},
       {}},
      {"rss 0.91",
       R"(<rss version="0.91"><channel><item><link>http://o.example/x</link></item></channel></rss>)",
       FeedKind::kRss,
       {"http://o.example/x"},
       {}},
      {"rss 1.0 rdf",
       R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example/"><title>R</title></channel>
<item rdf:about="https://news.example/r1"><title>R1</title><link>https://news.example/r1</link><dc:date>2025-12-02T10:00:00Z</dc:date></item>
</rdf:RDF>)",
       FeedKind::kRdf,
       {"https://news.example/r1"},
       {}},
      {"atom",
       R"(<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &amp;amp; co</title>
<entry><id>tag:x,2025:1</id><title>E1</title><link rel="self" href="/self"/><link href="e1.html"/><updated>2025-12-02T10:00:00+01:00</updated></entry>
<entry><id>tag:x,2025:2</id><title>E2</title><link rel="alternate" type="text/html" href="https://news.example/e2"/></entry>
</feed>)",
       FeedKind::kAtom,
       {"https://news.example/feeds/e1.html", "https://news.example/e2"},
       {}},
      {"json feed",
       R"({"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://news.example/j1","title":"J1","date_published":"2025-12-02T10:00:00Z"},{"id":"2","external_url":"/j2"},{"id":"3"}]})",
       FeedKind::kJsonFeed,
       {"https://news.example/j1", "https://news.example/j2"},
       {}},
      {"opml",
       R"(<opml version="2.0"><head><title>Subs</title></head><body>
<outline text="News"><outline type="rss" xmlUrl="https://a.example/rss"/><outline xmlUrl="javascript:void 0"/></outline>
<outline type="rss" xmlUrl="/local.atom"/></body></opml>)",
       FeedKind::kOpml,
       {},
       {"https://news.example/local.atom", "https://a.example/rss"}},
      {"google news sitemap",
       R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/s1</loc><news:news><news:publication_date>2025-12-02</news:publication_date><news:title>S1</news:title></news:news></url>
<url><loc>https://news.example/s2</loc><lastmod>2025-12-01T08:00:00Z</lastmod></url></urlset>)",
       FeedKind::kSitemap,
       {"https://news.example/s1", "https://news.example/s2"},
       {}},
      {"sitemap index",
       R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/sm-1.xml</loc></sitemap></sitemapindex>)",
       FeedKind::kSitemapIndex,
       {},
       {"https://news.example/sm-1.xml"}},
  };
  for (const Case& c : cases) {
    Result<Feed> f = ParseFeed(c.body, kBase, {});
    ASSERT_TRUE(f.ok()) << c.name << ": " << f.status().ToString();
    EXPECT_EQ(f->kind, c.kind) << c.name;
    std::vector<std::string> urls;
    for (const FeedItem& it : f->items) urls.push_back(it.url);
    EXPECT_EQ(urls, c.urls) << c.name;
    EXPECT_EQ(f->feeds, c.feeds) << c.name;
  }
}

TEST(FeedTest, TitlesDatesAndGuids) {
  auto f = ParseFeed(
      R"(<rss><channel><item><title>A &lt;b&gt;bold&lt;/b&gt; &amp;amp; title</title><link>/a</link>
<guid isPermaLink="false">id-a</guid><pubDate>Tue, 02 Dec 2025 10:00:00 +0100</pubDate></item>
<item><title>bad date</title><link>/b</link><pubDate>yesterday-ish</pubDate></item></channel></rss>)",
      kBase, {});
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].title, "A bold & title");
  EXPECT_EQ(f->items[0].guid, "id-a");
  EXPECT_EQ(f->items[0].Key(), "id-a");
  EXPECT_EQ(FormatIsoTime(f->items[0].published), "2025-12-02T09:00:00Z");
  EXPECT_EQ(f->items[1].published, 0);
  EXPECT_EQ(f->items[1].Key(), "https://news.example/b");
}

TEST(FeedTest, BadInputIsAClearErrorOrBounded) {
  struct Case {
    const char* name;
    std::string body;
    const char* message;
  };
  std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
      "<rss><channel><item><title>&lol3;</title><link>/x</link></item>"
      "</channel></rss>";
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "<a>";
  const Case cases[] = {
      {"html page",
       "<!DOCTYPE "
       "html><html><head><title>x</title></head><body><p>hi</p></body></html>",
       "HTML page"},
      {"broken xml", "<rss><channel><item><title>x</item>", "XML error"},
      {"other xml", "<svg></svg>", "root element <svg>"},
      {"bad json", "{\"items\": [", "invalid JSON"},
      {"json without items", "{\"version\": 1}", "without items"},
      {"too big", std::string(11u << 20, ' '), "budget"},
      {"deep nesting", deep, "XML error"},
  };
  for (const Case& c : cases) {
    Result<Feed> f = ParseFeed(c.body, kBase, {});
    ASSERT_FALSE(f.ok()) << c.name;
    EXPECT_NE(f.status().message().find(c.message), std::string::npos)
        << c.name << ": " << f.status().ToString();
  }
  // Billion laughs: entities are not expanded, the item is kept.
  Result<Feed> f = ParseFeed(laughs, kBase, {});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_LT(f->items[0].title.size(), 100u);
  // Item budget.
  std::string many = "<rss><channel>";
  for (int i = 0; i < 50; ++i)
    many += "<item><link>/i" + std::to_string(i) + "</link></item>";
  many += "</channel></rss>";
  FeedOptions small;
  small.max_items = 10;
  EXPECT_EQ(ParseFeed(many, kBase, small)->items.size(), 10u);
}

TEST(FeedTest, DeclaredLatin1IsConverted) {
  std::string body =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item>"
      "<title>Caf\xE9 M\xFCller</title><link>/c</link></item></channel></rss>";
  auto f = ParseFeed(body, kBase, {});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->items[0].title, "Caf\xC3\xA9 M\xC3\xBCller");
}

}  // namespace
}  // namespace storyline::ingest

namespace storyline::ingest {
namespace {

TEST(FeedBudgetTest, ItemsPastTheBudgetAreCountedNotKept) {
  std::string rss = "<rss version=\"2.0\"><channel><title>W</title>";
  for (int i = 0; i < 12; ++i)
    rss +=
        "<item><link>https://x.example/" + std::to_string(i) + "</link></item>";
  rss += "</channel></rss>";
  FeedOptions o;
  o.max_items = 5;
  Result<Feed> f = ParseFeed(rss, "https://x.example/feed", o);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->items.size(), 5u);
  EXPECT_EQ(f->items_over_budget, 7u);
  EXPECT_EQ(f->items[4].url, "https://x.example/4");
}

}  // namespace
}  // namespace storyline::ingest
