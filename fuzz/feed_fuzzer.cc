// libFuzzer target: feed documents (RSS, RDF, Atom, JSON Feed, OPML,
// sitemaps), the RFC 822 date parser and the URL functions feeds feed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/time.h"
#include "common/url.h"
#include "ingest/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto f = storyline::ingest::ParseFeed(in, "https://fuzz.example/feed", {});
  (void)f;
  int64_t t = 0;
  storyline::ParseRfc822Date(in.substr(0, 80), &t);
  std::string_view head = in.substr(0, 2048);
  (void)storyline::url::Normalize(head);
  (void)storyline::url::Resolve("https://fuzz.example/a/b?c=d#e", head);
  (void)storyline::url::DisplayHost(head);
  return 0;
}
