// Metadata resolution. JSON-LD is parsed with nlohmann::json in its
// non-throwing mode; any malformed block is skipped. Each field is taken
// from the most trusted source that has it.
#include "extract/internal/metadata.h"

#include <re2/re2.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "common/strings.h"
#include "common/time.h"
#include "extract/extract.h"
#include "temporal/temporal.h"

namespace storyline::extract::internal {
namespace {
using nlohmann::json;

struct LdArticle {
  std::string type, headline, published, modified, publisher, section;
  std::vector<std::string> authors;
  int free = -1;
};

std::string Str(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  if (j.is_array() && !j.empty()) return Str(j[0]);
  return "";
}

std::string NameOf(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object() && j.contains("name")) return Str(j["name"]);
  return "";
}

bool IsArticleType(const std::string& t) {
  return t.find("Article") != std::string::npos || t == "Report" ||
         t == "BlogPosting" || t == "LiveBlogPosting" || t == "NewsArticle";
}

void Visit(const json& j, int depth, std::vector<LdArticle>* out,
           std::vector<std::string>* all_types) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const json& x : j) Visit(x, depth + 1, out, all_types);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) Visit(j["@graph"], depth + 1, out, all_types);
  if (j.contains("mainEntity"))
    Visit(j["mainEntity"], depth + 1, out, all_types);
  std::string type;
  if (j.contains("@type")) {
    const json& t = j["@type"];
    if (t.is_array()) {
      for (const json& x : t) {
        if (!x.is_string()) continue;
        all_types->push_back(x.get<std::string>());
        if (IsArticleType(x.get<std::string>())) type = x.get<std::string>();
      }
    } else {
      type = Str(t);
      all_types->push_back(type);
    }
  }
  if (!IsArticleType(type)) return;
  LdArticle a;
  a.type = type;
  if (j.contains("headline")) a.headline = Str(j["headline"]);
  if (a.headline.empty() && j.contains("name")) a.headline = Str(j["name"]);
  if (j.contains("datePublished")) a.published = Str(j["datePublished"]);
  if (j.contains("dateModified")) a.modified = Str(j["dateModified"]);
  if (j.contains("articleSection")) a.section = Str(j["articleSection"]);
  if (j.contains("publisher")) a.publisher = NameOf(j["publisher"]);
  if (j.contains("author")) {
    const json& au = j["author"];
    if (au.is_array()) {
      for (const json& x : au) a.authors.push_back(NameOf(x));
    } else {
      a.authors.push_back(NameOf(au));
    }
  }
  if (j.contains("isAccessibleForFree")) {
    const json& f = j["isAccessibleForFree"];
    if (f.is_boolean()) a.free = f.get<bool>() ? 1 : 0;
    if (f.is_string())
      a.free = AsciiLower(f.get<std::string>()) == "false" ? 0 : 1;
  }
  out->push_back(std::move(a));
}

std::string Get(const PageMeta& m, const char* key) {
  auto it = m.meta.find(key);
  return it == m.meta.end() ? "" : it->second;
}

int64_t DateFromUrl(const std::string& url) {
  static const std::regex kDate(
      R"(/(20\d\d|19\d\d)[/-](\d\d?)[/-](\d\d?)(/|-|$))");
  std::smatch m;
  if (!std::regex_search(url, m, kDate)) return 0;
  int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
  if (!IsValidDay(y, mo, d)) return 0;
  return DaysFromCivil(y, mo, d) * 86400;
}

// A full date with a written year in a short date-like text ("June 12,
// 2025", "Tue Aug 27, 2019 1:47 am", "12 June 2025"); 0 when none.
int64_t DateFromVisibleText(const std::vector<std::string>& texts) {
  static const RE2 kYear("\\b(19|20)\\d\\d\\b");
  for (const std::string& t : texts) {
    for (const temporal::Timex& x : temporal::Tag(t, 0)) {
      if (x.type != "DATE" || x.value.size() != 10) continue;
      if (!RE2::PartialMatch(x.text, kYear)) continue;  // no invented years
      int64_t secs = 0;
      if (ParseIsoTime(x.value, &secs)) return secs;
    }
  }
  return 0;
}

ArticleKind KindFrom(const std::string& ld_type, const std::string& section,
                     const std::string& url, const std::string& title) {
  if (ld_type == "OpinionNewsArticle") return ArticleKind::kOpinion;
  if (ld_type == "AnalysisNewsArticle") return ArticleKind::kAnalysis;
  if (ld_type == "LiveBlogPosting") return ArticleKind::kLiveBlog;
  std::string s = AsciiLower(section);
  if (s.find("opinion") != std::string::npos ||
      s.find("comment") != std::string::npos ||
      s.find("editorial") != std::string::npos ||
      s.find("column") != std::string::npos)
    return ArticleKind::kOpinion;
  if (s.find("analysis") != std::string::npos) return ArticleKind::kAnalysis;
  std::string u = AsciiLower(url);
  for (const char* seg :
       {"/opinion/", "/opinions/", "/comment/", "/commentisfree/",
        "/editorial/", "/columns/", "/op-ed/"}) {
    if (u.find(seg) != std::string::npos) return ArticleKind::kOpinion;
  }
  if (u.find("/analysis/") != std::string::npos) return ArticleKind::kAnalysis;
  if (u.find("/live/") != std::string::npos) return ArticleKind::kLiveBlog;
  std::string t = AsciiLower(title);
  if (StartsWith(t, "opinion:") || StartsWith(t, "opinion |") ||
      StartsWith(t, "comment:"))
    return ArticleKind::kOpinion;
  if (StartsWith(t, "analysis:") || StartsWith(t, "analysis |"))
    return ArticleKind::kAnalysis;
  if (StartsWith(t, "live:") || StartsWith(t, "live updates"))
    return ArticleKind::kLiveBlog;
  return ArticleKind::kNews;
}

}  // namespace

bool LooksLikeArticle(const ResolvedMeta& r, const std::string& url,
                      size_t text_bytes, size_t blocks) {
  int score = 0;
  for (const std::string& t : r.ld_types) {
    if (t == "NewsArticle" || t == "Article" || t == "BlogPosting" ||
        t == "ReportageNewsArticle" || t == "OpinionNewsArticle" ||
        t == "AnalysisNewsArticle" || t == "LiveBlogPosting" || t == "Report")
      score += 3;
    if (t == "Product" || t == "ProductGroup" || t == "Offer" ||
        t == "DiscussionForumPosting" || t == "QAPage" ||
        t == "CollectionPage" || t == "ItemList" || t == "SearchResultsPage" ||
        t == "TechArticle" || t == "SoftwareApplication" || t == "Service" ||
        t == "FAQPage")
      score -= 3;
  }
  if (r.og_type == "article") score += 2;
  if (r.og_type == "product" || r.og_type == "website") score -= 1;
  if (r.has_meta_date)
    score += 2;
  else if (r.published)
    score += 1;
  if (!r.byline.empty()) score += 1;
  std::string u = AsciiLower(url);
  static const std::regex kDateInUrl(R"(/(19|20)\d\d/\d\d?/)");
  if (std::regex_search(u, kDateInUrl)) score += 2;
  for (const char* seg :
       {"/news", "/blog", "/article", "/story/", "/stories/", "/opinion/",
        "/politics/", "/post/", "/posts/", "/insights/", "/features/"})
    if (u.find(seg) != std::string::npos) score += 1;
  for (const char* seg :
       {"/product",        "/products/", "/shop/",      "/store/",
        "/category/",      "/tag/",      "/tags/",      "/forum",
        "/thread",         "/threads/",  "/docs/",      "/doc/",
        "/documentation/", "/wiki/",     "/questions/", "/search",
        "/collections/",   "/services/", "/pricing",    "/reference/",
        "/api/",           "/manual/"})
    if (u.find(seg) != std::string::npos) score -= 2;
  if (text_bytes < 800 || blocks < 3) score -= 2;
  if (text_bytes >= 3000 && blocks >= 8) score += 1;  // long running prose
  return score >= 2;
}

std::string CleanByline(const std::string& raw) {
  std::string s = CollapseWhitespace(raw);
  if (StartsWith(AsciiLower(s), "by: ")) s = s.substr(4);
  if (StartsWith(AsciiLower(s), "by ")) s = s.substr(3);
  // A byline line often goes on with a date or a separator: keep the names.
  for (const char* stop :
       {" on ", "\xC2\xBB", " | ", " - ", "\xE2\x80\xA2", " \xE2\x80\x94 ",
        " \xE2\x80\x93 ", " updated", " Updated", " published", " Published"}) {
    size_t p = s.find(stop);
    if (p != std::string::npos && p > 0) s = s.substr(0, p);
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      s = s.substr(0, i);
      break;
    }
  }
  std::vector<std::string> names;
  std::string cur;
  auto flush = [&]() {
    std::string n(Trim(cur));
    cur.clear();
    if (n.empty() || n.size() > 60) return;
    std::string l = AsciiLower(n);
    if (l.find("staff") != std::string::npos ||
        l.find("correspondent") != std::string::npos ||
        l.find("reporter") != std::string::npos ||
        l.find("editor") != std::string::npos ||
        l.find("writer") != std::string::npos)
      return;
    names.push_back(n);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',' || s[i] == '|' || s[i] == ';') {
      flush();
    } else if (s.compare(i, 5, " and ") == 0) {
      flush();
      i += 4;
    } else {
      cur.push_back(s[i]);
    }
  }
  flush();
  return Join(names, ", ");
}

std::string CleanTitle(const std::string& title_in, const std::string& outlet) {
  std::string t = CollapseWhitespace(title_in);
  for (const char* sep : {" | ", " - ", " — ", " – ", " :: "}) {
    size_t pos = t.rfind(sep);
    if (pos == std::string::npos || pos < 10) continue;
    std::string tail(Trim(t.substr(pos + std::string(sep).size())));
    if ((!outlet.empty() && AsciiLower(tail) == AsciiLower(outlet)) ||
        WordCount(tail) <= 3) {
      t = t.substr(0, pos);
      break;
    }
  }
  for (const char* pre :
       {"LIVE: ", "Live: ", "LIVE UPDATES: ", "BREAKING: ", "WATCH: "}) {
    if (StartsWith(t, pre)) t = t.substr(std::string(pre).size());
  }
  return std::string(Trim(t));
}

ResolvedMeta Resolve(const PageMeta& m, const std::string& url) {
  ResolvedMeta r;
  std::vector<LdArticle> lds;
  for (const std::string& raw : m.jsonld) {
    json j = json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) Visit(j, 0, &lds, &r.ld_types);
  }
  LdArticle ld = lds.empty() ? LdArticle() : lds.front();
  r.ld_article = !lds.empty();

  r.outlet = Get(m, "og:site_name");
  if (r.outlet.empty()) r.outlet = ld.publisher;
  if (r.outlet.empty()) r.outlet = Get(m, "application-name");
  if (r.outlet.empty()) {
    // "Headline | Outlet": a short trailing segment of <title> names the site.
    for (const char* sep : {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
      size_t pos = m.html_title.rfind(sep);
      if (pos == std::string::npos || pos < 10) continue;
      std::string tail(
          Trim(m.html_title.substr(pos + std::string(sep).size())));
      if (!tail.empty() && WordCount(tail) <= 4) {
        r.outlet = tail;
        break;
      }
    }
  }
  if (r.outlet.empty()) r.outlet = HostOf(url.empty() ? m.canonical : url);
  r.outlet = CollapseWhitespace(r.outlet);

  std::string title = ld.headline;
  if (title.empty()) title = Get(m, "og:title");
  if (title.empty()) title = Get(m, "twitter:title");
  if (title.empty()) title = m.h1;
  if (title.empty()) title = m.html_title;
  r.title = CleanTitle(title, r.outlet);
  // The page's own <h1>, when it is the core of a longer meta title
  // ("useState – React" → "useState"), is the better title.
  std::string h1 = CollapseWhitespace(m.h1);
  if (!h1.empty() && h1.size() < r.title.size() && WordCount(h1) >= 1 &&
      AsciiLower(r.title).find(AsciiLower(h1)) != std::string::npos) {
    r.title = h1;
  }

  std::string canon = m.canonical;
  if (canon.empty()) canon = Get(m, "og:url");
  if (!canon.empty()) canon = ResolveUrl(url.empty() ? canon : url, canon);
  r.canonical_url = NormalizeUrl(canon.empty() ? url : canon);

  int64_t t = 0;
  for (const std::string& cand :
       {ld.published, Get(m, "article:published_time"),
        Get(m, "og:published_time"), Get(m, "pubdate"), Get(m, "publishdate"),
        Get(m, "date"), Get(m, "dc.date"), Get(m, "dc.date.issued"),
        Get(m, "sailthru.date"), Get(m, "parsely-pub-date")}) {
    if (!cand.empty() && ParseIsoTime(cand, &t, &r.published_offset)) {
      r.published = t;
      break;
    }
  }
  if (!r.published) {
    for (const std::string& dt : m.time_datetimes) {
      if (ParseIsoTime(dt, &t, &r.published_offset)) {
        r.published = t;
        break;
      }
    }
  }
  if (!r.published) r.published = DateFromUrl(url);
  if (!r.published) r.published = DateFromVisibleText(m.date_texts);
  for (const std::string& cand :
       {ld.modified, Get(m, "article:modified_time")}) {
    if (!cand.empty() && ParseIsoTime(cand, &t)) {
      r.modified = t;
      break;
    }
  }

  std::vector<std::string> authors;
  for (const std::string& a : ld.authors) {
    std::string c = CleanByline(a);
    if (!c.empty()) authors.push_back(c);
  }
  if (authors.empty()) {
    std::string a = Get(m, "author");
    if (a.empty()) a = Get(m, "article:author");
    if (a.empty() && !m.author_links.empty()) a = m.author_links.front();
    if (!a.empty() && a.find("://") == std::string::npos)
      authors.push_back(CleanByline(a));
  }
  r.byline = Join(authors, ", ");

  r.section = ld.section.empty() ? Get(m, "article:section") : ld.section;
  r.kind = KindFrom(ld.type, r.section, url, title);
  r.paywalled = ld.free == 0;
  r.language = AsciiLower(m.lang.substr(0, m.lang.find('-')));
  r.og_type = AsciiLower(Get(m, "og:type"));
  r.has_meta_date =
      !Get(m, "article:published_time").empty() || !ld.published.empty();
  return r;
}

}  // namespace storyline::extract::internal
