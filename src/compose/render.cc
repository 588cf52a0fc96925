// Renderings of a StoryPage: plain text (terminal) and Markdown (escaped
// for Markdown). HTML renderings are the web layer's (server/site.h).
#include <sstream>

#include "common/strings.h"
#include "common/time.h"
#include "compose/compose.h"

namespace storyline::compose {
namespace {

// "1 article", "3 articles".
std::string Count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Cited(int n) {
  return n == 1 ? "cited once" : "cited " + std::to_string(n) + " times";
}

std::string Cites(const std::vector<int>& cites) {
  std::string s;
  for (int n : cites) s += "[" + std::to_string(n) + "]";
  return s;
}

std::string Updated(const StoryPage& p) {
  std::string counts =
      Count(static_cast<size_t>(p.article_count), "article", "articles") +
      ", " + Count(static_cast<size_t>(p.outlet_count), "outlet", "outlets");
  if (p.updated <= 0) return "Updated (" + counts + "; no publication dates)";
  return "Updated " + FormatHumanDay(CivilFromUnix(p.updated)) + " (" + counts +
         ")";
}

// What names a source when its page named no outlet (and had no URL), or
// had no title: said plainly, never left blank.
std::string OutletOf(const std::string& outlet) {
  return outlet.empty() ? "Unnamed outlet" : outlet;
}
std::string TitleOf(const std::string& title) {
  return title.empty() ? "(untitled)" : title;
}

// Markdown: escape the characters that would change the structure.
std::string Md(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' ||
        c == '<' || c == '>' || c == '#' || c == '|')
      out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string SentenceText(const SummarySentence& s, bool md) {
  std::string body = md ? Md(s.text) : s.text;
  if (s.attribution.empty()) return body;
  std::string attr = md ? Md(s.attribution) : s.attribution;
  return attr + " \xE2\x80\x9C" + body + "\xE2\x80\x9D";
}

// "+ 2 copies: A, B; 1 update" — republications by other outlets, and
// re-posts by the article's own outlet.
std::string CopiesNote(const RelatedArticle& r) {
  std::vector<std::string> others;
  int updates = 0;
  for (const std::string& o : r.copies) {
    if (o == r.outlet)
      ++updates;
    else
      others.push_back(o);
  }
  std::string out;
  if (!others.empty()) {
    out = "+ " + std::to_string(others.size()) +
          (others.size() == 1 ? " copy: " : " copies: ") + Join(others, ", ");
  }
  if (updates) {
    if (!out.empty())
      out += "; ";
    else
      out = "+ ";
    out += std::to_string(updates) + (updates == 1 ? " update" : " updates");
  }
  return out;
}

// A timeline quote worth showing: one that is not already in the sentence.
bool ExtraQuote(const TimelineEntry& e) {
  return !e.quote.empty() && e.text.find(e.quote) == std::string::npos;
}

bool SafeHref(const std::string& url) {
  return StartsWith(url, "http://") || StartsWith(url, "https://");
}

std::string NamesLine(const StoryPage& p) {
  // People, places, organisations, then names the text does not type.
  std::vector<std::string> groups;
  for (auto [kind, label] : std::vector<std::pair<std::string, std::string>>{
           {"person", "People"},
           {"place", "Places"},
           {"organisation", "Organisations"},
           {"", "Also named"}}) {
    std::vector<std::string> parts;
    for (const KeyName& k : p.names)
      if (k.kind == kind)
        parts.push_back(k.name + " (" + std::to_string(k.articles) + ")");
    if (!parts.empty()) groups.push_back(label + ": " + Join(parts, ", "));
  }
  return Join(groups, ". ");
}

std::string WhatsNewLine(const StoryPage& p) {
  std::vector<std::string> h;
  for (const NewDevelopment& d : p.whats_new) h.push_back(d.headline);
  return "New since the last version: " + Join(h, "; ");
}

}  // namespace

std::string RenderText(const StoryPage& p) {
  std::ostringstream o;
  o << p.headline << "\n" << Updated(p) << "\n";
  if (!p.whats_new.empty()) o << WhatsNewLine(p) << "\n";
  o << "\n";
  for (const Section& s : p.sections) {
    o << "## " << s.heading << "\n";
    for (const SummarySentence& ss : s.sentences)
      o << SentenceText(ss, false) << " " << Cites(ss.cites) << "\n";
    o << "\n";
  }
  if (!p.names.empty()) o << NamesLine(p) << "\n\n";
  if (!p.quotes.empty()) {
    o << "Quotes\n";
    for (const Quote& q : p.quotes)
      o << q.text << " \xE2\x80\x94 " << q.speaker << " [" << q.cite << "]\n";
    o << "\n";
  }
  o << "Sources (" << Count(p.sources.size(), "article", "articles") << ")\n";
  for (const Source& s : p.sources) {
    o << "[" << s.n << "] " << OutletOf(s.outlet) << " \xE2\x80\x9C"
      << TitleOf(s.title) << "\xE2\x80\x9D";
    if (s.kind != "news") o << " (" << s.kind << ")";
    o << " \xE2\x80\x93 " << s.gist << "\n";
  }
  o << "\nTimeline\n";
  for (const TimelineEntry& e : p.timeline) {
    o << e.label << " \xE2\x80\x93 " << e.text;
    if (ExtraQuote(e)) o << " " << e.quote;
    o << " [" << e.cite << "]\n";
  }
  if (p.timeline.empty()) o << "(no dated events found in the articles)\n";
  o << "\nStories about this story ("
    << Count(p.substories.size(), "story", "stories") << ")\n";
  for (const SubStory& s : p.substories) {
    o << "- " << OutletOf(s.outlet) << ": " << TitleOf(s.headline);
    if (s.articles > 1) o << " (" << s.articles << " articles)";
    o << "\n";
  }
  o << "\nAll related articles ("
    << Count(static_cast<size_t>(p.article_count), "article", "articles")
    << ")\n";
  for (const RelatedArticle& r : p.related) {
    o << "- " << OutletOf(r.outlet) << ": " << TitleOf(r.title);
    if (!r.copies.empty()) o << " (" << CopiesNote(r) << ")";
    o << "\n";
  }
  o << "\nExternal resources (" << Count(p.resources.size(), "link", "links")
    << ")\n";
  for (const ExternalLink& l : p.resources)
    o << "- " << l.url << " (" << Cited(l.count) << ")\n";
  if (p.resources.empty()) o << "(the articles cite no outside documents)\n";
  return o.str();
}

std::string RenderMarkdown(const StoryPage& p) {
  std::ostringstream o;
  o << "# " << Md(p.headline) << "\n\n*" << Updated(p) << "*\n\n";
  if (!p.whats_new.empty()) o << "**" << Md(WhatsNewLine(p)) << "**\n\n";
  for (const Section& s : p.sections) {
    o << "## " << Md(s.heading) << "\n\n";
    for (const SummarySentence& ss : s.sentences) {
      o << SentenceText(ss, true);
      for (int n : ss.cites) o << " [\\[" << n << "\\]](#source-" << n << ")";
      o << "\n";
    }
    o << "\n";
  }
  if (!p.names.empty()) o << "*" << Md(NamesLine(p)) << "*\n\n";
  if (!p.quotes.empty()) {
    o << "## Quotes\n\n";
    for (const Quote& q : p.quotes) {
      o << "> " << Md(q.text) << " \xE2\x80\x94 **" << Md(q.speaker)
        << "** [\\[" << q.cite << "\\]](#source-" << q.cite << ")";
      if (q.articles > 1) o << " (in " << q.articles << " articles)";
      o << "\n\n";
    }
  }
  o << "## Sources (" << Count(p.sources.size(), "article", "articles")
    << ")\n\n";
  for (const Source& s : p.sources) {
    o << "<a id=\"source-" << s.n << "\"></a>" << s.n << ". **"
      << Md(OutletOf(s.outlet)) << "** ";
    if (SafeHref(s.url))
      o << "[" << Md(TitleOf(s.title)) << "](" << s.url << ")";
    else
      o << Md(TitleOf(s.title));
    if (s.kind != "news") o << " *(" << s.kind << ")*";
    o << " \xE2\x80\x93 " << Md(s.gist) << "\n";
  }
  o << "\n## Timeline\n\n";
  for (const TimelineEntry& e : p.timeline) {
    o << "- **" << Md(e.label) << "** \xE2\x80\x93 " << Md(e.text);
    if (ExtraQuote(e)) o << " *" << Md(e.quote) << "*";
    o << " [\\[" << e.cite << "\\]](#source-" << e.cite << ")\n";
  }
  o << "\n## Stories about this story ("
    << Count(p.substories.size(), "story", "stories") << ")\n\n";
  for (const SubStory& s : p.substories) {
    o << "- " << Md(OutletOf(s.outlet)) << ": " << Md(TitleOf(s.headline));
    if (s.articles > 1) o << " (" << s.articles << " articles)";
    o << "\n";
  }
  o << "\n## All related articles ("
    << Count(static_cast<size_t>(p.article_count), "article", "articles")
    << ")\n\n";
  for (const RelatedArticle& r : p.related) {
    o << "- " << Md(OutletOf(r.outlet)) << ": " << Md(TitleOf(r.title));
    if (!r.copies.empty()) o << " *(" << Md(CopiesNote(r)) << ")*";
    o << "\n";
  }
  o << "\n## External resources (" << Count(p.resources.size(), "link", "links")
    << ")\n\n";
  for (const ExternalLink& l : p.resources) {
    o << "- <" << l.url << "> (" << Cited(l.count) << ")\n";
  }
  if (p.resources.empty()) o << "*The articles cite no outside documents.*\n";
  return o.str();
}

}  // namespace storyline::compose
