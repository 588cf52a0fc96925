// libFuzzer target: WARC streams (plain or gzip) and the HTTP responses in
// their records.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  storyline::ingest::WarcOptions o;
  o.max_record_bytes = 1 << 20;
  auto r = storyline::ingest::WarcReader::FromBytes(
      std::string(reinterpret_cast<const char*>(data), size), o);
  storyline::ingest::WarcRecord rec;
  for (int i = 0; i < 1000; ++i) {
    auto more = r->Next(&rec);
    if (!more.ok() || !*more) break;
    auto http = storyline::ingest::ParseHttpResponse(rec.block, 1 << 20);
    (void)http;
  }
  return 0;
}
