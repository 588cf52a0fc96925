// The story page and its version history.
#include "common/strings.h"
#include "common/time.h"
#include "server/internal/views.h"

namespace storyline::server::internal {
namespace {

std::string E(std::string_view s) { return HtmlEscape(s); }

std::string Time(int64_t t) {
  return "<time datetime=\"" + FormatIsoTime(t) + "\">" +
         FormatHumanDay(CivilFromUnix(t)) + "</time>";
}

std::string Cite(int n) {
  std::string s = std::to_string(n);
  return "<a class=\"cite\" href=\"#source-" + s + "\" aria-label=\"source " +
         s + "\">[" + s + "]</a>";
}

// An article's title: a link to its page in the web app, or to the
// original in a static export (plain text when the URL is not safe).
std::string ArticleLink(const Linking& l, const std::string& id,
                        const std::string& url, const std::string& title) {
  if (l.web_app)
    return "<a href=\"/a/" + PathPart(id) + "\">" + E(title) + "</a>";
  std::string safe = SafeUrl(url);
  if (safe.empty()) return E(title);
  return "<a href=\"" + E(safe) + "\" rel=\"noopener nofollow noreferrer\">" +
         E(title) + "</a>";
}

std::string OriginalLink(const Linking& l, const std::string& url) {
  std::string safe = SafeUrl(url);
  if (safe.empty() || !l.web_app) return "";
  return " <a class=\"meta\" href=\"" + E(safe) +
         "\" rel=\"noopener nofollow noreferrer\">original</a>";
}

std::string KindBadge(const std::string& kind) {
  if (kind.empty() || kind == "news") return "";
  return " <span class=\"badge\">" + E(kind) + "</span>";
}

// The URL of an article the page lists (sources, then related), or "".
std::string SourceUrl(const compose::StoryPage& p, const std::string& id) {
  for (const compose::Source& s : p.sources)
    if (s.article_id == id) return s.url;
  for (const compose::RelatedArticle& r : p.related)
    if (r.article_id == id) return r.url;
  return "";
}

}  // namespace

std::string StoryHtml(const compose::StoryPage& p, int version,
                      const Snapshot& snap, const ReaderState& reader,
                      const Linking& l) {
  std::string o;
  o.reserve(64 * 1024);
  const std::string id = PathPart(p.story_id);
  o += "<article class=\"story\">\n<h1>" + E(p.headline) + "</h1>\n";
  o += "<p class=\"meta\">Updated " + Time(p.updated) + " (" +
       Plural(p.article_count, "article", "articles") + ", " +
       Plural(p.outlet_count, "outlet", "outlets") + ")";
  if (l.web_app) {
    o += " \xC2\xB7 <a href=\"/s/" + id + "/history\">version " +
         std::to_string(version) + "</a> \xC2\xB7 <a href=\"/s/" + id +
         ".atom\">Atom feed</a></p>\n";
    o += "<form class=\"follow\" method=\"post\" action=\"/s/" + id +
         "/follow\"><button type=\"submit\">" +
         std::string(reader.following ? "Unfollow" : "Follow") +
         " this story</button></form>\n";
  } else {
    o += "</p>\n";
  }

  // What's new since this reader's last visit, else since the last version.
  std::vector<const compose::SubStory*> fresh;
  if (reader.seen_version > 0 && reader.seen_version < version) {
    for (const compose::SubStory& s : p.substories)
      if (!reader.seen_events.count(s.event_id)) fresh.push_back(&s);
    o += "<section class=\"new\" aria-label=\"New since your last visit\">"
         "<strong>New since your last visit</strong> (version " +
         std::to_string(reader.seen_version) + "): ";
    if (fresh.empty()) o += "updated coverage of the same developments.";
    for (size_t i = 0; i < fresh.size(); ++i)
      o += std::string(i ? "; " : "") + "<a href=\"#event-" +
           PathPart(fresh[i]->event_id) + "\">" + E(fresh[i]->headline) +
           "</a>";
    o += "</section>\n";
  } else if (!p.whats_new.empty()) {
    o += "<section class=\"new\" aria-label=\"What's new\"><strong>What's "
         "new</strong>: ";
    for (size_t i = 0; i < p.whats_new.size(); ++i)
      o += std::string(i ? "; " : "") +
           ArticleLink(l, p.whats_new[i].article_id,
                       l.web_app ? "" : SourceUrl(p, p.whats_new[i].article_id),
                       p.whats_new[i].headline);
    o += "</section>\n";
  }

  for (size_t i = 0; i < p.sections.size(); ++i) {
    const compose::Section& s = p.sections[i];
    std::string hid = "sec-" + std::to_string(i + 1);
    o += "<section aria-labelledby=\"" + hid + "\"><h2 id=\"" + hid + "\">" +
         E(s.heading) + "</h2><p>";
    for (const compose::SummarySentence& ss : s.sentences) {
      if (!ss.attribution.empty())
        o += "<span class=\"badge\">opinion</span> " + E(ss.attribution) +
             " <q>" + E(ss.text) + "</q>";
      else
        o += E(ss.text);
      for (int n : ss.cites) o += Cite(n);
      o += " ";
    }
    o += "</p></section>\n";
  }
  if (!p.names.empty()) {
    o += "<p class=\"meta\">Key people, places and organisations: ";
    for (size_t i = 0; i < p.names.size(); ++i)
      o += std::string(i ? ", " : "") + E(p.names[i].name) + " (" +
           std::to_string(p.names[i].articles) + ")";
    o += "</p>\n";
  }
  if (!p.quotes.empty()) {
    o += "<h2>Quotes</h2>\n";
    for (const compose::Quote& q : p.quotes) {
      o += "<blockquote class=\"quote\"><p>" + E(q.text) +
           "</p><footer>\xE2\x80\x94 " + E(q.speaker) + Cite(q.cite);
      if (q.articles > 1)
        o += " <span class=\"meta\">(in " + std::to_string(q.articles) +
             " articles)</span>";
      o += "</footer></blockquote>\n";
    }
  }
  if (auto it = snap.coverage.find(p.story_id); it != snap.coverage.end())
    o += "<h2>Coverage</h2>\n" + CoverageChart(it->second);

  o += "<h2 id=\"sources\">Sources (" +
       Plural(static_cast<int64_t>(p.sources.size()), "article", "articles") +
       ")</h2>\n<ol class=\"sources\">\n";
  for (const compose::Source& s : p.sources) {
    o += "<li id=\"source-" + std::to_string(s.n) + "\"><strong>" +
         E(s.outlet) + "</strong> " +
         ArticleLink(l, s.article_id, s.url, s.title) + KindBadge(s.kind) +
         OriginalLink(l, s.url) + "<br>" + E(s.gist) + "</li>\n";
  }
  o += "</ol>\n<h2>Timeline</h2>\n<ol class=\"timeline\">\n";
  for (const compose::TimelineEntry& e : p.timeline) {
    o += "<li><time class=\"date\" datetime=\"" + E(e.value) + "\">" +
         E(e.label) + "</time> \xE2\x80\x93 " + E(e.text);
    if (!e.quote.empty() && e.text.find(e.quote) == std::string::npos)
      o += " <q class=\"quote\">" + E(e.quote) + "</q>";
    o += Cite(e.cite) + "</li>\n";
  }
  o += "</ol>\n<h2>Stories about this story (" +
       Plural(static_cast<int64_t>(p.substories.size()), "story", "stories") +
       ")</h2>\n<ul class=\"substories\">\n";
  for (const compose::SubStory& s : p.substories) {
    bool is_new = false;
    for (const compose::SubStory* f : fresh) is_new |= f == &s;
    o += "<li id=\"event-" + PathPart(s.event_id) + "\">" +
         (is_new ? std::string("<span class=\"badge\">new</span> ") : "") +
         E(s.outlet) + ": " +
         ArticleLink(l, s.article_id,
                     l.web_app ? "" : SourceUrl(p, s.article_id), s.headline);
    if (s.articles > 1) o += " (" + std::to_string(s.articles) + " articles)";
    o += "</li>\n";
  }
  o += "</ul>\n<h2>All related articles (" +
       Plural(p.article_count, "article", "articles") +
       ")</h2>\n<ul class=\"related\">\n";
  for (const compose::RelatedArticle& r : p.related) {
    o += "<li>" + E(r.outlet) + ": " +
         ArticleLink(l, r.article_id, r.url, r.title) +
         " <span class=\"meta\">" + FormatHumanDay(CivilFromUnix(r.published));
    if (!r.copies.empty())
      o += " \xC2\xB7 also published by " + E(Join(r.copies, ", "));
    o += "</span></li>\n";
  }
  o += "</ul>\n<h2>External resources (" +
       Plural(static_cast<int64_t>(p.resources.size()), "link", "links") +
       ")</h2>\n<ul class=\"resources\">\n";
  for (const compose::ExternalLink& l : p.resources) {
    std::string safe = SafeUrl(l.url);
    o += "<li>";
    o += safe.empty() ? E(l.url)
                      : "<a href=\"" + E(safe) +
                            "\" rel=\"noopener nofollow noreferrer\">" +
                            E(l.url) + "</a>";
    o += " (cited by " + Plural(l.count, "article", "articles") + ")</li>\n";
  }
  if (p.resources.empty())
    o += "<li>The articles cite no outside documents.</li>\n";
  o += "</ul>\n</article>\n";
  if (!l.web_app)
    return Layout(p.headline + " \xE2\x80\x93 storyline", o, {}, l);
  return Layout(p.headline + " \xE2\x80\x93 storyline", o,
                {{p.headline, "/s/" + id + ".atom"}});
}

std::string HistoryHtml(const compose::StoryPage& p,
                        const std::vector<store::PageVersion>& versions) {
  const std::string id = PathPart(p.story_id);
  std::string o = "<h1>Versions of \xE2\x80\x9C" + E(p.headline) +
                  "\xE2\x80\x9D</h1>\n<p><a href=\"/s/" + id +
                  "\">Current page</a></p>\n<ol reversed class=\"history\">\n";
  for (const store::PageVersion& v : versions)
    o += "<li><a href=\"/s/" + id + "/v/" + std::to_string(v.version) +
         "\">Version " + std::to_string(v.version) + "</a>, composed " +
         Time(v.composed_at) + "</li>\n";
  o += "</ol>\n";
  return Layout("History \xE2\x80\x93 " + p.headline, o,
                {{p.headline, "/s/" + id + ".atom"}});
}

}  // namespace storyline::server::internal
