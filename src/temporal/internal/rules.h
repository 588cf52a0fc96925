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

struct Rule {
  std::unique_ptr<RE2> re;
  int id;
};

// Every rule, in priority order; built once, immutable after.
const std::vector<Rule>& Rules();

// Fills t->value/type from rule `id`'s groups `g` matched at byte `pos` of
// `text`, relative to `ref`. False when the match is not a date; sets
// t->type to "INVALID" for an impossible date (its span is then blocked).
bool Resolve(int id, const std::vector<std::string>& g, std::string_view text,
             size_t pos, const CivilDay& ref, Timex* t);

// The second table (period_rules.cc): decades, holidays, durations, sets,
// anaphoric expressions. Their resolver may set a value "ANCHOR:<unit>:
// <delta>[:<part of day>]" (unit D, W, M or Y) that Tag fixes against the
// date the text mentioned last, or the reference date when there is none.
const std::vector<Rule>& PeriodRules();
bool ResolvePeriod(int id, const std::vector<std::string>& g,
                   std::string_view text, size_t pos, const CivilDay& ref,
                   Timex* t);

// Helpers shared by both tables (rules.cc).
std::string Day(int64_t days);        // "2025-12-02"
std::string Month(int y, int m);      // "2025-12"
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
