// Every rendering of a story page shows every section of it: the web app's
// page, the static site, the standalone file, text and Markdown. A page
// whose every field holds a marker is rendered by each; a renderer that
// forgets a section fails here, by name.
#include "server/site.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "server/internal/views.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace storyline::server {
namespace {

using compose::StoryPage;

// A page whose every shown field holds its own marker.
StoryPage FullPage() {
  StoryPage p;
  p.story_id = "0123456789abcdef";
  p.headline = "HEADLINE-MARK";
  p.article_count = 3;
  p.outlet_count = 2;
  p.updated = 1764928800;
  p.whats_new = {{"e2", "WHATSNEW-MARK", "a2"}};
  compose::Section s;
  s.event_id = "e1";
  s.heading = "HEADING-MARK";
  s.sentences = {
      {"SENTENCE-MARK.", "", {1}, {}},
      {"OPINION-MARK.", "In Outlet, ATTRIBUTION-MARK argues:", {2}, {}}};
  p.sections = {s};
  compose::Source s1;
  s1.n = 1;
  s1.article_id = "a1";
  s1.outlet = "OUTLET-MARK";
  s1.title = "SOURCE-TITLE-MARK";
  s1.url = "https://outlet.example/a1";
  s1.kind = "news";
  s1.gist = "GIST-MARK";
  compose::Source s2 = s1;
  s2.n = 2;
  s2.article_id = "a2";
  s2.kind = "opinion";
  s2.title = "OPINION-TITLE-MARK";
  p.sources = {s1, s2};
  compose::TimelineEntry t;
  t.value = "2025-12-02";
  t.label = "TIMELINE-LABEL-MARK";
  t.text = "TIMELINE-TEXT-MARK.";
  t.quote = "\xE2\x80\x9CTIMELINE-QUOTE-MARK\xE2\x80\x9D";
  t.cite = 1;
  p.timeline = {t};
  p.substories = {{"e1", "SUBSTORY-MARK", "SUBOUTLET-MARK", "a1", 2}};
  p.related = {{"a3",
                "RELATED-OUTLET-MARK",
                "RELATED-TITLE-MARK",
                "https://outlet.example/a3",
                1764900000,
                {"COPY-MARK"}}};
  p.resources = {{"https://resource-mark.example/report.pdf", "", 2}};
  compose::Quote q;
  q.text = "\xE2\x80\x9CQUOTE-MARK\xE2\x80\x9D";
  q.speaker = "SPEAKER-MARK";
  q.cite = 1;
  p.quotes = {q};
  compose::KeyName n;
  n.name = "NAME-MARK";
  n.articles = 2;
  n.kind = "person";
  p.names = {n};
  return p;
}

// Each section by the marker that shows it.
const std::vector<std::pair<const char*, const char*>> kSections = {
    {"headline", "HEADLINE-MARK"},
    {"what's new", "WHATSNEW-MARK"},
    {"section heading", "HEADING-MARK"},
    {"summary sentence", "SENTENCE-MARK"},
    {"opinion sentence", "OPINION-MARK"},
    {"opinion attribution", "ATTRIBUTION-MARK"},
    {"key names", "NAME-MARK"},
    {"quote", "QUOTE-MARK"},
    {"quote speaker", "SPEAKER-MARK"},
    {"source outlet", "OUTLET-MARK"},
    {"source headline", "SOURCE-TITLE-MARK"},
    {"source kind", "opinion"},
    {"source gist", "GIST-MARK"},
    {"timeline date", "TIMELINE-LABEL-MARK"},
    {"timeline sentence", "TIMELINE-TEXT-MARK"},
    {"timeline quote", "TIMELINE-QUOTE-MARK"},
    {"sub-story", "SUBSTORY-MARK"},
    {"sub-story outlet", "SUBOUTLET-MARK"},
    {"sub-story count", "(2 articles)"},
    {"related article", "RELATED-TITLE-MARK"},
    {"related outlet", "RELATED-OUTLET-MARK"},
    {"republished by", "COPY-MARK"},
    {"external resource", "https://resource-mark.example/report.pdf"},
    {"article count", "3 articles"},
};

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(SiteTest, EveryRendererShowsEverySection) {
  const StoryPage p = FullPage();
  testing::TempDir dir("site");
  std::string db_path = dir.Path("t.db");
  {
    auto db = store::Open(db_path, {});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    store::StoryRow row;
    row.id = p.story_id;
    row.headline = p.headline;
    row.article_count = p.article_count;
    row.outlet_count = p.outlet_count;
    row.updated = p.updated;
    row.published = true;
    store::StoredArticle a;  // the story exists once an article is in it
    a.article.id = "a1";
    a.article.url = "https://outlet.example/a1";
    a.article.outlet = "OUTLET-MARK";
    a.article.title = "SOURCE-TITLE-MARK";
    a.article.text = "SENTENCE-MARK.";
    a.article.published = p.updated;
    a.event_id = "e1";
    a.story_id = p.story_id;
    ASSERT_TRUE((*db)->Begin().ok());
    ASSERT_TRUE((*db)->PutArticle(a).ok());
    ASSERT_TRUE((*db)->PutPage(row, compose::ToJson(p), p.updated).ok());
    ASSERT_TRUE((*db)->Commit().ok());
    int pages = 0;
    Status st = ExportSite(db->get(), dir.Path("site"), &pages);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(pages, 1);
  }
  const std::filesystem::path site = dir.path() / "site";
  const std::string index = ReadFile(site / "index.html");
  EXPECT_NE(index.find("href=\"s/0123456789abcdef.html\""), std::string::npos);
  EXPECT_NE(index.find("HEADLINE-MARK"), std::string::npos);
  EXPECT_FALSE(ReadFile(site / "style.css").empty());

  const std::map<std::string, std::string> renderings = {
      {"web app", internal::StoryHtml(p, 1, internal::Snapshot{},
                                      internal::ReaderState{})},
      {"static site", ReadFile(site / "s" / "0123456789abcdef.html")},
      {"standalone", StandaloneStoryHtml(p)},
      {"text", compose::RenderText(p)},
      {"markdown", compose::RenderMarkdown(p)},
  };
  for (const auto& [renderer, out] : renderings) {
    for (const auto& [section, marker] : kSections)
      EXPECT_NE(out.find(marker), std::string::npos)
          << renderer << " does not show the " << section;
  }
  // The static and standalone pages link nowhere the web app lives.
  for (const char* r : {"static site", "standalone"}) {
    const std::string& html = renderings.at(r);
    EXPECT_EQ(html.find("href=\"/"), std::string::npos) << r;
    EXPECT_EQ(html.find("action=\"/"), std::string::npos) << r;
    EXPECT_NE(html.find("href=\"https://outlet.example/a1\""),
              std::string::npos)
        << r;
  }
  EXPECT_NE(renderings.at("static site").find("href=\"../style.css\""),
            std::string::npos);
  EXPECT_NE(renderings.at("standalone").find("<style>"), std::string::npos);
  EXPECT_NE(renderings.at("web app").find("href=\"/a/a1\""), std::string::npos);
}

TEST(SiteTest, ArticleTextIsEscapedAndHostileUrlsAreNotLinked) {
  StoryPage p = FullPage();
  p.headline = "<script>alert(1)</script> \"quoted\" & <img onerror=x>";
  p.sources[0].title = p.headline;
  p.sources[0].url = "javascript:alert(1)";
  p.related[0].url = "javascript:alert(2)";
  p.resources[0].url = "javascript:alert(3)";
  for (const std::string& html :
       {StandaloneStoryHtml(p), internal::StoryHtml(p, 1, internal::Snapshot{},
                                                    internal::ReaderState{})}) {
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  }
}

TEST(SiteTest, UnwritableDirectoryIsAClearError) {
  testing::TempDir dir("site_err");
  auto db = store::Open(dir.Path("t.db"), {});
  ASSERT_TRUE(db.ok());
  std::ofstream(dir.Path("file")) << "x";
  int pages = 0;
  Status st = ExportSite(db->get(), dir.Path("file") + "/site", &pages);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot create"), std::string::npos)
      << st.ToString();
}

}  // namespace
}  // namespace storyline::server
