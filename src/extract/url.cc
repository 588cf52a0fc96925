// Minimal absolute-URL handling for http(s): split, resolve, normalise.
// Anything that is not http(s) after resolution is rejected ("").
#include <string>

#include "common/strings.h"
#include "extract/extract.h"

namespace storyline::extract {
namespace {

struct Parts {
  std::string scheme, host, port, path, query, fragment;
};

bool SplitUrl(std::string_view u, Parts* p) {
  size_t colon = u.find("://");
  if (colon == std::string_view::npos) return false;
  p->scheme = AsciiLower(u.substr(0, colon));
  if (p->scheme != "http" && p->scheme != "https") return false;
  std::string_view rest = u.substr(colon + 3);
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  size_t pc = authority.rfind(':');
  if (pc != std::string_view::npos &&
      authority.find(']') == std::string_view::npos) {
    p->port = std::string(authority.substr(pc + 1));
    authority = authority.substr(0, pc);
  }
  p->host = AsciiLower(authority);
  if (p->host.empty()) return false;
  rest =
      slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    p->fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    p->query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  p->path = rest.empty() ? "/" : std::string(rest);
  return true;
}

std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  for (const std::string& seg : Split(path, '/')) {
    if (seg == ".") continue;
    if (seg == "..") {
      if (out.size() > 1) out.pop_back();
      continue;
    }
    out.push_back(seg);
  }
  std::string r = Join(out, "/");
  if (r.empty() || r[0] != '/') r = "/" + r;
  if ((EndsWith(path, "/.") || EndsWith(path, "/..")) && !EndsWith(r, "/"))
    r += "/";
  return r;
}

std::string Build(const Parts& p, bool with_fragment) {
  std::string s = p.scheme + "://" + p.host;
  if (!p.port.empty()) s += ":" + p.port;
  s += p.path;
  if (!p.query.empty()) s += "?" + p.query;
  if (with_fragment && !p.fragment.empty()) s += "#" + p.fragment;
  return s;
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view href_in) {
  std::string href = CollapseWhitespace(href_in);
  if (href.empty()) return "";
  std::string lower = AsciiLower(href.substr(0, 16));
  if (lower.find("://") != std::string::npos) {
    Parts p;
    return SplitUrl(href, &p) ? Build(p, true) : "";
  }
  size_t colon = href.find(':');
  size_t slash = href.find('/');
  if (colon != std::string::npos &&
      (slash == std::string::npos || colon < slash)) {
    return "";  // javascript:, mailto:, data:, tel: …
  }
  Parts b;
  if (!SplitUrl(base, &b)) return "";
  if (StartsWith(href, "//")) {
    Parts p;
    return SplitUrl(b.scheme + ":" + href, &p) ? Build(p, true) : "";
  }
  Parts r = b;
  r.fragment.clear();
  if (href[0] == '#') {
    r.fragment = href.substr(1);
    return Build(r, true);
  }
  if (href[0] == '?') {
    r.query = href.substr(1);
    return Build(r, false);
  }
  std::string path = href, query;
  size_t hash = path.find('#');
  if (hash != std::string::npos) {
    r.fragment = path.substr(hash + 1);
    path = path.substr(0, hash);
  }
  size_t q = path.find('?');
  if (q != std::string::npos) {
    query = path.substr(q + 1);
    path = path.substr(0, q);
  }
  if (path.empty() || path[0] != '/') {
    std::string dir = b.path.substr(0, b.path.rfind('/') + 1);
    path = dir + path;
  }
  r.path = RemoveDotSegments(path);
  r.query = query;
  return Build(r, true);
}

std::string NormalizeUrl(std::string_view url) {
  Parts p;
  if (!SplitUrl(url, &p)) return "";
  if ((p.scheme == "http" && p.port == "80") ||
      (p.scheme == "https" && p.port == "443"))
    p.port.clear();
  std::vector<std::string> kept;
  for (const std::string& kv : Split(p.query, '&')) {
    if (kv.empty()) continue;
    std::string key = AsciiLower(kv.substr(0, kv.find('=')));
    if (StartsWith(key, "utm_") || key == "fbclid" || key == "gclid" ||
        key == "mc_cid" || key == "mc_eid" || key == "ocid" || key == "cmpid") {
      continue;
    }
    kept.push_back(kv);
  }
  p.query = Join(kept, "&");
  return Build(p, false);
}

std::string HostOf(std::string_view url) {
  Parts p;
  if (!SplitUrl(url, &p)) return "";
  if (StartsWith(p.host, "www.")) return p.host.substr(4);
  return p.host;
}

}  // namespace storyline::extract
