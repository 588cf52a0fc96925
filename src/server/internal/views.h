// HTML views (internal). Every string that came from an article, an
// outlet or a request is escaped for its context here: HtmlEscape for text
// and quoted attributes, SafeUrl for hrefs to the outside, PathPart for
// our own URLs. Pure functions; thread-safe.
#ifndef STORYLINE_SERVER_INTERNAL_VIEWS_H_
#define STORYLINE_SERVER_INTERNAL_VIEWS_H_

#include <set>
#include <string>
#include <vector>

#include "compose/compose.h"
#include "server/internal/context.h"
#include "store/store.h"

namespace storyline::server::internal {

struct FeedLink {
  std::string title, href;
};

// Where a view's links lead. The web app (the default) has search, feeds,
// history, following and article pages under "/"; a static export has only
// its story files: `root` is the path from a page to the export's top
// ("../"), article titles link to the originals, and the stylesheet is
// root + "style.css" or, for a single standalone file, inline.
struct Linking {
  bool web_app = true;
  std::string root;
  bool inline_style = false;
};

// The document around a view: header, search box, footer, feed links.
std::string Layout(const std::string& title, const std::string& main_html,
                   const std::vector<FeedLink>& feeds,
                   const Linking& linking = {});

// "" unless `url` is an absolute http(s) URL without control characters.
std::string SafeUrl(const std::string& url);
// Percent-encodes one path segment or query value.
std::string PathPart(const std::string& s);
std::string Plural(int64_t n, const char* one, const char* many);

struct FrontFilter {
  std::string language;  // "" = all
  int days = 0;          // 0 = any time
};
std::string FrontHtml(const Snapshot& snap,
                      const std::vector<const StoryCard*>& cards,
                      const FrontFilter& filter,
                      const std::vector<std::string>& languages);

// What this reader has seen of the story (from cookies).
struct ReaderState {
  int seen_version = 0;               // 0: first visit
  std::set<std::string> seen_events;  // sub-stories on the seen version
  bool following = false;
};
std::string StoryHtml(const compose::StoryPage& page, int version,
                      const Snapshot& snap, const ReaderState& reader,
                      const Linking& linking = {});
// The index of a static export: the published stories, newest first as
// the store lists them, each linking to "s/<id>.html".
std::string SiteIndexHtml(const std::vector<store::StoryRow>& rows);
std::string HistoryHtml(const compose::StoryPage& page,
                        const std::vector<store::PageVersion>& versions);
std::string ArticleHtml(const store::StoredArticle& a, const StoryCard* story);
std::string OutletHtml(const std::string& outlet,
                       const std::vector<store::ArticleSummary>& articles,
                       const Snapshot& snap);
std::string SearchHtml(const std::string& query,
                       const std::vector<store::SearchHit>& hits);
std::string FollowingHtml(const std::vector<const StoryCard*>& cards);
std::string ErrorHtml(int status, const std::string& message);

// Inline SVG charts.
std::string Sparkline(const StoryCard& card, int64_t last_day, int days);
std::string CoverageChart(
    const std::map<std::pair<int64_t, std::string>, int>& coverage);

// Feeds. `base` is the absolute site URL without a trailing slash.
std::string StoryAtom(const compose::StoryPage& page, const std::string& base);
std::string FrontAtom(const std::vector<const StoryCard*>& cards,
                      const std::string& base, int64_t updated);
std::string Opml(const std::vector<const StoryCard*>& cards,
                 const std::string& base);

// Static assets by name ("style.css", "app.js"); nullptr when unknown.
const std::string* Asset(const std::string& name, std::string* content_type);

}  // namespace storyline::server::internal

#endif  // STORYLINE_SERVER_INTERNAL_VIEWS_H_
