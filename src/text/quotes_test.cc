#include "text/quotes.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline::text {
namespace {

struct Case {
  const char* sentence;
  const char* quote;  // "" when no quotation must be found
  const char* speaker;
};

TEST(QuotesTest, Table) {
  const Case cases[] = {
      {"\xE2\x80\x9C"
       "Both sides have moved, but not far enough,\xE2\x80\x9D "
       "mediator Ines Duarte said.",
       "\xE2\x80\x9C"
       "Both sides have moved, but not far enough,\xE2\x80\x9D",
       "Ines Duarte"},
      {"\"We will rebuild the bridge,\" said Mayor Lidia Warnke.",
       "\"We will rebuild the bridge,\"", "Lidia Warnke"},
      {"\"We will rebuild the bridge,\" Lidia Warnke said on Friday.",
       "\"We will rebuild the bridge,\"", "Lidia Warnke"},
      {"Dmitry Peskov told reporters: \"There is no such plan at all.\"",
       "\"There is no such plan at all.\"", "Dmitry Peskov"},
      {"Karl Imhof, the engineer who led the inspection, said: \"The "
       "warnings were clear.\"",
       "\"The warnings were clear.\"", "Karl Imhof"},
      {"The talks were \"a waste of everyone's time\", according to Paul "
       "Anker.",
       "\"a waste of everyone's time\"", "Paul Anker"},
      {"\"In my personal experience, I believed him,\" Mr Alvarez said.",
       "\"In my personal experience, I believed him,\"", "Alvarez"},
      {"\"We will keep going until they listen,\" Prime Minister Theresa "
       "May said.",
       "\"We will keep going until they listen,\"", "Theresa May"},
      // No named speaker: nothing.
      {"\"We will rebuild the bridge,\" he said.", "", ""},
      {"\"We will rebuild the bridge,\" officials said.", "", ""},
      {"They called it \"a disgrace\".", "", ""},  // too short, no speaker
      {"The sign read \"closed until further notice\" on Monday.", "", ""},
      // Unclosed quotation: nothing, no crash.
      {"\"We will rebuild the bridge, Lidia Warnke said.", "", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) {
    std::string s = c.sentence;
    std::vector<Quotation> qs = FindQuotations(s);
    if (!*c.quote) {
      EXPECT_TRUE(qs.empty()) << s;
      continue;
    }
    ASSERT_EQ(qs.size(), 1u) << s;
    EXPECT_EQ(s.substr(qs[0].quote.begin, qs[0].quote.size()), c.quote) << s;
    EXPECT_EQ(s.substr(qs[0].speaker.begin, qs[0].speaker.size()), c.speaker)
        << s;
  }
}

TEST(QuotesTest, BoundedOnHostileInput) {
  std::string s;
  for (int i = 0; i < 5000; ++i) s += "\"a b c\" ";
  EXPECT_LE(FindQuotations(s).size(), 8u);
}

}  // namespace
}  // namespace storyline::text
