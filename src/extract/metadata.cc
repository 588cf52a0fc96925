// Metadata resolution. JSON-LD is parsed with nlohmann::json in its
// non-throwing mode; any malformed block is skipped. Each field is taken
// from the most trusted source that has it.
#include "extract/internal/metadata.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/strings.h"
#include "common/time.h"
#include "common/url.h"
#include "extract/extract.h"
#include "temporal/temporal.h"

namespace storyline::extract::internal {
namespace {
using nlohmann::json;

struct LdArticle {
  std::string type, headline, published, modified, publisher, section;
  std::vector<std::string> authors, org_authors;
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
           std::vector<std::string>* all_types,
           std::vector<LdArticle>* others) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const json& x : j) Visit(x, depth + 1, out, all_types, others);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph"))
    Visit(j["@graph"], depth + 1, out, all_types, others);
  if (j.contains("mainEntity"))
    Visit(j["mainEntity"], depth + 1, out, all_types, others);
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
  if (!IsArticleType(type)) {
    // A WebPage (Yoast's @graph) or other node may still date the page.
    if (others != nullptr && j.contains("datePublished")) {
      LdArticle o;
      o.type = type;
      o.published = Str(j["datePublished"]);
      others->push_back(std::move(o));
    }
    return;
  }
  LdArticle a;
  a.type = type;
  if (j.contains("headline")) a.headline = Str(j["headline"]);
  if (a.headline.empty() && j.contains("name")) a.headline = Str(j["name"]);
  if (j.contains("datePublished")) a.published = Str(j["datePublished"]);
  if (j.contains("dateModified")) a.modified = Str(j["dateModified"]);
  if (j.contains("articleSection")) a.section = Str(j["articleSection"]);
  if (j.contains("publisher")) a.publisher = NameOf(j["publisher"]);
  if (j.contains("author")) {
    // People first; an Organization as author is the last resort.
    const json& au = j["author"];
    auto add = [&](const json& x) {
      bool org = x.is_object() && x.contains("@type") &&
                 Str(x["@type"]).find("Organization") != std::string::npos;
      (org ? a.org_authors : a.authors).push_back(NameOf(x));
    };
    if (au.is_array()) {
      for (const json& x : au) add(x);
    } else {
      add(au);
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
  static const RE2 kDate(
      R"(/((?:20|19)\d\d)[/-](\d\d?)[/-](\d\d?)(?:[^0-9]|$))");
  int y = 0, mo = 0, d = 0;
  if (!RE2::PartialMatch(url, kDate, &y, &mo, &d)) return 0;
  if (!IsValidDay(y, mo, d)) return 0;
  return DaysFromCivil(y, mo, d) * 86400;
}

// A full date with a written year in a short date-like text ("June 12,
// 2025", "Tue Aug 27, 2019 1:47 am", "12 June 2025"); 0 when none.
// An all-digit date in a date-like text: 2025/07/23, 2025.07.23,
// 23.07.2025 (day first, as written with dots), 7/23/2025 (month first
// unless the first number cannot be a month); 0 when none.
int64_t NumericDate(const std::string& t) {
  static const RE2 kYmd("\\b((?:19|20)\\d\\d)[/.](\\d\\d?)[/.](\\d\\d?)\\b");
  static const RE2 kDmy("\\b(\\d\\d?)([/.])(\\d\\d?)[/.]((?:19|20)\\d\\d)\\b");
  int y = 0, mo = 0, d = 0;
  std::string sep;
  if (RE2::PartialMatch(t, kYmd, &y, &mo, &d)) {
  } else if (RE2::PartialMatch(t, kDmy, &d, &sep, &mo, &y)) {
    if (sep == "/" && d <= 12) std::swap(d, mo);  // US month/day/year
  } else {
    return 0;
  }
  if (!IsValidDay(y, mo, d)) return 0;
  return DaysFromCivil(y, mo, d) * 86400;
}

// The content of a <meta> named like a publication date that the list in
// Resolve does not know ("w-published-date", "published"), first by name.
std::string OtherPublishedMeta(const PageMeta& m) {
  for (const auto& [key, value] : m.meta) {
    if (key.find("publish") == std::string::npos ||
        key.find("publisher") != std::string::npos)
      continue;
    int64_t t = 0;
    if (ParseIsoTime(value, &t)) return value;
  }
  return "";
}

int64_t DateFromVisibleText(const std::vector<std::string>& texts) {
  static const RE2 kYear("\\b(19|20)\\d\\d\\b");
  for (const std::string& t : texts) {
    for (const temporal::Timex& x : temporal::Tag(t, 0)) {
      if (x.type != "DATE" || x.value.size() != 10) continue;
      if (!RE2::PartialMatch(x.text, kYear)) continue;  // no invented years
      int64_t secs = 0;
      if (ParseIsoTime(x.value, &secs)) return secs;
    }
    if (int64_t secs = NumericDate(t)) return secs;
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

std::vector<PageFeature> PageTypeFeatures(const ResolvedMeta& r,
                                          const std::string& url,
                                          size_t text_bytes, size_t blocks,
                                          double page_link_density) {
  std::set<std::string> types(r.ld_types.begin(), r.ld_types.end());
  auto any = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (types.count(n)) return 1.0;
    return 0.0;
  };
  std::string u = AsciiLower(url);
  static const RE2 kDateInUrl(R"(/(?:19|20)\d\d/\d\d?/)");
  auto has = [&](std::initializer_list<const char*> segs) {
    for (const char* seg : segs)
      if (u.find(seg) != std::string::npos) return 1.0;
    return 0.0;
  };
  // Path segments, and the words of the last one ("how-to-rent-a-car").
  std::string path = u;
  if (size_t p = path.find("://"); p != std::string::npos) {
    size_t slash = path.find('/', p + 3);
    path = slash == std::string::npos ? "" : path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  std::vector<std::string> segs;
  for (const std::string& sgm : Split(path, '/'))
    if (!sgm.empty()) segs.push_back(sgm);
  double hyphens = 0;
  if (!segs.empty())
    hyphens = static_cast<double>(
        std::count(segs.back().begin(), segs.back().end(), '-'));
  double avg_block = static_cast<double>(text_bytes) /
                     static_cast<double>(std::max<size_t>(blocks, 1));
  return {
      {"ld_article", any({"NewsArticle", "Article", "BlogPosting",
                          "ReportageNewsArticle", "OpinionNewsArticle",
                          "AnalysisNewsArticle", "LiveBlogPosting", "Report"})},
      {"ld_product", any({"Product", "ProductGroup", "Offer"})},
      {"ld_forum", any({"DiscussionForumPosting", "QAPage"})},
      {"ld_collection",
       any({"CollectionPage", "ItemList", "SearchResultsPage"})},
      {"ld_tech", any({"TechArticle"})},
      {"ld_service", any({"Service", "ProfessionalService", "LocalBusiness",
                          "SoftwareApplication"})},
      {"og_article", r.og_type == "article" ? 1.0 : 0.0},
      {"og_website", r.og_type == "website" ? 1.0 : 0.0},
      {"og_product", r.og_type == "product" ? 1.0 : 0.0},
      {"meta_date", r.has_meta_date ? 1.0 : 0.0},
      {"published", r.published ? 1.0 : 0.0},
      {"byline", r.byline.empty() ? 0.0 : 1.0},
      {"log_text", std::log1p(static_cast<double>(text_bytes)) / 10},
      {"log_blocks", std::log1p(static_cast<double>(blocks)) / 5},
      {"avg_block", std::min(avg_block, 400.0) / 400},
      {"link_density", std::min(page_link_density, 1.0)},
      {"url_date", RE2::PartialMatch(u, kDateInUrl) ? 1.0 : 0.0},
      {"url_news",
       has({"/news", "/blog", "/article", "/story/", "/stories/", "/opinion/",
            "/politics/", "/post/", "/posts/", "/insights/", "/features/"})},
      {"url_other",
       has({"/product",        "/products/", "/shop/",      "/store/",
            "/category/",      "/tag/",      "/tags/",      "/forum",
            "/thread",         "/threads/",  "/docs/",      "/doc/",
            "/documentation/", "/wiki/",     "/questions/", "/search",
            "/collections/",   "/services/", "/pricing",    "/reference/",
            "/api/",           "/manual/"})},
      {"url_root", segs.empty() ? 1.0 : 0.0},
      {"url_depth", std::min<double>(static_cast<double>(segs.size()), 5) / 5},
      {"slug_words", std::min(hyphens, 8.0) / 8},
      {"log_forms", std::log1p(r.counts.forms) / 4},
      {"log_code", std::log1p(r.counts.code) / 4},
      {"log_articles", std::log1p(r.counts.articles) / 3},
      {"log_headings", std::log1p(r.counts.headings) / 4},
      {"log_times", std::log1p(r.counts.times) / 3},
  };
}

bool LooksLikeArticle(const ResolvedMeta& r, const std::string& url,
                      size_t text_bytes, size_t blocks,
                      double page_link_density) {
  // Logistic weights per feature (same order and names as
  // PageTypeFeatures), fitted on wcxb-dev: eval/fit_page_type.py.
  static const std::map<std::string, double> kWeights = {
      {"avg_block", 1.895},     {"byline", 0.822},
      {"ld_article", 1.282},    {"ld_collection", -0.157},
      {"ld_forum", -1.416},     {"ld_product", -1.306},
      {"ld_service", -0.973},   {"ld_tech", -0.371},
      {"link_density", -1.615}, {"log_articles", 0.004},
      {"log_blocks", 0.353},    {"log_code", -1.319},
      {"log_forms", -1.365},    {"log_headings", 0.607},
      {"log_text", 1.049},      {"log_times", -1.060},
      {"meta_date", 0.842},     {"og_article", 1.036},
      {"og_product", -1.118},   {"og_website", -0.080},
      {"published", 0.591},     {"slug_words", 2.412},
      {"url_date", 0.857},      {"url_depth", 0.499},
      {"url_news", 1.989},      {"url_other", -2.654},
      {"url_root", -0.568}};
  static const double kBias = -2.851;
  double z = kBias;
  for (const PageFeature& f :
       PageTypeFeatures(r, url, text_bytes, blocks, page_link_density)) {
    auto it = kWeights.find(f.name);
    if (it != kWeights.end()) z += it->second * f.value;
  }
  return z > 0;
}

std::string CleanByline(const std::string& raw) {
  std::string s = CollapseWhitespace(raw);
  for (const auto& [from, to] :
       {std::pair<const char*, const char*>{"&amp;", "&"},
        {"&#39;", "'"},
        {"&#039;", "'"},
        {"&quot;", "\""}}) {
    for (size_t p; (p = s.find(from)) != std::string::npos;)
      s.replace(p, std::strlen(from), to);
  }
  for (const char* pre :
       {"written by:", "written by", "posted by:", "posted by", "words by",
        "text by", "articles by", "article by", "authored by:", "authored by",
        "author:", "authors:", "by:", "by"}) {
    std::string l = AsciiLower(s);
    size_t n = std::strlen(pre);
    if (StartsWith(l, pre) && (l.size() == n || l[n] == ' ')) {
      s = std::string(Trim(s.substr(n)));
      break;
    }
  }
  // A byline line often goes on with a date or a separator: keep the names.
  for (const char* stop :
       {" on ", "\xC2\xBB", " | ", " - ", "\xE2\x80\xA2", " \xE2\x80\x94 ",
        " \xE2\x80\x93 ", " updated", " Updated", " published", " Published"}) {
    size_t p = s.find(stop);
    if (p != std::string::npos && p > 0) s = s.substr(0, p);
  }
  // So does a month or a word that starts what follows the names ("Jo
  // Roe December 3", "Jo Roe Last updated", "Jo Roe in Gardening").
  {
    // "May" is also a name.
    static const std::set<std::string> kStops = {"last", "sponsored", "view",
                                                 "in", "on"};
    std::vector<std::string> words = Split(s, ' ');
    for (size_t i = 1; i < words.size(); ++i) {
      std::string w = AsciiLower(words[i]);
      if (!w.empty() && w.back() == '.') w.pop_back();
      if (kStops.count(w) || (EnglishMonth(w) && w != "may")) {
        words.resize(i);
        s = Join(words, " ");
        break;
      }
    }
  }
  // A number that starts a word ends the names ("Jo Roe 5 hours ago");
  // digits inside a handle ("LingoLover94") are part of it.
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9' && (i == 0 || s[i - 1] == ' ')) {
      s = s.substr(0, i);
      break;
    }
  }
  // Roles ("Staff Writer") go unless they are all there is: a team that
  // signs ("Podium Staff", "The Currency editors") is the author.
  std::vector<std::string> names, roles;
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
        l.find("writer") != std::string::npos) {
      roles.push_back(n);
      return;
    }
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
  return Join(names.empty() ? roles : names, ", ");
}

namespace {

// A login handle from metadata, a label or a month is no author. (The
// outlet itself is: "By Reuters", a company blog signed by the company.)
bool PlausibleAuthor(const std::string& name, bool from_markup) {
  if (name.empty() || name.size() > 60) return false;
  if (name.find("://") != std::string::npos ||
      name.find('@') != std::string::npos)
    return false;
  // Metadata that names a login handle ("kffnirmitap", "andrew.keaveney")
  // leaks the CMS user, not the byline; on the page (a forum post) a
  // handle is the author.
  bool capital = false;
  for (unsigned char c : name) capital |= (c >= 'A' && c <= 'Z') || c >= 0x80;
  if (!capital && from_markup) return false;
  // At least two letters in a row ("R", "&", "✉" are not names).
  int run = 0, best = 0;
  for (unsigned char c : name) {
    run = (std::isalpha(c) || c >= 0x80) ? run + 1 : 0;
    best = std::max(best, run);
  }
  if (best < 2) return false;
  if (name.back() == ':') return false;  // a label ("Article by:")
  std::string l = AsciiLower(name);
  if (!l.empty() && l.back() == '.') l.pop_back();
  static const std::set<std::string> kNotNames = {
      "author", "the author", "admin", "administrator", "by",
      "guest",  "via",        "about", "sign in",       "log in",
      "guide",  "share",      "home",  "menu",          "search"};
  if (kNotNames.count(l) || EnglishMonth(l) ||
      EnglishWeekday(l, NameForm::kAbbreviated) >= 0)
    return false;
  // Labels and list headings: "Updated November", "Topic Author",
  // "Author list", "Authors of this article".
  for (const std::string& w : Split(l, ' '))
    if (w == "updated" || w == "author" || w == "authors" || w == "author:")
      return false;
  return true;
}

}  // namespace

namespace {

// Lower-cased words (runs of ASCII letters/digits and non-ASCII bytes).
std::multiset<std::string> TitleWords(std::string_view t) {
  std::multiset<std::string> out;
  std::string w;
  for (char c : t) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      w.push_back(static_cast<char>(std::tolower(u)));
    } else if (!w.empty()) {
      out.insert(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.insert(std::move(w));
  return out;
}

// Word-overlap F1 of two titles (0 when either has no words).
double TitleOverlap(std::string_view a, std::string_view b) {
  std::multiset<std::string> x = TitleWords(a), y = TitleWords(b);
  if (x.empty() || y.empty()) return 0;
  std::vector<std::string> common;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(),
                        std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) /
         static_cast<double>(x.size() + y.size());
}

}  // namespace

std::string CleanTitle(const std::string& title_in, const std::string& outlet) {
  std::string t = CollapseWhitespace(DecodeHtmlEntities(title_in));
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
  r.counts = {m.forms, m.code, m.articles, m.headings, m.times};
  std::vector<LdArticle> lds, others;
  for (const std::string& raw : m.jsonld) {
    json j = json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) Visit(j, 0, &lds, &r.ld_types, &others);
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
  if (r.outlet.empty())
    r.outlet = url::DisplayHost(url.empty() ? m.canonical : url);
  r.outlet = CollapseWhitespace(r.outlet);

  std::string title = ld.headline;
  {
    // A JSON-LD headline that neither og:title nor the <h1> repeats, while
    // those two agree, belongs to something else on the page (a section).
    std::string og = AsciiLower(CleanTitle(Get(m, "og:title"), r.outlet));
    std::string h1 = AsciiLower(CollapseWhitespace(m.h1));
    if (!title.empty() && !og.empty() && og == h1 &&
        AsciiLower(CleanTitle(title, r.outlet)) != og)
      title.clear();
  }
  // A candidate that is just the site's name is no title.
  auto is_site = [&](const std::string& t) {
    return !r.outlet.empty() &&
           AsciiLower(CollapseWhitespace(t)) == AsciiLower(r.outlet);
  };
  // A social title that neither the <title> nor the <h1> supports, while
  // those two agree, is a teaser written for sharing ("Not sure if you need
  // a hub? Here's everything…" on a page titled "The Best Hubs of 2026").
  std::string page_title = CleanTitle(m.html_title, r.outlet);
  bool page_agrees = !m.h1.empty() && TitleOverlap(page_title, m.h1) >= 0.5;
  auto teaser = [&](const std::string& t) {
    return page_agrees && TitleOverlap(t, page_title) < 0.34 &&
           TitleOverlap(t, m.h1) < 0.34;
  };
  for (const std::string& cand :
       {Get(m, "og:title"), Get(m, "twitter:title"), m.h1, m.html_title}) {
    if (!title.empty()) break;
    if (!is_site(cand) && !teaser(cand)) title = cand;
  }
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
  if (!canon.empty()) canon = url::Resolve(url.empty() ? canon : url, canon);
  r.canonical_url = url::Normalize(canon.empty() ? url : canon);

  int64_t t = 0;
  for (const std::string& cand :
       {ld.published, Get(m, "article:published_time"),
        Get(m, "og:published_time"), Get(m, "pubdate"), Get(m, "publishdate"),
        Get(m, "date"), Get(m, "dc.date"), Get(m, "dc.date.issued"),
        Get(m, "sailthru.date"), Get(m, "parsely-pub-date"),
        others.empty() ? std::string() : others.front().published,
        Get(m, "data-pubdate"), OtherPublishedMeta(m)}) {
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
  if (!r.published) {
    // A publication-date <meta> written for people ("July 17, 2025").
    for (const auto& [key, value] : m.meta) {
      if (key.find("publish") == std::string::npos ||
          key.find("publisher") != std::string::npos)
        continue;
      if ((r.published = DateFromVisibleText({value}))) break;
    }
  }
  if (!r.published) r.published = DateFromVisibleText(m.date_texts);
  if (!r.published) r.published = DateFromVisibleText(m.header_texts);
  if (!r.published) {
    // Nearest the headline first.
    std::vector<std::string> above(m.pre_h1_texts.rbegin(),
                                   m.pre_h1_texts.rend());
    r.published = DateFromVisibleText(above);
  }
  for (const std::string& cand :
       {ld.modified, Get(m, "article:modified_time")}) {
    if (!cand.empty() && ParseIsoTime(cand, &t)) {
      r.modified = t;
      break;
    }
  }

  // Authors: the first source that names a plausible person wins.
  std::vector<std::string> authors;
  // The outlet (or an organisation) is the author only when no person is
  // named anywhere: "By Reuters", a company blog signed by the company.
  std::vector<std::string> organisations;
  auto take = [&](const std::string& raw, bool from_markup = false) {
    for (const std::string& n : Split(CleanByline(raw), ',')) {
      std::string name(Trim(n));
      if (!PlausibleAuthor(name, from_markup)) continue;
      if (!r.outlet.empty() && AsciiLower(name) == AsciiLower(r.outlet))
        organisations.push_back(name);
      else
        authors.push_back(name);
    }
  };
  for (const std::string& a : ld.org_authors) organisations.push_back(a);
  for (const std::string& a : ld.authors) take(a, true);
  if (authors.empty()) take(Get(m, "author"), true);
  if (authors.empty()) take(Get(m, "article:author"), true);
  for (size_t i = 0; authors.empty() && i < m.author_links.size(); ++i)
    take(m.author_links[i]);
  // A byline printed under the headline: "By Sara Brown", or a "Written
  // by" label followed by the name.
  for (size_t i = 0; authors.empty() && i < m.header_texts.size(); ++i) {
    std::string l = AsciiLower(m.header_texts[i]);
    static const std::set<std::string> kLabels = {
        "by",         "by:",      "written by", "written by:",
        "author",     "author:",  "article by", "posted by",
        "posted by:", "words by", "authored by"};
    if (kLabels.count(l) && i + 1 < m.header_texts.size()) {
      take(m.header_texts[i + 1]);
    } else if ((StartsWith(l, "by ") || StartsWith(l, "by: ") ||
                StartsWith(l, "written by ")) &&
               WordCount(l) <= 8) {
      take(m.header_texts[i]);
    }
  }
  if (authors.empty() && !organisations.empty())
    authors.push_back(CleanByline(organisations.front()));
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
