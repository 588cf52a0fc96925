// URLs on libcurl's URL API (CURLU): it parses, resolves relative
// references and removes dot segments; this file adds the normal form and
// the tracking-parameter list.
#include "common/url.h"

#include <curl/curl.h>
#include <unicode/bytestream.h>
#include <unicode/idna.h>

#include <memory>
#include <vector>

#include "common/strings.h"

namespace storyline::url {
namespace {

constexpr size_t kMaxUrlBytes = 8192;

struct Handle {
  CURLU* h = curl_url();
  ~Handle() { curl_url_cleanup(h); }
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  bool ok() const { return h != nullptr; }
};

// One part of a parsed URL, "" when absent.
std::string Get(CURLU* h, CURLUPart part, unsigned flags = 0) {
  char* v = nullptr;
  if (curl_url_get(h, part, &v, flags) != CURLUE_OK || !v) return "";
  std::string s(v);
  curl_free(v);
  return s;
}

const icu::IDNA* Uts46() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::IDNA* idna =
      icu::IDNA::createUTS46Instance(UIDNA_NONTRANSITIONAL_TO_ASCII, err);
  return U_FAILURE(err) ? nullptr : idna;
}

// A host name in ASCII: UTS #46 (IDNA 2008, transitional off) through ICU,
// which, unlike libcurl's libidn2 path, does not depend on the locale.
// "" when the name is not a valid one.
std::string AsciiHost(const std::string& host) {
  bool ascii = true;
  for (unsigned char c : host) ascii &= c < 0x80;
  if (ascii) return AsciiLower(host);
  const icu::IDNA* idna = Uts46();
  if (!idna) return "";
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::IDNAInfo info;
  UErrorCode err = U_ZERO_ERROR;
  idna->nameToASCII_UTF8(host, sink, info, err);
  if (U_FAILURE(err) || info.hasErrors()) return "";
  return out;
}

// "%c3%a9" → "%C3%A9" (RFC 3986 section 6.2.2.1), so the encodings curl
// writes and the ones pages write compare equal.
std::string UpperHex(std::string s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] != '%') continue;
    for (size_t k = i + 1; k <= i + 2; ++k)
      if (s[k] >= 'a' && s[k] <= 'f') s[k] = static_cast<char>(s[k] - 32);
  }
  return s;
}

bool Read(CURLU* h, Parts* p) {
  p->scheme = AsciiLower(Get(h, CURLUPART_SCHEME));
  if (p->scheme != "http" && p->scheme != "https") return false;
  p->host = AsciiHost(Get(h, CURLUPART_HOST));
  if (p->host.empty()) return false;
  p->port = Get(h, CURLUPART_PORT);
  p->path = UpperHex(Get(h, CURLUPART_PATH));
  if (p->path.empty()) p->path = "/";
  p->query = UpperHex(Get(h, CURLUPART_QUERY));
  p->fragment = Get(h, CURLUPART_FRAGMENT);
  return true;
}

// Sets `u` on `h` (relative to what `h` holds when it already holds a URL).
bool Set(CURLU* h, std::string_view u) {
  if (u.size() > kMaxUrlBytes) return false;
  std::string s(u);
  return curl_url_set(h, CURLUPART_URL, s.c_str(),
                      CURLU_URLENCODE | CURLU_ALLOW_SPACE) == CURLUE_OK;
}

std::string Build(const Parts& p, bool with_fragment) {
  std::string s = p.scheme + "://" + p.host;
  if (!p.port.empty()) s += ":" + p.port;
  s += p.path;
  if (!p.query.empty()) s += "?" + p.query;
  if (with_fragment && !p.fragment.empty()) s += "#" + p.fragment;
  return s;
}

// Query keys that only say where a click came from. Ids a site needs
// ("id", "cid", "p") are never here: they name the page.
bool IsTrackingParameter(const std::string& key) {
  static const char* const kKeys[] = {
      "fbclid",  "gclid",   "dclid",    "msclkid",
      "mc_cid",  "mc_eid",  "ocid",     "cmpid",
      "ref_src", "ref_url", "smid",     "smtyp",
      "igshid",  "ncid",    "icid",     "soc_src",
      "soc_trk", "mbid",    "sr_share", "tsrc",
      ".tsrc",   "yclid",   "wt.mc_id", "_hsenc",
      "_hsmi",   "mkt_tok", "s_cid",    "__twitter_impression"};
  if (StartsWith(key, "utm_")) return true;
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

// Only absolute http(s) URLs: a scheme is required, and a scheme-less
// string is never guessed to be one.
bool LooksAbsolute(std::string_view u) {
  size_t colon = u.find("://");
  return colon != std::string_view::npos && colon <= 8 &&
         colon + 3 < u.size() && u[colon + 3] != '/';
}

}  // namespace

bool Parse(std::string_view u, Parts* out) {
  if (!LooksAbsolute(u)) return false;
  Handle h;
  return h.ok() && Set(h.h, u) && Read(h.h, out);
}

std::string Resolve(std::string_view base, std::string_view href_in) {
  std::string href = CollapseWhitespace(href_in);
  if (href.empty()) return "";
  Handle h;
  if (!h.ok()) return "";
  Parts p;
  if (LooksAbsolute(std::string_view(href).substr(0, 16))) {
    return Set(h.h, href) && Read(h.h, &p) ? Build(p, true) : "";
  }
  size_t colon = href.find(':');
  size_t slash = href.find('/');
  if (colon != std::string::npos &&
      (slash == std::string::npos || colon < slash))
    return "";  // javascript:, mailto:, data:, tel: …
  if (!LooksAbsolute(base) || !Set(h.h, base)) return "";
  Parts b;
  if (!Read(h.h, &b)) return "";
  // Relative references are merged with the base here (RFC 3986 section
  // 5.2) and read back as an absolute URL, which removes dot segments and
  // encodes; libcurl 7.88's own resolver reads "#x" against the base's
  // folder and drops the slash of "../?q".
  if (href[0] == '?') b.query.clear();
  b.fragment.clear();
  std::string abs;
  if (StartsWith(href, "//")) {
    abs = b.scheme + ":" + href;
  } else if (href[0] == '#' || href[0] == '?') {
    abs = Build(b, false) + href;
  } else {
    std::string origin = b.scheme + "://" + b.host;
    if (!b.port.empty()) origin += ":" + b.port;
    abs = origin +
          (href[0] == '/' ? href
                          : b.path.substr(0, b.path.rfind('/') + 1) + href);
  }
  Handle whole;
  if (!whole.ok() || !Set(whole.h, abs) || !Read(whole.h, &p)) return "";
  return Build(p, true);
}

std::string Normalize(std::string_view u) {
  Parts p;
  if (!Parse(u, &p)) return "";
  if ((p.scheme == "http" && p.port == "80") ||
      (p.scheme == "https" && p.port == "443"))
    p.port.clear();
  std::vector<std::string> kept;
  for (const std::string& kv : Split(p.query, '&')) {
    if (kv.empty()) continue;
    std::string key = AsciiLower(kv.substr(0, kv.find('=')));
    if (IsTrackingParameter(key)) continue;
    kept.push_back(kv);
  }
  p.query = Join(kept, "&");
  return Build(p, false);
}

std::string HostOf(std::string_view u) {
  Parts p;
  if (!Parse(u, &p)) return "";
  if (StartsWith(p.host, "www.")) return p.host.substr(4);
  return p.host;
}

std::string DisplayHost(std::string_view u) {
  std::string host = HostOf(u);
  if (host.find("xn--") == std::string::npos) return host;
  const icu::IDNA* idna = Uts46();
  if (!idna) return host;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::IDNAInfo info;
  UErrorCode err = U_ZERO_ERROR;
  idna->nameToUnicodeUTF8(host, sink, info, err);
  return U_FAILURE(err) || info.hasErrors() ? host : out;
}

}  // namespace storyline::url
