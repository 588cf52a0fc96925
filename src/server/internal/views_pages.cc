// Front page, article, outlet, search and following pages.
#include "common/strings.h"
#include "common/time.h"
#include "server/internal/views.h"

namespace storyline::server::internal {
namespace {

std::string E(std::string_view s) { return HtmlEscape(s); }

std::string Day(int64_t t) { return FormatHumanDay(CivilFromUnix(t)); }

std::string OutletLink(const std::string& outlet) {
  return "<a href=\"/o/" + PathPart(outlet) + "\">" + E(outlet) + "</a>";
}

std::string StoryItem(const StoryCard& c, int64_t last_day) {
  const std::string id = PathPart(c.row.id);
  std::string o = "<li><h2><a href=\"/s/" + id + "\">" + E(c.row.headline) +
                  "</a></h2>\n<p class=\"meta\">Updated " + Day(c.row.updated) +
                  " (" + Plural(c.row.article_count, "article", "articles") +
                  ") " + Sparkline(c, last_day, 14) + "</p>\n";
  if (!c.row.lead.empty()) o += "<p>" + E(c.row.lead) + "</p>\n";
  o += "<p class=\"meta\">";
  for (size_t i = 0; i < c.outlets.size() && i < 5; ++i)
    o += std::string(i ? ", " : "") + OutletLink(c.outlets[i]);
  if (c.outlets.size() > 5)
    o += " and " + Plural(static_cast<int64_t>(c.outlets.size() - 5),
                          "other outlet", "other outlets");
  o += "</p></li>\n";
  return o;
}

}  // namespace

std::string FrontHtml(const Snapshot& snap,
                      const std::vector<const StoryCard*>& cards,
                      const FrontFilter& f,
                      const std::vector<std::string>& languages) {
  std::string o = "<h1>Top stories</h1>\n";
  o += "<form class=\"filters\" method=\"get\" action=\"/\"><div><label "
       "for=\"lang\">Language</label><select id=\"lang\" name=\"lang\">"
       "<option value=\"\">All</option>";
  for (const std::string& l : languages)
    o += "<option value=\"" + E(l) + "\"" +
         (l == f.language ? " selected" : "") + ">" + E(l) + "</option>";
  o += "</select></div><div><label for=\"days\">Updated within</label>"
       "<select id=\"days\" name=\"days\">";
  for (int d : {0, 1, 3, 7, 30})
    o += "<option value=\"" + std::to_string(d) + "\"" +
         (d == f.days ? " selected" : "") + ">" +
         (d == 0 ? std::string("any time") : Plural(d, "day", "days")) +
         "</option>";
  o += "</select></div><button type=\"submit\">Filter</button></form>\n";
  if (cards.empty())
    o += "<p>No story pages yet. Ingest articles with <code>storyline ingest "
         "--db FILE PATH</code>; pages appear when two outlets report the "
         "same story.</p>\n";
  o += "<ol class=\"stories\">\n";
  int64_t last_day = snap.reference_time / 86400;
  for (const StoryCard* c : cards) o += StoryItem(*c, last_day);
  o += "</ol>\n";
  return Layout("storyline \xE2\x80\x93 top stories", o,
                {{"Top stories", "/feed.atom"}});
}

std::string SiteIndexHtml(const std::vector<store::StoryRow>& rows) {
  std::string o = "<h1>Top stories</h1>\n<ol class=\"stories\">\n";
  for (const store::StoryRow& r : rows) {
    if (!r.published) continue;
    o += "<li><h2><a href=\"s/" + PathPart(r.id) + ".html\">" + E(r.headline) +
         "</a></h2>\n<p class=\"meta\">Updated " + Day(r.updated) + " (" +
         Plural(r.article_count, "article", "articles") + " from " +
         Plural(r.outlet_count, "outlet", "outlets") + ")</p>\n";
    if (!r.lead.empty()) o += "<p>" + E(r.lead) + "</p>\n";
    o += "</li>\n";
  }
  o += "</ol>\n";
  return Layout("storyline \xE2\x80\x93 top stories", o, {},
                Linking{.web_app = false, .root = "", .inline_style = false});
}

std::string ArticleHtml(const store::StoredArticle& s, const StoryCard* story) {
  const Article& a = s.article;
  std::string o = "<article class=\"text\">\n<h1>" + E(a.title) + "</h1>\n";
  o += "<p class=\"meta\">" + OutletLink(a.outlet);
  if (!a.byline.empty()) o += " \xC2\xB7 " + E(a.byline);
  if (a.published)
    o += " \xC2\xB7 <time datetime=\"" + FormatIsoTime(a.published) + "\">" +
         Day(a.published) + "</time>" +
         (a.published_guessed ? " (date not stated; time of ingestion)" : "");
  if (!a.language.empty()) o += " \xC2\xB7 language " + E(a.language);
  std::string kind = ArticleKindName(a.kind);
  if (kind != "news") o += " <span class=\"badge\">" + E(kind) + "</span>";
  o += "</p>\n";
  std::string safe = SafeUrl(a.url);
  if (!safe.empty())
    o += "<p><a href=\"" + E(safe) +
         "\" rel=\"noopener nofollow noreferrer\">Read the original at " +
         E(a.outlet.empty() ? safe : a.outlet) + "</a></p>\n";
  if (story)
    o += "<p>Part of the story <a href=\"/s/" + PathPart(story->row.id) +
         "#event-" + PathPart(s.event_id) + "\">" + E(story->row.headline) +
         "</a>.</p>\n";
  if (!a.duplicate_of.empty())
    o += "<p class=\"meta\">A copy of <a href=\"/a/" +
         PathPart(a.duplicate_of) + "\">an earlier article</a>.</p>\n";
  for (const Block& b : a.blocks) {
    if (b.text.end > a.text.size() || b.text.begin > b.text.end) continue;
    std::string_view t(a.text.data() + b.text.begin, b.text.size());
    if (b.kind == "h")
      o += "<h2>" + E(t) + "</h2>\n";
    else if (b.kind == "quote")
      o += "<blockquote>" + E(t) + "</blockquote>\n";
    else
      o += "<p>" + E(t) + "</p>\n";
  }
  if (a.blocks.empty()) {
    for (const std::string& para : Split(a.text, '\n'))
      if (!Trim(para).empty()) o += "<p>" + E(para) + "</p>\n";
  }
  if (!a.links.empty()) {
    o += "<h2>Links in this article</h2><ul>\n";
    for (const Link& l : a.links) {
      std::string u = SafeUrl(l.url);
      if (u.empty()) continue;
      o += "<li><a href=\"" + E(u) +
           "\" rel=\"noopener nofollow noreferrer\">" +
           E(l.anchor.empty() ? u : l.anchor) + "</a></li>\n";
    }
    o += "</ul>\n";
  }
  o += "</article>\n";
  return Layout(a.title + " \xE2\x80\x93 " + a.outlet, o, {});
}

std::string OutletHtml(const std::string& outlet,
                       const std::vector<store::ArticleSummary>& articles,
                       const Snapshot& snap) {
  std::string o = "<h1>" + E(outlet) + "</h1>\n<h2>Stories</h2>\n<ul>\n";
  std::vector<std::string> seen;
  for (const store::ArticleSummary& a : articles) {
    auto it = snap.by_id.find(a.story_id);
    if (it == snap.by_id.end()) continue;
    bool dup = false;
    for (const std::string& s : seen) dup |= s == a.story_id;
    if (dup) continue;
    seen.push_back(a.story_id);
    const StoryCard& c = snap.ranked[it->second];
    o += "<li><a href=\"/s/" + PathPart(c.row.id) + "\">" + E(c.row.headline) +
         "</a> <span class=\"meta\">(" +
         Plural(c.row.article_count, "article", "articles") + ")</span></li>\n";
  }
  if (seen.empty())
    o += "<li>None of its articles is on a story page yet.</li>\n";
  o += "</ul>\n<h2>Articles (" +
       Plural(static_cast<int64_t>(articles.size()), "article", "articles") +
       ", newest first)</h2>\n<ul>\n";
  for (const store::ArticleSummary& a : articles)
    o += "<li><a href=\"/a/" + PathPart(a.id) + "\">" + E(a.title) +
         "</a> <span class=\"meta\">" + Day(a.published) + "</span></li>\n";
  o += "</ul>\n";
  return Layout(outlet + " \xE2\x80\x93 storyline", o, {});
}

std::string SearchHtml(const std::string& q,
                       const std::vector<store::SearchHit>& hits) {
  std::string o =
      "<h1>Search</h1>\n<form role=\"search\" action=\"/search\" "
      "method=\"get\"><label for=\"q2\">Words</label> <input "
      "id=\"q2\" name=\"q\" type=\"search\" maxlength=\"200\" "
      "value=\"" +
      E(q) + "\"> <button type=\"submit\">Search</button></form>\n";
  if (q.empty()) return Layout("Search \xE2\x80\x93 storyline", o, {});
  int stories = 0, articles = 0;
  for (const store::SearchHit& h : hits)
    (h.kind == "story" ? stories : articles)++;
  o += "<p class=\"meta\">" + Plural(stories, "story", "stories") + " and " +
       Plural(articles, "article", "articles") + " match \xE2\x80\x9C" + E(q) +
       "\xE2\x80\x9D.</p>\n";
  for (const char* kind : {"story", "article"}) {
    bool story = std::string(kind) == "story";
    if ((story ? stories : articles) == 0) continue;
    o += story ? "<h2>Stories</h2>\n<ol class=\"hits\">\n"
               : "<h2>Articles</h2>\n<ol class=\"hits\">\n";
    for (const store::SearchHit& h : hits) {
      if (h.kind != kind) continue;
      o += "<li><a href=\"" + std::string(story ? "/s/" : "/a/") +
           PathPart(h.id) + "\">" + E(h.title) + "</a>";
      if (!story)
        o += " <span class=\"meta\">" + E(h.outlet) + ", " + Day(h.published) +
             "</span>";
      o += "<p class=\"snippet meta\">" + E(h.snippet) + "</p></li>\n";
    }
    o += "</ol>\n";
  }
  return Layout(q + " \xE2\x80\x93 search", o, {});
}

std::string FollowingHtml(const std::vector<const StoryCard*>& cards) {
  std::string o = "<h1>Stories you follow</h1>\n";
  if (cards.empty())
    o += "<p>You follow no story yet: use the \xE2\x80\x9C"
         "Follow this "
         "story\xE2\x80\x9D button on a story page. The list is kept in a "
         "cookie in your browser, nowhere else.</p>\n";
  o += "<p><a href=\"/following.opml\">Export as OPML</a> (each story's Atom "
       "feed, for a feed reader)</p>\n<ul>\n";
  for (const StoryCard* c : cards)
    o += "<li><a href=\"/s/" + PathPart(c->row.id) + "\">" +
         E(c->row.headline) + "</a> <span class=\"meta\">updated " +
         Day(c->row.updated) + "</span> \xC2\xB7 <a href=\"/s/" +
         PathPart(c->row.id) + ".atom\">feed</a></li>\n";
  o += "</ul>\n";
  return Layout("Following \xE2\x80\x93 storyline", o, {});
}

}  // namespace storyline::server::internal
