#include <gtest/gtest.h>

#include "text/text.h"

namespace storyline::text {
namespace {

TEST(TokenizerTest, OffsetsStemsStopwords) {
  Tokenizer tok("en");
  std::string t = "The negotiators were negotiating; 1,000 ships don't move.";
  std::vector<Token> toks = tok.Tokenize(t);
  ASSERT_EQ(toks.size(), 8u);
  for (const Token& k : toks) {
    EXPECT_EQ(ToLower(t.substr(k.span.begin, k.span.size())), k.lower);
  }
  EXPECT_EQ(toks[0].lower, "the");
  EXPECT_EQ(toks[0].stem, "");  // stopword
  EXPECT_TRUE(toks[0].capitalized);
  EXPECT_EQ(toks[1].stem, toks[3].stem);  // negotiators / negotiating
  EXPECT_EQ(toks[4].lower, "1,000");
  EXPECT_TRUE(toks[4].number);
  EXPECT_EQ(toks[6].lower, "don't");
}

TEST(TokenizerTest, GermanStemmingAndUnicodeCase) {
  Tokenizer tok("de");
  std::vector<Token> toks = tok.Tokenize("Die BRÜCKE und die Brücken");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[1].lower, "brücke");
  EXPECT_EQ(toks[1].stem, toks[4].stem);
  EXPECT_EQ(toks[0].stem, "");  // "die" is a stopword
}

TEST(TokenizerTest, UnknownLanguageStillTokenizes) {
  Tokenizer tok("xx");
  std::vector<Token> toks = tok.Tokenize("alpha beta");
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].stem, "alpha");
}

}  // namespace
}  // namespace storyline::text
