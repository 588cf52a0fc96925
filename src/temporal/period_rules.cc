// The second rule table of the date tagger: periods and names of days
// rather than calendar dates. Decades and centuries, spelled-out years,
// holidays, halves and year-ends, "earlier this year", reference phrases
// ("recent years", "the near future"), durations ("two weeks" → P2W), sets
// ("every Tuesday", "daily"), and anaphoric expressions ("the previous
// day", "that year") whose value is fixed later against the date the text
// last mentioned (see ResolveAnchors in temporal.cc).
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "common/strings.h"
#include "common/time.h"
#include "temporal/internal/rules.h"

namespace storyline::temporal::internal {
namespace {

// Words for numbers in durations and spelled-out years.
int SmallNumber(const std::string& w) {
  static const std::map<std::string, int> k = {
      {"a", 1},         {"an", 1},        {"one", 1},        {"two", 2},
      {"three", 3},     {"four", 4},      {"five", 5},       {"six", 6},
      {"seven", 7},     {"eight", 8},     {"nine", 9},       {"ten", 10},
      {"eleven", 11},   {"twelve", 12},   {"thirteen", 13},  {"fourteen", 14},
      {"fifteen", 15},  {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18},
      {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},    {"forty", 40},
      {"fifty", 50},    {"sixty", 60},    {"seventy", 70},   {"eighty", 80},
      {"ninety", 90},   {"hundred", 100}, {"half", 0},       {"several", -1},
      {"few", -1},      {"a few", -1},    {"many", -1}};
  std::string l = AsciiLower(w);
  auto it = k.find(l);
  if (it != k.end()) return it->second;
  if (!l.empty() && l.size() <= 4 &&
      std::all_of(l.begin(), l.end(),
                  [](char c) { return c >= '0' && c <= '9'; }))
    return std::stoi(l);
  return -2;
}

// "ninety-six" → 96, "seventy" → 70, "five" → 5; -1 otherwise.
int TwoDigitWords(const std::string& s) {
  std::string l = AsciiLower(s);
  size_t dash = l.find_first_of("- ");
  if (dash == std::string::npos) {
    int v = SmallNumber(l);
    return v >= 0 && v < 100 ? v : -1;
  }
  int tens = SmallNumber(l.substr(0, dash)),
      ones = SmallNumber(l.substr(dash + 1));
  if (tens < 20 || tens % 10 != 0 || ones < 1 || ones > 9) return -1;
  return tens + ones;
}

// Holidays: fixed month/day, or the n-th weekday of a month (n = -1: last).
struct Holiday {
  const char* name;  // lower-case, as matched
  int month, day;    // day 0: by weekday
  int weekday, nth;  // weekday 0 = Monday
};
const Holiday kHolidays[] = {
    {"christmas day", 12, 25, 0, 0},
    {"christmas eve", 12, 24, 0, 0},
    {"christmas", 12, 25, 0, 0},
    {"boxing day", 12, 26, 0, 0},
    {"new year's day", 1, 1, 0, 0},
    {"new year's eve", 12, 31, 0, 0},
    {"independence day", 7, 4, 0, 0},
    {"the fourth of july", 7, 4, 0, 0},
    {"fourth of july", 7, 4, 0, 0},
    {"july fourth", 7, 4, 0, 0},
    {"halloween", 10, 31, 0, 0},
    {"valentine's day", 2, 14, 0, 0},
    {"veterans day", 11, 11, 0, 0},
    {"armistice day", 11, 11, 0, 0},
    {"bastille day", 7, 14, 0, 0},
    {"may day", 5, 1, 0, 0},
    {"thanksgiving day", 11, 0, 3, 4},
    {"thanksgiving", 11, 0, 3, 4},
    {"labor day", 9, 0, 0, 1},
    {"memorial day", 5, 0, 0, -1},
    {"martin luther king day", 1, 0, 0, 3},
    {"presidents day", 2, 0, 0, 3},
    {"presidents' day", 2, 0, 0, 3},
    {"mother's day", 5, 0, 6, 2},
    {"father's day", 6, 0, 6, 3},
    {"columbus day", 10, 0, 0, 2},
    {"election day", 11, 0, -1, 0},  // the Tuesday after the first Monday
    {"easter sunday", 0, 0, 0, 0},   // month 0: from the Easter date
    {"easter", 0, 0, 0, 0},
    {"good friday", 0, -2, 0, 0},
    {"easter monday", 0, 1, 0, 0},
};

// Gregorian Easter Sunday (anonymous algorithm), days since epoch.
int64_t EasterSunday(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return DaysFromCivil(y, month, day);
}

int64_t HolidayIn(const Holiday& h, int y) {
  if (h.month == 0) return EasterSunday(y) + h.day;
  if (h.day > 0) return DaysFromCivil(y, h.month, h.day);
  if (h.weekday < 0) {  // Election Day
    int64_t first = DaysFromCivil(y, h.month, 1);
    int64_t monday = first + (7 - Weekday(first)) % 7;
    return monday + 1;
  }
  if (h.nth > 0) {
    int64_t first = DaysFromCivil(y, h.month, 1);
    return first + (h.weekday - Weekday(first) + 7) % 7 + 7 * (h.nth - 1);
  }
  int64_t last = DaysFromCivil(y, h.month, DaysInMonth(y, h.month));
  return last - (Weekday(last) - h.weekday + 7) % 7;
}

const Holiday* FindHoliday(const std::string& text) {
  std::string l = AsciiLower(text);
  for (const Holiday& h : kHolidays)
    if (l == h.name) return &h;
  return nullptr;
}

std::string Unit(const std::string& w) {
  std::string l = AsciiLower(w);
  if (l.back() == 's') l.pop_back();
  if (l == "day" || l == "night") return "D";
  if (l == "week") return "W";
  if (l == "month") return "M";
  if (l == "year") return "Y";
  if (l == "decade") return "DE";
  if (l == "century") return "CE";
  if (l == "quarter") return "Q";
  if (l == "hour") return "H";
  if (l == "minute") return "MIN";
  return "";
}

// "the previous day" (`modifier_first`) or "the day before": a day, week,
// ... or part of day counted from the date mentioned last.
bool NeighbourUnit(bool modifier_first, const Match& x, Timex* t) {
  std::string a = AsciiLower(x.g[0]), b = AsciiLower(x.g[1]);
  std::string mod = modifier_first ? a : b, what = modifier_first ? b : a;
  int delta =
      mod == "previous" || mod == "prior" || mod == "before" || mod == "earlier"
          ? -1
      : mod == "same" ? 0
                      : 1;
  std::string part;
  if (what == "morning") part = "MO";
  if (what == "afternoon") part = "AF";
  if (what == "evening") part = "EV";
  if (what == "night") part = "NI";
  std::string unit = part.empty() ? Unit(what) : "D";
  t->value = "ANCHOR:" + unit + ":" +
             (delta < 0   ? "-1"
              : delta > 0 ? "+1"
                          : "0") +
             (part.empty() ? "" : ":" + part);
  if (!part.empty()) t->type = "TIME";
  return true;
}

// "two weeks", or "one and a half years" (`and_a_half`).
bool Duration(bool and_a_half, const Match& x, Timex* t) {
  std::string unit = Unit(and_a_half ? x.g[0] : x.g[1]);
  if (unit.empty()) return false;
  int n = and_a_half ? 1 : SmallNumber(x.g[0]);
  if (n == -2 || n == 0) return false;
  std::string count = and_a_half ? "1.5" : n < 0 ? "X" : std::to_string(n);
  t->type = "DURATION";
  if (unit == "H" || unit == "MIN")
    t->value = "PT" + count + (unit == "H" ? "H" : "M");
  else if (unit == "DE")
    t->value = n > 0 ? "P" + std::to_string(10 * n) + "Y" : "PXDE";
  else if (unit == "CE")
    t->value = n > 0 ? "P" + std::to_string(100 * n) + "Y" : "PXCE";
  else
    t->value = "P" + count + unit;
  return true;
}

}  // namespace

const std::vector<Rule>& PeriodRules() {
  static const std::vector<Rule> k = [] {
    const std::string num =
        "(\\d{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|"
        "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
        "nineteen|twenty|thirty|forty|fifty|sixty|several|a few|few|many))";
    const std::string tens =
        "(?i:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
    const std::string ones =
        "(?i:one|two|three|four|five|six|seven|eight|nine)";
    std::string holidays;
    for (const Holiday& h : kHolidays) {
      if (!holidays.empty()) holidays += "|";
      std::string n = h.name;
      for (size_t i = 0; i < n.size(); ++i)
        if (n[i] == '\'') n.replace(i++, 1, "['\u2019]");
      holidays += n;
    }
    return Compile({
        // Decades: "the 1990s", "the mid-1990s", "the '80s", "the nineties".
        {"decade",
         "\\b(?:(?i:the)\\s+)?(?:((?i:early|mid|late))[- ])?((?:1[0-9]|20)\\d)"
         "0'?s\\b",
         [](const Match& x, Timex* t) {  // "199" for the 1990s (mod
                                         // early/mid/late kept in text)
           int decade = std::stoi(x.g[1]);
           if (decade > x.ref.year / 10 + 1) return false;
           t->value = std::to_string(decade);
           return true;
         },
         {{"the mid-1990s", "199"}}},
        {"decade-apostrophe",
         "(?i:\\bthe\\s+)(?:((?i:early|mid|late))[- ])?'(\\d)0s\\b",
         [](const Match& x,
            Timex* t) {  // "the '80s": the most recent such decade
           int d = x.g[1][0] - '0';
           int century = x.ref.year / 100;
           int v = century * 10 + d;
           if (v > x.ref.year / 10) v -= 10;
           t->value = std::to_string(v);
           return true;
         },
         {{"the '80s", "198"}}},
        {"decade-words",
         "\\b(?i:the)\\s+(?:((?i:early|mid|late))[- ])?((?i:twenties|thirties|"
         "forties|fifties|sixties|seventies|eighties|nineties))\\b",
         [](const Match& x, Timex* t) {
           static const char* kNames[] = {"twenties", "thirties", "forties",
                                          "fifties",  "sixties",  "seventies",
                                          "eighties", "nineties"};
           std::string l = AsciiLower(x.g[1]);
           int d = 0;
           for (int i = 0; i < 8; ++i)
             if (l == kNames[i]) d = i + 2;
           int v = x.ref.year / 100 * 10 + d;
           if (v > x.ref.year / 10) v -= 10;
           t->value = std::to_string(v);
           return true;
         },
         {{"the nineties", "199"}}},
        // Centuries: "the 20th century", "this century".
        {"century",
         "\\b(?:(?i:the)\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\s+(?i:century)\\b",
         [](const Match& x, Timex* t) {
           int c = std::stoi(x.g[0]);
           if (c < 1 || c > 21) return false;
           t->value = Fmt("%02d", c - 1);
           return true;
         },
         {{"the 20th century", "19"}}},
        {"this-century",
         "\\b((?i:this|last|next))\\s+(?i:century)\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]);
           int c = x.ref.year / 100 + (mod == "last"   ? -1
                                       : mod == "next" ? 1
                                                       : 0);
           t->value = Fmt("%02d", c);
           return true;
         },
         {{"this century", "20"}}},
        // Spelled-out years: "nineteen ninety-six", "the year two thousand".
        {"year-words",
         "\\b((?i:nineteen|eighteen|twenty))[\\s-]+(" + tens + "(?:[- ]" +
             ones +
             ")?|(?i:hundred|ten|eleven|twelve|thirteen|fourteen|"
             "fifteen|sixteen|seventeen|eighteen|nineteen)|(?i:oh)[- ]" +
             ones + ")\\b",
         [](const Match& x, Timex* t) {
           std::string hi = AsciiLower(x.g[0]), lo = AsciiLower(x.g[1]);
           int century = hi == "nineteen" ? 19 : hi == "eighteen" ? 18 : 20;
           int y;
           if (lo == "hundred")
             y = 0;
           else if (lo.rfind("oh", 0) == 0)
             y = SmallNumber(lo.substr(3));
           else
             y = TwoDigitWords(lo);
           if (y < 0 || y > 99) return false;
           if (century == 20 && y < 10)
             return false;  // "twenty one" is a number
           t->value = Fmt("%04d", century * 100 + y);
           return true;
         },
         {{"nineteen ninety-six", "1996"}}},
        {"year-two-thousand",
         "\\b(?:(?i:the year)\\s+)?(?i:two thousand)(?:(?:\\s+and)?[\\s-]+(" +
             ones +
             "|(?i:ten|eleven|twelve|thirteen|fourteen|fifteen|"
             "sixteen|seventeen|eighteen|nineteen)|" +
             tens + "(?:[- ]" + ones + ")?))?\\b",
         [](const Match& x, Timex* t) {
           int y = x.g[0].empty() ? 0 : TwoDigitWords(x.g[0]);
           if (y < 0) return false;
           if (x.g[0].empty() && AsciiLower(t->text).rfind("the year", 0) != 0)
             return false;  // "two thousand" alone is a number
           t->value = Fmt("%04d", 2000 + y);
           return true;
         },
         {{"two thousand and eight", "2008"}}},
        // Holidays, optionally "last"/"next"/"this" and a year.
        {"holiday",
         "\\b(?:((?i:last|next|this))\\s+)?((?i:" + holidays +
             "))(?:,?\\s+((?:19|20)\\d\\d))?\\b",
         [](const Match& x, Timex* t) {
           const Holiday* h = FindHoliday(x.g[1]);
           if (!h) return false;
           std::string mod = AsciiLower(x.g[0]);
           int64_t day;
           if (!x.g[2].empty()) {
             day = HolidayIn(*h, std::stoi(x.g[2]));
           } else {
             int64_t prev = HolidayIn(*h, x.ref.year) <= x.r
                                ? HolidayIn(*h, x.ref.year)
                                : HolidayIn(*h, x.ref.year - 1);
             int64_t next = HolidayIn(*h, x.ref.year) >= x.r
                                ? HolidayIn(*h, x.ref.year)
                                : HolidayIn(*h, x.ref.year + 1);
             if (mod == "last")
               day = prev == x.r ? HolidayIn(*h, x.ref.year - 1) : prev;
             else if (mod == "next")
               day = next == x.r ? HolidayIn(*h, x.ref.year + 1) : next;
             else if (mod == "this")
               day = HolidayIn(*h, x.ref.year);
             else
               // The nearer one, a future one costing double (as InferYear).
               day =
                   FutureContext(x.text, x.pos) || 2 * (next - x.r) < x.r - prev
                       ? next
                       : prev;
           }
           t->value = Day(day);
           return true;
         },
         {{"Christmas Day", "2025-12-25"},
          {"last Thanksgiving", "2025-11-27"}}},
        // Halves: "the first half of 2024", "the second half".
        {"half-year",
         "\\b(?i:the\\s+)?((?i:first|second|last))\\s+(?i:half|two "
         "quarters)(?:\\s+of\\s+(?:(?i:the\\s+)?(?:(?i:year|fiscal year)\\s+)?)"
         "((?:19|20)\\d\\d))?\\b",
         [](const Match& x, Timex* t) {
           std::string which = AsciiLower(x.g[0]);
           int y = x.g[1].empty() ? x.ref.year : std::stoi(x.g[1]);
           t->value = Fmt("%04d-H%d", y % 10000, which == "first" ? 1 : 2);
           return true;
         },
         {{"the first half of 2024", "2024-H1"}}},
        // The end of a year or month: "year-end", "the end of the year".
        {"year-end",
         "\\b(?:(?i:around|by|at)\\s+)?((?i:year-end|year's end|year end|the "
         "end of (?:the|this|last|next) (?:year|month)))\\b",
         [](const Match& x, Timex* t) {
           std::string l = AsciiLower(x.g[0]);
           int y = x.ref.year + (l.find("last") != std::string::npos   ? -1
                                 : l.find("next") != std::string::npos ? 1
                                                                       : 0);
           t->value = l.find("month") != std::string::npos
                          ? Month(x.ref.year, x.ref.month)
                          : Fmt("%04d", y);
           return true;
         },
         {{"by year-end", "2025"}}},
        // "earlier this year", "later this month", "early next week".
        {"earlier-this",
         "\\b((?i:earlier|later|early|late))\\s+(?:(?i:in\\s+))?((?i:this|"
         "next|last|the))\\s+((?i:year|month|week))\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[1]), unit = AsciiLower(x.g[2]);
           int delta = mod == "last" ? -1 : mod == "next" ? 1 : 0;
           if (mod == "the") {  // "earlier in the year": the current one
             if (unit == "week") return false;
           }
           if (unit == "year") {
             t->value = Fmt("%04d", x.ref.year + delta);
           } else if (unit == "month") {
             t->value = MonthPlus(x.ref.year, x.ref.month, delta);
           } else {
             t->value = IsoWeek(x.r + 7 * delta);
           }
           return true;
         },
         {{"earlier this year", "2025"}, {"later this month", "2025-12"}}},
        // Mid/early/late with a year: "mid-2024", "early 2025".
        {"mid-year",
         "\\b((?i:mid|early|late))[- ]((?:19|20)\\d\\d)\\b",
         [](const Match& x, Timex* t) {
           t->value = x.g[1];
           return true;
         },
         {{"mid-2024", "2024"}}},
        // Reference phrases (TIMEX3 PAST_REF / FUTURE_REF / PRESENT_REF).
        {"reference-phrase",
         "\\b((?i:recent years|recent (?:days|weeks|months)(?: and "
         "(?:weeks|months|years))?|in recent times|the past|the near "
         "future|the "
         "near term|the short term|the long term|coming (?:months|weeks|years|"
         "days|quarters)|future quarters|these days|past years|(?:a few|"
         "several|many) (?:years|months|weeks|days) ago|years ago|a later "
         "date|some day|one day))\\b",
         [](const Match& x, Timex* t) {
           std::string l = AsciiLower(x.g[0]);
           bool future = l.find("future") != std::string::npos ||
                         l.find("term") != std::string::npos ||
                         l.find("coming") != std::string::npos ||
                         l.find("later") != std::string::npos ||
                         l == "some day" || l == "one day";
           bool present = l == "these days";
           // "one day" is a future only in a future clause ("one day later" is
           // a duration).
           if (l == "one day" && !FutureContext(x.text, x.pos)) return false;
           t->value = future    ? "FUTURE_REF"
                      : present ? "PRESENT_REF"
                                : "PAST_REF";
           return true;
         },
         {{"recent years", "PAST_REF"}, {"the near future", "FUTURE_REF"}}},
        // "the current year", "the current fiscal year", "the full year",
        // "the latest fiscal year": the reference date's.
        {"the-current-unit",
         "\\b(?i:the\\s+(?:current|full|latest)\\s+(?:fiscal\\s+)?)((?i:year|"
         "month|week))\\b",
         [](const Match& x, Timex* t) {
           std::string unit = AsciiLower(x.g[0]);
           t->value = unit == "year"    ? Fmt("%04d", x.ref.year % 10000)
                      : unit == "month" ? Month(x.ref.year, x.ref.month)
                                        : IsoWeek(x.r);
           return true;
         },
         {{"the current fiscal year", "2025"}}},
        // "June last year", "March next year".
        {"month-last-year",
         "\\b((?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
         "\\.?)"
         "\\s+((?i:last|next|this))\\s+(?i:year)\\b",
         [](const Match& x, Timex* t) {
           int m = MonthInAnyLanguage(x.g[0]);
           if (!m) return false;
           std::string mod = AsciiLower(x.g[1]);
           t->value = Month(x.ref.year + (mod == "last"   ? -1
                                          : mod == "next" ? 1
                                                          : 0),
                            m);
           return true;
         },
         {{"June last year", "2024-06"}}},
        // "the past year", "the past five years", "the last few months":
        // a duration ending now.
        {"the-past-units",
         "\\b(?i:the\\s+)((?i:past|last|previous|next|coming|following))\\s+"
         "(?:" +
             num +
             "\\s+)?((?i:days|weeks|months|years|decades|quarters|"
             "day|week|month|year|decade|quarter))\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]), unit = Unit(x.g[2]);
           if (unit.empty()) return false;
           int n = x.g[1].empty() ? 1 : SmallNumber(x.g[1]);
           if (n == -2) return false;
           bool ahead = mod == "next" || mod == "coming" || mod == "following";
           if (mod == "following" || (mod == "previous" && x.g[1].empty())) {
             // "the following year" / "the previous month": one unit from the
             // date last mentioned.
             if (!x.g[1].empty()) return false;
             t->value = std::string("ANCHOR:") + unit + (ahead ? ":+1" : ":-1");
             return true;
           }
           if (n < 0) {  // "the past few years": a duration of vague length
             t->type = "DURATION";
             t->value = "PX" + unit;
             return true;
           }
           if (x.g[1].empty() && (unit == "Y" || unit == "M")) {
             // "the past year" is the year before, as TimeBank writes it.
             if (unit == "Y") {
               t->value = Fmt("%04d", x.ref.year + (ahead ? 1 : -1));
             } else {
               t->value = MonthPlus(x.ref.year, x.ref.month, ahead ? 1 : -1);
             }
             return true;
           }
           t->type = "DURATION";
           t->value = unit == "DE" ? "P" + std::to_string(n * 10) + "Y"
                                   : "P" + std::to_string(n) + unit;
           return true;
         },
         {{"the past five years", "P5Y"}}},
        // A decade ago; N decades ago.
        {"decades-ago",
         "\\b" + num + "\\s+(?i:decades?)\\s+ago\\b",
         [](const Match& x, Timex* t) {
           int n = SmallNumber(x.g[0]);
           if (n <= 0) {
             t->value = "PAST_REF";
             return true;
           }
           t->value = Fmt("%03d", (x.ref.year - 10 * n) / 10);
           return true;
         },
         {{"a decade ago", "201"}}},
        // Anaphoric: "the previous day", "the following month", "the day
        // before", "that year", "later that day", "the next morning".
        {"the-previous-unit",
         "\\b(?i:the\\s+)((?i:previous|following|next|same|prior))\\s+((?i:"
         "day|week|month|year|morning|afternoon|evening|night))\\b",
         [](const Match& x, Timex* t) { return NeighbourUnit(true, x, t); },
         {{"the previous day", "ANCHOR:D:-1"}}},
        {"the-unit-before",
         "\\b(?i:the\\s+)((?i:day|week|month|year|night))\\s+((?i:before|"
         "after|earlier|later))\\b",
         [](const Match& x, Timex* t) { return NeighbourUnit(false, x, t); },
         {{"the day before", "ANCHOR:D:-1"}}},
        {"that-unit",
         "\\b(?:((?i:earlier|later))\\s+)?(?i:that|the same)\\s+((?i:day|week|"
         "month|year|morning|afternoon|evening|night))\\b",
         [](const Match& x, Timex* t) {
           std::string what = AsciiLower(x.g[1]);
           std::string part;
           if (what == "morning") part = "MO";
           if (what == "afternoon") part = "AF";
           if (what == "evening") part = "EV";
           if (what == "night") part = "NI";
           t->value = "ANCHOR:" + (part.empty() ? Unit(what) : "D") + ":0" +
                      (part.empty() ? "" : ":" + part);
           if (!part.empty()) t->type = "TIME";
           return true;
         },
         {{"later that day", "ANCHOR:D:0"}}},
        // Durations: "two weeks", "for 10 days", "three-month", "a decade".
        {"duration",
         "\\b" + num +
             "[\\s-]+(?:(?i:more|full|straight|consecutive|long)\\s+)?"
             "((?i:days?|weeks?|months?|years?|decades?|centuries|century|"
             "hours?|"
             "minutes?))(?:[\\s-]+(?i:long|old))?\\b",
         [](const Match& x, Timex* t) { return Duration(false, x, t); },
         {{"two weeks", "P2W"}, {"three-month", "P3M"}}},
        {"duration-and-a-half",
         "\\b(?i:a|one)\\s+(?i:and\\s+a\\s+half)\\s+((?i:years?|months?|"
         "weeks?|days?|hours?))\\b",
         [](const Match& x, Timex* t) { return Duration(true, x, t); },
         {{"one and a half years", "P1.5Y"}}},
        // Sets: "every Tuesday", "each year", "daily", "twice a week".
        {"every-unit",
         "\\b(?i:every|each)\\s+((?i:day|week|month|year|morning|night|"
         "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\\b",
         [](const Match& x, Timex* t) {
           std::string w = AsciiLower(x.g[0]);
           t->type = "SET";
           int wd = EnglishWeekday(x.g[0]);
           if (wd >= 0)
             t->value = Fmt("XXXX-WXX-%d", wd + 1);
           else if (w == "morning")
             t->value = "TMO";
           else if (w == "night")
             t->value = "TNI";
           else
             t->value = "P1" + Unit(w);
           return true;
         },
         {{"every Tuesday", "XXXX-WXX-2"}}},
        {"frequency-word",
         "\\b((?i:daily|weekly|monthly|annually|yearly|nightly|hourly))\\b",
         [](const Match& x, Timex* t) {
           std::string w = AsciiLower(x.g[0]);
           t->type = "SET";
           t->value = w == "daily" || w == "nightly" ? "P1D"
                      : w == "weekly"                ? "P1W"
                      : w == "monthly"               ? "P1M"
                      : w == "hourly"                ? "PT1H"
                                                     : "P1Y";
           return true;
         },
         {{"daily", "P1D"}}},
        {"times-per-unit",
         "\\b((?i:once|twice|three times))\\s+(?:a|an|per|each)\\s+((?i:day|"
         "week|month|year))\\b",
         [](const Match& x, Timex* t) {
           t->type = "SET";
           t->value = "P1" + Unit(x.g[1]);
           return true;
         },
         {{"twice a week", "P1W"}}},
        // "last night", "midday", "4 in the morning".
        {"night-words",
         "\\b((?i:last night|overnight|midday|mid-?afternoon|midnight "
         "tonight))\\b",
         [](const Match& x, Timex* t) {
           std::string l = AsciiLower(x.g[0]);
           t->type = "TIME";
           if (l == "last night" || l == "overnight")
             t->value = Day(x.r - (l == "last night" ? 1 : 0)) + "TNI";
           else if (l == "midday")
             t->value = Day(x.r) + "T12:00";
           else if (l == "midnight tonight")
             t->value = Day(x.r) + "T24:00";
           else
             t->value = Day(x.r) + "TAF";
           return true;
         },
         {{"last night", "2025-12-03TNI"}}},
        {"hour-in-the",
         "\\b(\\d{1,2})\\s+(?i:in the|o'clock in the)\\s+((?i:morning|"
         "afternoon|evening))\\b",
         [](const Match& x, Timex* t) {
           int h = std::stoi(x.g[0]);
           if (h < 1 || h > 12) return false;
           std::string part = AsciiLower(x.g[1]);
           if (part != "morning" && h != 12) h += 12;
           t->type = "TIME";
           t->value = Day(x.r) + Fmt("T%02d:00", h % 100);
           return true;
         },
         {{"4 in the morning", "2025-12-04T04:00"}}},
        // Fiscal years: "FY2025", "FY 25", "fiscal year 2025".
        {"fiscal-year",
         "\\b(?:FY\\s?|(?i:fiscal year)\\s+)((?:19|20)?\\d\\d)\\b",
         [](const Match& x, Timex* t) {
           int y = std::stoi(x.g[0]);
           if (x.g[0].size() == 2)
             y += y > (x.ref.year % 100) + 5 ? 1900 : 2000;
           t->value = Fmt("%04d", y % 10000);
           return true;
         },
         {{"FY2025", "2025"}}},
        // "the week of March 6".
        {"week-of",
         "\\b(?i:the\\s+)?(?i:week)\\s+of\\s+((?i:Jan|Feb|Mar|Apr|May|Jun|Jul|"
         "Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?)\\s+(\\d{1,2})\\b",
         [](const Match& x, Timex* t) {
           int m = MonthInAnyLanguage(x.g[0]);
           int d = std::stoi(x.g[1]);
           if (!m) return false;
           int y = InferYear(m, d, x.ref, FutureContext(x.text, x.pos));
           if (!IsValidDay(y, m, d)) return false;
           t->value = IsoWeek(DaysFromCivil(y, m, d));
           return true;
         },
         {{"the week of March 6", "2026-W10"}}},
        // "the day before yesterday", "the day after tomorrow".
        {"day-before-yesterday",
         "\\b(?i:the\\s+day\\s+)((?i:before yesterday|after tomorrow))\\b",
         [](const Match& x, Timex* t) {
           bool before = AsciiLower(x.g[0]).rfind("before", 0) == 0;
           t->value = Day(DaysFromCivil(x.ref.year, x.ref.month, x.ref.day) +
                          (before ? -2 : 2));
           return true;
         },
         {{"the day before yesterday", "2025-12-02"}}},
        // Anaphoric offsets: "two days later", "a week earlier", "three
        // years later" count from the date mentioned last.
        {"units-later",
         "\\b" + num +
             "\\s+((?i:days?|weeks?|months?|years?))\\s+((?i:later|"
             "earlier))\\b",
         [](const Match& x, Timex* t) {
           int n = SmallNumber(x.g[0]);
           if (n <= 0 || n > 400) return false;  // "several days later": vague
           std::string unit = Unit(x.g[1]), dir = AsciiLower(x.g[2]);
           int sign = dir == "later" || dir == "after" ? 1 : -1;
           if (unit == "W") {
             unit = "D";
             n *= 7;
           }
           t->value = "ANCHOR:" + unit + ":" + std::to_string(sign * n);
           return true;
         },
         {{"two days later", "ANCHOR:D:2"}}},
    });
  }();
  return k;
}

}  // namespace storyline::temporal::internal
