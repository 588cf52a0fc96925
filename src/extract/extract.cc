// Main-text extraction over a gumbo DOM.
//
// 1. Metadata walk: <title>, <meta>, JSON-LD, <link rel=canonical>, <time>.
// 2. Content root: every substantial paragraph (long enough, few links, not
//    inside navigation/aside/footer or a boilerplate-named container) adds
//    its length to all of its ancestors; from <body> we descend while one
//    child holds ≥ 70% of its parent's paragraph text. The node we stop at
//    is the smallest one that holds most of the article.
// 3. Block emission: a walk of that root that skips boilerplate subtrees
//    and turns block-level elements into paragraphs, then drops blocks that
//    are mostly links or match share/subscribe/credit phrasing.
#include "extract/extract.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "common/strings.h"
#include "common/url.h"
#include "extract/internal/encoding.h"
#include "extract/internal/inert.h"
#include "extract/internal/lines.h"
#include "extract/internal/metadata.h"
#include "text/text.h"

namespace storyline::extract {
namespace {

using internal::PageMeta;

bool IsElement(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

std::string Attr(const GumboNode* n, const char* name) {
  if (!IsElement(n)) return "";
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : "";
}

// Plain text of a subtree (depth-limited).
void AppendText(const GumboNode* n, int depth, std::string* out) {
  if (depth > 200) return;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
      n->type == GUMBO_NODE_CDATA) {
    out->append(n->v.text.text);
    return;
  }
  if (!IsElement(n)) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  if (tag == GUMBO_TAG_BR) out->push_back(' ');
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    AppendText(static_cast<const GumboNode*>(c.data[i]), depth + 1, out);
    if (i + 1 < c.length) out->push_back(' ');
  }
}

std::string TextOf(const GumboNode* n) {
  std::string s;
  AppendText(n, 0, &s);
  return CollapseWhitespace(s);
}

// The first non-blank text in the subtree, collapsed ("" when none).
std::string FirstText(const GumboNode* n, int depth) {
  if (depth > 40) return "";
  if (n->type == GUMBO_NODE_TEXT) return CollapseWhitespace(n->v.text.text);
  if (!IsElement(n)) return "";
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return "";
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    std::string t =
        FirstText(static_cast<const GumboNode*>(c.data[i]), depth + 1);
    if (!t.empty()) return t;
  }
  return "";
}

// Like AppendText, but gives up (returns false) once `out` passes `limit`
// bytes: a cheap test of "is this element's text short?".
bool AppendShortText(const GumboNode* n, int depth, size_t limit,
                     std::string* out) {
  if (out->size() > limit || depth > 40) return false;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
    out->append(n->v.text.text);
    return out->size() <= limit;
  }
  if (!IsElement(n)) return true;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return true;
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    if (!AppendShortText(static_cast<const GumboNode*>(c.data[i]), depth + 1,
                         limit, out))
      return false;
    out->push_back(' ');
  }
  return true;
}

bool SkipTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_ADDRESS:  // the author's contact: a byline, not text
      return true;
    default:
      return false;
  }
}

// Class/id/role words that mark boilerplate containers.
bool IsBoilerplateWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "nav",          "navbar",      "navigation",    "menu",
      "breadcrumb",   "breadcrumbs", "share",         "sharing",
      "social",       "follow",      "newsletter",    "subscribe",
      "subscription", "signup",      "promo",         "promotion",
      "teaser",       "teasers",     "related",       "recommended",
      "recirc",       "cookie",      "cookies",       "consent",
      "gdpr",         "advert",      "advertisement", "ad",
      "ads",          "sponsor",     "sponsored",     "comment",
      "comments",     "disqus",      "footer",        "masthead",
      "sidebar",      "donate",      "donation",      "support",
      "paywall",      "byline",      "caption",       "credit",
      "credits",      "tags",        "toolbar",       "popup",
      "modal",        "outbrain",    "taboola",       "complementary",
      "banner",       "contentinfo", "trending",      "popular",
      "readmore",     "most",        "author",        "bio",
      "signin",       "login",       "print"};
  return kWords.count(w) > 0;
}

// Words that name boilerplate only on link lists ("more-stories",
// "widget-recent-posts", "skip-link"): the same words also name expanders
// that hold the text ("show-more-content"), product cards on review pages
// ("c-product-widget") and anchor targets of a table of contents
// ("skip-item").
bool IsLinkListWord(std::string_view w) {
  return w == "more" || w == "widget" || w == "skip";
}

// Calls f(word) for each word of the element's class and id (and, with
// `role_too`, role and data-component), split at whitespace, '-' and '_',
// lower-cased, until f returns true; returns whether it did. Reads the
// attributes in place, without allocating: it runs for every element in
// several passes. Words longer than 48 bytes are skipped.
template <typename F>
bool AnyNameWord(const GumboNode* n, bool role_too, F f) {
  const GumboVector& attrs = n->v.element.attributes;
  char word[48];
  for (unsigned i = 0; i < attrs.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    if (std::strcmp(a->name, "class") != 0 && std::strcmp(a->name, "id") != 0 &&
        !(role_too && (std::strcmp(a->name, "role") == 0 ||
                       std::strcmp(a->name, "data-component") == 0)))
      continue;
    size_t len = 0;
    for (const char* p = a->value;; ++p) {
      char c = *p;
      bool sep = c == 0 || c == ' ' || c == '_' || c == '-' || c == '\t' ||
                 c == '\n' || c == '\r' || c == '\f';
      if (!sep) {
        if (len < sizeof word) word[len] = c >= 'A' && c <= 'Z' ? c + 32 : c;
        ++len;
        continue;
      }
      if (len > 0 && len <= sizeof word && f(std::string_view(word, len)))
        return true;
      len = 0;
      if (c == 0) break;
    }
  }
  return false;
}

// Whether a word of the element's class, id, role or data-component names
// boilerplate, or only a link list (see IsLinkListWord).
enum class NameSays { kNothing, kLinkList, kBoilerplate };

NameSays BoilerplateName(const GumboNode* n) {
  NameSays says = NameSays::kNothing;
  bool boilerplate = AnyNameWord(n, true, [&](std::string_view w) {
    if (IsLinkListWord(w)) says = NameSays::kLinkList;
    return IsBoilerplateWord(w);
  });
  return boilerplate ? NameSays::kBoilerplate : says;
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
      return true;
    default:
      return false;
  }
}

const char* BlockKind(GumboTag t, bool in_quote) {
  if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) return "h";
  if (t == GUMBO_TAG_LI) return "li";
  if (t == GUMBO_TAG_PRE) return "pre";
  if (in_quote) return "quote";
  return "p";
}

// Text and link-text bytes of every element's subtree, computed once.
struct Sizes {
  std::unordered_map<const GumboNode*, std::pair<size_t, size_t>>
      m;  // text, link text
  int max_depth;
  // Relaxed pass: a boilerplate name counts only on link-dense elements
  // (forum posts live in "comment"/"post" containers).
  bool relaxed = false;

  std::pair<size_t, size_t> Walk(const GumboNode* n, int depth, bool in_link) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      size_t len = std::string_view(n->v.text.text).size();
      return {len, in_link ? len : 0};
    }
    if (!IsElement(n) || depth > max_depth) return {0, 0};
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return {0, 0};
    bool link = in_link || tag == GUMBO_TAG_A;
    std::pair<size_t, size_t> total{0, 0};
    const GumboVector& c = n->v.element.children;
    bool holds = DeclaresArticleBody(n);
    for (unsigned i = 0; i < c.length; ++i) {
      const GumboNode* k = static_cast<const GumboNode*>(c.data[i]);
      auto sz = Walk(k, depth + 1, link);
      total.first += sz.first;
      total.second += sz.second;
      holds = holds || article_holders.count(k);
    }
    if (holds) article_holders.insert(n);
    m[n] = total;
    return total;
  }

  // itemprop="articleBody", or an itemtype of a schema.org article.
  static bool DeclaresArticleBody(const GumboNode* n) {
    const GumboVector& attrs = n->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
      const GumboAttribute* at =
          static_cast<const GumboAttribute*>(attrs.data[i]);
      if (at->name[0] != 'i') continue;  // itemprop, itemtype
      std::string_view name = at->name, value = at->value;
      if (name == "itemprop" && value == "articleBody") return true;
      if (name == "itemtype" &&
          (EndsWith(value, "/Article") || EndsWith(value, "/NewsArticle") ||
           EndsWith(value, "/BlogPosting") ||
           EndsWith(value, "/ReportageNewsArticle")))
        return true;
    }
    return false;
  }
  // Elements that hold the article's declared body (see above): never
  // skipped as an aside, header, footer or form around it.
  std::unordered_set<const GumboNode*> article_holders;

  // Elements whose content is never main text (scripts, forms, asides,
  // navigation, media) — except a form, header or noscript holding 1,500
  // bytes of prose, or an aside, footer or nav holding 5,000, mostly not links:
  // ASP.NET wraps every page in one <form>, Webflow sets bodies in a
  // <header>, and an unclosed <aside> swallows the article after it.
  // Non-link text that makes any named element a page wrapper, whatever
  // its links weigh.
  static constexpr size_t kWrapperProse = 3000;

  bool Skipped(const GumboNode* n) const {
    GumboTag tag = n->v.element.tag;
    if (!SkipTag(tag)) return false;
    if (tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_STYLE &&
        tag != GUMBO_TAG_TEMPLATE && tag != GUMBO_TAG_HEAD &&
        tag != GUMBO_TAG_TITLE && article_holders.count(n))
      return false;
    size_t prose = 0;        // non-link text that makes it a wrapper
    bool any_links = false;  // ... even when mostly links (kWrapperProse)
    switch (tag) {
      case GUMBO_TAG_FORM:
      case GUMBO_TAG_HEADER:    // Webflow sets whole bodies in <header>
      case GUMBO_TAG_NOSCRIPT:  // Discourse serves its posts in one; an
                                // unclosed <div> in one holds the page
        prose = 1500;
        any_links = true;
        break;
      case GUMBO_TAG_ASIDE:
      case GUMBO_TAG_FOOTER:
      case GUMBO_TAG_NAV:
        prose = 5000;
        break;
      case GUMBO_TAG_ADDRESS:  // misused as a wrapper around the article
        prose = 1500;
        break;
      default:
        return true;
    }
    auto it = m.find(n);
    if (it == m.end()) return true;
    auto [text, links] = it->second;
    if (any_links && text - links >= kWrapperProse) return false;
    return !(text - links >= prose && links * 3 < text);
  }

  // Class/id words name boilerplate, and the element is small or mostly
  // links. Page wrappers ("ast-no-sidebar" on <body>) are never boilerplate.
  bool Boilerplate(const GumboNode* n) const {
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_MAIN)
      return false;
    NameSays says = BoilerplateName(n);
    if (says == NameSays::kNothing) return false;
    auto it = m.find(n);
    if (it == m.end()) return true;
    auto [text, links] = it->second;
    // A wrapper around the whole page ("navigation-container" holding the
    // menus and the article) has pages of prose besides its links.
    if (text - links >= kWrapperProse) return false;
    if (relaxed || says == NameSays::kLinkList) return links * 2 > text;
    return text < 1500 || links * 2 > text;
  }
};

// Bump allocator for one parse: gumbo allocates a node, a vector or a
// string buffer per element and frees each again; here frees are no-ops and
// everything goes at once when the page is done. Memory stays proportional
// to the (size-capped) page.
class Arena {
 public:
  static void* Alloc(void* self, size_t n) {
    return static_cast<Arena*>(self)->Get(n);
  }
  static void Free(void*, void*) {}

 private:
  static constexpr size_t kBlock = 1 << 20;
  void* Get(size_t n) {
    n = (n + 15) & ~static_cast<size_t>(15);
    if (n > kBlock / 4) {  // large: its own block
      blocks_.emplace_back(new char[n]);
      return blocks_.back().get();
    }
    if (used_ + n > kBlock || !current_) {
      blocks_.emplace_back(new char[kBlock]);
      current_ = blocks_.back().get();
      used_ = 0;
    }
    void* p = current_ + used_;
    used_ += n;
    return p;
  }
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* current_ = nullptr;
  size_t used_ = 0;
};

// True when a word of the element's class or id (split at spaces, '-' and
// '_') is "comment", "comments" or "disqus".
// True when a word of the element's class or id is one of `words`.
bool NamedAny(const GumboNode* n,
              std::initializer_list<std::string_view> words) {
  return AnyNameWord(n, false, [&](std::string_view w) {
    for (std::string_view x : words)
      if (w == x) return true;
    return false;
  });
}

bool NamedComments(const GumboNode* n) {
  return NamedAny(n, {"comment", "comments", "disqus"});
}

// ---- 1. metadata -----------------------------------------------------
// Elements after the first <h1> whose short texts may carry the date.
constexpr int kHeaderElements = 40;

// A link to the site's home page ("/", "./", "https://host/"): a heading
// inside or around one is the site's name, not the page's title.
bool IsHomeHref(std::string_view href) {
  href = Trim(href);
  while (StartsWith(href, "../")) href.remove_prefix(3);
  if (href.empty() || href == "/" || href == "./" || href == "index.html" ||
      href == "/index.html")
    return true;
  size_t scheme = href.find("://");
  if (scheme == std::string_view::npos) return false;
  size_t slash = href.find('/', scheme + 3);
  return slash == std::string_view::npos || slash + 1 == href.size();
}

bool HasHomeLink(const GumboNode* n, int depth) {
  if (depth > 6 || !IsElement(n)) return false;
  if (n->v.element.tag == GUMBO_TAG_A && IsHomeHref(Attr(n, "href")))
    return true;
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i)
    if (HasHomeLink(static_cast<const GumboNode*>(c.data[i]), depth + 1))
      return true;
  return false;
}

bool SiteHeading(const GumboNode* n, bool in_home_link) {
  if (in_home_link || HasHomeLink(n, 0)) return true;
  std::string cls =
      AsciiLower(Attr(n, "class")) + " " + AsciiLower(Attr(n, "id"));
  for (const char* w : {"logo", "site-title", "site-name", "sitename", "brand",
                        "menu-title", "blog-title"})
    if (cls.find(w) != std::string::npos) return true;
  return false;
}

void CollectMeta(const GumboNode* n, int depth, int max_depth, PageMeta* m,
                 bool in_comments = false, bool in_home_link = false) {
  if (depth > max_depth || !IsElement(n)) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_A && !in_home_link && n->v.element.attributes.length)
    in_home_link = IsHomeHref(Attr(n, "href"));
  switch (tag) {
    case GUMBO_TAG_HTML:
      m->lang = Attr(n, "lang");
      break;
    case GUMBO_TAG_TITLE:
      if (m->html_title.empty()) m->html_title = TextOf(n);
      return;
    case GUMBO_TAG_META: {
      std::string key = AsciiLower(Attr(n, "property"));
      if (key.empty()) key = AsciiLower(Attr(n, "name"));
      if (key.empty()) key = AsciiLower(Attr(n, "itemprop"));
      std::string content = Attr(n, "content");
      if (!key.empty() && !content.empty()) m->meta.emplace(key, content);
      return;
    }
    case GUMBO_TAG_LINK: {
      std::string rel = AsciiLower(Attr(n, "rel"));
      if (rel == "canonical" && m->canonical.empty())
        m->canonical = Attr(n, "href");
      return;
    }
    case GUMBO_TAG_SCRIPT:
      if (AsciiLower(Attr(n, "type")) == "application/ld+json" &&
          m->jsonld.size() < 16) {
        std::string raw;
        AppendText(n, 0, &raw);
        if (raw.empty() && n->v.element.children.length > 0) {
          const GumboNode* c =
              static_cast<const GumboNode*>(n->v.element.children.data[0]);
          if (c->type == GUMBO_NODE_TEXT) raw = c->v.text.text;
        }
        m->jsonld.push_back(raw);
      }
      return;
    case GUMBO_TAG_TIME: {
      ++m->times;
      std::string dt = Attr(n, "datetime");
      if (!dt.empty()) m->time_datetimes.push_back(dt);
      break;
    }
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
      ++m->forms;
      break;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_CODE:
      ++m->code;
      break;
    case GUMBO_TAG_ARTICLE:
      ++m->articles;
      break;
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
      ++m->headings;
      break;
    case GUMBO_TAG_H1: {
      // The site's name set as a heading (a logo linking home) is not the
      // page's title; the dates and bylines follow the real one.
      bool site = SiteHeading(n, in_home_link);
      if (site) {
        if (m->after_h1 < 0) m->after_h1 = 0;
      } else if (m->h1.empty()) {
        m->h1 = TextOf(n);
        m->after_h1 = 0;
      }
      break;
    }
    default:
      break;
  }
  if (m->after_h1 >= 0 && m->after_h1 < kHeaderElements && !in_comments &&
      tag != GUMBO_TAG_H1) {
    ++m->after_h1;
    std::string raw;
    if (AppendShortText(n, 0, 300, &raw)) {
      std::string t = CollapseWhitespace(raw);
      if (!t.empty() && t.size() < 100) m->header_texts.push_back(std::move(t));
    }
  } else if (m->after_h1 < 0 && !in_comments && tag != GUMBO_TAG_H1 &&
             n->v.element.children.length <= 4) {
    std::string raw;
    if (AppendShortText(n, 0, 120, &raw)) {
      std::string t = CollapseWhitespace(raw);
      if (t.size() >= 8 && t.size() < 100) {
        if (m->pre_h1_texts.size() >= kHeaderElements / 4)
          m->pre_h1_texts.erase(m->pre_h1_texts.begin());
        m->pre_h1_texts.push_back(std::move(t));
      }
    }
  }
  for (const char* attr :
       {"data-pubdate", "data-published", "data-publish-date"}) {
    if (n->v.element.attributes.length == 0) break;
    std::string v = Attr(n, attr);
    if (!v.empty()) m->meta.emplace("data-pubdate", v);
  }
  // Below, only named elements (and <time>) can carry a date or an author:
  // most elements have no attributes at all.
  if (n->v.element.attributes.length == 0 && tag != GUMBO_TAG_TIME) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i)
      CollectMeta(static_cast<const GumboNode*>(kids.data[i]), depth + 1,
                  max_depth, m, in_comments, in_home_link);
    return;
  }
  if (!m->paywall_element)
    m->paywall_element = NamedAny(n, {"paywall", "regwall", "paywalled"});
  // Readers' comments name their own authors and dates: not the article's.
  in_comments = in_comments || NamedComments(n);
  std::vector<std::string>& date_texts =
      in_comments ? m->comment_date_texts : m->date_texts;
  std::vector<std::string>& author_links =
      in_comments ? m->comment_author_links : m->author_links;
  std::string cls = AsciiLower(Attr(n, "class"));
  std::string named = cls + " " + AsciiLower(Attr(n, "id")) + " " +
                      AsciiLower(Attr(n, "itemprop"));
  if (date_texts.size() < 24 &&
      (tag == GUMBO_TAG_TIME || named.find("date") != std::string::npos ||
       named.find("time") != std::string::npos ||
       named.find("posted") != std::string::npos ||
       named.find("published") != std::string::npos ||
       named.find("byline") != std::string::npos ||
       named.find("author") != std::string::npos ||
       named.find("meta") != std::string::npos ||
       named.find("eyebrow") != std::string::npos)) {
    std::string t = TextOf(n);
    if (!t.empty() && t.size() < 200) date_texts.push_back(t);
    std::string dt = Attr(n, "datetime");
    if (!dt.empty()) date_texts.push_back(dt);
  }
  std::string href =
      tag == GUMBO_TAG_A ? AsciiLower(Attr(n, "href")) : std::string();
  if (AsciiLower(Attr(n, "rel")) == "author" ||
      AsciiLower(Attr(n, "itemprop")) == "author" ||
      cls.find("byline") != std::string::npos ||
      cls.find("author") != std::string::npos ||
      href.find("/author/") != std::string::npos ||
      href.find("/authors/") != std::string::npos ||
      cls.find("username") != std::string::npos) {
    std::string raw;
    if (AppendShortText(n, 0, 160, &raw)) {
      std::string a = CollapseWhitespace(raw);
      if (!a.empty() && a.size() < 80) author_links.push_back(a);
    } else {
      // An author box with a bio: its first text is the name.
      std::string a = FirstText(n, 0);
      if (!a.empty() && a.size() < 60) author_links.push_back(a);
    }
  }
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    CollectMeta(static_cast<const GumboNode*>(c.data[i]), depth + 1, max_depth,
                m, in_comments, in_home_link);
  }
}

// ---- 2. content root ----------------------------------------------------
struct Scorer {
  int max_depth;
  const Sizes* sizes;
  std::unordered_map<const GumboNode*, double> score;

  // Returns link-text bytes, accumulates paragraph scores into ancestors.
  void Walk(const GumboNode* n, int depth, bool bad,
            std::vector<const GumboNode*>* path) {
    if (depth > max_depth || !IsElement(n)) return;
    GumboTag tag = n->v.element.tag;
    if (tag != GUMBO_TAG_HEADER && sizes->Skipped(n)) bad = true;
    if (sizes->Boilerplate(n)) bad = true;
    if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE ||
        tag == GUMBO_TAG_BLOCKQUOTE ||
        (tag == GUMBO_TAG_DIV && HasDirectText(n))) {
      if (!bad) {
        std::string t = TextOf(n);
        double link = LinkBytes(n, 0);
        if (t.size() >= 40 && link < 0.4 * static_cast<double>(t.size())) {
          double s = static_cast<double>(t.size()) - link;
          for (const GumboNode* a : *path) score[a] += s;
        }
      }
      if (tag == GUMBO_TAG_P) return;
    }
    path->push_back(n);
    const GumboVector& c = n->v.element.children;
    for (unsigned i = 0; i < c.length; ++i) {
      Walk(static_cast<const GumboNode*>(c.data[i]), depth + 1, bad, path);
    }
    path->pop_back();
  }

  static bool HasDirectText(const GumboNode* n) {
    const GumboVector& c = n->v.element.children;
    size_t bytes = 0;
    for (unsigned i = 0; i < c.length; ++i) {
      const GumboNode* k = static_cast<const GumboNode*>(c.data[i]);
      if (k->type == GUMBO_NODE_TEXT) bytes += Trim(k->v.text.text).size();
    }
    return bytes >= 40;
  }

  static double LinkBytes(const GumboNode* n, int depth) {
    if (depth > 100 || !IsElement(n)) return 0;
    if (n->v.element.tag == GUMBO_TAG_A)
      return static_cast<double>(TextOf(n).size());
    double s = 0;
    const GumboVector& c = n->v.element.children;
    for (unsigned i = 0; i < c.length; ++i) {
      s += LinkBytes(static_cast<const GumboNode*>(c.data[i]), depth + 1);
    }
    return s;
  }

  const GumboNode* Root(const GumboNode* body) {
    const GumboNode* cur = body;
    while (true) {
      double total = score[cur];
      const GumboNode* best = nullptr;
      double best_s = 0;
      const GumboVector& c = cur->v.element.children;
      for (unsigned i = 0; i < c.length; ++i) {
        const GumboNode* k = static_cast<const GumboNode*>(c.data[i]);
        auto it = score.find(k);
        if (it != score.end() && it->second > best_s) {
          best_s = it->second;
          best = k;
        }
      }
      if (!best || best_s < 0.7 * total) return cur;
      cur = best;
    }
  }
};

// ---- infinite scroll -------------------------------------------------
// The first heading's text in a subtree (depth-limited), "" when none.
std::string FirstHeading(const GumboNode* n, int depth) {
  if (!IsElement(n) || depth > 40) return "";
  GumboTag t = n->v.element.tag;
  if (t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2)
    return CollapseWhitespace(TextOf(n));
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    std::string h =
        FirstHeading(static_cast<const GumboNode*>(c.data[i]), depth + 1);
    if (!h.empty()) return h;
  }
  return "";
}

void CollectArticles(const GumboNode* n, int depth, const Sizes& sizes,
                     std::vector<const GumboNode*>* out) {
  if (!IsElement(n) || depth > 6) return;
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    const GumboNode* k = static_cast<const GumboNode*>(c.data[i]);
    if (!IsElement(k)) continue;
    if (k->v.element.tag == GUMBO_TAG_ARTICLE) {
      auto it = sizes.m.find(k);
      if (it != sizes.m.end() && it->second.first - it->second.second >= 500)
        out->push_back(k);
      continue;  // an article's own nested articles are its business
    }
    CollectArticles(k, depth + 1, sizes, out);
  }
}

// A page that appends the next articles as it scrolls holds several
// <article> elements of prose, each under its own headline. When one of
// them is headed by the title the page declares (`<title>` or og:title,
// not a heading: a blog's front page heads its posts with <h1>s), that one
// is the page's article. `declared` is those titles, lower case.
const GumboNode* PageArticle(const GumboNode* root, const std::string& declared,
                             const Sizes& sizes) {
  if (declared.empty()) return root;
  std::vector<const GumboNode*> arts;
  CollectArticles(root, 0, sizes, &arts);
  if (arts.size() < 2) return root;
  const GumboNode* match = nullptr;
  int headed = 0;
  for (const GumboNode* a : arts) {
    std::string h = AsciiLower(FirstHeading(a, 0));
    if (h.empty()) continue;
    ++headed;
    if (!match && h.size() >= 12 && declared.find(h) != std::string::npos)
      match = a;
  }
  return match && headed >= 2 ? match : root;
}

// ---- 3. block emission -------------------------------------------------
struct PendingLink {
  std::string href, anchor;
};

struct Emitter {
  const Options& opts;
  const Sizes* sizes;
  std::string base_url;
  std::string title;
  Article* article;
  std::string buf;  // current inline text
  size_t link_bytes = 0;
  std::vector<PendingLink> links;
  uint32_t src_begin = 0, src_end = 0;
  const char* kind = "p";
  bool truncated = false;
  std::unordered_set<uint64_t> seen_paragraphs;  // hashes, ≥ 8 words
  bool paywall_prompt = false;  // "Subscribe to continue reading" seen
  bool after_br = false;        // a <br> and only whitespace since
  // A paragraph of prose (≥ 15 words) was kept: date and label lines
  // before it are the page's metadata; date lines after it are kept
  // (a live blog's times) unless nothing but them follows.
  bool body_started = false;
  struct DateLine {
    size_t block, links;  // its index, links before it
  };
  std::vector<DateLine> date_lines;

  // Lower case for phrase matching: ASCII in place, ICU only when needed.
  static std::string MatchLower(const std::string& t) {
    for (char c : t)
      if (static_cast<unsigned char>(c) >= 0x80) return text::ToLower(t);
    return AsciiLower(t);
  }

  // The prompt a paywall puts where the article is cut off (`l` lower case).
  static bool IsPaywallPrompt(const std::string& l) {
    static const char* const kPhrases[] = {
        "subscribe to continue reading", "subscribe to keep reading",
        "subscribe to read", "subscribe now to read",
        "this article is for subscribers", "this content is for subscribers",
        "this story is for subscribers", "available to subscribers only",
        "for subscribers only", "to continue reading this article",
        "to read the full story", "to view the full story, please subscribe",
        "unlock this article", "become a member to read",
        // German, French, Spanish, Italian
        "nur für abonnenten", "exklusiv für abonnenten", "um weiterzulesen",
        "jetzt weiterlesen mit", "réservé aux abonnés", "pour lire la suite",
        "exclusivo para suscriptores", "para seguir leyendo",
        "riservato agli abbonati", "per continuare a leggere"};
    if (l.size() > 300) return false;
    for (const char* p : kPhrases)
      if (l.find(p) != std::string::npos) return true;
    return false;
  }
  // Where a "Read next" / "More stories" heading came (kept or dropped):
  // sizes of the text, blocks and links before it.
  struct CutPoint {
    size_t text, blocks, links;
    bool end_marker;  // comments or author box: no size rule after it
  };
  std::vector<CutPoint> cut_points;

  static bool IsTeaserHeading(std::string t) {
    static const char* const kHeadings[] = {"read this next",
                                            "read next",
                                            "up next",
                                            "more stories",
                                            "more news",
                                            "more articles",
                                            "related stories",
                                            "related articles",
                                            "related posts",
                                            "related content",
                                            "related reading",
                                            "you may also like",
                                            "you might also like",
                                            "recommended for you",
                                            "recommended stories",
                                            "recommended reading",
                                            "trending now",
                                            "popular posts",
                                            "most popular",
                                            "latest news",
                                            "latest stories",
                                            "latest posts",
                                            "keep reading",
                                            "what to read next",
                                            "all reads on this topic",
                                            "breaking news",
                                            "top stories",
                                            "editor's picks",
                                            "editors' picks",
                                            "more from",
                                            "читайте также",
                                            "читайте еще",
                                            "лучшее за неделю",
                                            "lesen sie auch",
                                            "à lire aussi",
                                            "leggi anche",
                                            "lee también",
                                            "leia também"};
    if (WordCount(t) > 6) return false;
    while (!t.empty() && t.back() == ':') t.pop_back();
    for (const char* h : kHeadings) {
      size_t n = std::strlen(h);
      if (t.compare(0, n, h) == 0 && (t.size() == n || t[n] == ' '))
        return true;
    }
    return false;
  }

  // "12 Comments", "Leave a reply", "3 thoughts on …", "About the author":
  // what follows is readers' comments or the author's bio.
  static bool IsEndMarker(std::string t) {
    if (WordCount(t) > 8) return false;
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
    static const char* const kStarts[] = {
        "leave a reply",        "leave a comment",
        "join the discussion",  "post comment",
        "post a comment",       "add a comment",
        "add comment",          "write a comment",
        "kommentar schreiben",  "laisser un commentaire",
        "deja un comentario",   "deixe um comentário",
        "lascia un commento",   "оставить комментарий",
        "добавить комментарий", "залишити коментар"};
    if (t == "about the author") return true;
    for (const char* p : kStarts)
      if (StartsWith(t, p)) return true;
    size_t d = 0;
    while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
    if (d == 0 || d == t.size() || t[d] != ' ') return false;
    std::string_view rest = std::string_view(t).substr(d + 1);
    return rest == "comment" || rest == "comments" ||
           StartsWith(rest, "thought on ") || StartsWith(rest, "thoughts on ");
  }

  // A teaser heading after the article's own text (≥ 500 bytes) followed
  // only by short blocks (teaser titles, one-line summaries, < 200 bytes):
  // the rest of the page is teasers; cut there. A comments heading or an
  // author box after ≥ 500 bytes ends the article when what follows is not
  // much longer than what came before (on forums the replies are the page).
  void CutTrailingTeasers() {
    std::vector<Block>& bl = article->blocks;
    for (const CutPoint& c : cut_points) {
      if (c.text < 500) continue;
      bool only_short = true;
      for (size_t i = c.blocks; i < bl.size() && only_short; ++i)
        only_short = bl[i].text.end - bl[i].text.begin < 200;
      bool ends = (article->text.size() - c.text) * 5 <= c.text * 6;
      if (!(c.end_marker ? ends : only_short)) continue;
      size_t end = c.text;
      while (end > 0 && article->text[end - 1] == '\n') --end;
      article->text.resize(end);
      bl.resize(c.blocks);
      article->links.resize(c.links);
      return;
    }
  }

  // Date lines after the last paragraph: the page's "published" stamp.
  void DropTrailingDates() {
    std::vector<Block>& bl = article->blocks;
    while (!date_lines.empty() && !bl.empty() &&
           date_lines.back().block == bl.size() - 1) {
      article->links.resize(
          std::min(article->links.size(), date_lines.back().links));
      date_lines.pop_back();
      bl.pop_back();
      article->text.resize(bl.empty() ? 0 : bl.back().text.end);
    }
  }

  void Flush() {
    std::string raw = CollapseWhitespace(buf);
    buf.clear();
    std::vector<PendingLink> block_links;
    block_links.swap(links);
    size_t lbytes = link_bytes;
    link_bytes = 0;
    if (raw.empty() || truncated) return;
    std::string text = text::Normalize(raw);
    if (std::strcmp(kind, "pre") != 0) text = internal::RepairText(text);
    if (text.empty() || internal::LooksLikeData(text)) return;
    // Short blocks are matched against phrase lists, in lower case.
    std::string lower = text.size() <= 300 ? MatchLower(text) : std::string();
    if (!lower.empty()) {
      if (!paywall_prompt) paywall_prompt = IsPaywallPrompt(lower);
      bool end_marker = IsEndMarker(lower);
      if (end_marker || IsTeaserHeading(lower))
        cut_points.push_back({article->text.size(), article->blocks.size(),
                              article->links.size(), end_marker});
    }
    if (!Keep(text, lower, lbytes)) return;
    const internal::Line line = internal::ClassifyLine(text, lower);
    switch (line.kind) {
      case internal::LineKind::kByline:
        if (article->byline.empty())
          article->byline = internal::CleanByline(line.byline);
        return;
      case internal::LineKind::kCounter:
        return;
      case internal::LineKind::kLabel:
        if (line.label == ArticleKind::kOther) return;  // an ad slot's label
        if (body_started) break;
        if (line.label != ArticleKind::kNews &&
            article->kind == ArticleKind::kNews)
          article->kind = line.label;
        return;
      case internal::LineKind::kDate:
        if (!body_started) return;
        break;
      case internal::LineKind::kText:
        break;
    }
    if (std::strcmp(kind, "p") == 0) {
      if (size_t n = internal::LeadingLabelBytes(
              lower.empty() ? MatchLower(text.substr(0, 64)) : lower)) {
        text = std::string(Trim(std::string_view(text).substr(n)));
        if (text.empty()) return;
      }
    }
    // A paragraph seen before is a layout copy (a desktop and a mobile
    // variant, a hover overlay, a pull quote); short labels may repeat.
    if (WordCount(text) >= 8 && !seen_paragraphs.insert(Fnv1a64(text)).second)
      return;
    if (article->text.size() + text.size() > opts.max_text_bytes) {
      truncated = true;
      return;
    }
    if (line.kind == internal::LineKind::kDate)
      date_lines.push_back({article->blocks.size(), article->links.size()});
    if (std::strcmp(kind, "h") != 0 && WordCount(text) >= 15)
      body_started = true;
    if (!article->text.empty()) article->text += "\n\n";
    Block b;
    b.text.begin = static_cast<uint32_t>(article->text.size());
    article->text += text;
    b.text.end = static_cast<uint32_t>(article->text.size());
    b.source = {src_begin, src_end};
    b.kind = kind;
    article->blocks.push_back(b);
    for (auto& l : block_links) {
      std::string u = url::Normalize(url::Resolve(base_url, l.href));
      if (u.empty()) continue;
      article->links.push_back({u, CollapseWhitespace(l.anchor)});
    }
  }

  // The headline repeated as a heading, possibly behind the kicker the
  // title lost ("Live: Election night" for the title "Election night").
  bool IsHeadline(const std::string& t) const {
    std::string l = AsciiLower(t), h = AsciiLower(title);
    if (h.empty()) return false;
    if (l == h) return true;
    if (l.size() <= h.size() || l.compare(l.size() - h.size(), h.size(), h))
      return false;
    std::string kicker(Trim(l.substr(0, l.size() - h.size())));
    return !kicker.empty() && WordCount(kicker) <= 3 &&
           (kicker.back() == ':' || kicker.back() == '|' ||
            kicker.back() == '-');
  }

  // `l` is `t` in lower case when `t` is short (≤ 300 bytes).
  bool Keep(const std::string& t, const std::string& l, size_t lbytes) {
    if (std::string(kind) == "h" && IsHeadline(t)) return false;
    double density =
        static_cast<double>(lbytes) / static_cast<double>(t.size());
    if (density > (sizes->relaxed ? 0.8 : 0.6)) return false;
    if (t.size() < opts.min_block_bytes && density > 0.3) return false;
    if (t.size() < 200) {
      static const char* const kPrefixes[] = {
          "read more", "related:", "related stories", "sign up", "subscribe",
          "share this", "share on", "follow us", "advertisement", "click here",
          "image:", "photo:", "photograph:", "copyright", "©",
          "all rights reserved", "listen to this article", "download the app",
          "support our", "read our", "we use cookies", "this site uses cookies",
          "accept cookies", "newsletter", "get the latest", "don't miss",
          "watch:", "more from", "also read",
          "recommended:", "you may also like", "most read", "skip to",
          "advertising", "comments", "leave a comment", "join the conversation",
          "credit:", "check price", "see price", "buy now", "shop now",
          "view on amazon", "more videos", "recent articles",
          "related articles", "related posts",
          // German
          "lesen sie auch", "lies auch", "auch interessant",
          "das könnte sie auch", "das könnte dich auch", "das thema könnte",
          "mehr zum thema", "mehr themen", "weitere themen", "weitere beiträge",
          "weitere artikel", "verwandte beiträge", "verwandte artikel",
          "verwandte themen", "ähnliche beiträge", "ähnliche artikel",
          "empfohlene beiträge", "schon gelesen", "zum weiterlesen",
          "keine kommentare", "kommentare", "kommentieren",
          "schreibe einen kommentar", "jetzt teilen", "artikel teilen",
          "quelle:", "quellen:", "anzeige", "werbung",
          "titelbild:", "bild:", "foto:", "über den autor", "jetzt abonnieren",
          // French
          "lire aussi", "à lire aussi", "a lire aussi", "voir aussi",
          "sur le même sujet", "articles similaires", "partager",
          "commentaires", "abonnez-vous", "crédits photos", "crédit photo",
          "publicité",
          // Spanish
          "lee también", "leer más", "te puede interesar",
          "noticias relacionadas", "comparte", "suscríbete", "comentarios",
          "valora esta noticia", "publicidad",
          // Italian, Dutch
          "leggi anche", "potrebbe interessarti", "articoli correlati",
          "condividi", "lees ook", "gerelateerde artikelen"};
      // A prefix counts as whole words: "Anzeige:" but not "Anzeigepflicht".
      for (const char* p : kPrefixes) {
        size_t n = std::strlen(p);
        if (!StartsWith(l, p)) continue;
        unsigned char next =
            l.size() > n ? static_cast<unsigned char>(l[n]) : ' ';
        if (!std::isalnum(next) && next < 0x80) return false;
      }
      // Lone kicker labels: "EXCLUSIVE", "ANALYSIS", "LIVE".
      bool upper = true, letter = false;
      for (char c : t) {
        upper &= !(c >= 'a' && c <= 'z');
        letter |= c >= 'A' && c <= 'Z';
      }
      upper &= letter;  // "14:05" is a time, not a kicker
      if (upper && WordCount(t) <= 3) return false;
    }
    return true;
  }

  void Walk(const GumboNode* n, int depth, bool in_quote) {
    if (depth > opts.max_depth || truncated) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      if (n->type != GUMBO_NODE_WHITESPACE) after_br = false;
      if (buf.empty())
        src_begin = static_cast<uint32_t>(n->v.text.start_pos.offset);
      buf += n->v.text.text;
      src_end = static_cast<uint32_t>(n->v.text.start_pos.offset +
                                      n->v.text.original_text.length);
      return;
    }
    if (!IsElement(n)) return;
    GumboTag tag = n->v.element.tag;
    if (sizes->Skipped(n) || sizes->Boilerplate(n)) return;
    if (tag == GUMBO_TAG_BR) {
      // Two line breaks in a row end a paragraph ("<b>Heading</b><br><br>
      // Text"): a block boundary, never words glued into one sentence.
      if (after_br) {
        src_end = static_cast<uint32_t>(n->v.element.start_pos.offset);
        Flush();
        src_begin = static_cast<uint32_t>(n->v.element.end_pos.offset);
      } else {
        buf.push_back(' ');
      }
      after_br = !after_br;
      return;
    }
    // Inline wrappers do not part two line breaks ("<b><br></b><b><br></b>");
    // text or a block does.
    if (IsBlockTag(tag)) after_br = false;
    if (tag == GUMBO_TAG_A) {
      std::string anchor = TextOf(n);
      // An ad slot's label set as a link inside a paragraph ("…are still
      // missing. Advertisement Advertisement The alleged…"): furniture.
      if (anchor.size() <= 24) {
        ArticleKind label;
        std::string l = MatchLower(std::string(Trim(anchor)));
        if (internal::LabelKind(l, &label) && label == ArticleKind::kOther)
          return;
      }
      std::string href = Attr(n, "href");
      if (!href.empty()) links.push_back({href, anchor});
      link_bytes += anchor.size();
    }
    bool block = IsBlockTag(tag);
    const char* saved = kind;
    if (block) {
      Flush();
      kind = BlockKind(tag, in_quote || tag == GUMBO_TAG_BLOCKQUOTE);
      src_begin = static_cast<uint32_t>(n->v.element.start_pos.offset);
    }
    bool q = in_quote || tag == GUMBO_TAG_BLOCKQUOTE;
    const GumboVector& c = n->v.element.children;
    for (unsigned i = 0; i < c.length; ++i) {
      Walk(static_cast<const GumboNode*>(c.data[i]), depth + 1, q);
      if (!block && i + 1 < c.length) buf.push_back(' ');
      if ((tag == GUMBO_TAG_TR) && i + 1 < c.length) buf += " | ";
    }
    if (block) {
      src_end = static_cast<uint32_t>(n->v.element.end_pos.offset);
      Flush();
      kind = saved;
    }
  }
};

const GumboNode* FindBody(const GumboNode* root) {
  if (!IsElement(root)) return nullptr;
  const GumboVector& c = root->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    const GumboNode* k = static_cast<const GumboNode*>(c.data[i]);
    if (IsElement(k) && k->v.element.tag == GUMBO_TAG_BODY) return k;
  }
  return root;
}

// The page's own description (og:, twitter: or plain) as its one block
// of text, when it is prose (≥ 8 words); the block's source is the <meta>
// element that holds it.
void AddDescription(const PageMeta& meta, const std::string& html, Article* a) {
  for (const char* key :
       {"og:description", "description", "twitter:description"}) {
    auto it = meta.meta.find(key);
    if (it == meta.meta.end()) continue;
    std::string text = text::Normalize(CollapseWhitespace(it->second));
    if (WordCount(text) < 8 || text == a->title) continue;
    Block b;
    b.text = {0, static_cast<uint32_t>(text.size())};
    b.kind = "p";
    size_t at = html.find(key);
    size_t begin = at == std::string::npos ? 0 : html.rfind('<', at);
    size_t end = at == std::string::npos ? 0 : html.find('>', at);
    if (begin == std::string::npos || end == std::string::npos) begin = end = 0;
    b.source = {static_cast<uint32_t>(begin),
                static_cast<uint32_t>(end == 0 ? 0 : end + 1)};
    a->text = std::move(text);
    a->blocks.push_back(b);
    return;
  }
}

}  // namespace

Result<Extraction> ExtractPage(std::string_view html, std::string_view url,
                               const Options& options) {
  if (html.size() > options.max_input_bytes) {
    return Status::ResourceExhausted(
        "page is " + std::to_string(html.size()) + " bytes, over the " +
        std::to_string(options.max_input_bytes) +
        "-byte limit (extract::Options::max_input_bytes)");
  }
  if (Trim(html).empty()) return Status::InvalidArgument("empty document");
  Extraction ex;
  ex.utf8_html = internal::DecodeToUtf8(html, &ex.charset);
  // Parse the page without script/style/svg bodies (see internal/inert.h);
  // block offsets are mapped back to ex.utf8_html below.
  const internal::Stripped lean = internal::StripInert(ex.utf8_html);
  if (int depth = internal::MarkupDepth(lean.html, options.max_markup_depth);
      depth > options.max_markup_depth) {
    return Status::ResourceExhausted(
        "markup nests more than " + std::to_string(options.max_markup_depth) +
        " elements deep (extract::Options::max_markup_depth); not parsed");
  }
  // Parse errors are not used: recording them (gumbo keeps one record per
  // error, thousands on real pages) only costs time.
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;
  Arena arena;
  gumbo_options.allocator = &Arena::Alloc;
  gumbo_options.deallocator = &Arena::Free;
  gumbo_options.userdata = &arena;
  GumboOutput* out = gumbo_parse_with_options(&gumbo_options, lean.html.data(),
                                              lean.html.size());
  if (!out) return Status::Internal("HTML parser returned nothing");
  PageMeta meta;
  CollectMeta(out->root, 0, options.max_depth, &meta);
  internal::ResolvedMeta rm = internal::Resolve(meta, std::string(url));

  Article& a = ex.article;
  a.url = url.empty() ? rm.canonical_url : url::Normalize(url);
  if (a.url.empty()) a.url = std::string(url);
  a.canonical_url = rm.canonical_url.empty() ? a.url : rm.canonical_url;
  a.outlet = rm.outlet;
  a.title = text::Normalize(rm.title);
  a.byline = rm.byline;
  a.published = rm.published;
  a.kind = rm.kind;
  ex.modified = rm.modified;
  ex.published_offset = rm.published_offset;
  ex.paywalled = rm.paywalled || meta.paywall_element;

  const GumboNode* body = FindBody(out->root);
  double page_link_density = 0;
  bool paywall_prompt = false;
  if (body) {
    Sizes sizes{{}, options.max_depth, false, {}};
    auto [page_text, page_links] = sizes.Walk(body, 0, false);
    page_link_density =
        page_text ? static_cast<double>(page_links) / page_text : 0;
    auto og = meta.meta.find("og:title");
    const std::string declared_titles = AsciiLower(CollapseWhitespace(
        (og == meta.meta.end() ? "" : og->second) + "\n" + meta.html_title));
    auto run = [&](bool relaxed) {
      sizes.relaxed = relaxed;
      Scorer scorer{options.max_depth, &sizes, {}};
      std::vector<const GumboNode*> path;
      scorer.Walk(body, 0, false, &path);
      const GumboNode* root = scorer.score.empty() ? body : scorer.Root(body);
      root = PageArticle(root, declared_titles, sizes);
      Emitter em{options, &sizes, a.url, a.title, &a,    {},    0,     {}, 0,
                 0,       "p",    false, {},      false, false, false, {}, {}};
      em.Walk(root, 0, false);
      em.Flush();
      em.CutTrailingTeasers();
      em.DropTrailingDates();
      paywall_prompt = paywall_prompt || em.paywall_prompt;
    };
    run(false);
    if (a.text.size() < options.relaxed_below_bytes) {
      // Little text: try again with boilerplate names trusted less; keep the
      // relaxed result only when it finds far more (not just a teaser).
      Article strict = a;
      a.text.clear();
      a.blocks.clear();
      a.links.clear();
      run(true);
      if (a.text.size() <= 2 * strict.text.size() + 200) a = std::move(strict);
    }
  }
  // A paywall's prompt where the body is cut off ("Subscribe to continue
  // reading"), even when the page's metadata says nothing.
  ex.paywalled = ex.paywalled || paywall_prompt;
  // No gumbo_destroy_output: the arena frees the whole tree at return.
  for (Block& b : a.blocks) {
    b.source.begin = lean.ToOriginal(b.source.begin);
    b.source.end = lean.ToOriginal(b.source.end);
  }
  // A dated article or thread that renders its text with scripts (a
  // forum's shell) still says what it is about in its description: that,
  // when nothing else was found, rather than an empty text. (A home page
  // or a shop's shell has no date: its description is no article text.)
  if (a.text.empty() && (rm.has_meta_date || rm.ld_article))
    AddDescription(meta, ex.utf8_html, &a);

  if (a.title.empty() && a.text.empty()) {
    return Status::InvalidArgument("no title and no text found in the page");
  }
  std::string detected = text::DetectLanguage(a.title + "\n" + a.text);
  a.language = detected.empty() ? rm.language : detected;
  for (const internal::PageFeature& pf : internal::PageTypeFeatures(
           rm, a.canonical_url.empty() ? a.url : a.canonical_url, a.text.size(),
           a.blocks.size(), page_link_density))
    ex.page_type_features.emplace_back(pf.name, pf.value);
  ex.page_type = internal::LooksLikeArticle(
                     rm, a.canonical_url.empty() ? a.url : a.canonical_url,
                     a.text.size(), a.blocks.size(), page_link_density)
                     ? "article"
                     : "other";
  // Not an article (a forum thread, a product page): the first post's or
  // review's author and date are the page's, if nothing else named them.
  if (ex.page_type == "other" && (a.byline.empty() || !a.published) &&
      (!meta.comment_author_links.empty() ||
       !meta.comment_date_texts.empty())) {
    PageMeta with = meta;
    with.author_links.insert(with.author_links.end(),
                             meta.comment_author_links.begin(),
                             meta.comment_author_links.end());
    with.date_texts.insert(with.date_texts.end(),
                           meta.comment_date_texts.begin(),
                           meta.comment_date_texts.end());
    internal::ResolvedMeta fallback = internal::Resolve(with, std::string(url));
    if (a.byline.empty()) a.byline = fallback.byline;
    if (!a.published) {
      a.published = fallback.published;
      ex.published_offset = fallback.published_offset;
    }
  }
  if (a.kind == ArticleKind::kNews) a.kind = GuessKind(a.title, a.text);
  return ex;
}

Result<Article> Extract(std::string_view html, std::string_view url,
                        const Options& options) {
  Result<Extraction> r = ExtractPage(html, url, options);
  if (!r.ok()) return r.status();
  return std::move(r.value().article);
}

}  // namespace storyline::extract
