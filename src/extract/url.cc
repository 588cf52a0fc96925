// What an outbound link points at, judged from its URL alone. (Parsing,
// resolving and normalising URLs is common/url.)
#include "common/url.h"

#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/strings.h"
#include "extract/extract.h"

namespace storyline::extract {
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
  url::Parts p;
  if (!url::Parse(url, &p)) return LinkKind::kService;  // mailto:, javascript:
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
