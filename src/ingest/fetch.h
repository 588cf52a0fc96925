// fetch: polite, bounded HTTP fetching with libcurl's multi interface.
//
//   ingest::FetcherOptions o;  o.user_agent = "...";
//   auto f = ingest::NewCurlFetcher(o);
//   std::vector<ingest::FetchResult> r =
//   f->FetchAll({{"https://x.example/rss"}});
//
// Every request: http/https only (also after redirects), at most
// `max_redirects` redirects, connect and total timeouts, a stall timeout
// for hosts that hang, at most `max_body_bytes` of decoded body (gzip,
// deflate and br are accepted and decoded; a compression bomb stops at the
// budget), conditional GET from the caller's ETag / Last-Modified, and
// retries with exponential backoff and jitter for transient failures
// (connection errors, timeouts, 429, 5xx).
// SSRF guard: a connection to a loopback, private, link-local, multicast,
// unspecified or reserved address is refused unless `allow_private` —
// checked on the resolved address of every connection, so DNS answers
// and redirects cannot get around it.
// Concurrency: at most `max_connections` in total and `max_per_host` per
// host at once. Thread-safety: one FetchAll at a time per Fetcher.
#ifndef STORYLINE_INGEST_FETCH_H_
#define STORYLINE_INGEST_FETCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace storyline::ingest {

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
};

struct FetchResult {
  std::string url;        // as requested
  std::string final_url;  // after redirects
  Status status;          // transport / policy outcome; Ok when a response came
  int http_status = 0;    // 0 without a response
  std::string etag, last_modified, content_type;
  std::string head;  // status line and headers of the final response
  std::string body;  // decoded
  int attempts = 0;
  int64_t fetched_at = 0;  // Unix seconds
};

struct FetcherOptions {
  std::string user_agent =
      "storyline/0.1 (news story engine; +https://github.com/storyline-news)";
  int max_connections = 64;
  int max_per_host = 4;  // 0: no per-host limit
  int connect_timeout_ms = 5000;
  int total_timeout_ms = 30000;
  int stall_seconds = 10;  // abort when under 1 byte/s for this long
  size_t max_body_bytes = 8u << 20;
  int max_redirects = 5;
  int retries = 2;  // extra attempts for transient failures
  int backoff_ms = 250;
  bool allow_private = false;
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Results in request order.
  virtual std::vector<FetchResult> FetchAll(
      const std::vector<FetchRequest>& requests) = 0;
};

std::unique_ptr<Fetcher> NewCurlFetcher(const FetcherOptions& options);

// True for addresses the SSRF guard refuses ("127.0.0.1", "10.1.2.3",
// "::1", "fe80::1", "169.254.169.254", "::ffff:192.168.0.1", ...).
bool IsPrivateAddress(const std::string& ip);

}  // namespace storyline::ingest

#endif  // STORYLINE_INGEST_FETCH_H_
