// The server's own request/response types, independent of the HTTP
// library, so handlers are plain functions that tests can call (internal).
#ifndef STORYLINE_SERVER_INTERNAL_HTTP_H_
#define STORYLINE_SERVER_INTERNAL_HTTP_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storyline::server::internal {

struct Request {
  std::string method = "GET";
  std::string path;                                // percent-decoded
  std::multimap<std::string, std::string> params;  // query and form fields
  std::map<std::string, std::string> cookies;
  std::string origin;      // Origin header ("" when absent)
  std::string host;        // Host header
  std::string fetch_site;  // Sec-Fetch-Site header ("" when absent)
  std::string authorization;  // Authorization header ("" when absent)
  bool loopback = false;      // the client's address is 127.0.0.0/8 or ::1

  std::string Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? "" : it->second;
  }
  std::string Cookie(const std::string& name) const {
    auto it = cookies.find(name);
    return it == cookies.end() ? "" : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;       // for 301/303
  int64_t last_modified = 0;  // Unix seconds; 0: none
  int max_age = 10;           // Cache-Control max-age, seconds
  bool cacheable = true;      // may be kept in the response cache
  std::string etag;           // computed by Dispatch when empty
  std::vector<std::pair<std::string, std::string>> headers;  // extra
  // The body gzip-compressed, made once when the response is cached (so a
  // page is compressed once per generation, not once per request); null
  // when not worth it (small or already compressed bodies).
  std::shared_ptr<const std::string> gzip_body;
};

// Parses "a=1&b=x%20y+z" (a query string or an
// application/x-www-form-urlencoded body): '+' is a space, %XX a byte, a
// field without '=' has the empty value. Bounded: at most 256 fields.
std::multimap<std::string, std::string> ParseQuery(std::string_view query);

// Percent-decodes `s` ('+' stays '+'); a malformed escape is kept as is.
std::string PercentDecode(std::string_view s);

// Whether an Accept-Encoding header value accepts gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);

// gzip (RFC 1952) of `body` at the default level.
std::string Gzip(std::string_view body);

// Sets r->gzip_body when the body is text of 1 KB or more.
void AddGzipBody(Response* r);

// Parses a Cookie header ("a=1; b=2"). Bounded: at most 32 cookies.
std::map<std::string, std::string> ParseCookies(const std::string& header);

// Makes a request from the wire fit for the handlers: every page is
// UTF-8, so a stray byte in the path, a query or form field or a cookie
// becomes U+FFFD here, before any route or view sees it.
void SanitizeRequest(Request* req);

// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"). Reading one back
// is common/time's ParseRfc822Date.
std::string FormatHttpDate(int64_t t);

// True when an If-None-Match header value matches `etag`.
bool EtagMatches(const std::string& if_none_match, const std::string& etag);

}  // namespace storyline::server::internal

#endif  // STORYLINE_SERVER_INTERNAL_HTTP_H_
