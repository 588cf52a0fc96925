// Headline and heading lines: which titles qualify, how they are cleaned,
// where a sentence may be cut, and that Verify refuses a line cut
// anywhere else. Titles and sentences are our own fiction.
#include "compose/internal/headline.h"

#include <gtest/gtest.h>

#include "compose/compose.h"

namespace storyline::compose {
namespace {

Article Titled(const std::string& title, const std::string& outlet = "",
               ArticleKind kind = ArticleKind::kNews) {
  Article a;
  a.id = "a1";
  a.title = title;
  a.outlet = outlet;
  a.kind = kind;
  return a;
}

std::string Cut(std::string_view s, Span sp) {
  return std::string(s.substr(sp.begin, sp.size()));
}

struct TitleCase {
  const char* title;
  const char* outlet;
  const char* line;  // nullptr: must not be a headline
};

TEST(HeadlineTest, TitlesThatQualifyAndHowTheyAreCleaned) {
  const TitleCase cases[] = {
      {"Dockworkers strike at Port of Valmera", "",
       "Dockworkers strike at Port of Valmera"},
      {"Exclusive: Harbour board to sell its tug fleet", "",
       "Harbour board to sell its tug fleet"},
      {"WATCH LIVE: Mayor opens the Kessler Bridge inquiry", "",
       "Mayor opens the Kessler Bridge inquiry"},
      {"Valmera news: Ferry crews vote to strike in Ostrand", "",
       "Ferry crews vote to strike in Ostrand"},
      {"[Reportage] Ferry crews vote to strike in Ostrand", "",
       "Ferry crews vote to strike in Ostrand"},
      {"Valmera port reopens after strike | Marsh Ledger", "Marsh Ledger",
       "Valmera port reopens after strike"},
      {"Valmera port reopens after strike - The Daily Ledger", "",
       "Valmera port reopens after strike"},
      // A speaker before the colon is an attribution, not a kicker.
      {"Warnke: the port will reopen on Monday", "",
       "Warnke: the port will reopen on Monday"},
      {"Гахария: Грузия перейдет на голосование по спискам", "",
       "Гахария: Грузия перейдет на голосование по спискам"},
      // A lower-case tail after a dash is a clause (the attribution).
      {"Nothing to investigate – former envoy says of the Valmera deal", "",
       "Nothing to investigate – former envoy says of the Valmera deal"},
      {"Ничего не нужно было расследовать – экспосол США", "",
       "Ничего не нужно было расследовать – экспосол США"},
      // Not headlines.
      {"", "", nullptr},
      {"Why did the Kessler Bridge fall?", "", nullptr},
      {"How the Varga Museum jewels were stolen", "", nullptr},
      {"The Key Moments of the Valmera Strike Hearings", "", nullptr},
      {"Cardiline recall: what patients need to know", "", nullptr},
      {"Ferry strike: live updates from the harbour", "", nullptr},
      {"Garrett suspended for at least rest of season and p", "", nullptr},
      {"Port board votes to sell tugs and", "", nullptr},
      {"Port board votes to sell its tugs…", "", nullptr},
      {"Трамп обеспечит себе второй президент\xD1", "", nullptr},
      {"پول بنزین چگونه تقسیم می شود؟ + عکس", "", nullptr},
      {"Harbour", "", nullptr},
  };
  for (const TitleCase& c : cases) {
    Article a = Titled(c.title, c.outlet);
    Span sp;
    double q = internal::TitleLine(a, &sp);
    if (!c.line) {
      EXPECT_EQ(q, 0) << c.title;
      continue;
    }
    EXPECT_GT(q, 0) << c.title;
    EXPECT_EQ(Cut(a.title, sp), c.line) << c.title;
    EXPECT_TRUE(internal::EndsAtBoundary(a.title, sp)) << c.title;
  }
}

TEST(HeadlineTest, OpinionAndShortTitlesWeighLess) {
  Span sp;
  double news = internal::TitleLine(
      Titled("Port of Valmera reopens after ten-day strike"), &sp);
  double opinion =
      internal::TitleLine(Titled("Port of Valmera reopens after ten-day strike",
                                 "", ArticleKind::kOpinion),
                          &sp);
  double shorter = internal::TitleLine(Titled("Valmera port reopens"), &sp);
  EXPECT_GT(news, opinion);
  EXPECT_GT(news, shorter);
}

struct ClauseCase {
  const char* sentence;
  int max_words;
  const char* line;  // nullptr: no line
};

TEST(HeadlineTest, SentencesKeepTheirMainClause) {
  const ClauseCase cases[] = {
      // Fits whole: the full stop goes.
      {"The Port of Valmera reopened on Monday.", 12,
       "The Port of Valmera reopened on Monday"},
      // A trailing clause after a safe cue goes.
      {"Talks to end the Valmera dock strike have collapsed, with the union "
       "walking out of the mediator's office after nine hours.",
       12, "Talks to end the Valmera dock strike have collapsed"},
      {"The ferry fleet was grounded amid fears that the storm would "
       "strengthen "
       "overnight.",
       8, "The ferry fleet was grounded"},
      // The tail holds the attribution: no cut.
      {"The bridge had been rated poor for years, with two piers cracked, "
       "inspectors told the hearing.",
       8, nullptr},
      // A conditional is never dropped.
      {"The union will return to work on Monday if the port board signs the "
       "offer tonight.",
       8, nullptr},
      // A question is not a line.
      {"Will the port reopen before the holiday season begins?", 12, nullptr},
  };
  for (const ClauseCase& c : cases) {
    std::string text = c.sentence;
    Span sp;
    bool ok = internal::ClauseLine(
        text, {0, static_cast<uint32_t>(text.size())}, 3, c.max_words, &sp);
    if (!c.line) {
      EXPECT_FALSE(ok) << c.sentence << " -> " << Cut(text, sp);
      continue;
    }
    ASSERT_TRUE(ok) << c.sentence;
    EXPECT_EQ(Cut(text, sp), c.line);
    EXPECT_TRUE(internal::EndsAtBoundary(text, sp)) << c.sentence;
  }
}

TEST(HeadlineTest, BoundaryRefusesCutsMidPhrase) {
  const std::string t =
      "Talks to end the Valmera dock strike have collapsed, with the union "
      "walking out. The board met again on Friday.";
  auto span = [&](std::string_view part) {
    size_t b = t.find(part);
    return Span{static_cast<uint32_t>(b),
                static_cast<uint32_t>(b + part.size())};
  };
  EXPECT_TRUE(internal::EndsAtBoundary(
      t, span("Talks to end the Valmera dock strike have collapsed")));
  EXPECT_TRUE(
      internal::EndsAtBoundary(t, span("The board met again on Friday")));
  // Ends mid-phrase, on a function word, or starts mid-sentence.
  EXPECT_FALSE(
      internal::EndsAtBoundary(t, span("Talks to end the Valmera dock")));
  EXPECT_FALSE(internal::EndsAtBoundary(t, span("Talks to end the")));
  EXPECT_FALSE(internal::EndsAtBoundary(
      t, span("the Valmera dock strike have collapsed")));
  EXPECT_FALSE(internal::EndsAtBoundary(t, Span{3, 3}));
  // A text cut off after a conjunction, in other languages too.
  for (const std::string cut :
       {"El motor ofrece 620 CV a 7.500 revoluciones por minuto y",
        "Порт закрыт, суда стоят на рейде и", "Der Hafen bleibt zu und"}) {
    EXPECT_FALSE(internal::EndsAtBoundary(
        cut, Span{0, static_cast<uint32_t>(cut.size())}))
        << cut;
  }
}

TEST(HeadlineTest, VerifyChecksHeadlineEvidenceAndCuts) {
  Article a;
  a.id = "a1";
  a.title = "Exclusive: Valmera port reopens after strike | Marsh Ledger";
  a.text =
      "Talks to end the Valmera dock strike have collapsed, with the union "
      "walking out.";
  StoryPage p;
  p.story_id = "s";
  p.headline = "Valmera port reopens after strike";
  p.headline_article_id = "a1";
  size_t b = a.title.find(p.headline);
  p.headline_evidence = {
      "a1",
      {static_cast<uint32_t>(b), static_cast<uint32_t>(b + p.headline.size())},
      true};
  ArticleLookup lookup = [&](const std::string& id) {
    return id == "a1" ? &a : nullptr;
  };
  EXPECT_TRUE(Verify(p, lookup).empty());
  // The same words cut mid-phrase fail.
  p.headline = "Valmera port reopens after";
  p.headline_evidence.span.end =
      p.headline_evidence.span.begin + static_cast<uint32_t>(p.headline.size());
  EXPECT_FALSE(Verify(p, lookup).empty());
  // A line from the text: the main clause passes, a mid-clause cut fails.
  p.headline = "Talks to end the Valmera dock strike have collapsed";
  p.headline_evidence = {
      "a1", {0, static_cast<uint32_t>(p.headline.size())}, false};
  EXPECT_TRUE(Verify(p, lookup).empty());
  p.headline = "Talks to end the Valmera dock strike";
  p.headline_evidence.span.end = static_cast<uint32_t>(p.headline.size());
  EXPECT_FALSE(Verify(p, lookup).empty());
  // Words that are not at the span fail; an empty headline fails.
  p.headline = "Talks collapse";
  EXPECT_FALSE(Verify(p, lookup).empty());
  p.headline = "";
  EXPECT_FALSE(Verify(p, lookup).empty());
}

}  // namespace
}  // namespace storyline::compose
