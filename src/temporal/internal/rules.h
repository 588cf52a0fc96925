// Rule table and resolvers of the date tagger (internal to temporal/).
#ifndef STORYLINE_TEMPORAL_INTERNAL_RULES_H_
#define STORYLINE_TEMPORAL_INTERNAL_RULES_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "temporal/temporal.h"

namespace storyline::temporal::internal {

// What a rule's resolver reads: the capture groups of its match ("" for a
// group that did not take part), where it matched and the reference date.
struct Match {
  const std::vector<std::string>& g;
  std::string_view text;  // the whole text being tagged
  size_t pos;             // byte offset of the match in `text`
  const CivilDay& ref;
  int64_t r;  // `ref` in days since 1970-01-01
};

// Fills t->value (and t->type, which starts as "DATE") from a match.
// False when the match is not a date; an impossible date ("February 30")
// also sets t->type to "INVALID", and its span is then blocked.
using Resolver = bool (*)(const Match& x, Timex* t);

// A text the rule alone turns into `value` against the reference date
// kExampleReference; "a/b" is a range a..b. Run by temporal_test.
struct Example {
  const char* text;
  const char* value;
};
inline constexpr CivilDay kExampleReference{2025, 12, 4};  // a Thursday

// One rule: its pattern, its resolver beside it and its examples. Adding
// a rule is one entry in a table.
struct Rule {
  const char* name;
  std::unique_ptr<RE2> re;
  Resolver resolve;
  std::vector<Example> examples;
};
struct RuleSpec {
  const char* name;
  std::string pattern;
  Resolver resolve;
  std::vector<Example> examples;
};
// Compiles a table (rules.cc).
std::vector<Rule> Compile(std::vector<RuleSpec> specs);

// Every rule, in priority order; built once, immutable after.
const std::vector<Rule>& Rules();

// The second table (period_rules.cc): decades, holidays, durations, sets,
// anaphoric expressions. Their resolver may set a value "ANCHOR:<unit>:
// <delta>[:<part of day>]" (unit D, W, M or Y) that Tag fixes against the
// date the text mentioned last, or the reference date when there is none.
const std::vector<Rule>& PeriodRules();

// Helpers shared by both tables (rules.cc).
std::string Day(int64_t days);    // "2025-12-02"
std::string Month(int y, int m);  // "2025-12"
// "YYYY-MM" of the month `delta` months after y-m (delta may be negative).
std::string MonthPlus(int y, int m, int delta);
std::string IsoWeek(int64_t days);  // "2025-W49"
// Year of a month/day given without one: nearest to `ref`, leaning past,
// or the next occurrence when `future`.
int InferYear(int m, int d, const CivilDay& ref, bool future);
// True when the clause before `pos` is future tense ("will", "plans to").
bool FutureContext(std::string_view text, size_t pos);

// printf into a std::string (values are short: dates, weeks, quarters).
template <typename... Args>
std::string Fmt(const char* format, Args... args) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

}  // namespace storyline::temporal::internal

#endif  // STORYLINE_TEMPORAL_INTERNAL_RULES_H_
