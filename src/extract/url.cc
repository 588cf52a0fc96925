// Minimal absolute-URL handling for http(s): split, resolve, normalise.
// Anything that is not http(s) after resolution is rejected ("").
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

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

namespace {

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

}  // namespace

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
    if (IsTrackingParameter(key)) continue;
    kept.push_back(kv);
  }
  p.query = Join(kept, "&");
  p.path = RemoveDotSegments(p.path);
  return Build(p, false);
}

std::string HostOf(std::string_view url) {
  Parts p;
  if (!SplitUrl(url, &p)) return "";
  if (StartsWith(p.host, "www.")) return p.host.substr(4);
  return p.host;
}

// ---- what a link points at ----------------------------------------------
namespace {

bool HostIs(const std::string& host, const char* domain) {
  size_t n = std::strlen(domain);
  return host == domain || (host.size() > n && EndsWith(host, domain) &&
                            host[host.size() - n - 1] == '.');
}

bool AnyHost(const std::string& host, std::initializer_list<const char*> ds) {
  for (const char* d : ds)
    if (HostIs(host, d)) return true;
  return false;
}

// A path segment that names a page of its own: a slug with several words,
// a long number, or a file.
bool IsSlug(const std::string& seg) {
  int dashes = 0, digits = 0;
  for (char c : seg) {
    dashes += c == '-' || c == '_' || c == '+';
    digits += c >= '0' && c <= '9';
  }
  return dashes >= 2 || (dashes == 1 && seg.size() >= 10) || digits >= 4 ||
         seg.size() >= 24 || seg.find('.') != std::string::npos;
}

// A redirect that carries its target in the query ("?u=https…",
// "?link=https…"), or a shop link that pays the site ("amazon…?tag=").
bool RedirectsOrEarns(const std::string& host, const std::string& query) {
  if (host.find("amazon.") != std::string::npos &&
      AsciiLower(query).find("tag=") != std::string::npos)
    return true;  // also "?th=1/?tag=…", a query written twice
  for (const std::string& kv : Split(query, '&')) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos) continue;
    std::string key = AsciiLower(kv.substr(0, eq));
    std::string value = AsciiLower(kv.substr(eq + 1));
    if ((key == "u" || key == "url" || key == "link" || key == "go" ||
         key == "redirect" || key == "dest" || key == "destination" ||
         key == "target" || key == "murl") &&
        StartsWith(value, "http"))
      return true;
    if ((key == "tag" || key == "ascsubtag" || key == "affiliate" ||
         key == "aff_id" || key == "affid") &&
        (host.find("amazon.") != std::string::npos || key != "tag"))
      return true;
  }
  return false;
}

}  // namespace

LinkKind ClassifyLink(std::string_view url) {
  Parts p;
  if (!SplitUrl(url, &p)) return LinkKind::kService;  // mailto:, javascript:
  std::string host = StartsWith(p.host, "www.") ? p.host.substr(4) : p.host;
  std::string path = AsciiLower(p.path), query = AsciiLower(p.query);
  std::vector<std::string> segs;
  for (const std::string& s : Split(path, '/'))
    if (!s.empty()) segs.push_back(s);
  auto path_has = [&](std::initializer_list<const char*> words) {
    for (const char* w : words)
      for (const std::string& s : segs)
        if (s == w) return true;
    return false;
  };

  // Share buttons, sign-ups, log-ins, newsletters, donations.
  if ((HostIs(host, "twitter.com") && path_has({"intent", "share"})) ||
      (HostIs(host, "facebook.com") &&
       (path_has({"sharer", "sharer.php", "share.php", "dialog"}))) ||
      AnyHost(host, {"addtoany.com", "sharethis.com", "pinterest.com", "wa.me",
                     "api.whatsapp.com"}) ||
      (HostIs(host, "t.me") && path_has({"share"})) ||
      path_has(
          {"newsletter",    "newsletters", "subscribe",      "subscription",
           "subscriptions", "signup",      "sign-up",        "register",
           "login",         "log-in",      "signin",         "sign-in",
           "account",       "donate",      "membership",     "share",
           "rss",           "feed",        "feeds",          "app",
           "apps",          "contact",     "contact-us",     "about",
           "about-us",      "privacy",     "privacy-policy", "terms",
           "cookie-policy", "advertise",   "jobs",           "careers"}))
    return LinkKind::kService;
  // Affiliate, ad and shop redirects.
  if (AnyHost(host, {"amzn.to",
                     "go.redirectingat.com",
                     "7eer.net",
                     "goto.walmart.com",
                     "go.skimresources.com",
                     "click.linksynergy.com",
                     "anrdoezrs.net",
                     "dpbolvw.net",
                     "jdoqocy.com",
                     "tkqlhce.com",
                     "kqzyfj.com",
                     "pntrs.com",
                     "prf.hn",
                     "awin1.com",
                     "shareasale.com",
                     "avantlink.com",
                     "fave.co",
                     "doubleclick.net",
                     "googleadservices.com",
                     "bit.ly",
                     "ow.ly",
                     "buff.ly",
                     "tinyurl.com",
                     "lnk.to",
                     "howl.me",
                     "shop-links.co",
                     "narrativ.com"}) ||
      RedirectsOrEarns(host, p.query))
    return LinkKind::kTracking;
  // Quote, domain and search look-ups.
  if (path_has({"quote", "quotes", "symbol", "whois", "search"}) ||
      AnyHost(host, {"who.is", "whois.com", "whois.net", "dnslytics.com",
                     "similarweb.com"}) ||
      host == "google.com" || StartsWith(host, "google."))
    return LinkKind::kLookup;
  // Social networks: a post is a primary source, the account is not.
  bool social = AnyHost(
      host, {"twitter.com", "x.com", "facebook.com", "instagram.com", "t.me",
             "vk.com", "linkedin.com", "tiktok.com", "youtube.com",
             "telegram.me", "ok.ru", "threads.net", "reddit.com"});
  if (social) {
    if (path_has({"status", "posts", "p", "videos", "photos", "watch", "reel",
                  "permalink.php", "story.php", "video", "comments"}) ||
        (HostIs(host, "t.me") && segs.size() >= 2) ||
        (HostIs(host, "vk.com") && !segs.empty() &&
         StartsWith(segs[0], "wall")) ||
        (HostIs(host, "youtube.com") && path == "/watch"))
      return LinkKind::kDocument;
    return LinkKind::kProfile;
  }
  if (AnyHost(host, {"youtu.be"})) return LinkKind::kDocument;
  // People and organisations: author, staff and profile pages.
  if (path_has({"author",     "authors",     "autor",       "autore",
                "auteur",     "people",      "person",      "staff",
                "profile",    "profiles",    "reporter",    "reporters",
                "journalist", "journalists", "contributor", "contributors",
                "user",       "users",       "u",           "team",
                "bio"}))
    return LinkKind::kProfile;
  // Files and official sources.
  static const char* const kFiles[] = {".pdf",  ".doc",  ".docx", ".xls",
                                       ".xlsx", ".csv",  ".ppt",  ".pptx",
                                       ".txt",  ".json", ".xml",  ".zip"};
  for (const char* ext : kFiles)
    if (EndsWith(path, ext)) return LinkKind::kDocument;
  // Section fronts, tag and topic pages ("/tag/luhut", "/tema/x/"); an
  // article filed under one ("/archive/2019/11/slug/601900/") is not one.
  static const char* const kSectionWords[] = {
      "tag",     "tags",     "topic",  "topics",  "category", "categories",
      "section", "sections", "rubric", "rubrika", "tema",     "temas",
      "thema",   "themen",   "theme",  "archive", "archives", "page"};
  for (size_t i = segs.size() >= 2 ? segs.size() - 2 : 0; i < segs.size(); ++i)
    for (const char* w : kSectionWords)
      if (segs[i] == w) return LinkKind::kSection;
  bool official = host.find(".gov") != std::string::npos ||
                  host.find(".mil") != std::string::npos ||
                  EndsWith(host, ".int") || EndsWith(host, "europa.eu") ||
                  host.find("parliament") != std::string::npos ||
                  host.find("court") != std::string::npos ||
                  host.find(".gouv.") != std::string::npos ||
                  host.find(".gob.") != std::string::npos;
  bool has_slug = false;
  for (const std::string& s : segs) has_slug = has_slug || IsSlug(s);
  int query_digits = 0;
  for (char c : query) query_digits += c >= '0' && c <= '9';
  bool has_query_id =
      !query.empty() &&
      (query.find("id=") != std::string::npos ||
       query.find("p=") != std::string::npos ||
       query.find("file=") != std::string::npos || query_digits >= 4);
  if (segs.empty() && !has_query_id) return LinkKind::kSection;  // home page
  if (!has_slug && !has_query_id && segs.size() <= 2 && !official)
    return LinkKind::kSection;  // "/opinion/", "/world/europe"
  return official ? LinkKind::kDocument : LinkKind::kArticle;
}

const char* LinkKindName(LinkKind k) {
  switch (k) {
    case LinkKind::kDocument:
      return "document";
    case LinkKind::kArticle:
      return "article";
    case LinkKind::kSection:
      return "section";
    case LinkKind::kProfile:
      return "profile";
    case LinkKind::kService:
      return "service";
    case LinkKind::kTracking:
      return "tracking";
    case LinkKind::kLookup:
      return "lookup";
  }
  return "article";
}

bool IsCitable(LinkKind k) {
  return k == LinkKind::kDocument || k == LinkKind::kArticle;
}

}  // namespace storyline::extract
