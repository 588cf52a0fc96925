#include "temporal/temporal.h"

#include <gtest/gtest.h>

#include <set>

#include "common/time.h"
#include "temporal/internal/rules.h"

namespace storyline::temporal {
namespace {

int64_t Dct(const char* iso) {
  int64_t t = 0;
  EXPECT_TRUE(ParseIsoTime(iso, &t));
  return t;
}

struct Case {
  const char* text;
  const char* dct;
  const char* expr;   // expected matched text
  const char* value;  // expected value
};

// Thursday 4 December 2025 is the reference for most rows.
const Case kCases[] = {
    {"The meeting on Tuesday ended early.", "2025-12-04", "Tuesday",
     "2025-12-02"},
    {"They met on Thursday.", "2025-12-04", "Thursday", "2025-12-04"},
    {"Talks will resume on Tuesday.", "2025-12-04", "Tuesday", "2025-12-09"},
    {"It happened last Friday.", "2025-12-04", "last Friday", "2025-11-28"},
    {"We meet next Monday.", "2025-12-04", "next Monday", "2025-12-08"},
    {"Talks ran Dec 6-7, 2025 in Miami.", "2025-12-10", "Dec 6-7, 2025",
     "2025-12-06"},
    {"On 17 January the grid failed.", "2026-01-23", "17 January",
     "2026-01-17"},
    {"Voting is on November 2.", "2025-10-08", "November 2", "2025-11-02"},
    {"The plan was shown two weeks ago.", "2025-12-04", "two weeks ago",
     "2025-11-20"},
    {"Prices fell three days ago.", "2025-12-04", "three days ago",
     "2025-12-01"},
    {"Sales rose last month.", "2025-12-04", "last month", "2025-11"},
    {"Growth slowed last year.", "2025-12-04", "last year", "2024"},
    {"Deliveries start next week.", "2025-12-04", "next week", "2025-W50"},
    {"The talks were held in July.", "2025-12-04", "July", "2025-07"},
    {"Talks were held in Istanbul in July 2025.", "2025-12-04", "July 2025",
     "2025-07"},
    {"It was approved on Aug. 2, 2024.", "2025-12-04", "Aug. 2, 2024",
     "2024-08-02"},
    {"Filed 2025-03-14 with the court.", "2025-12-04", "2025-03-14",
     "2025-03-14"},
    {"It opened in 1968.", "2025-12-04", "1968", "1968"},
    {"She arrived yesterday.", "2025-12-04", "yesterday", "2025-12-03"},
    {"Results are due tomorrow.", "2025-12-04", "tomorrow", "2025-12-05"},
    {"The review will report by March.", "2025-11-11", "March", "2026-03"},
    {"Am 2. Dezember 2025 wurde verhandelt.", "2025-12-04", "2. Dezember 2025",
     "2025-12-02"},
    {"Le 2 décembre 2025, les pourparlers ont repris.", "2025-12-04",
     "2 décembre 2025", "2025-12-02"},
    {"El 2 de diciembre de 2025 se reunieron.", "2025-12-04",
     "2 de diciembre de 2025", "2025-12-02"},
    {"Work will resume after members backed a deal on Tuesday.", "2025-10-29",
     "Tuesday", "2025-10-28"},
    // Reference words, quarters, years, seasons, weekends, months, times.
    {"Profits rose in the third quarter.", "1989-10-26", "the third quarter",
     "1989-Q3"},
    {"Third-quarter sales fell.", "1989-10-26", "Third-quarter", "1989-Q3"},
    {"Sales in the fourth quarter of 1988 rose.", "1989-10-26",
     "the fourth quarter of 1988", "1988-Q4"},
    {"Earnings for the quarter rose.", "1989-10-26", "the quarter", "1989-Q3"},
    {"Sales are now higher.", "1989-10-26", "now", "PRESENT_REF"},
    {"The firm recently cut jobs.", "1989-10-26", "recently", "PAST_REF"},
    {"Rates may rise in the future.", "1989-10-26", "the future", "FUTURE_REF"},
    {"Sales rose from a year earlier.", "1989-10-26", "a year earlier", "1988"},
    {"The plant opened in 1990 and closed.", "1995-10-26", "1990", "1990"},
    {"Revenue for 1990 was flat.", "1995-10-26", "1990", "1990"},
    {"It cost $1990 to fix.", "1995-10-26", "", ""},
    {"Filed 2025-13-45 by mistake.", "2025-12-04", "", ""},
    {"The vote was held this summer.", "1998-10-26", "this summer", "1998-SU"},
    {"It happened last fall.", "1998-05-26", "last fall", "1997-FA"},
    {"Prices fall when supply rises.", "1998-05-26", "", ""},
    {"The deal closed last April.", "1989-10-26", "last April", "1989-04"},
    {"Talks resume next May.", "1989-10-26", "next May", "1990-05"},
    {"We rested over the weekend.", "1990-08-09", "the weekend", "1990-W31-WE"},
    {"She spoke this morning.", "1998-02-06", "this morning", "1998-02-06TMO"},
    {"The polls close at 5 p.m.", "1998-02-06", "5 p.m.", "1998-02-06T17:00"},
    {"They met at noon.", "1998-02-06", "noon", "1998-02-06T12:00"},
    {"Sales fell in the year to October.", "2009-12-06", "October", "2009-10"},
    {"The launch is at 18:00 UTC.", "2009-06-01", "18:00 UTC",
     "2009-06-01T18:00Z"},
    {"May I ask a question?", "2009-06-01", "", ""},
    {"He said on Fox News Sunday that it was over.", "2019-11-08", "", ""},
    {"The market fell on Black Monday.", "2019-11-08", "", ""},
    {"Officials said Friday the talks failed.", "2019-11-08", "Friday",
     "2019-11-08"},
    {"President Bush Friday signed the bill.", "1991-02-20", "Friday",
     "1991-02-15"},
    // Seeds' phrasing: reference dates and expressions like the real pages.
    {"Talks were held on Dec 6-7, 2025 in Miami.", "2025-12-10",
     "Dec 6-7, 2025", "2025-12-06"},
    {"The plan was presented two weeks ago.", "2025-12-04", "two weeks ago",
     "2025-11-20"},
    {"A leaked call surfaced last week.", "2025-12-04", "last week",
     "2025-W48"},
    {"The talks last July in Istanbul stalled.", "2025-12-04", "last July",
     "2025-07"},
    // Decades and centuries (TIMEX3: "199" is the 1990s, "19" the 1900s).
    {"Prices soared in the 1990s.", "2025-12-04", "the 1990s", "199"},
    {"It began in the mid-1970s.", "2025-12-04", "the mid-1970s", "197"},
    {"Music of the '80s returned.", "2025-12-04", "the '80s", "198"},
    {"Back in the nineties it was cheap.", "2025-12-04", "the nineties", "199"},
    {"The 20th century ended.", "2025-12-04", "The 20th century", "19"},
    {"The bridge is older than this century.", "2025-12-04", "this century",
     "20"},
    // Spelled-out years and holidays.
    {"It was built in nineteen ninety-six.", "2025-12-04",
     "nineteen ninety-six", "1996"},
    {"Plans for the year two thousand were made.", "1998-04-01",
     "the year two thousand", "2000"},
    {"Stores open on Christmas Eve.", "2025-12-04", "Christmas Eve",
     "2025-12-24"},
    {"They met after Thanksgiving.", "2025-12-04", "Thanksgiving",
     "2025-11-27"},
    {"Turnout fell on Election Day.", "2025-12-04", "Election Day",
     "2025-11-04"},
    {"The fire started on Good Friday.", "2025-05-01", "Good Friday",
     "2025-04-18"},
    {"Fireworks marked the Fourth of July, 2024.", "2025-12-04",
     "the Fourth of July, 2024", "2024-07-04"},
    {"Offices close on Memorial Day.", "2025-12-04", "Memorial Day",
     "2025-05-26"},
    // Halves, year-ends and "earlier this year".
    {"Sales rose in the first half of 2024.", "2025-12-04",
     "the first half of 2024", "2024-H1"},
    {"Profit fell earlier this year.", "2025-12-04", "earlier this year",
     "2025"},
    {"A decision is due later this month.", "2025-12-04", "later this month",
     "2025-12"},
    {"The law takes effect at the end of the year.", "2025-12-04",
     "the end of the year", "2025"},
    {"Output peaked in mid-2024.", "2025-12-04", "mid-2024", "2024"},
    {"Budgets for the current fiscal year were cut.", "1989-10-26",
     "the current fiscal year", "1989"},
    {"The plant closed June last year.", "1998-04-01", "June last year",
     "1997-06"},
    {"Talks begin the week of March 6.", "2000-02-28", "the week of March 6",
     "2000-W10"},
    {"Revenue in FY2024 was flat.", "2025-12-04", "FY2024", "2024"},
    // Reference phrases, vague durations.
    {"Crime has fallen in recent years.", "2025-12-04", "recent years",
     "PAST_REF"},
    {"Rates stay low in the near future.", "2025-12-04", "the near future",
     "FUTURE_REF"},
    {"The firm grew over the past year.", "1998-04-01", "the past year",
     "1997"},
    {"He was fined a decade ago.", "2025-12-04", "a decade ago", "201"},
    // Durations and sets.
    {"The strike lasted two weeks.", "2025-12-04", "two weeks", "P2W"},
    {"A three-month review began.", "2025-12-04", "three-month", "P3M"},
    {"Prices rose for the past five years.", "2025-12-04",
     "the past five years", "P5Y"},
    {"Talks ran for 14 hours.", "2025-12-04", "14 hours", "PT14H"},
    {"The market meets every Tuesday.", "2025-12-04", "every Tuesday",
     "XXXX-WXX-2"},
    {"The paper is printed daily.", "2025-12-04", "daily", "P1D"},
    {"The board meets twice a month.", "2025-12-04", "twice a month", "P1M"},
    // Anaphora: against the date the text mentioned last.
    {"He was arrested on Tuesday. The following day he was charged.",
     "2025-12-04", "The following day", "2025-12-03"},
    {"The dam broke on March 3, 2019. The previous day had been calm.",
     "2025-12-04", "The previous day", "2019-03-02"},
    {"The mill opened in 1962. Later that year it burned.", "2025-12-04",
     "Later that year", "1962"},
    {"Talks failed in May 2020. The following month, both sides returned.",
     "2025-12-04", "The following month", "2020-06"},
    {"Nobody said what happened the previous day.", "2025-12-04",
     "the previous day", "2025-12-03"},
    // Times of day with a clock.
    {"The fire broke out last night.", "2025-12-04", "last night",
     "2025-12-03TNI"},
    {"He left at 4 in the morning.", "2025-12-04", "4 in the morning",
     "2025-12-04T04:00"},
    // Plans look forward.
    {"Protesters planned to march on Saturday.", "2000-01-07", "Saturday",
     "2000-01-08"},
    {"He could fly home as early as Tuesday.", "2000-04-03", "Tuesday",
     "2000-04-04"},
    // Not dates: numbers and amounts stay untagged.
    {"He won two thousand votes.", "2025-12-04", "", ""},
    {"There were twenty one players.", "2025-12-04", "", ""},
};

// Each rule, alone, turns its own examples into their values: the pattern
// matches the whole example and the resolver beside it gives the value.
TEST(TemporalTest, EveryRuleResolvesItsOwnExamples) {
  std::set<std::string> names;
  size_t examples = 0;
  for (const auto* table : {&internal::Rules(), &internal::PeriodRules()}) {
    for (const internal::Rule& rule : *table) {
      EXPECT_TRUE(names.insert(rule.name).second)
          << "two rules named " << rule.name;
      ASSERT_TRUE(rule.re->ok()) << rule.name << ": " << rule.re->error();
      EXPECT_FALSE(rule.examples.empty()) << rule.name << " has no example";
      for (const internal::Example& ex : rule.examples) {
        ++examples;
        std::string_view text = ex.text;
        int n = rule.re->NumberOfCapturingGroups();
        std::vector<re2::StringPiece> sp(n + 1);
        ASSERT_TRUE(rule.re->Match(text, 0, text.size(), RE2::UNANCHORED,
                                   sp.data(), n + 1))
            << rule.name << " does not match its example '" << ex.text << "'";
        std::vector<std::string> g;
        for (int i = 1; i <= n; ++i)
          g.emplace_back(sp[i].data() ? std::string(sp[i]) : "");
        Timex t;
        t.type = "DATE";
        t.text = std::string(sp[0]);
        const CivilDay& ref = internal::kExampleReference;
        internal::Match m{g, text,
                          static_cast<size_t>(sp[0].data() - text.data()), ref,
                          DaysFromCivil(ref.year, ref.month, ref.day)};
        ASSERT_TRUE(rule.resolve(m, &t))
            << rule.name << " rejects its example '" << ex.text << "'";
        std::string got =
            t.value + (t.value_end.empty() ? "" : "/" + t.value_end);
        EXPECT_EQ(got, ex.value) << rule.name << ": '" << ex.text << "'";
      }
    }
  }
  EXPECT_GT(examples, names.size());
}

TEST(TemporalTest, TableOfExpressions) {
  for (const Case& c : kCases) {
    std::vector<Timex> tx = Tag(c.text, Dct(c.dct));
    if (std::string(c.expr).empty()) {  // nothing may be found
      EXPECT_TRUE(tx.empty()) << c.text << " → " << tx[0].text;
      continue;
    }
    bool found = false;
    for (const Timex& t : tx) {
      if (t.text == c.expr) {
        found = true;
        EXPECT_EQ(t.value, c.value) << c.text;
        EXPECT_EQ(std::string(c.text).substr(t.span.begin, t.span.size()),
                  t.text);
      }
    }
    EXPECT_TRUE(found) << "no '" << c.expr << "' in: " << c.text;
  }
}

TEST(TemporalTest, YearBackAfterAQuarterMeansThatQuarter) {
  std::vector<Timex> tx = Tag(
      "Third-quarter profit rose 5% from a year earlier.", Dct("1989-10-26"));
  ASSERT_EQ(tx.size(), 2u);
  EXPECT_EQ(tx[1].value, "1988-Q3");
  EXPECT_EQ(Tag("Sales fell from a year earlier.", Dct("1989-10-26"))[0].value,
            "1988");
}

TEST(TemporalTest, RangesCarryTheirEnd) {
  std::vector<Timex> tx = Tag("Talks ran Dec 6-7, 2025.", Dct("2025-12-10"));
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_EQ(tx[0].value_end, "2025-12-07");
  EXPECT_EQ(HumanLabel(tx[0].value, tx[0].value_end),
            "Dec 6\xE2\x80\x93"
            "7, 2025");
}

TEST(TemporalTest, ImpossibleDatesAreNotInvented) {
  EXPECT_TRUE(
      Tag("It was signed on February 30, 2025.", Dct("2025-12-04")).empty());
  EXPECT_TRUE(Tag("Filed 2025-13-45.", Dct("2025-12-04")).empty());
}

TEST(TemporalTest, HugeDigitRunIsBounded) {
  std::string digits(1 << 20, '7');
  std::vector<Timex> tx = Tag(digits, Dct("2025-12-04"));
  EXPECT_TRUE(tx.empty());
}

// Property: a day printed in any supported format, in any language we read,
// re-tagged, resolves to itself; so do its month and our own page label.
TEST(TemporalTest, PrintedDatesRoundTrip) {
  static const char* const kAp[12] = {"Jan.",  "Feb.", "March", "April",
                                      "May",   "June", "July",  "Aug.",
                                      "Sept.", "Oct.", "Nov.",  "Dec."};
  static const char* const kDe[12] = {
      "Januar", "Februar", "März",      "April",   "Mai",      "Juni",
      "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
  static const char* const kFr[12] = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static const char* const kEs[12] = {
      "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
      "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
  int checked = 0;
  for (int64_t d = DaysFromCivil(2024, 1, 1); d < DaysFromCivil(2026, 1, 1);
       d += 5) {
    CivilDay c = CivilFromDays(d);
    const int m = c.month - 1;
    const std::string day = std::to_string(c.day),
                      year = std::to_string(c.year);
    const std::string iso = FormatDay(c);
    const std::vector<std::string> forms = {
        iso,
        std::string(kMonthName[m]) + " " + day + ", " + year,
        day + " " + kMonthName[m] + " " + year,
        std::string(kAp[m]) + " " + day + ", " + year,
        std::string(kWeekdayName[Weekday(d)]) + ", " + kAp[m] + " " + day +
            ", " + year,
        day + ". " + kDe[m] + " " + year,
        day + " " + kFr[m] + " " + year,
        day + " de " + kEs[m] + " de " + year,
        FormatHumanDay(c),
    };
    for (const std::string& s : forms) {
      std::vector<Timex> tx = Tag("Reported " + s + ".", Dct("2025-06-01"));
      ASSERT_EQ(tx.size(), 1u) << s;
      EXPECT_EQ(tx[0].value, iso) << s;
      EXPECT_EQ(tx[0].text, s);
      ++checked;
    }
    const std::string month = iso.substr(0, 7);
    for (const std::string& s :
         {std::string(kMonthName[m]) + " " + year,
          std::string(kDe[m]) + " " + year, std::string(kEs[m]) + " de " + year,
          HumanLabel(month, "")}) {
      std::vector<Timex> tx = Tag("Reported in " + s + ".", Dct("2025-06-01"));
      ASSERT_EQ(tx.size(), 1u) << s;
      EXPECT_EQ(tx[0].value, month) << s;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1500);
}

TEST(TemporalTest, LabelsShowOnlyExpressedGranularity) {
  EXPECT_EQ(HumanLabel("2025-07", ""), "Jul 2025");
  EXPECT_EQ(HumanLabel("2025-12-02", ""), "Dec 2, 2025");
  EXPECT_EQ(HumanLabel("2025", ""), "2025");
  int64_t f = 0, l = 0;
  EXPECT_TRUE(ValueToDays("2025-02", &f, &l));
  EXPECT_EQ(l - f, 27);
  EXPECT_FALSE(ValueToDays("2025-W49", &f, &l));
}

}  // namespace
}  // namespace storyline::temporal

namespace storyline::temporal {
namespace {

TEST(CalendarWordTest, MonthsAndWeekdaysButNotMay) {
  for (const char* w :
       {"September", "sept", "Monday", "décembre", "Oktober", "enero"})
    EXPECT_TRUE(IsCalendarWord(w)) << w;
  for (const char* w : {"May", "Valmera", "Marta", ""})
    EXPECT_FALSE(IsCalendarWord(w)) << w;
}

}  // namespace
}  // namespace storyline::temporal
