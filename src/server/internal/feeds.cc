// Atom 1.0 feeds (RFC 4287) and OPML 2.0 export.
#include <map>

#include "common/strings.h"
#include "common/time.h"
#include "server/internal/views.h"

namespace storyline::server::internal {
namespace {

// Escapes for XML text and attributes and drops characters XML 1.0 does
// not allow (C0 controls other than tab/newline/CR).
std::string X(std::string_view s) {
  std::string clean;
  clean.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') continue;
    clean.push_back(c);
  }
  return HtmlEscape(SanitizeUtf8(clean));
}

std::string Rfc3339(int64_t t) { return FormatIsoTime(t < 0 ? 0 : t); }

}  // namespace

std::string StoryAtom(const compose::StoryPage& p, const std::string& base) {
  const std::string page = base + "/s/" + PathPart(p.story_id);
  std::map<std::string, int64_t> published;
  for (const compose::RelatedArticle& r : p.related)
    published[r.article_id] = r.published;
  std::string o =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>tag:storyline,2025:"
      "story/" +
      X(p.story_id) + "</id>\n<title>" + X(p.headline) + "</title>\n<updated>" +
      Rfc3339(p.updated) + "</updated>\n<link rel=\"self\" href=\"" + X(page) +
      ".atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"" +
      X(page) +
      "\"/>\n<author><name>storyline</name></author>\n"
      "<generator>storyline</generator>\n";
  // One entry per development (sub-story), newest first.
  std::vector<std::pair<int64_t, const compose::SubStory*>> subs;
  for (const compose::SubStory& s : p.substories) {
    auto it = published.find(s.article_id);
    subs.push_back({it == published.end() ? p.updated : it->second, &s});
  }
  std::stable_sort(subs.begin(), subs.end(), [](const auto& a, const auto& b) {
    return a.first > b.first;
  });
  for (const auto& [t, s] : subs) {
    o += "<entry>\n<id>tag:storyline,2025:story/" + X(p.story_id) + "/event/" +
         X(s->event_id) + "</id>\n<title>" + X(s->headline) +
         "</title>\n<updated>" + Rfc3339(t) +
         "</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"" +
         X(page + "#event-" + PathPart(s->event_id)) + "\"/>\n<author><name>" +
         X(s->outlet.empty() ? "unknown outlet" : s->outlet) +
         "</name></author>\n<summary>" +
         X(s->outlet + ": " + s->headline + " (" +
           Plural(s->articles, "article", "articles") + ")") +
         "</summary>\n</entry>\n";
  }
  o += "</feed>\n";
  return o;
}

std::string FrontAtom(const std::vector<const StoryCard*>& cards,
                      const std::string& base, int64_t updated) {
  std::string o =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "<id>tag:storyline,2025:front</id>\n<title>storyline: top "
      "stories</title>\n<updated>" +
      Rfc3339(updated) + "</updated>\n<link rel=\"self\" href=\"" + X(base) +
      "/feed.atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"" +
      X(base) + "/\"/>\n<author><name>storyline</name></author>\n";
  for (const StoryCard* c : cards) {
    const std::string page = base + "/s/" + PathPart(c->row.id);
    o += "<entry>\n<id>tag:storyline,2025:story/" + X(c->row.id) +
         "</id>\n<title>" + X(c->row.headline) + "</title>\n<updated>" +
         Rfc3339(c->row.updated) +
         "</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"" +
         X(page) + "\"/>\n<summary>" +
         X((c->row.lead.empty() ? c->row.headline : c->row.lead) + " (" +
           Plural(c->row.article_count, "article", "articles") + ")") +
         "</summary>\n</entry>\n";
  }
  o += "</feed>\n";
  return o;
}

std::string Opml(const std::vector<const StoryCard*>& cards,
                 const std::string& base) {
  std::string o =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\">\n"
      "<head><title>Stories followed on storyline</title></head>\n<body>\n";
  for (const StoryCard* c : cards) {
    const std::string page = base + "/s/" + PathPart(c->row.id);
    o += "<outline type=\"rss\" text=\"" + X(c->row.headline) + "\" title=\"" +
         X(c->row.headline) + "\" xmlUrl=\"" + X(page + ".atom") +
         "\" htmlUrl=\"" + X(page) + "\"/>\n";
  }
  o += "</body>\n</opml>\n";
  return o;
}

}  // namespace storyline::server::internal
