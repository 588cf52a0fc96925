#include "common/time.h"

#include <gtest/gtest.h>

namespace storyline {
namespace {

TEST(TimeTest, CivilRoundTripOverCenturies) {
  for (int64_t d = -200000; d <= 200000; d += 7) {
    CivilDay c = CivilFromDays(d);
    ASSERT_TRUE(IsValidDay(c.year, c.month, c.day));
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
}

TEST(TimeTest, Weekday) {
  EXPECT_EQ(Weekday(0), 3);                            // Thursday
  EXPECT_EQ(Weekday(DaysFromCivil(2025, 12, 4)), 3);   // Thursday
  EXPECT_EQ(Weekday(DaysFromCivil(2025, 12, 2)), 1);   // Tuesday
  EXPECT_EQ(Weekday(DaysFromCivil(1969, 12, 31)), 2);  // Wednesday
}

TEST(TimeTest, Rfc822Dates) {
  struct Case {
    const char* in;
    const char* want;  // "" = rejected
  };
  const Case cases[] = {
      {"Tue, 02 Dec 2025 10:00:00 GMT", "2025-12-02T10:00:00Z"},
      {"02 Dec 2025 10:00 +0530", "2025-12-02T04:30:00Z"},
      {"Tue, 2 Dec 25 10:00:00 EST", "2025-12-02T15:00:00Z"},
      {"Tuesday, 02 December 2025 10:00:00 -05:00", "2025-12-02T15:00:00Z"},
      {"Tue, 31 Feb 2025 10:00:00 GMT", ""},
      {"Tue, 02 Dec 2025 25:00:00 GMT", ""},
      {"Tue , 2 Dec. 2025 9:05 +05:30", "2025-12-02T03:35:00Z"},
      {"Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"},
      {"02 Dec 2025", "2025-12-02T00:00:00Z"},
      {"Tue, 02 Dec 2025 10:00:00 XYZ", "2025-12-02T10:00:00Z"},
      {"Tue, 02 Dec 2025 10:00:00 GMT trailing", ""},
      {"Tue, 02 Dec 2025 10:00:00 +2500", ""},
      {"Tue, 02 Foo 2025 10:00:00 GMT", ""},
      {"Tue, 02 Dec 125 10:00:00 GMT", ""},
      {"2025-12-02", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    int64_t t = 0;
    bool ok = ParseRfc822Date(c.in, &t);
    EXPECT_EQ(ok, std::string(c.want) != "") << c.in;
    if (ok) {
      EXPECT_EQ(FormatIsoTime(t), c.want) << c.in;
    }
  }
  int64_t t;
  EXPECT_FALSE(ParseRfc822Date(std::string(100000, '1'), &t));
}

TEST(TimeTest, CalendarWords) {
  struct Case {
    const char* word;
    int english_full, english_abbrev, any_language, weekday_full,
        weekday_abbrev;
  };
  const Case cases[] = {
      {"January", 1, 0, 1, -1, -1},
      {"jan.", 0, 1, 1, -1, -1},
      {"Sept.", 0, 9, 9, -1, -1},
      {"Sep", 0, 9, 9, -1, -1},
      {"May", 5, 0, 5, -1, -1},
      {"Dezember", 0, 0, 12, -1, -1},
      {"d\xC3\xA9"
       "cembre",
       0, 0, 12, -1, -1},
      {"marzo", 0, 0, 3, -1, -1},
      {"Mai", 0, 0, 5, -1, -1},
      {"Tuesday", 0, 0, 0, 1, -1},
      {"Tues", 0, 0, 0, -1, 1},
      {"Thurs.", 0, 0, 0, -1, 3},
      {"sun", 0, 0, 0, -1, 6},
      {"Marching", 0, 0, 0, -1, -1},
      {"", 0, 0, 0, -1, -1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EnglishMonth(c.word, NameForm::kFull), c.english_full) << c.word;
    EXPECT_EQ(EnglishMonth(c.word, NameForm::kAbbreviated), c.english_abbrev)
        << c.word;
    EXPECT_EQ(MonthInAnyLanguage(c.word), c.any_language) << c.word;
    EXPECT_EQ(EnglishWeekday(c.word), c.weekday_full) << c.word;
    EXPECT_EQ(EnglishWeekday(c.word, NameForm::kAbbreviated), c.weekday_abbrev)
        << c.word;
  }
}

TEST(TimeTest, ParseIsoTime) {
  struct Case {
    const char* in;
    bool ok;
    const char* out;
  };
  const Case cases[] = {
      {"2025-12-04", true, "2025-12-04T00:00:00Z"},
      {"2025-12-04T10:30:00Z", true, "2025-12-04T10:30:00Z"},
      {"2025-12-04T10:30", true, "2025-12-04T10:30:00Z"},
      {"2025-12-04 10:30:15", true, "2025-12-04T10:30:15Z"},
      {"2025-12-04T10:30:00+01:00", true, "2025-12-04T09:30:00Z"},
      {"2025-12-04T10:30:00.123-0500", true, "2025-12-04T15:30:00Z"},
      {"Tue, 02 Dec 2025 10:00:00 GMT", true, "2025-12-02T10:00:00Z"},
      {"02 Dec 2025 10:00 +0200", true, "2025-12-02T08:00:00Z"},
      {"2025-02-30", false, ""},
      {"2025-13-01", false, ""},
      {"yesterday", false, ""},
      {"", false, ""},
      {"2025-12-04Tgarbage", false, ""},
  };
  for (const Case& c : cases) {
    int64_t t = 0;
    EXPECT_EQ(ParseIsoTime(c.in, &t), c.ok) << c.in;
    if (c.ok) {
      EXPECT_EQ(FormatIsoTime(t), c.out) << c.in;
    }
  }
}

TEST(TimeTest, OffsetIsKeptForDisplay) {
  int64_t t = 0;
  int off = 0;
  ASSERT_TRUE(ParseIsoTime("2020-04-12T21:00:00-04:00", &t, &off));
  EXPECT_EQ(off, -4 * 3600);
  EXPECT_EQ(FormatIsoTime(t), "2020-04-13T01:00:00Z");
  EXPECT_EQ(FormatIsoTimeWithOffset(t, off), "2020-04-12T21:00:00-04:00");
  EXPECT_EQ(FormatIsoTimeWithOffset(t, 0), "2020-04-13T01:00:00Z");
  ASSERT_TRUE(ParseIsoTime("2025-01-02T03:04:05+0530", &t, &off));
  EXPECT_EQ(FormatIsoTimeWithOffset(t, off), "2025-01-02T03:04:05+05:30");
}

TEST(TimeTest, Formatting) {
  EXPECT_EQ(FormatDay({2025, 1, 7}), "2025-01-07");
  EXPECT_EQ(FormatHumanDay({2025, 12, 6}), "Dec 6, 2025");
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
}

}  // namespace
}  // namespace storyline
