#include <gtest/gtest.h>

#include "text/text.h"

namespace storyline::text {
namespace {

std::vector<std::string> Sentences(const std::string& t) {
  std::vector<std::string> out;
  for (Span s : SplitSentences(t)) out.push_back(t.substr(s.begin, s.size()));
  return out;
}

TEST(SentencesTest, TableOfCases) {
  struct Case {
    std::string text;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"One sentence here. Another one follows.",
       {"One sentence here.", "Another one follows."}},
      {"The U.S. envoy met Putin. He left.",
       {"The U.S. envoy met Putin.", "He left."}},
      {"Talks moved to the U.S. The envoy left.",
       {"Talks moved to the U.S.", "The envoy left."}},
      {"Dr. Ana Ruiz spoke. Then she left.",
       {"Dr. Ana Ruiz spoke.", "Then she left."}},
      {"The hearing is on Dec. 6 in Miami. It is public.",
       {"The hearing is on Dec. 6 in Miami.", "It is public."}},
      {"Mr. J. Smith arrived at 3 p.m. on Friday.",
       {"Mr. J. Smith arrived at 3 p.m. on Friday."}},
      {"\"We will win.\" He said nothing else.",
       {"\"We will win.\"", "He said nothing else."}},
      {"\xE2\x80\x9CIt is over,\xE2\x80\x9D she said. Next came the vote.",
       {"\xE2\x80\x9CIt is over,\xE2\x80\x9D she said.",
        "Next came the vote."}},
      {"\"Is it?\" she asked. Yes.", {"\"Is it?\" she asked.", "Yes."}},
      {"Prices rose 3.5 percent. Rates held.",
       {"Prices rose 3.5 percent.", "Rates held."}},
      {"First block\n\nSecond block.", {"First block", "Second block."}},
      {"No. 10 Downing Street said so. Fine.",
       {"No. 10 Downing Street said so.", "Fine."}},
      {"Wait... What happened?", {"Wait...", "What happened?"}},
      {"", {}},
      {"   ", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(Sentences(c.text), c.want) << c.text;
}

TEST(SentencesTest, OffsetsPointIntoText) {
  std::string t = "  Alpha beta.   Gamma delta!  ";
  for (Span s : SplitSentences(t)) {
    ASSERT_LE(s.end, t.size());
    EXPECT_NE(t[s.begin], ' ');
    EXPECT_NE(t[s.end - 1], ' ');
  }
}

TEST(NormalizeTest, NfcAndSpaces) {
  EXPECT_EQ(Normalize("Cafe\xCC\x81"),
            "Caf\xC3\xA9");  // e + combining acute → é
  EXPECT_EQ(Normalize("a\xC2\xA0\xC2\xA0"
                      "b"),
            "a b");
  EXPECT_EQ(Normalize("a\xE2\x80\x8B"
                      "b"),
            "ab");  // zero-width space removed
  // ZWNJ is part of Persian spelling ("سهمیه‌بندی"): kept.
  EXPECT_EQ(Normalize("\xD9\x87\xE2\x80\x8C\xD8\xA8"),
            "\xD9\x87\xE2\x80\x8C\xD8\xA8");
  EXPECT_EQ(Normalize("line one  \n  line two"), "line one\nline two");
  EXPECT_EQ(Normalize("bad\xFF"), "bad\xEF\xBF\xBD");
}

}  // namespace
}  // namespace storyline::text
