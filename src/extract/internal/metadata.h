// Page metadata gathered during the DOM walk, and the rules that turn it
// into Article fields (internal to extract/).
#ifndef STORYLINE_EXTRACT_INTERNAL_METADATA_H_
#define STORYLINE_EXTRACT_INTERNAL_METADATA_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/model.h"

namespace storyline::extract::internal {

struct PageMeta {
  std::map<std::string, std::string>
      meta;  // lower-cased name/property → content (first)
  std::string html_title, h1, canonical, lang;
  std::vector<std::string> jsonld;  // raw <script type=application/ld+json>
  std::vector<std::string>
      time_datetimes;  // <time datetime=…> in document order
  std::vector<std::string> author_links;  // rel=author / class~=author texts
  // Short visible texts of elements named like dates ("post-date",
  // "article-page__date", bylines, <time> contents), in document order.
  std::vector<std::string> date_texts;
  // The same, found inside readers' comments (or forum replies): used only
  // for a page that is not an article, where the first post is the page's.
  std::vector<std::string> comment_author_links;
  std::vector<std::string> comment_date_texts;
  // Short texts of the first elements after the first <h1> (where a page
  // without date markup prints "January 31, 2024" or "By X - Mar 27,
  // 2024"): the last resort for the publication date.
  // Element counts over the whole page (evidence of its type).
  int forms = 0;      // <form>, <input>, <select>, <button>
  int code = 0;       // <pre>, <code>
  int articles = 0;   // <article> (a listing has many)
  int headings = 0;   // <h2>, <h3>
  int times = 0;      // <time>
  int after_h1 = -1;  // elements visited since the first <h1>; -1 before
  std::vector<std::string> header_texts;
  // The last short texts before the first <h1> (a date above the
  // headline), nearest last.
  std::vector<std::string> pre_h1_texts;
  // An element named "paywall" or "regwall" (a paywall's overlay or the
  // truncated body's wrapper).
  bool paywall_element = false;
};

struct ResolvedMeta;
struct PageCounts {
  int forms = 0, code = 0, articles = 0, headings = 0, times = 0;
};

struct ResolvedMeta {
  std::string title, outlet, canonical_url, byline, language, section;
  int64_t published = 0, modified = 0;
  int published_offset = 0;  // UTC offset the page wrote the time in (s)
  ArticleKind kind = ArticleKind::kNews;
  bool paywalled = false;
  bool ld_article = false;            // JSON-LD declared an article type
  std::vector<std::string> ld_types;  // every schema.org @type seen
  std::string og_type;
  bool has_meta_date = false;  // a machine-readable publication date
  PageCounts counts;           // copied from PageMeta
};

// Applies the trust order JSON-LD > OpenGraph/article:* > <meta name> >
// <time> > URL date pattern. `url` is the page URL (may be empty).
ResolvedMeta Resolve(const PageMeta& m, const std::string& url);

// Article (news, blog, opinion, guide) vs. anything else (product, forum,
// listing, documentation, service page), from the page's evidence: a
// logistic model over PageTypeFeatures (weights in metadata.cc, fitted on
// wcxb-dev; docs/design/extract.md says how).
struct PageFeature {
  const char* name;
  double value;
};
std::vector<PageFeature> PageTypeFeatures(const ResolvedMeta& r,
                                          const std::string& url,
                                          size_t text_bytes, size_t blocks,
                                          double page_link_density);
bool LooksLikeArticle(const ResolvedMeta& r, const std::string& url,
                      size_t text_bytes, size_t blocks,
                      double page_link_density);

// "Title - Outlet" / "Title | Outlet" → "Title" when the suffix names the
// outlet (or is short); also drops "LIVE:"-style prefixes.
std::string CleanTitle(const std::string& title, const std::string& outlet);

// "By Jane Doe and John Roe, Staff Writer" → "Jane Doe, John Roe".
std::string CleanByline(const std::string& raw);

}  // namespace storyline::extract::internal

#endif  // STORYLINE_EXTRACT_INTERNAL_METADATA_H_
