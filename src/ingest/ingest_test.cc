#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace storyline::ingest {
namespace {
namespace fs = std::filesystem;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("storyline_ingest_" +
         std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& data) {
    std::ofstream(dir_ / name, std::ios::binary) << data;
  }
  fs::path dir_;
};

TEST_F(IngestTest, ReadsEveryFormatAndReportsEveryProblem) {
  Write("a.html",
        "<html><head><title>Page A</title><meta "
        "property=\"article:published_time\" "
        "content=\"2025-10-01T08:00:00Z\"></head><body><p>Alpha paragraph long "
        "enough to be "
        "article text for the extractor.</p></body></html>");
  Write("sub/b.txt",
        "Title: Text B\nPublished: 2025-10-02\nOutlet: Local Paper\n\n"
        "First paragraph of B.\nSecond paragraph of B.\n");
  Write("c.jsonl",
        "{\"url\":\"https://x.example/1\",\"title\":\"J1\",\"text\":\"Body "
        "one.\","
        "\"published\":\"2025-10-03T00:00:00Z\",\"outlet\":\"X\",\"language\":"
        "\"en\"}\n"
        "{not json\n"
        "\n"
        "[1,2]\n"
        "{\"url\":\"https://x.example/2\",\"title\":\"J2\",\"html\":\"<p>Html "
        "body in json line "
        "that is long enough.</p>\"}\n");
  Write("empty.html", "");
  Write("bad-utf8.txt", "Title: Bad\n\nBytes \xFF\xFE inside.\n");
  Write("ignored.md", "# not an article");
  Write("big.html", std::string(3000, 'x'));
  Options o;
  o.max_file_bytes = 2048;
  FixedClock clock(1760000000);
  Batch b = ReadPaths({dir_.string(), (dir_ / "missing").string()}, o, clock);
  std::vector<std::string> titles;
  for (const Article& a : b.articles) titles.push_back(a.title);
  std::sort(titles.begin(), titles.end());
  EXPECT_EQ(titles,
            (std::vector<std::string>{"Bad", "J1", "J2", "Page A", "Text B"}));
  std::vector<std::string> where;
  for (const Problem& p : b.problems)
    where.push_back(fs::path(p.where).filename().string());
  std::sort(where.begin(), where.end());
  EXPECT_EQ(where,
            (std::vector<std::string>{"big.html", "c.jsonl:2", "c.jsonl:4",
                                      "empty.html", "missing"}));
  for (const Article& a : b.articles) {
    EXPECT_EQ(a.id.size(), 16u);
    EXPECT_FALSE(a.content_hash.empty());
    if (a.title == "Text B") {
      EXPECT_EQ(a.outlet, "Local Paper");
      EXPECT_EQ(a.blocks.size(), 2u);
      EXPECT_FALSE(a.published_guessed);
    }
    if (a.title == "J2") {  // no date: fetch time stands in
      EXPECT_TRUE(a.published_guessed);
      EXPECT_EQ(a.published, 1760000000);
    }
  }
}

TEST(ArticleIdTest, StableAndUrlBased) {
  Article a;
  a.canonical_url = "https://x.example/1";
  Article b = a;
  b.text = "different text";
  EXPECT_EQ(ArticleId(a), ArticleId(b));
  Article c;
  c.title = "t";
  c.text = "x";
  EXPECT_NE(ArticleId(a), ArticleId(c));
}

}  // namespace
}  // namespace storyline::ingest

namespace storyline::ingest {
namespace {

TEST(JsonLineTest, PublishedAcceptsIsoAndUnixTime) {
  struct Case {
    const char* published;  // JSON value
    int64_t want;
  };
  const Case cases[] = {
      {"\"2025-12-29T20:00:00Z\"", 1767038400},
      {"1767038400", 1767038400},
      {"\"1767038400\"", 1767038400},
      {"1767038400123", 1767038400},  // milliseconds
      {"\"yesterday\"", 0},
      {"-5", 0},
  };
  for (const Case& c : cases) {
    std::string line = std::string(
                           "{\"url\":\"https://x.example/a\",\"title\":"
                           "\"T\",\"text\":\"Body.\",\"published\":") +
                       c.published + "}";
    std::string id;
    Result<Article> a = ArticleFromJsonLine(line, Options{}, &id);
    ASSERT_TRUE(a.ok()) << c.published;
    EXPECT_EQ(a->published, c.want) << c.published;
  }
}

// The address: "url", else "link", else "meta.url" (the layout of the
// evaluation sets); a top-level one wins; without any, a urn from the id.
TEST(JsonLineTest, UrlFromUrlLinkOrMeta) {
  struct Case {
    const char* line;
    const char* want;
  };
  const Case cases[] = {
      {R"({"id":"1","url":"https://a.example/u","title":"T","text":"B."})",
       "https://a.example/u"},
      {R"({"id":"1","link":"https://a.example/l","title":"T","text":"B."})",
       "https://a.example/l"},
      {R"({"id":"1","meta":{"url":"https://a.example/m"},"title":"T","text":"B."})",
       "https://a.example/m"},
      {R"({"id":"1","url":"https://a.example/u","meta":{"url":"https://a.example/m"},"title":"T","text":"B."})",
       "https://a.example/u"},
      {R"({"id":"1","meta":{"url":[]},"title":"T","text":"B."})",
       "urn:storyline:1"},
      {R"({"id":"1","meta":"x","title":"T","text":"B."})", "urn:storyline:1"},
  };
  for (const Case& c : cases) {
    std::string id;
    Result<Article> a = ArticleFromJsonLine(c.line, Options{}, &id);
    ASSERT_TRUE(a.ok()) << c.line;
    EXPECT_EQ(a->url, c.want) << c.line;
  }
}

// A JSON line another program wrote with one bad byte or half a surrogate
// pair keeps its article (the damaged character becomes U+FFFD); a line
// that is not JSON is refused with the byte where parsing stopped.
TEST(JsonLineTest, RepairsBrokenCharactersAndNamesTheRest) {
  struct Case {
    std::string line;
    bool ok;
    const char* text;  // expected text when ok
  };
  const Case cases[] = {
      {"{\"title\":\"T\",\"text\":\"Ferry \xFF late.\"}", true,
       "Ferry \xEF\xBF\xBD late."},
      {"{\"title\":\"T\",\"text\":\"Ferry \\ud800 late.\"}", true,
       "Ferry \xEF\xBF\xBD late."},
      {"{\"title\":\"T\",\"text\":\"Ferry \\udc00 late.\"}", true,
       "Ferry \xEF\xBF\xBD late."},
      // A whole pair stays the character it encodes; an escaped backslash
      // before "u" is no escape.
      {"{\"title\":\"T\",\"text\":\"Ship \\ud83d\\udea2 \\\\ud800.\"}", true,
       "Ship \xF0\x9F\x9A\xA2 \\ud800."},
      {"{\"title\":\"T\",\"text\":", false, nullptr},
      {"{broken", false, nullptr},
  };
  for (const Case& c : cases) {
    std::string id;
    Result<Article> a = ArticleFromJsonLine(c.line, Options{}, &id);
    EXPECT_EQ(a.ok(), c.ok) << c.line;
    if (c.ok && a.ok()) {
      EXPECT_EQ(a->text, c.text) << c.line;
    }
    if (!c.ok && !a.ok()) {
      EXPECT_NE(a.status().message().find("byte"), std::string::npos)
          << a.status().ToString();
    }
  }
}

TEST(JsonLineTest, NumbersBeyondADoubleAreAnErrorNotACrash) {
  // nlohmann reports an overflowing number as out_of_range, not parse_error.
  for (const char* line :
       {"87e776", "{\"title\":\"T\",\"text\":\"x\",\"n\":1e999}"}) {
    std::string id;
    Result<Article> a = ArticleFromJsonLine(line, Options{}, &id);
    ASSERT_FALSE(a.ok()) << line;
    EXPECT_NE(a.status().message().find("malformed JSON"), std::string::npos)
        << a.status().ToString();
  }
}

TEST(LooksBinaryTest, TextIsNotBinary) {
  EXPECT_FALSE(LooksBinary("<html><body><p>Harbour news.</p></body></html>"));
  EXPECT_FALSE(LooksBinary("Plain text\twith tabs\r\nand lines.\n"));
  EXPECT_FALSE(LooksBinary(std::string("\xFF\xFE<\0h\0", 6)));  // UTF-16
  EXPECT_TRUE(LooksBinary(std::string("PK\x03\x04\0\0zip", 9)));
  std::string noisy(1000, 'a');
  for (int i = 0; i < 100; ++i) noisy[static_cast<size_t>(i * 10)] = '\x01';
  EXPECT_TRUE(LooksBinary(noisy));
}

}  // namespace
}  // namespace storyline::ingest
