// libFuzzer target: arbitrary bytes as an HTML page. Extraction must
// return (ok or a status) within its budgets and never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  storyline::extract::Options o;
  o.max_input_bytes = 1 << 20;
  auto r = storyline::extract::ExtractPage(
      std::string_view(reinterpret_cast<const char*>(data), size), "https://fuzz.example/a/b", o);
  if (r.ok() && r->article.text.size() > o.max_text_bytes + 4) __builtin_trap();
  return 0;
}
