// WARC 1.0/1.1 reading and writing (ISO 28500).
//
//   auto r = ingest::WarcReader::Open("crawl.warc.gz", {});
//   ingest::WarcRecord rec;
//   while (true) {
//     Result<bool> more = (*r)->Next(&rec);
//     if (!more.ok()) { report(more.status()); break; }  // damaged: stop
//     if (!*more) break;                                  // clean end
//     if (rec.type == "response") ...
//   }
//
// Reads plain `.warc` files and `.warc.gz` files made of gzip members (one
// per record, as crawlers write them, or one for the whole file). A
// truncated or malformed record is an error naming its byte offset; the
// records before it were already returned. Budgets bound every record.
// WarcWriter writes one gzip member per record and rotates files at a size
// limit; what it writes reads back byte-exact.
// Not thread-safe: one reader or writer per thread.
#ifndef STORYLINE_INGEST_WARC_H_
#define STORYLINE_INGEST_WARC_H_

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace storyline::ingest {

struct WarcRecord {
  std::string version = "WARC/1.1";  // the record's first line
  // Named fields in file order, names as written.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string block;  // Content-Length bytes

  // A field's value (case-insensitive name); "" when absent.
  std::string Field(const std::string& name) const;
  std::string Type() const { return Field("WARC-Type"); }
  std::string TargetUri() const { return Field("WARC-Target-URI"); }
};

struct WarcOptions {
  size_t max_header_bytes = 64 << 10;   // a record's header block
  size_t max_record_bytes = 64u << 20;  // a record's content block
};

class WarcReader {
 public:
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path,
                                                  const WarcOptions& options);
  // Reads from memory (fuzzing, tests); `data` is copied.
  static std::unique_ptr<WarcReader> FromBytes(std::string data,
                                               const WarcOptions& options);
  ~WarcReader();
  // True and fills *record; false at the clean end; an error when the input
  // is damaged. In a .warc.gz of one gzip member per record (the WARC
  // convention), a damaged record (an impossible length, a length that
  // runs past its member, a broken header) is an error for that record
  // only: the next call resumes at the next member. Otherwise the reader
  // stays at the end after an error.
  Result<bool> Next(WarcRecord* record);
  // Uncompressed bytes consumed so far.
  uint64_t offset() const { return offset_; }

 private:
  WarcReader(FILE* f, std::string data, const WarcOptions& o);
  // Ensures at least `n` bytes are buffered past pos_ (false at the end).
  Result<bool> Fill(size_t n);
  Status Refill();
  Result<bool> ReadRecord(WarcRecord* record, uint64_t* start);
  // Drops input up to the first gzip member that ends after `start`;
  // false when there is none (then nothing can be resumed).
  bool SkipToMemberAfter(uint64_t start);
  // The first member end in (after, before), or 0.
  uint64_t MemberEndWithin(uint64_t after, uint64_t before) const;

  FILE* file_ = nullptr;
  WarcOptions opts_;
  std::string buf_;  // decoded bytes not yet consumed start at pos_
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  bool gzip_ = false, eof_ = false, failed_ = false;
  uint64_t decoded_ = 0;  // bytes decoded so far (offsets like offset_)
  std::deque<uint64_t> member_ends_;  // decoded offsets where members end
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
  std::string raw_;  // memory input (FromBytes)
  size_t raw_pos_ = 0;
};

struct WarcWriterOptions {
  std::string dir;                          // created if missing
  std::string prefix = "storyline";         // file name prefix
  uint64_t max_file_bytes = 1000ull << 20;  // rotate after this many
};

class WarcWriter {
 public:
  static Result<std::unique_ptr<WarcWriter>> Open(
      const WarcWriterOptions& options);
  ~WarcWriter();
  // Appends one record as its own gzip member; flushes it to the OS.
  Status Write(const WarcRecord& record);
  // The file being written.
  const std::string& path() const { return path_; }

 private:
  explicit WarcWriter(const WarcWriterOptions& o) : opts_(o) {}
  Status Rotate();
  WarcWriterOptions opts_;
  FILE* file_ = nullptr;
  std::string path_;
  uint64_t written_ = 0;
  int sequence_ = 0;
};

// A `response` record for a fetched page (HTTP status line, headers and
// body as received, decoded body for convenience is not stored).
WarcRecord ResponseRecord(const std::string& url, int64_t fetched_at,
                          const std::string& http_head,
                          const std::string& body);

// The HTTP response inside a `response` record's block.
struct HttpMessage {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // de-chunked and decompressed (gzip/deflate)
  std::string Header(const std::string& name) const;
};
// Errors for a block that is not an HTTP response, or whose body breaks
// the budget when decoded (gzip bombs stop at `max_body_bytes`).
Result<HttpMessage> ParseHttpResponse(const std::string& block,
                                      size_t max_body_bytes);

}  // namespace storyline::ingest

#endif  // STORYLINE_INGEST_WARC_H_
