// More table-driven cases for temporal::Tag: every pattern family of the
// rule tables, the joins, tense cues, other languages and non-dates. Each
// row is (text, reference date, expected expression, expected value); an
// empty expression means nothing may be tagged.
#include <gtest/gtest.h>

#include <string>

#include "common/time.h"
#include "temporal/temporal.h"

namespace storyline::temporal {
namespace {

struct Row {
  const char* text;
  const char* dct;
  const char* expr;
  const char* value;
};

// 2025-12-04, the reference of most rows, is a Thursday (ISO week 49).
const Row kRows[] = {
    // Absolute dates: US, UK and ordinal orders; AP abbreviations.
    {"The ceasefire began on December 2, 2025.", "2025-12-04",
     "December 2, 2025", "2025-12-02"},
    {"Signed on 2 December 2025 in Geneva.", "2025-12-04", "2 December 2025",
     "2025-12-02"},
    {"The memo, dated Sept. 30, 1989, leaked.", "2025-12-04", "Sept. 30, 1989",
     "1989-09-30"},
    {"The hearing is on Jan. 5.", "2025-12-04", "Jan. 5", "2026-01-05"},
    {"On Nov. 30 the vote was counted.", "2025-12-04", "Nov. 30", "2025-11-30"},
    {"It rained on December 2nd.", "2025-12-04", "December 2nd", "2025-12-02"},
    {"They married on the 2nd of December 2025.", "2025-12-04",
     "2nd of December 2025", "2025-12-02"},
    // Joined: a weekday before its date, a clock time before its day.
    {"The report came out on Monday, Dec. 1, 2025.", "2025-12-04",
     "Monday, Dec. 1, 2025", "2025-12-01"},
    {"The Times said on Thursday, Jan. 6, that it agreed.", "2000-01-06",
     "Thursday, Jan. 6", "2000-01-06"},
    {"The relatives have until 9 a.m. Tuesday to sign.", "2000-04-03",
     "9 a.m. Tuesday", "2000-04-04T09:00"},
    {"The offer expires at 5 p.m. EST, Nov. 9.", "1989-11-02",
     "5 p.m. EST, Nov. 9", "1989-11-09T17:00"},
    {"The ultimatum will expire at noon Saturday.", "1991-02-20",
     "noon Saturday", "1991-02-23T12:00"},
    {"Police said Tuesday at 9 a.m. the road reopened.", "2000-04-05", "9 a.m.",
     "2000-04-04T09:00"},
    {"The offer will expire at midnight Friday.", "1989-10-30",
     "midnight Friday", "1989-11-03T24:00"},
    {"The father will leave at 4 a.m. Thursday.", "2000-04-05",
     "4 a.m. Thursday", "2000-04-06T04:00"},
    {"U.S. officials will meet Monday.", "2025-12-04", "Monday", "2025-12-08"},
    // Quarters named with their year; "quarterly" is not a quarter.
    {"Sales for this year's third quarter rose.", "1989-10-30",
     "this year's third quarter", "1989-Q3"},
    {"In the 1988 third quarter, it lost money.", "1989-10-30",
     "the 1988 third quarter", "1988-Q3"},
    {"The spin-off could happen in next year's first quarter.", "1989-10-30",
     "next year's first quarter", "1990-Q1"},
    {"In the year-earlier third quarter, net was higher.", "1989-10-30",
     "the year-earlier third quarter", "1988-Q3"},
    {"It posted its first quarterly loss.", "1989-10-30", "", ""},
    // Tense: "this <month>", sentence-initial dates, "until".
    {"The election is due this September.", "1998-02-05", "this September",
     "1998-09"},
    {"In September, it announced plans to expand.", "1989-10-30", "September",
     "1989-09"},
    {"Until Thursday, they had not named a suspect.", "1999-05-07", "Thursday",
     "1999-05-06"},
    {"On Tuesday, the league plans to hold a news conference.", "1998-10-26",
     "Tuesday", "1998-10-27"},
    {"On Friday, the government paid the first claims.", "1998-09-30", "Friday",
     "1998-09-25"},
    {"On Tuesday his brothers, who will sing on Friday, defended the show.",
     "2011-10-05", "Tuesday", "2011-10-04"},
    // Reference phrases, seasons, the full year.
    {"In recent days prices fell.", "2025-12-04", "recent days", "PAST_REF"},
    {"Shares slid in recent weeks and months.", "2025-12-04",
     "recent weeks and months", "PAST_REF"},
    {"This past spring it rained.", "1989-10-30", "This past spring",
     "1989-SP"},
    {"For the full year, net rose.", "1989-10-30", "the full year", "1989"},
    // Weekdays with last/next/this; relative weeks, months, years.
    {"The bill passed last Tuesday.", "2025-12-04", "last Tuesday",
     "2025-12-02"},
    {"We meet again next Thursday.", "2025-12-04", "next Thursday",
     "2025-12-11"},
    {"The market opens this Friday.", "2025-12-04", "this Friday",
     "2025-12-05"},
    {"The plan leaked three weeks ago.", "2025-12-04", "three weeks ago",
     "2025-11-13"},
    {"The firm was sold two years ago.", "2025-12-04", "two years ago", "2023"},
    {"Work began this week.", "2025-12-04", "this week", "2025-W49"},
    {"Prices rise next month.", "2025-12-04", "next month", "2026-01"},
    {"Rules change next year.", "2025-12-04", "next year", "2026"},
    {"Sales fell this month.", "2025-12-04", "this month", "2025-12"},
    {"Output grew this year.", "2025-12-04", "this year", "2025"},
    {"The vote was earlier this month.", "2025-12-04", "earlier this month",
     "2025-12"},
    {"The plant shut late last year.", "2025-12-04", "late last year", "2024"},
    {"Hiring resumes early next year.", "2025-12-04", "early next year",
     "2026"},
    // Parts of day and clock times.
    {"The band plays tonight.", "2025-12-04", "tonight", "2025-12-04TNI"},
    {"Shots were fired Wednesday night.", "2025-12-04", "Wednesday night",
     "2025-12-03TNI"},
    {"She landed yesterday afternoon.", "2025-12-04", "yesterday afternoon",
     "2025-12-03TAF"},
    {"The court sits tomorrow morning.", "2025-12-04", "tomorrow morning",
     "2025-12-05TMO"},
    {"The bell rang at 10:30 a.m.", "2025-12-04", "10:30 a.m.",
     "2025-12-04T10:30"},
    {"The polls closed at 11 p.m.", "2025-12-04", "11 p.m.",
     "2025-12-04T23:00"},
    {"The fire began at 12 a.m.", "2025-12-04", "12 a.m.", "2025-12-04T00:00"},
    {"The curfew starts at midnight.", "2025-12-04", "midnight",
     "2025-12-04T24:00"},
    // Quarters, fiscal years, halves, seasons, decades, centuries.
    {"Sales in the third quarter of 2025 rose.", "2025-12-04",
     "the third quarter of 2025", "2025-Q3"},
    {"Revenue in fiscal 2024 was flat.", "2025-12-04", "fiscal 2024", "2024"},
    {"Growth slows in the second half of 2025.", "2025-12-04",
     "the second half of 2025", "2025-H2"},
    {"Sales in the fourth quarter are strong.", "2025-12-04",
     "the fourth quarter", "2025-Q4"},
    {"Sales in the first quarter were weak.", "2025-12-04", "the first quarter",
     "2025-Q1"},
    {"Snow is likely next summer.", "2025-12-04", "next summer", "2026-SU"},
    {"The lake froze last winter.", "2025-12-04", "last winter", "2024-WI"},
    {"The ferry ran in summer 2024.", "2025-12-04", "summer 2024", "2024-SU"},
    {"Prices doubled in the 1960s.", "2025-12-04", "the 1960s", "196"},
    {"Phones spread in the early 2000s.", "2025-12-04", "the early 2000s",
     "200"},
    {"Cities grow in the 21st century.", "2025-12-04", "the 21st century",
     "20"},
    // Holidays: the nearest occurrence, the future costing double.
    {"The shops reopen on New Year's Day.", "2025-12-04", "New Year's Day",
     "2026-01-01"},
    {"Lights go up for Christmas Day.", "2025-12-04", "Christmas Day",
     "2025-12-25"},
    {"Crowds gathered at Easter.", "2025-12-04", "Easter", "2025-04-20"},
    {"The strike began on Labor Day.", "2025-12-04", "Labor Day", "2025-09-01"},
    {"Children dressed up for Halloween.", "2025-12-04", "Halloween",
     "2025-10-31"},
    // Durations and sets.
    {"The strike lasted three days.", "2025-12-04", "three days", "P3D"},
    {"He served six months.", "2025-12-04", "six months", "P6M"},
    {"The trial took two years.", "2025-12-04", "two years", "P2Y"},
    {"The siege lasted 48 hours.", "2025-12-04", "48 hours", "PT48H"},
    {"The paper appears weekly.", "2025-12-04", "weekly", "P1W"},
    {"Fees are billed monthly.", "2025-12-04", "monthly", "P1M"},
    {"The fair is held annually.", "2025-12-04", "annually", "P1Y"},
    {"The choir sings every Sunday.", "2025-12-04", "every Sunday",
     "XXXX-WXX-7"},
    // German, French and Spanish dates, with and without a year.
    {"Le 17 janvier 2026, le vote a eu lieu.", "2025-12-04", "17 janvier 2026",
     "2026-01-17"},
    {"Die Wahl fand am 3. März 2024 statt.", "2025-12-04", "3. März 2024",
     "2024-03-03"},
    {"La reunión fue el 5 de mayo de 2023.", "2025-12-04", "5 de mayo de 2023",
     "2023-05-05"},
    {"Der Vertrag lief am 15. Oktober aus.", "2025-12-04", "15. Oktober",
     "2025-10-15"},
    {"Le texte entre en vigueur le 1er janvier 2026.", "2025-12-04",
     "1er janvier 2026", "2026-01-01"},
    {"Die Messe war im Mai 2024.", "2025-12-04", "Mai 2024", "2024-05"},
    {"Les élections de juin 2024 ont surpris.", "2025-12-04", "juin 2024",
     "2024-06"},
    {"Las protestas de agosto de 2024 crecieron.", "2025-12-04",
     "agosto de 2024", "2024-08"},
    // Not dates, and impossible dates (nothing is invented).
    {"The score was 6-7 at half time.", "2025-12-04", "", ""},
    {"He is 45 and lives in Ohio.", "2025-12-04", "", ""},
    {"The 747 landed safely.", "2025-12-04", "", ""},
    {"Call 555-1234 for tickets.", "2025-12-04", "", ""},
    {"The deal closed February 30, 2024.", "2025-12-04", "", ""},
    {"It ended 31 April 2025.", "2025-12-04", "", ""},
    // Ranges and ISO timestamps.
    {"Talks ran Dec. 6-7 in Doha.", "2025-12-10", "Dec. 6-7", "2025-12-06"},
    {"Talks ran 6-7 December 2025 in Doha.", "2025-12-10", "6-7 December 2025",
     "2025-12-06"},
    {"Talks ran March 3-5, 2024.", "2025-12-04", "March 3-5, 2024",
     "2024-03-03"},
    {"The log shows 2025-12-02T14:30 as the start.", "2025-12-04",
     "2025-12-02T14:30", "2025-12-02T14:30"},
    // Anaphora and two-step relatives.
    {"The quake hit on March 3, 2019. Two days later rescuers arrived.",
     "2025-12-04", "Two days later", "2019-03-05"},
    {"The vote was on Nov. 20. A week earlier the polls opened.", "2025-12-04",
     "A week earlier", "2025-11-13"},
    {"The dam broke on March 3, 2019. The previous week had been calm.",
     "2025-12-04", "The previous week", "2019-W08"},
    {"The firm was founded in 1962. Two years later it listed.", "2025-12-04",
     "Two years later", "1964"},
    {"Shares fell the day before yesterday.", "2025-12-04",
     "the day before yesterday", "2025-12-02"},
    {"Results come the day after tomorrow.", "2025-12-04",
     "the day after tomorrow", "2025-12-06"},
    {"The case was filed a month ago.", "2025-12-04", "a month ago", "2025-11"},
    {"It opened five days ago.", "2025-12-04", "five days ago", "2025-11-29"},
};

TEST(TemporalCasesTest, EveryRowResolves) {
  for (const Row& c : kRows) {
    int64_t dct = 0;
    ASSERT_TRUE(ParseIsoTime(c.dct, &dct)) << c.dct;
    std::vector<Timex> tx = Tag(c.text, dct);
    if (std::string(c.expr).empty()) {
      EXPECT_TRUE(tx.empty()) << c.text << " -> " << tx[0].text;
      continue;
    }
    const Timex* hit = nullptr;
    for (const Timex& t : tx)
      if (t.text == c.expr) hit = &t;
    ASSERT_NE(hit, nullptr) << "no '" << c.expr << "' in: " << c.text;
    EXPECT_EQ(hit->value, c.value) << c.text;
    EXPECT_EQ(std::string(c.text).substr(hit->span.begin, hit->span.size()),
              hit->text);
  }
}

}  // namespace
}  // namespace storyline::temporal
