// temporal: find date expressions in text and resolve them against a
// reference instant (the article's publication time), TIMEX3-style.
//
//   auto tx = temporal::Tag("The meeting on Tuesday ...", dct_seconds);
//   tx[0].value == "2025-12-02", tx[0].type == "DATE"
//
// Values carry only the granularity the text expresses ("2025-12",
// "2025", "2025-W49"). Ranges ("Dec 6-7, 2025") set value_end.
// Thread-safe: the rule tables are immutable after first use.
#ifndef STORYLINE_TEMPORAL_TEMPORAL_H_
#define STORYLINE_TEMPORAL_TEMPORAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"

namespace storyline::temporal {

struct Timex {
  Span span;              // bytes in the tagged text
  std::string text;       // the matched text
  std::string type;       // DATE, TIME, DURATION, SET
  std::string value;      // TIMEX3 value
  std::string value_end;  // last day of a range, else ""
};

struct Options {
  // Texts longer than this are tagged only up to this many bytes.
  size_t max_text_bytes = 4u << 20;
};

// `dct` is the reference time (Unix seconds, UTC).
std::vector<Timex> Tag(std::string_view text, int64_t dct,
                       const Options& options = Options());

// For a DATE value of day, month or year granularity, the first and last
// day (days since epoch) it covers. False for anything else.
bool ValueToDays(const std::string& value, int64_t* first, int64_t* last);

// Human label honest to the granularity: "Dec 2, 2025", "Dec 2025", "2025",
// and "Dec 6–7, 2025" for a range.
std::string HumanLabel(const std::string& value, const std::string& value_end);

// True for a month or weekday name or abbreviation the tagger reads
// (English, German, French, Spanish; any case), except "May", which is
// also a name: written capitalised ("September", "Monday") it dates
// something, it does not name a person or a place.
bool IsCalendarWord(std::string_view word);

}  // namespace storyline::temporal

#endif  // STORYLINE_TEMPORAL_TEMPORAL_H_
