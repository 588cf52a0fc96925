// libFuzzer target: the date tagger and the sentence splitter on arbitrary
// text. Every span must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/strings.h"
#include "temporal/temporal.h"
#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string raw(reinterpret_cast<const char*>(data), size);
  std::string t = storyline::text::Normalize(raw);
  for (const storyline::Span& s : storyline::text::SplitSentences(t))
    if (s.end > t.size() || s.begin > s.end) __builtin_trap();
  for (const auto& x : storyline::temporal::Tag(raw, 1764806400))
    if (x.span.end > raw.size() || x.span.begin > x.span.end) __builtin_trap();
  return 0;
}
