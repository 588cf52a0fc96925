// libFuzzer target: feed documents (RSS, RDF, Atom, JSON Feed, OPML,
// sitemaps) and RFC 822 dates.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto f = storyline::ingest::ParseFeed(in, "https://fuzz.example/feed", {});
  (void)f;
  int64_t t = 0;
  storyline::ingest::ParseRfc822Date(in.substr(0, 80), &t);
  return 0;
}
