// URLs of web pages: parse, resolve, normalise, on libcurl's URL API
// (RFC 3986). Only absolute http(s) URLs are accepted; anything else
// (javascript:, data:, mailto:, a relative reference without a base, a
// malformed host) gives "" / false.
//
//   url::Normalize("HTTPS://Example.org:443/a/../b?utm_source=x#top")
//       == "https://example.org/b"
//   url::Resolve("https://example.org/news/a", "../b") ==
//       "https://example.org/b"
//   url::HostOf("https://www.bücher.de/x") == "xn--bcher-kva.de"
//
// Normal form, shared by every function here: scheme and host lower-case;
// a host that is not ASCII in punycode (IDNA, UTS #46); percent-encodings
// in upper-case hex; user and password dropped;
// dot segments removed; spaces and bytes outside ASCII in path and query
// percent-encoded. Pure functions, thread-safe; inputs over 8 KB are
// refused.
#ifndef STORYLINE_COMMON_URL_H_
#define STORYLINE_COMMON_URL_H_

#include <string>
#include <string_view>

namespace storyline::url {

struct Parts {
  std::string scheme;    // "http" or "https"
  std::string host;      // lower-case, punycode
  std::string port;      // "" when none was written
  std::string path;      // "/" at least
  std::string query;     // without "?"
  std::string fragment;  // without "#"
};

// Splits an absolute http(s) URL into its normal-form parts.
bool Parse(std::string_view url, Parts* out);

// `href` (whitespace collapsed) resolved against the absolute `base`, in
// normal form with its fragment; "" for non-web schemes or when either
// cannot be read.
std::string Resolve(std::string_view base, std::string_view href);

// The normal form without fragment, default port (80, 443) and tracking
// parameters (utm_*, fbclid, gclid, mc_cid, ...); "" when not a web URL.
std::string Normalize(std::string_view url);

// The host without a leading "www." ("www.example.org" → "example.org");
// "" when not a web URL.
std::string HostOf(std::string_view url);

// HostOf as a reader would write it, for an outlet's name: an IDNA host in
// Unicode ("xn--5-8sbdkf4a7bwh.xn--p1ai" → "5декабря.рф").
std::string DisplayHost(std::string_view url);

}  // namespace storyline::url

#endif  // STORYLINE_COMMON_URL_H_
