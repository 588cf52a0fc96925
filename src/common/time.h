// Civil-date arithmetic and ISO 8601 parsing/formatting, all in UTC.
//
//   int64_t t; ParseIsoTime("2025-12-04T10:30:00+01:00", &t);  // true
//   CivilDay d = CivilFromUnix(t);  // {2025, 12, 4}
//   FormatDay(d) == "2025-12-04"
//
// Pure functions, thread-safe. The proleptic Gregorian calendar is used
// for every year; days are counted from 1970-01-01.
#ifndef STORYLINE_COMMON_TIME_H_
#define STORYLINE_COMMON_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace storyline {

struct CivilDay {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const CivilDay&) const = default;
};

int64_t DaysFromCivil(int y, int m, int d);
CivilDay CivilFromDays(int64_t days);
CivilDay CivilFromUnix(int64_t seconds);
int64_t UnixFromCivil(const CivilDay& d);  // midnight UTC
// 0 = Monday .. 6 = Sunday.
int Weekday(int64_t days);
int DaysInMonth(int year, int month);
bool IsValidDay(int y, int m, int d);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]",
// a space instead of "T", and RFC 822 dates ("Tue, 02 Dec 2025 10:00:00 GMT").
// Returns false (and leaves *out alone) on anything else.
bool ParseIsoTime(std::string_view s, int64_t* out);
// The same, also returning the written UTC offset in seconds (0 for "Z" or
// none) so the instant can be shown in its original local form.
bool ParseIsoTime(std::string_view s, int64_t* out, int* utc_offset);
// RFC 822/1123/2822 dates as feeds and HTTP write them: "[Tue[,]] 2 Dec[.]
// 2025 [10:00[:00]] [GMT|EST|…|+0530|-05:00]". Month and weekday names may
// be written out; two-digit years are 1950–2049; an unknown zone name reads
// as UTC. Inputs over 64 bytes are refused (no date is longer). The one
// parser for this form: ParseIsoTime, feeds and the web server use it.
bool ParseRfc822Date(std::string_view s, int64_t* out);
// "2025-12-04T10:30:00Z"
std::string FormatIsoTime(int64_t seconds);
// "2025-12-04T11:30:00+01:00" for utc_offset 3600 (same instant).
std::string FormatIsoTimeWithOffset(int64_t seconds, int utc_offset);
// "2025-12-04"
std::string FormatDay(const CivilDay& d);
// "Dec 4, 2025"
std::string FormatHumanDay(const CivilDay& d);

// Calendar words: the one table of month and weekday names. Matching is
// ASCII case-insensitive and a trailing "." is allowed ("Sept.").
enum class NameForm {
  kFull = 1,         // "January", "Monday"
  kAbbreviated = 2,  // "Jan", "Sept", "Mon", "Tues", "Thurs" (not "May")
  kEither = 3,
};
// 1..12 for an English month name; 0 when none.
int EnglishMonth(std::string_view word, NameForm form = NameForm::kEither);
// 1..12 for an English, German, French or Spanish month name or an English
// abbreviation ("Dezember", "août", "marzo", "Dec"); 0 when none.
// Non-ASCII names match as written lower-case.
int MonthInAnyLanguage(std::string_view word);
// 0 (Monday)..6 for an English weekday name; -1 when none.
int EnglishWeekday(std::string_view word, NameForm form = NameForm::kFull);

extern const char* const kMonthAbbrev[12];  // "Jan".."Dec"
extern const char* const kMonthName[12];    // "January".."December"
extern const char* const kWeekdayName[7];   // "Monday".."Sunday"

}  // namespace storyline

#endif  // STORYLINE_COMMON_TIME_H_
