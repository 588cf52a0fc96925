// Metadata lines (internal/lines.h): one row per pattern, each with a
// look-alike that is body text and must stay. The names and outlets are
// invented.
#include "extract/internal/lines.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/extract.h"
#include "text/text.h"

namespace storyline::extract::internal {
namespace {

struct Case {
  const char* text;
  LineKind want;
  const char* byline;  // for kByline
};

class LinesTest : public ::testing::TestWithParam<Case> {};

TEST_P(LinesTest, Classifies) {
  const Case& c = GetParam();
  Line l = ClassifyLine(c.text, text::ToLower(c.text));
  EXPECT_EQ(static_cast<int>(l.kind), static_cast<int>(c.want)) << c.text;
  if (c.want == LineKind::kByline) {
    EXPECT_EQ(l.byline, c.byline) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, LinesTest,
    ::testing::Values(
        // Dates and bylines, in the shapes pages print them.
        Case{"01 Nov 2019, 12:24 by Ivo Marek", LineKind::kByline, "Ivo Marek"},
        Case{"15 Nov 2019 by Harbour Post", LineKind::kByline, "Harbour Post"},
        Case{"01 Nov 2019, 12:00 by Алексей Громов", LineKind::kByline,
             "Алексей Громов"},
        Case{"Submitted by Frank on November 15, 2019 - 1:42pm",
             LineKind::kByline, "Frank"},
        Case{"By Cara Dee and Jo Roe, Staff Writers", LineKind::kByline,
             "By Cara Dee and Jo Roe, Staff Writers"},
        Case{"by Ana Ruiz / Ivo MAREK", LineKind::kByline,
             "by Ana Ruiz / Ivo MAREK"},
        Case{"Por Ana Ruiz. Periodista", LineKind::kByline,
             "Por Ana Ruiz. Periodista"},
        Case{"15 Nov 2019", LineKind::kDate, ""},
        Case{"Updated: March 3, 2020 at 5:45 p.m. ET", LineKind::kDate, ""},
        Case{"— Published on November 15, 2019", LineKind::kDate, ""},
        Case{"15 ноября 2019, 12:30", LineKind::kDate, ""},
        Case{"14:30, 02 лис 2019", LineKind::kDate, ""},
        Case{"Mon 11.11.2019 | 14:30", LineKind::kDate, ""},
        Case{"Aktualisiert am 12.11.2019 um 14:30 Uhr", LineKind::kDate, ""},
        // Counters and reading times.
        Case{"прочитано 388 раз", LineKind::kCounter, ""},
        Case{"1,204 views", LineKind::kCounter, ""},
        Case{"Просмотров: 5 120", LineKind::kCounter, ""},
        Case{"4 min read", LineKind::kCounter, ""},
        Case{"Lesezeit: 3 Minuten", LineKind::kCounter, ""},
        Case{"12 comments", LineKind::kCounter, ""},
        // Labels.
        Case{"Opinion", LineKind::kLabel, ""},
        Case{"análisis", LineKind::kLabel, ""},
        Case{"Publicidade", LineKind::kLabel, ""},
        Case{"Noticia", LineKind::kLabel, ""},
        Case{"Read Time:", LineKind::kLabel, ""},
        // Body text that looks like the above and must stay.
        Case{"By the end of 2019, 12 ferries had been sold.", LineKind::kText,
             ""},
        Case{"In 2019, 12 people died on the pass.", LineKind::kText, ""},
        Case{"The vote is on 15 Nov 2019 in Marlow and Tesk.", LineKind::kText,
             ""},
        Case{"Madden NFL 20", LineKind::kText, ""},
        Case{"The 388 views of the valley were painted in 1911 by hand.",
             LineKind::kText, ""},
        Case{"Opinion polls close at 8 p.m.", LineKind::kText, ""},
        Case{"News of the strike reached the port on Tuesday.", LineKind::kText,
             ""},
        Case{"By Tuesday the river had fallen 2 metres.", LineKind::kText, ""},
        Case{"Por el primer caso de lesión pulmonar", LineKind::kText, ""},
        Case{"Von der Leyen names her team", LineKind::kText, ""},
        Case{"by the sea", LineKind::kText, ""}));

TEST(LinesTest, ParagraphLabels) {
  EXPECT_EQ(LeadingLabelBytes("topline: the council voted 7-2 to close it."),
            9u);
  EXPECT_EQ(LeadingLabelBytes("key background: the mill closed in 1998."), 16u);
  EXPECT_EQ(LeadingLabelBytes("the topline: figure rose"), 0u);
  EXPECT_EQ(LeadingLabelBytes("topline:"), 0u);
}

TEST(LinesTest, RepairsWhatThePageGotWrong) {
  struct {
    const char* in;
    const char* want;
  } rows[] = {
      {"the &quot;green&quot; plan", "the \"green\" plan"},
      {"he was grabbed.<blockquote class=\"ig-media\" data-x=\"1\"> A "
       "post</blockquote>",
       "he was grabbed. A post"},
      {"how to make a phone.Vietnamese firms",
       "how to make a phone. Vietnamese firms"},
      // Stays: addresses, initials, a comparison, code-like words.
      {"write to jo.Roe@example.org or www.example.Org/x",
       "write to jo.Roe@example.org or www.example.Org/x"},
      {"U.S. and E.U. talks", "U.S. and E.U. talks"},
      {"if a < b and c > d", "if a < b and c > d"},
      {"the <marquee> of old", "the <marquee> of old"},
  };
  for (const auto& r : rows) EXPECT_EQ(RepairText(r.in), r.want) << r.in;
  EXPECT_TRUE(LooksLikeData(
      R"([ { "src": "https://img.example/a.jpg", "w": "320", "sizes": "90vw" } ])"));
  EXPECT_FALSE(LooksLikeData(
      R"(She said: "We will stay." He said: "We go." They said: "No.")"));
  EXPECT_TRUE(LooksLikeData(
      "international | Jo Roe | https://cdn.example/a.jpg | Harbour Post"));
  EXPECT_FALSE(LooksLikeData("Fares | Timetable | Contact"));
  EXPECT_FALSE(LooksLikeData(
      "Read the report at https://council.example/r.pdf | it has 40 pages."));
}

// Through the extractor: the byline, counter and label lines of a page are
// metadata (the author is taken from them), never the text's first line;
// a date line between paragraphs stays; a double <br> ends a paragraph.
TEST(LinesTest, ExtractKeepsMetadataOutOfText) {
  const std::string html = R"(<html><head><title>Ferry sold</title></head>
<body><article><h1>Ferry sold</h1>
<p>Opinion</p>
<address><time datetime="2019-11-01T12:24:00Z">01 Nov 2019, 12:24</time>
 by <a rel="author" href="/a/ivo">Ivo Marek</a></address>
<p>прочитано 388 раз</p>
<p>Topline: The Marlow ferry was sold to a shipping line from Tesk on
Friday, ending forty years of council ownership of the crossing.</p>
<p>The buyer said the timetable would not change before the spring and
that the crew of eleven would keep their jobs for at least two years.</p>
<p>14:05</p>
<p>Councillors who voted against the sale said the price was too low
and that the town would regret it.<br><br><b>What happens next</b><br><br>
A hearing is set for January.</p>
<p>Sources: <b>Port data</b><b><br></b><b><br></b>The tonnage fell by a
third over the year.</p>
<p>Two suspects are still missing. <a href="/notice.html">Advertisement</a>
<a href="/notice.html">Advertisement</a> The police said more arrests were
likely within the week.</p>
<p>4 min read</p>
<p>15 Nov 2019</p>
</article></body></html>)";
  Result<Article> a = Extract(html, "https://example.org/ferry");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text.rfind("The Marlow ferry was sold", 0), 0u) << a->text;
  EXPECT_EQ(a->text.find("388"), std::string::npos) << a->text;
  EXPECT_EQ(a->text.find("Ivo Marek"), std::string::npos) << a->text;
  EXPECT_EQ(a->text.find("Topline"), std::string::npos) << a->text;
  EXPECT_EQ(a->text.find("min read"), std::string::npos) << a->text;
  EXPECT_NE(a->text.find("14:05"), std::string::npos) << a->text;
  EXPECT_EQ(a->text.find("15 Nov 2019"), std::string::npos) << a->text;
  EXPECT_NE(a->text.find("\n\nWhat happens next\n\nA hearing"),
            std::string::npos)
      << a->text;
  EXPECT_NE(a->text.find("Port data\n\nThe tonnage"), std::string::npos)
      << a->text;
  EXPECT_NE(a->text.find("still missing. The police said"), std::string::npos)
      << a->text;
  EXPECT_EQ(a->byline, "Ivo Marek");
  EXPECT_EQ(a->kind, ArticleKind::kOpinion);
}

}  // namespace
}  // namespace storyline::extract::internal
