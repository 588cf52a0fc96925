// The rule table of the date tagger: each rule is an RE2 expression and
// a resolver that turns its groups into a TIMEX3 value relative to the
// reference date. Helpers for months, weekdays, tense and year inference
// live here too.
#include "temporal/internal/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "common/strings.h"
#include "common/time.h"

namespace storyline::temporal::internal {

int NumberWord(const std::string& s) {
  static const char* const kWords[] = {
      "zero",  "one",   "two",  "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  std::string l = AsciiLower(s);
  if (l == "a" || l == "an") return 1;
  if (l == "several" || l == "few") return -1;
  for (int i = 0; i < 13; ++i)
    if (l == kWords[i]) return i;
  if (!l.empty() && l.size() < 4 && std::all_of(l.begin(), l.end(), ::isdigit))
    return std::stoi(l);
  return -1;
}

std::vector<Rule> Compile(std::vector<RuleSpec> specs) {
  std::vector<Rule> rules;
  rules.reserve(specs.size());
  for (RuleSpec& s : specs)
    rules.push_back({s.name, std::make_unique<RE2>(s.pattern), s.resolve,
                     std::move(s.examples)});
  return rules;
}

std::string Day(int64_t days) { return FormatDay(CivilFromDays(days)); }
std::string IsoWeek(int64_t days) {
  int64_t thu = days - Weekday(days) + 3;  // ISO weeks are named by Thursday
  CivilDay c = CivilFromDays(thu);
  int64_t week = (thu - DaysFromCivil(c.year, 1, 1)) / 7 + 1;
  char b[16];
  std::snprintf(b, sizeof b, "%04d-W%02d", c.year % 10000,
                static_cast<int>(week % 100));
  return b;
}
std::string MonthPlus(int y, int m, int delta) {
  int64_t index = static_cast<int64_t>(y) * 12 + (m - 1) + delta;
  int64_t ny = index >= 0 ? index / 12 : (index - 11) / 12;
  return Month(static_cast<int>(ny), static_cast<int>(index - ny * 12) + 1);
}
std::string Month(int y, int m) {
  char b[32];
  std::snprintf(b, sizeof b, "%04d-%02d", y, m);
  return b;
}

// Year for a month/day given without one: the occurrence nearest to the
// reference, leaning to the past (news mostly reports what happened).
int InferYear(int m, int d, const CivilDay& ref, bool future) {
  int64_t r = DaysFromCivil(ref.year, ref.month, ref.day);
  if (future) {  // the next occurrence on or after the reference day
    int y = ref.year;
    if (DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m))) < r) ++y;
    return y;
  }
  int best = ref.year;
  int64_t best_cost = INT64_MAX;
  for (int y = ref.year - 1; y <= ref.year + 1; ++y) {
    int dd = std::min(d, DaysInMonth(y, m));
    int64_t diff = DaysFromCivil(y, m, dd) - r;
    int64_t cost = diff > 0 ? diff * 2 : -diff;  // future costs double
    if (cost < best_cost) {
      best_cost = cost;
      best = y;
    }
  }
  return best;
}

// Tense of the clause an expression sits in: the words before it back to
// the nearest clause boundary ("Work will resume after members backed a
// deal on Tuesday" is past for "on Tuesday").
// True when the period at `dot` of lower-cased `s` ends a sentence rather
// than an abbreviation ("4 a.m. Thursday", "U.S. officials", "Jan. 5").
bool EndsSentence(const std::string& s, size_t dot) {
  size_t b = dot;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(s[b - 1]))) --b;
  std::string word = s.substr(b, dot - b);
  if (word.size() <= 1) return false;  // "a.m.", "U.S.", initials
  if (EnglishMonth(word, NameForm::kAbbreviated)) return false;
  for (const char* abbrev :
       {"mr", "mrs", "ms", "dr", "st", "gov", "sen", "rep", "gen", "lt", "col",
        "sgt", "inc", "corp", "co", "no", "vs", "ft"})
    if (word == abbrev) return false;
  return true;
}

size_t LastSentenceEnd(const std::string& s) {
  for (size_t p = s.size(); p-- > 0;) {
    if (s[p] == '\n') return p;
    if (s[p] == '.' && p + 1 < s.size() && s[p + 1] == ' ' &&
        EndsSentence(s, p))
      return p;
  }
  return std::string::npos;
}

bool FutureContext(std::string_view text, size_t pos) {
  size_t b = pos > 100 ? pos - 100 : 0;
  std::string seg = " " + AsciiLower(text.substr(b, pos - b));
  size_t cut = 0;
  size_t sentence = LastSentenceEnd(seg);
  if (sentence != std::string::npos) cut = sentence + 1;
  for (const char* boundary : {",", ";", " after ", " when ", " that ",
                               " which ", " because ", " before ", " since "}) {
    size_t p = seg.rfind(boundary);
    if (p != std::string::npos)
      cut = std::max(cut, p + std::string(boundary).size() - 1);
  }
  seg = " " + seg.substr(cut) + " ";
  // The clause after the date, up to the sentence end: it decides when the
  // date opens the sentence ("On Tuesday, the league plans to ...") and
  // overrides "until" when it is past perfect ("Until Thursday, they had").
  size_t end = std::min(text.size(), pos + 120);
  std::string after = " " + AsciiLower(text.substr(pos, end - pos)) + " ";
  size_t stop = after.find(". ");
  if (stop != std::string::npos) after.resize(stop + 1);
  bool past_perfect = after.find(" had ") != std::string::npos;
  static const char* const kCues[] = {
      " will ",           " would ",     " is expected to",
      " are expected to", " plans to",   " set to ",
      " scheduled",       " next ",      " is due to",
      " are due to",      "'ll ",        " to be held",
      " shall ",          " planned to", " planning to",
      " plan to",         " as soon as", " as early as",
      " is to ",          " are to "};
  for (const char* cue : kCues)
    if (seg.find(cue) != std::string::npos) return true;
  if (seg.find(" until ") != std::string::npos && !past_perfect) return true;
  // Sentence-initial date: nothing but "On" since the sentence began.
  std::string head = AsciiLower(text.substr(b, pos - b));
  size_t start = LastSentenceEnd(head);
  bool opens = start != std::string::npos || b == 0;
  if (opens) {
    std::string lead(Trim(std::string_view(head).substr(
        start == std::string::npos ? 0 : start + 1)));
    opens = lead.empty() || lead == "on";
  }
  // ... until its first verb: a past form first ("In September, it
  // announced plans to ...") keeps the date past.
  if (opens && !past_perfect) {
    // The main clause only: a comma after the date's own, or a relative
    // pronoun, starts an aside ("On Tuesday his brothers, who will play,
    // defended ...").
    size_t comma = after.find(',');
    if (comma != std::string::npos && comma < 16)
      comma = after.find(',', comma + 1);
    size_t main_end = comma;
    for (const char* rel : {" who ", " which ", " that "})
      main_end = std::min(main_end, after.find(rel));
    if (main_end != std::string::npos) after.resize(main_end);
    size_t first_cue = std::string::npos;
    for (const char* cue : kCues)
      first_cue = std::min(first_cue, after.find(cue));
    if (first_cue == std::string::npos) return false;
    for (const std::string& w : Split(after.substr(0, first_cue), ' ')) {
      if (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) return false;
      for (const char* past :
           {"was",  "were",  "said", "met",   "brought", "told",
            "took", "went",  "came", "made",  "got",     "gave",
            "saw",  "found", "left", "began", "became",  "did",
            "won",  "lost",  "held", "sent"})
        if (w == past) return false;
    }
    return true;
  }
  return false;
}

// True when the word right before `pos` makes the weekday part of a name
// ("Fox News Sunday", "Black Monday", "Super Tuesday", "Good Friday").
// Capitalisation alone cannot tell: AP style writes "Bush Friday signed".
bool PartOfName(std::string_view text, size_t pos) {
  size_t e = pos;
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n') --b;
  std::string word(text.substr(b, e - b));
  for (const char* w :
       {"News", "Black", "Super", "Cyber", "Good", "Easter", "Palm", "Ash",
        "Bloody", "Holy", "Giving", "Maundy", "Fat", "Small", "Manic"})
    if (word == w) return true;
  return false;
}

namespace {

// The day groups 0-2 write ("2025-12-02"), in days since 1970-01-01. An
// impossible one ("2025-02-30") marks the span INVALID.
bool IsoDay(const Match& x, Timex* t, int64_t* day) {
  int y = std::stoi(x.g[0]), m = std::stoi(x.g[1]), d = std::stoi(x.g[2]);
  if (!IsValidDay(y, m, d)) {
    t->type = "INVALID";
    return false;
  }
  *day = DaysFromCivil(y, m, d);
  return true;
}

// A day of a month, as "December 2[-3][, 2025]", "2[-3] [of] December
// [2025]" or a foreign "2 décembre [2025]".
enum class DayMonthOrder { kMonthFirst, kDayFirst, kForeignDayFirst };
bool DayOfMonth(DayMonthOrder order, const Match& x, Timex* t) {
  int m, d, d2 = 0, y = 0;
  if (order == DayMonthOrder::kMonthFirst) {
    m = MonthInAnyLanguage(x.g[0]);
    d = std::stoi(x.g[1]);
    if (!x.g[2].empty()) d2 = std::stoi(x.g[2]);
    if (!x.g[3].empty()) y = std::stoi(x.g[3]);
  } else if (order == DayMonthOrder::kDayFirst) {
    d = std::stoi(x.g[0]);
    if (!x.g[1].empty()) d2 = std::stoi(x.g[1]);
    m = MonthInAnyLanguage(x.g[2]);
    if (!x.g[3].empty()) y = std::stoi(x.g[3]);
  } else {
    d = std::stoi(x.g[0]);
    m = MonthInAnyLanguage(x.g[1]);
    if (!x.g[2].empty()) y = std::stoi(x.g[2]);
  }
  if (!m) return false;
  if (!y) y = InferYear(m, d, x.ref, FutureContext(x.text, x.pos));
  if (!IsValidDay(y, m,
                  d)) {  // "February 30": not a date, and no part of it is
    t->type = "INVALID";
    return false;
  }
  t->value = Day(DaysFromCivil(y, m, d));
  if (d2 > d && IsValidDay(y, m, d2))
    t->value_end = Day(DaysFromCivil(y, m, d2));
  return true;
}

// A month [and year]; `after_preposition`: "in March", where a day may
// follow ("since Jan. 13").
bool MonthOfYear(bool after_preposition, const Match& x, Timex* t) {
  int m = MonthInAnyLanguage(x.g[0]);
  if (!m) return false;
  if (after_preposition &&
      x.g[1].empty()) {  // "since Jan. 13" belongs to the day rule
    size_t e = x.pos + t->text.size();
    while (e < x.text.size() && (x.text[e] == '.' || x.text[e] == ' ')) ++e;
    if (e < x.text.size() &&
        std::isdigit(static_cast<unsigned char>(x.text[e])))
      return false;
  }
  int y = x.g[1].empty() ? InferYear(m, x.ref.month == m ? x.ref.day : 15,
                                     x.ref, FutureContext(x.text, x.pos))
                         : std::stoi(x.g[1]);
  t->value = Month(y, m);
  return true;
}

// "(January|…|December|Jan\\.?|…|Sept\\.?|Sep\\.?|…|Dec\\.?)", from
// common/time's names: full names first, "Sept" before "Sep" (the first
// alternative that matches wins).
std::string EnglishMonthPattern() {
  std::string p = "(";
  for (const char* n : kMonthName) p += std::string(n) + "|";
  for (int m = 0; m < 12; ++m) {
    if (m == 4) continue;  // "May" is already a full name
    if (m == 8) p += "Sept\\.?|";
    p += std::string(kMonthAbbrev[m]) + "\\.?|";
  }
  p.back() = ')';
  return p;
}

}  // namespace

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> k = [] {
    const std::string mon = EnglishMonthPattern();
    const std::string foreign =
        "((?i:januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|"
        "février|mars|avril|"
        "juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|"
        "marzo|abril|"
        "mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|april|"
        "august|"
        "september|november))";
    std::string wd = "(";
    for (const char* d : kWeekdayName) wd += std::string(d) + "|";
    wd.back() = ')';
    return Compile({
        {"iso-date",
         "\\b(\\d{4})-(\\d{2})-(\\d{2})\\b",
         [](const Match& x, Timex* t) {
           int64_t day = 0;
           if (!IsoDay(x, t, &day)) return false;
           t->value = Day(day);
           return true;
         },
         {{"on 2025-12-02", "2025-12-02"}}},
        {"month-day",
         "\\b" + mon +
             "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(\\d{1,2}))?(?:,?"
             "\\s+(\\d{4}))?\\b",
         [](const Match& x, Timex* t) {
           return DayOfMonth(DayMonthOrder::kMonthFirst, x, t);
         },
         {{"December 2, 2025", "2025-12-02"},
          {"Dec. 6-7", "2025-12-06/2025-12-07"}}},
        {"day-month",
         "\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(\\d{1,2}))?\\s+(?:of\\s+"
         ")?" +
             mon + "(?:,?\\s+(\\d{4}))?\\b",
         [](const Match& x, Timex* t) {
           return DayOfMonth(DayMonthOrder::kDayFirst, x, t);
         },
         {{"2 December 2025", "2025-12-02"},
          {"the 6th of December", "2025-12-06"}}},
        {"day-month-foreign",
         "\\b(\\d{1,2})(?:er)?\\.?\\s+(?:de\\s+)?" + foreign +
             "\\b(?:\\s+(?:de\\s+)?(\\d{4}))?",
         [](const Match& x, Timex* t) {
           return DayOfMonth(DayMonthOrder::kForeignDayFirst, x, t);
         },
         {{"2 décembre 2025", "2025-12-02"}, {"3. Dezember", "2025-12-03"}}},
        {"in-month",
         "\\b(?i:in|since|until|by|of|early|late|mid-?)\\s+" + mon +
             "(?:\\s+(\\d{4}))?\\b",
         [](const Match& x, Timex* t) { return MonthOfYear(true, x, t); },
         {{"in March 2024", "2024-03"}, {"since June", "2025-06"}}},
        {"month-year",
         "\\b" + mon + "\\s+(\\d{4})\\b",
         [](const Match& x, Timex* t) { return MonthOfYear(false, x, t); },
         {{"March 2024", "2024-03"}}},
        // "Mai 2024", "juin 2024", "agosto de 2024".
        {"month-year-foreign",
         "\\b" + foreign + "\\s+(?:de\\s+)?(\\d{4})\\b",
         [](const Match& x, Timex* t) {
           int m = MonthInAnyLanguage(x.g[0]);
           if (!m) return false;
           t->value = Month(std::stoi(x.g[1]), m);
           return true;
         },
         {{"juin 2024", "2024-06"}, {"agosto de 2024", "2024-08"}}},
        // ISO timestamps: "2025-12-02T14:30", "2025-12-02 14:30".
        {"iso-timestamp",
         "\\b(\\d{4})-(\\d{2})-(\\d{2})[T ]([01]\\d|2[0-3]):([0-5]\\d)\\b",
         [](const Match& x, Timex* t) {
           int64_t day = 0;
           if (!IsoDay(x, t, &day)) return false;
           t->type = "TIME";
           t->value = Day(day) + "T" + x.g[3] + ":" + x.g[4];
           return true;
         },
         {{"2025-12-02T14:30", "2025-12-02T14:30"}}},
        {"weekday",
         "\\b(?:(last|next|this|on|On|Last|Next|This)\\s+)?" + wd + "\\b",
         [](const Match& x, Timex* t) {
           int w = EnglishWeekday(x.g[1]);
           std::string mod = AsciiLower(x.g[0]);
           if (mod.empty() && PartOfName(x.text, x.pos))
             return false;  // "Fox News Sunday"
           int ref_w = Weekday(x.r);
           int64_t back =
               (ref_w - w + 7) % 7;            // days back to the last such day
           int64_t fwd = (w - ref_w + 7) % 7;  // days forward to the next one
           int64_t day;
           if (mod == "this")  // the one in the reference week
             day = x.r - ref_w + w;
           else if (mod == "last")
             day = x.r - (back == 0 ? 7 : back);
           else if (mod == "next")
             day = x.r + (fwd == 0 ? 7 : fwd);
           else if (FutureContext(x.text, x.pos))
             day = x.r + fwd;
           else
             day = x.r - back;
           t->value = Day(day);
           return true;
         },
         {{"last Tuesday", "2025-12-02"}, {"on Monday", "2025-12-01"}}},
        {"today",
         "\\b(today|yesterday|tomorrow|tonight|Today|Yesterday|Tomorrow|"
         "Tonight)\\b",
         [](const Match& x, Timex* t) {
           std::string l = AsciiLower(x.g[0]);
           if (l == "today")
             t->value = Day(x.r);
           else if (l == "tonight") {
             t->value = Day(x.r) + "TNI";
             t->type = "TIME";
           } else if (l == "yesterday")
             t->value = Day(x.r - 1);
           else
             t->value = Day(x.r + 1);
           return true;
         },
         {{"yesterday", "2025-12-03"}, {"tonight", "2025-12-04TNI"}}},
        {"units-ago",
         "\\b(\\d{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|"
         "ten|eleven|twelve))"
         "\\s+(day|week|month|year)s?\\s+ago\\b",
         [](const Match& x, Timex* t) {
           int n = NumberWord(x.g[0]);
           if (n < 0) return false;
           std::string unit = x.g[1];
           if (unit == "day")
             t->value = Day(x.r - n);
           else if (unit == "week")
             t->value = Day(x.r - 7 * n);
           else if (unit == "month") {
             t->value = MonthPlus(x.ref.year, x.ref.month, -n);
           } else {
             t->value = Fmt("%04d", x.ref.year - n);
           }
           return true;
         },
         {{"two weeks ago", "2025-11-20"}, {"3 years ago", "2022"}}},
        {"this-unit",
         "\\b([Ll]ast|[Nn]ext|[Tt]his)\\s+(week|month|year)\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]);
           int delta = mod == "last" ? -1 : mod == "next" ? 1 : 0;
           if (x.g[1] == "week") {
             t->value = IsoWeek(x.r + 7 * delta);
           } else if (x.g[1] == "month") {
             t->value = MonthPlus(x.ref.year, x.ref.month, delta);
           } else {
             t->value = Fmt("%04d", x.ref.year + delta);
           }
           return true;
         },
         {{"next month", "2026-01"}, {"last week", "2025-W48"}}},
        {"in-year",
         "\\b(?:in|In|since|Since|by|until|of|during|early|late)\\s+((?:19|20)"
         "\\d\\d)\\b",
         [](const Match& x, Timex* t) {
           t->value = x.g[0];
           return true;
         },
         {{"since 2019", "2019"}}},
        // Reference words (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF).
        {"reference-word",
         "\\b((?i:right now|now|currently|at "
         "present|presently|nowadays|current|"
         "recently|in the future|the future))\\b",
         [](const Match& x, Timex* t) {
           std::string l = AsciiLower(x.g[0]);
           if (l == "now" || l == "right now" || l == "currently" ||
               l == "at present" || l == "presently" || l == "nowadays" ||
               l == "current")
             t->value = "PRESENT_REF";
           else if (l == "in the future" || l == "the future" ||
                    l == "future" || l == "soon")
             t->value = "FUTURE_REF";
           else
             t->value = "PAST_REF";
           return true;
         },
         {{"currently", "PRESENT_REF"}, {"recently", "PAST_REF"}}},
        // Quarters: "the third quarter [of 1989]", "third-quarter".
        {"quarter",
         "\\b(?:(?i:the)\\s+)?(?:(?i:fiscal)\\s+)?((?i:first|second|third|"
         "fourth|1st|2nd|"
         "3rd|4th))[- ](?i:quarter)\\b(?:\\s+(?:of\\s+)?((?:19|20)\\d\\d))?",
         [](const Match& x, Timex* t) {
           std::string q = AsciiLower(x.g[0]);
           int n = (q[0] == 'f' && q[1] == 'i') || q[0] == '1' ? 1
                   : q[0] == 's' || q[0] == '2'                ? 2
                   : q[0] == 't' || q[0] == '3'                ? 3
                                                               : 4;
           int y = x.ref.year;
           if (!x.g[1].empty())
             y = std::stoi(x.g[1]);
           else if (n > (x.ref.month - 1) / 3 + 1)
             --y;  // a later quarter: last year's
           t->value = Fmt("%04d-Q%d", y % 10000, n);
           return true;
         },
         {{"the third quarter of 2024", "2024-Q3"},
          {"fourth-quarter", "2025-Q4"}}},
        {"the-quarter",
         "\\b(?i:the\\s+)?((?i:latest|last|past|most "
         "recent|current|same|year-earlier|"
         "year-ago))?\\s*(?i:quarter)\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]);
           if (mod.empty() && AsciiLower(t->text).rfind("the", 0) != 0)
             return false;  // bare "quarter"
           int q = (x.ref.month - 1) / 3 + 1, y = x.ref.year;
           if (mod != "current" &&
               mod != "same") {  // the latest completed quarter
             if (--q == 0) {
               q = 4;
               --y;
             }
           }
           if (mod == "year-earlier" || mod == "year-ago") --y;
           t->value = Fmt("%04d-Q%d", y % 10000, q);
           return true;
         },
         {{"the latest quarter", "2025-Q3"},
          {"the year-ago quarter", "2024-Q3"}}},
        // "a year earlier", "year-ago".
        {"year-earlier",
         "\\b((?i:a year earlier|the year before|year-earlier|year-ago|a year "
         "before))\\b",
         [](const Match& x, Timex* t) {
           t->value = Fmt("%04d", (x.ref.year - 1) % 10000);
           return true;
         },
         {{"a year earlier", "2024"}}},
        // Bare years: "1990", "fiscal 1989".
        {"bare-year",
         "\\b(?:(?i:fiscal)\\s+)?((?:1[89]|20)\\d\\d)\\b",
         [](const Match& x, Timex* t) {
           // Not part of a larger number, an amount or a clock time.
           size_t b = x.pos, e = x.pos + t->text.size();
           if (b > 0 &&
               (x.text[b - 1] == '$' || x.text[b - 1] == ',' ||
                x.text[b - 1] == '.' || x.text[b - 1] == '#' ||
                (b > 1 && x.text[b - 1] == ' ' && x.text[b - 2] == '$')))
             return false;
           if (e < x.text.size() && x.text[e] == '%') return false;
           if (e + 1 < x.text.size() && x.text[e] == ',' &&
               std::isdigit(static_cast<unsigned char>(x.text[e + 1])))
             return false;
           if (e + 1 < x.text.size() && x.text[e] == '.' &&
               std::isdigit(static_cast<unsigned char>(x.text[e + 1])))
             return false;
           t->value = x.g[0];
           return true;
         },
         {{"fiscal 1989", "1989"}}},
        // Seasons with an optional modifier.
        {"season",
         "\\b(?:((?i:this past|last|this|next|early|late))\\s+)?((?i:spring|"
         "summer|fall|"
         "autumn|"
         "winter))(?:\\s+(?:of\\s+)?((?:19|20)\\d\\d))?\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]), season = AsciiLower(x.g[1]);
           // A bare "fall" or "spring" is far more often a verb or a noun.
           if (mod.empty() && x.g[2].empty() &&
               (season == "fall" || season == "spring"))
             return false;
           const char* code = season == "spring"   ? "SP"
                              : season == "summer" ? "SU"
                              : season == "winter" ? "WI"
                                                   : "FA";
           int y = x.g[2].empty() ? x.ref.year : std::stoi(x.g[2]);
           if (x.g[2].empty()) {
             int start = season == "spring"   ? 3
                         : season == "summer" ? 6
                         : season == "winter" ? 12
                                              : 9;
             if ((mod == "last" || mod == "this past") && start >= x.ref.month)
               --y;
             if (mod == "next" && start <= x.ref.month) ++y;
             if (mod.empty() && FutureContext(x.text, x.pos) == false &&
                 start > x.ref.month)
               --y;
           }
           t->value = Fmt("%04d-%s", y % 10000, code);
           return true;
         },
         {{"last summer", "2025-SU"}, {"winter of 2023", "2023-WI"}}},
        // Weekends.
        {"weekend",
         "\\b((?i:this|last|next|the))\\s+(?i:weekend)\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]);
           int64_t sat = x.r - Weekday(x.r) + 5;  // this week's Saturday
           if (mod == "last" ||
               (mod == "the" && !FutureContext(x.text, x.pos) &&
                Weekday(x.r) < 5))
             sat -= 7;
           if (mod == "next") sat += 7;
           int64_t thu = sat - 2;
           CivilDay c = CivilFromDays(thu);
           int64_t week = (thu - DaysFromCivil(c.year, 1, 1)) / 7 + 1;
           t->value = Fmt("%04d-W%02d-WE", c.year % 10000,
                          static_cast<int>(week % 100));
           return true;
         },
         {{"this weekend", "2025-W49-WE"}, {"last weekend", "2025-W48-WE"}}},
        // "last April", "next May", "mid-November".
        {"modified-month",
         "\\b((?i:last|next|this|mid-|early|late))\\s*" + mon + "\\b",
         [](const Match& x, Timex* t) {
           std::string mod = AsciiLower(x.g[0]);
           int m = MonthInAnyLanguage(x.g[1]);
           if (!m) return false;
           int y = x.ref.year;
           if (mod == "last")
             y = m >= x.ref.month ? x.ref.year - 1 : x.ref.year;
           else if (mod == "next")
             y = m <= x.ref.month ? x.ref.year + 1 : x.ref.year;
           else if (mod != "this")  // "this September": this year's
             y = InferYear(m, 15, x.ref, FutureContext(x.text, x.pos));
           t->value = Month(y, m);
           return true;
         },
         {{"last April", "2025-04"}, {"mid-November", "2025-11"}}},
        // Parts of day: "this morning", "Saturday night".
        {"part-of-day",
         "\\b((?i:this|yesterday|tomorrow|Monday|Tuesday|Wednesday|Thursday|"
         "Friday|"
         "Saturday|Sunday))\\s+((?i:morning|afternoon|evening|night))\\b",
         [](const Match& x, Timex* t) {
           std::string d = AsciiLower(x.g[0]), part = AsciiLower(x.g[1]);
           int64_t day = x.r;
           if (d == "yesterday")
             day = x.r - 1;
           else if (d == "tomorrow")
             day = x.r + 1;
           else if (d != "this") {
             int w = EnglishWeekday(x.g[0]);
             int64_t back = (Weekday(x.r) - w + 7) % 7,
                     fwd = (w - Weekday(x.r) + 7) % 7;
             day = FutureContext(x.text, x.pos) ? x.r + fwd : x.r - back;
           }
           const char* code = part == "morning"     ? "MO"
                              : part == "afternoon" ? "AF"
                              : part == "evening"   ? "EV"
                                                    : "NI";
           t->type = "TIME";
           t->value = Day(day) + "T" + code;
           return true;
         },
         {{"Saturday night", "2025-11-29TNI"},
          {"this morning", "2025-12-04TMO"}}},
        // Clock times: "5 p.m.", "10:30 a.m.", "noon".
        {"clock-12h",
         "\\b(\\d{1,2})(?::(\\d\\d))?\\s*((?i:a\\.m\\.|p\\.m\\.|am\\b|pm\\b))",
         [](const Match& x, Timex* t) {
           int h = std::stoi(x.g[0]),
               mi = x.g[1].empty() ? 0 : std::stoi(x.g[1]);
           std::string ap = AsciiLower(x.g[2]);
           if (h < 1 || h > 12 || mi > 59) return false;
           if (ap[0] == 'p' && h != 12) h += 12;
           if (ap[0] == 'a' && h == 12) h = 0;
           char b[32];
           std::snprintf(b, sizeof b, "T%02d:%02d", h % 100, mi % 100);
           t->type = "TIME";
           t->value = Day(x.r) + b;
           return true;
         },
         {{"10:30 a.m.", "2025-12-04T10:30"}, {"5 pm", "2025-12-04T17:00"}}},
        {"noon-midnight",
         "\\b((?i:noon|midnight))\\b",
         [](const Match& x, Timex* t) {
           t->type = "TIME";
           t->value =
               Day(x.r) + (AsciiLower(x.g[0]) == "noon" ? "T12:00" : "T24:00");
           return true;
         },
         {{"noon", "2025-12-04T12:00"}}},
        // Bare month names (capitalised; "May" and "March" are too often
        // other words).
        {"bare-month",
         "\\b(January|February|April|June|July|August|September|October|"
         "November|"
         "December)\\b",
         [](const Match& x, Timex* t) {
           int m = MonthInAnyLanguage(x.g[0]);
           if (!m) return false;
           t->value = Month(InferYear(m, x.ref.month == m ? x.ref.day : 15,
                                      x.ref, FutureContext(x.text, x.pos)),
                            m);
           return true;
         },
         {{"September", "2025-09"}}},
        // 24-hour clock with a zone: "18:00 UTC".
        {"clock-utc",
         "\\b([01]?\\d|2[0-3]):([0-5]\\d)\\s*(UTC|GMT)\\b",
         [](const Match& x, Timex* t) {
           char b[32];
           std::snprintf(b, sizeof b, "T%02d:%02dZ", std::stoi(x.g[0]) % 100,
                         std::stoi(x.g[1]) % 100);
           t->type = "TIME";
           t->value = Day(x.r) + b;
           return true;
         },
         {{"18:00 UTC", "2025-12-04T18:00Z"}}},
    });
  }();
  return k;
}

}  // namespace storyline::temporal::internal
