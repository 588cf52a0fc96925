// The server's own request/response types, independent of the HTTP
// library, so handlers are plain functions that tests can call (internal).
#ifndef STORYLINE_SERVER_INTERNAL_HTTP_H_
#define STORYLINE_SERVER_INTERNAL_HTTP_H_

#include <cstdint>
#include <map>
#include <string>
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
};

// Parses a Cookie header ("a=1; b=2"). Bounded: at most 32 cookies.
std::map<std::string, std::string> ParseCookies(const std::string& header);

// Makes a request from the wire fit for the handlers: every page is
// UTF-8, so a stray byte in the path, a query or form field or a cookie
// becomes U+FFFD here, before any route or view sees it.
void SanitizeRequest(Request* req);

// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and back; Parse
// returns false for anything else.
std::string FormatHttpDate(int64_t t);
bool ParseHttpDate(const std::string& s, int64_t* t);

// True when an If-None-Match header value matches `etag`.
bool EtagMatches(const std::string& if_none_match, const std::string& etag);

}  // namespace storyline::server::internal

#endif  // STORYLINE_SERVER_INTERNAL_HTTP_H_
