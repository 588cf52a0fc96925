// Rule-based tagging: every rule of internal/rules (RE2, linear time) is
// matched, resolved against the reference date, and overlaps are settled by
// keeping the longest match; then document-level adjustments ("a year
// earlier" after a quarter) and TIMEX3 extent conventions are applied.
#include "temporal/temporal.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "common/strings.h"
#include "common/time.h"
#include "temporal/internal/rules.h"

namespace storyline::temporal {

using internal::Fmt;
using internal::Rule;
using internal::Rules;

namespace {

// Fixes "ANCHOR:<unit>:<delta>[:<part>]" values against the date the text
// mentioned last (day, month or year granularity), else the reference day.
void ResolveAnchors(const CivilDay& ref, std::vector<Timex>* kept) {
  int64_t anchor = DaysFromCivil(ref.year, ref.month, ref.day);
  int granularity = 3;  // 3 day, 2 month, 1 year
  for (Timex& t : *kept) {
    if (t.value.rfind("ANCHOR:", 0) == 0) {
      std::vector<std::string> p = Split(t.value, ':');
      if (p.size() < 3) continue;
      const std::string& unit = p[1];
      int delta = std::stoi(p[2]);
      int64_t day = anchor;
      CivilDay c = CivilFromDays(anchor);
      if (unit == "D" || unit == "W") {
        if (granularity < 3) day = DaysFromCivil(ref.year, ref.month, ref.day);
        t.value = unit == "D" ? internal::Day(day + delta)
                              : internal::IsoWeek(day + 7 * delta);
        if (p.size() > 3) t.value += "T" + p[3];
      } else if (unit == "M") {
        if (granularity < 2) c = ref;
        t.value = internal::MonthPlus(c.year, c.month, delta);
      } else if (unit == "Y") {
        t.value = Fmt("%04d", (c.year + delta) % 10000);
      } else {
        t.value = "PAST_REF";
      }
      if (t.type == "DATE" && t.value.size() > 10) t.type = "TIME";
    }
    if (t.type != "DATE") continue;
    int64_t first = 0, last = 0;
    if (ValueToDays(t.value, &first, &last)) {
      anchor = first;
      granularity = t.value.size() == 10 ? 3 : t.value.size() == 7 ? 2 : 1;
    }
  }
}

// True when text[b, e) holds only what may join a clock time to the day it
// falls on: spaces, a comma, a time zone ("5 p.m. EST, Nov. 9"), "on".
bool JoinsTimeToDay(std::string_view text, size_t b, size_t e) {
  if (b > e || e - b > 16) return false;
  std::string gap = AsciiLower(text.substr(b, e - b));
  for (const char* word : {"est", "edt", "cst", "cdt", "mst", "mdt", "pst",
                           "pdt", "gmt", "utc", "et", "on"}) {
    size_t n = std::strlen(word);
    for (size_t at = 0; (at = gap.find(word, at)) != std::string::npos;) {
      bool alone =
          (at == 0 || !std::isalpha(static_cast<unsigned char>(gap[at - 1]))) &&
          (at + n == gap.size() ||
           !std::isalpha(static_cast<unsigned char>(gap[at + n])));
      if (alone) gap.replace(at, n, std::string(n, ' '));
      at += n;
    }
  }
  for (char c : gap)
    if (c != ' ' && c != ',') return false;
  return true;
}

bool IsDayValue(const std::string& v) {
  int64_t f = 0, l = 0;
  return v.size() == 10 && ValueToDays(v, &f, &l);
}

// Joins what TIMEX3 annotates as one expression but the rules find as two:
// a clock time and its day ("10 p.m. Wednesday", "5 p.m. EST, Nov. 9" →
// that day at that hour) and a weekday before its date ("Monday, Oct. 26"
// → the date). A clock time after its day ("Tuesday at 9 a.m.") keeps its
// own extent but takes the day's date.
void JoinAdjacent(std::string_view text, std::vector<Timex>* kept) {
  std::vector<Timex> out;
  for (Timex& t : *kept) {
    if (!out.empty()) {
      Timex& a = out.back();
      bool a_time = a.type == "TIME" && a.value.size() >= 13 &&
                    a.value[10] == 'T' && IsDayValue(a.value.substr(0, 10));
      bool t_time = t.type == "TIME" && t.value.size() >= 13 &&
                    t.value[10] == 'T' && IsDayValue(t.value.substr(0, 10));
      bool t_day = t.type == "DATE" && IsDayValue(t.value);
      bool a_weekday = a.type == "DATE" && IsDayValue(a.value) &&
                       EnglishWeekday(a.text) >= 0 && a.value_end.empty();
      if (a_time && t_day && JoinsTimeToDay(text, a.span.end, t.span.begin)) {
        a.value = t.value + a.value.substr(10);
        a.span.end = t.span.end;
        a.text = std::string(text.substr(a.span.begin, a.span.size()));
        continue;
      }
      if (a_weekday && t_day && EnglishWeekday(t.text) < 0 &&
          JoinsTimeToDay(text, a.span.end, t.span.begin)) {
        a.value = t.value;
        a.value_end = t.value_end;
        a.span.end = t.span.end;
        a.text = std::string(text.substr(a.span.begin, a.span.size()));
        continue;
      }
      // "this year's third quarter", "the 1988 second quarter", "the
      // year-earlier third quarter": the year's quarter.
      bool t_quarter = t.type == "DATE" && t.value.size() == 7 &&
                       t.value[5] == 'Q' && t.value[6] != 'X';
      bool a_year = a.type == "DATE" && a.value.size() >= 4 &&
                    std::isdigit(static_cast<unsigned char>(a.value[0])) &&
                    (a.value.size() == 4 || a.value[5] == 'Q');
      if (a_year && t_quarter && t.span.begin >= a.span.end &&
          t.span.begin - a.span.end <= 3) {
        std::string gap(text.substr(a.span.end, t.span.begin - a.span.end));
        if (gap == " " || gap == "'s " || gap == "\xE2\x80\x99s ") {
          a.value = a.value.substr(0, 4) + t.value.substr(4);
          a.span.end = t.span.end;
          if (a.span.begin >= 4 &&
              AsciiLower(text.substr(a.span.begin - 4, 4)) == "the ")
            a.span.begin -= 4;
          a.text = std::string(text.substr(a.span.begin, a.span.size()));
          continue;
        }
      }
      if (IsDayValue(a.value) && t_time && t.span.begin >= a.span.end &&
          t.span.begin - a.span.end <= 4 &&
          AsciiLower(text.substr(a.span.end, t.span.begin - a.span.end)) ==
              " at ") {
        t.value = a.value + t.value.substr(10);
      }
    }
    out.push_back(std::move(t));
  }
  kept->swap(out);
}

// Every rule (date rules, then period rules: the order Tag runs them in)
// with one RE2::Set over all their patterns, so a text is scanned once to
// learn which few rules can match at all. Built once, immutable after.
struct RuleIndex {
  std::vector<const Rule*> rules;
  std::unique_ptr<RE2::Set> set;  // nullptr if it could not be built
};

const RuleIndex& Index() {
  static const RuleIndex* index = [] {
    auto* ix = new RuleIndex;
    for (const Rule& r : Rules()) ix->rules.push_back(&r);
    for (const Rule& r : internal::PeriodRules()) ix->rules.push_back(&r);
    auto set = std::make_unique<RE2::Set>(RE2::DefaultOptions, RE2::UNANCHORED);
    bool ok = true;
    for (const Rule* r : ix->rules)
      ok = ok && set->Add(r->re->pattern(), nullptr) >= 0;
    if (ok && set->Compile()) ix->set = std::move(set);
    return ix;
  }();
  return *index;
}

}  // namespace

std::vector<Timex> Tag(std::string_view text, int64_t dct,
                       const Options& options) {
  if (text.size() > options.max_text_bytes)
    text = text.substr(0, options.max_text_bytes);
  CivilDay ref = CivilFromUnix(dct);
  std::vector<Timex> found;
  std::vector<Span> blocked;  // impossible dates: nothing inside them is a date
  re2::StringPiece input(text.data(), text.size());
  const RuleIndex& index = Index();
  // Which rules match somewhere (all of them when the set cannot tell,
  // e.g. its DFA ran out of memory on a huge text).
  std::vector<bool> may(index.rules.size(), true);
  if (index.set) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo err;
    if (index.set->Match(input, &hits, &err)) {
      may.assign(index.rules.size(), false);
      for (int h : hits) may[static_cast<size_t>(h)] = true;
    } else if (err.kind == RE2::Set::kNoError) {
      return found;  // no rule matches anywhere
    }
  }
  const int64_t ref_days = DaysFromCivil(ref.year, ref.month, ref.day);
  for (size_t ri = 0; ri < index.rules.size(); ++ri) {
    if (!may[ri]) continue;
    const Rule& rule = *index.rules[ri];
    int n = rule.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> groups(n + 1);
    size_t pos = 0;
    while (pos <= text.size() &&
           rule.re->Match(input, pos, text.size(), RE2::UNANCHORED,
                          groups.data(), n + 1)) {
      size_t b = groups[0].data() - text.data();
      size_t e = b + groups[0].size();
      pos = e > b ? e : b + 1;
      std::vector<std::string> g;
      for (int i = 1; i <= n; ++i)
        g.emplace_back(groups[i].data() ? std::string(groups[i]) : "");
      Timex t;
      t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      t.text = std::string(text.substr(b, e - b));
      t.type = "DATE";
      bool ok = rule.resolve(internal::Match{g, text, b, ref, ref_days}, &t);
      if (ok) {
        // TIMEX3 extents leave out a leading preposition ("on Tuesday" →
        // "Tuesday"); the rules need it only as context.
        for (const char* prep :
             {"on ", "On ", "in ", "In ", "since ", "Since ", "by ", "By ",
              "until ", "Until ", "of ", "during ", "During ", "at ", "At "}) {
          size_t n = std::strlen(prep);
          if (t.text.size() > n && t.text.compare(0, n, prep) == 0) {
            t.text = t.text.substr(n);
            t.span.begin += static_cast<uint32_t>(n);
            break;
          }
        }
        found.push_back(std::move(t));
      } else if (t.type == "INVALID") {
        blocked.push_back(t.span);
      }
    }
  }
  // Longest match wins; ties go to the earlier rule (already ordered).
  std::stable_sort(found.begin(), found.end(),
                   [](const Timex& a, const Timex& b) {
                     return a.span.size() > b.span.size();
                   });
  std::vector<Timex> kept;
  for (Timex& t : found) {
    bool overlap = false;
    for (const Span& b : blocked)
      overlap |= t.span.begin < b.end && b.begin < t.span.end;
    for (const Timex& k : kept)
      overlap |= t.span.begin < k.span.end && k.span.begin < t.span.end;
    if (!overlap) kept.push_back(std::move(t));
  }
  std::sort(kept.begin(), kept.end(), [](const Timex& a, const Timex& b) {
    return a.span.begin < b.span.begin;
  });
  JoinAdjacent(text, &kept);
  ResolveAnchors(ref, &kept);
  // "a year ago" / "a year earlier" soon after a quarter is mentioned means
  // that quarter a year back ("third-quarter profit … a year earlier").
  const Timex* quarter = nullptr;
  for (Timex& t : kept) {
    if (t.value.size() == 7 && t.value[5] == 'Q') {
      quarter = &t;
      continue;
    }
    std::string l = AsciiLower(t.text);
    bool year_back = l.find("year ago") != std::string::npos ||
                     l.find("year earlier") != std::string::npos ||
                     l.find("year-earlier") != std::string::npos ||
                     l.find("year-ago") != std::string::npos ||
                     l.find("year before") != std::string::npos;
    if (year_back && quarter && t.span.begin - quarter->span.end < 400) {
      int y = std::stoi(quarter->value.substr(0, 4)) - 1;
      char b[16];
      std::snprintf(b, sizeof b, "%04d", y % 10000);
      t.value = std::string(b) + quarter->value.substr(4);
    }
  }
  return kept;
}

bool ValueToDays(const std::string& v, int64_t* first, int64_t* last) {
  int y = 0, m = 0, d = 0;
  if (v.size() == 10 &&
      std::sscanf(v.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      IsValidDay(y, m, d)) {
    *first = *last = DaysFromCivil(y, m, d);
    return true;
  }
  if (v.size() == 7 && v[4] == '-' &&
      std::sscanf(v.c_str(), "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) {
    *first = DaysFromCivil(y, m, 1);
    *last = DaysFromCivil(y, m, DaysInMonth(y, m));
    return true;
  }
  if (v.size() == 4 && std::sscanf(v.c_str(), "%4d", &y) == 1) {
    *first = DaysFromCivil(y, 1, 1);
    *last = DaysFromCivil(y, 12, 31);
    return true;
  }
  return false;
}

std::string HumanLabel(const std::string& value, const std::string& value_end) {
  int64_t f = 0, l = 0;
  if (!ValueToDays(value, &f, &l)) return value;
  CivilDay c = CivilFromDays(f);
  char b[48];
  if (value.size() == 10) {
    int64_t f2 = 0, l2 = 0;
    if (!value_end.empty() && ValueToDays(value_end, &f2, &l2)) {
      CivilDay e = CivilFromDays(f2);
      std::snprintf(b, sizeof b, "%s %d\xE2\x80\x93%d, %d",
                    kMonthAbbrev[c.month - 1], c.day, e.day, c.year);
      return b;
    }
    return FormatHumanDay(c);
  }
  if (value.size() == 7) {
    std::snprintf(b, sizeof b, "%s %d", kMonthAbbrev[c.month - 1], c.year);
    return b;
  }
  return value;
}

bool IsCalendarWord(std::string_view word) {
  std::string w(word);
  if (AsciiLower(w) == "may") return false;
  return MonthInAnyLanguage(w) != 0 || EnglishWeekday(w) >= 0;
}

}  // namespace storyline::temporal
