// libFuzzer target: one JSONL record (url, title, text or html, published…).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  storyline::ingest::Options o;
  std::string id;
  auto r = storyline::ingest::ArticleFromJsonLine(
      std::string_view(reinterpret_cast<const char*>(data), size), o, &id);
  (void)r;
  return 0;
}
