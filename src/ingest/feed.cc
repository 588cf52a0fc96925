// Feed parsing with pugixml (XML) and nlohmann::json (JSON Feed).
#include "ingest/feed.h"

#include <re2/re2.h>
#include <unicode/ucnv.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "common/strings.h"
#include "common/time.h"
#include "common/url.h"
#include "extract/extract.h"

namespace storyline::ingest {
namespace {

std::string LocalName(const pugi::xml_node& n) {
  std::string name = n.name();
  size_t colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

// First child element with this local name (namespace prefix ignored).
pugi::xml_node Child(const pugi::xml_node& n, const char* local) {
  for (pugi::xml_node c : n.children())
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  return {};
}

// All text inside a node (CDATA included), with tags — escaped HTML in
// RSS titles — reduced to text.
std::string Text(const pugi::xml_node& n) {
  std::string raw;
  for (pugi::xml_node c : n.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
      raw += c.value();
    else if (c.type() == pugi::node_element)
      raw += Text(c);
  // Strip tags and decode the common entities left by double escaping.
  std::string out;
  bool tag = false;
  for (char ch : raw) {
    if (ch == '<')
      tag = true;
    else if (ch == '>' && tag)
      tag = false;
    else if (!tag)
      out.push_back(ch);
  }
  static const std::pair<const char*, const char*> kEnt[] = {
      {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},  {"&quot;", "\""},
      {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
  for (const auto& [from, to] : kEnt) {
    size_t p = 0;
    while ((p = out.find(from, p)) != std::string::npos) {
      out.replace(p, strlen(from), to);
      p += strlen(to);
    }
  }
  return CollapseWhitespace(SanitizeUtf8(out));
}

// An absolute http(s) URL for `href` relative to `base`, or "".
std::string Link(const std::string& base, std::string href) {
  href = std::string(Trim(href));
  if (href.empty() || href.size() > 4096) return "";
  std::string abs = url::Resolve(base, href);
  if (!StartsWith(abs, "http://") && !StartsWith(abs, "https://")) return "";
  return abs;
}

int64_t Date(const std::string& s) {
  int64_t t = 0;
  std::string v(Trim(s));
  if (ParseIsoTime(v, &t) || ParseRfc822Date(v, &t)) return t;
  return 0;
}

// Converts a document whose XML declaration names another encoding.
std::string ToUtf8(std::string_view body) {
  // Latin-1: the declaration is read before the bytes are known to be UTF-8.
  static const RE2 kDecl(
      R"((?i)^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)["'])",
      RE2::Latin1);
  std::string enc;
  if (!RE2::PartialMatch(body.substr(0, 200), kDecl, &enc))
    return std::string(body);
  enc = AsciiLower(enc);
  if (enc == "utf-8" || enc == "utf8" || enc == "us-ascii" || enc == "ascii")
    return std::string(body);
  if (IsValidUtf8(body)) return std::string(body);  // a declaration that lies
  UErrorCode err = U_ZERO_ERROR;
  std::string out(body.size() * 3 + 16, '\0');
  int32_t n = ucnv_convert("UTF-8", enc.c_str(), out.data(),
                           static_cast<int32_t>(out.size()), body.data(),
                           static_cast<int32_t>(body.size()), &err);
  if (U_FAILURE(err)) return SanitizeUtf8(body);
  out.resize(static_cast<size_t>(n));
  return out;
}

void AddItem(Feed* f, const FeedOptions& o, FeedItem it) {
  if (it.url.empty()) return;
  if (f->items.size() >= o.max_items) {
    ++f->items_over_budget;
    return;
  }
  f->items.push_back(std::move(it));
}

Result<Feed> ParseJsonFeed(std::string_view body, const std::string& base,
                           const FeedOptions& o) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("not a feed: invalid JSON");
  if (!j.contains("items") || !j["items"].is_array())
    return Status::InvalidArgument("JSON Feed without items");
  Feed f;
  f.kind = FeedKind::kJsonFeed;
  if (j.contains("title") && j["title"].is_string()) f.title = j["title"];
  for (const auto& x : j["items"]) {
    if (!x.is_object()) continue;
    FeedItem it;
    auto str = [&](const char* k) {
      return x.contains(k) && x[k].is_string() ? x[k].get<std::string>() : "";
    };
    it.url = Link(base, str("url").empty() ? str("external_url") : str("url"));
    it.title = CollapseWhitespace(SanitizeUtf8(str("title")));
    it.guid = x.contains("id") && x["id"].is_string()
                  ? x["id"].get<std::string>()
                  : "";
    it.published = Date(str("date_published"));
    AddItem(&f, o, std::move(it));
  }
  return f;
}

}  // namespace

const char* FeedKindName(FeedKind k) {
  switch (k) {
    case FeedKind::kRss:
      return "rss";
    case FeedKind::kRdf:
      return "rdf";
    case FeedKind::kAtom:
      return "atom";
    case FeedKind::kJsonFeed:
      return "jsonfeed";
    case FeedKind::kOpml:
      return "opml";
    case FeedKind::kSitemap:
      return "sitemap";
    case FeedKind::kSitemapIndex:
      return "sitemapindex";
  }
  return "unknown";
}

Result<Feed> ParseFeed(std::string_view body, const std::string& base,
                       const FeedOptions& o) {
  if (body.size() > o.max_bytes)
    return Status::ResourceExhausted(
        "feed of " + std::to_string(body.size()) + " bytes over the " +
        std::to_string(o.max_bytes) + "-byte budget");
  std::string_view t = Trim(body);
  if (StartsWith(t, "\xEF\xBB\xBF")) t.remove_prefix(3);
  if (!t.empty() && t[0] == '{') return ParseJsonFeed(t, base, o);
  std::string utf8 = ToUtf8(body);
  pugi::xml_document doc;
  // No DTD processing: entities declared in a DOCTYPE are never expanded.
  pugi::xml_parse_result r = doc.load_buffer(
      utf8.data(), utf8.size(), pugi::parse_default & ~pugi::parse_doctype,
      pugi::encoding_utf8);
  std::string lower = AsciiLower(std::string(t.substr(0, 512)));
  if (!r) {
    if (lower.find("<html") != std::string::npos ||
        lower.find("<!doctype html") != std::string::npos)
      return Status::InvalidArgument(
          "not a feed: the URL serves an HTML page (look for its <link "
          "rel=\"alternate\" type=\"application/rss+xml\">)");
    return Status::InvalidArgument(std::string("not a feed: XML error: ") +
                                   r.description() + " at byte " +
                                   std::to_string(r.offset));
  }
  pugi::xml_node root = doc.document_element();
  std::string name = AsciiLower(LocalName(root));
  Feed f;
  if (name == "rss" || name == "rdf") {
    f.kind = name == "rss" ? FeedKind::kRss : FeedKind::kRdf;
    pugi::xml_node channel = Child(root, "channel");
    f.title = Text(Child(channel, "title"));
    // RSS 2.0 items live in <channel>; RSS 1.0 items beside it.
    for (pugi::xml_node holder : {channel, root}) {
      for (pugi::xml_node item : holder.children()) {
        if (item.type() != pugi::node_element || LocalName(item) != "item")
          continue;
        FeedItem it;
        it.title = Text(Child(item, "title"));
        it.url = Link(base, Text(Child(item, "link")));
        if (it.url.empty())
          it.url = Link(base, item.attribute("rdf:about").value());
        pugi::xml_node guid = Child(item, "guid");
        it.guid = std::string(Trim(guid.text().get()));
        if (it.url.empty() &&
            std::string(guid.attribute("isPermaLink").value()) != "false")
          it.url = Link(base, it.guid);
        std::string date = Text(Child(item, "pubDate"));
        if (date.empty()) date = Text(Child(item, "date"));  // dc:date
        it.published = Date(date);
        AddItem(&f, o, std::move(it));
      }
      if (!channel) break;
    }
  } else if (name == "feed") {
    f.kind = FeedKind::kAtom;
    f.title = Text(Child(root, "title"));
    for (pugi::xml_node e : root.children()) {
      if (e.type() != pugi::node_element || LocalName(e) != "entry") continue;
      FeedItem it;
      it.title = Text(Child(e, "title"));
      for (pugi::xml_node l : e.children()) {
        if (LocalName(l) != "link") continue;
        std::string rel = l.attribute("rel").value();
        if (rel.empty() || rel == "alternate") {
          it.url = Link(base, l.attribute("href").value());
          if (!it.url.empty()) break;
        }
      }
      it.guid = std::string(Trim(Child(e, "id").text().get()));
      std::string date = Text(Child(e, "published"));
      if (date.empty()) date = Text(Child(e, "updated"));
      it.published = Date(date);
      AddItem(&f, o, std::move(it));
    }
  } else if (name == "opml") {
    f.kind = FeedKind::kOpml;
    f.title = Text(Child(Child(root, "head"), "title"));
    // Outlines nest (folders); walk them without recursion.
    std::vector<pugi::xml_node> stack = {Child(root, "body")};
    while (!stack.empty()) {
      pugi::xml_node n = stack.back();
      stack.pop_back();
      for (pugi::xml_node c : n.children()) {
        if (LocalName(c) != "outline") continue;
        std::string u = Link(base, c.attribute("xmlUrl").value());
        if (!u.empty() && f.feeds.size() < o.max_items) f.feeds.push_back(u);
        if (stack.size() < 64) stack.push_back(c);
      }
    }
  } else if (name == "urlset") {
    f.kind = FeedKind::kSitemap;
    for (pugi::xml_node u : root.children()) {
      if (LocalName(u) != "url") continue;
      FeedItem it;
      it.url = Link(base, Text(Child(u, "loc")));
      pugi::xml_node news = Child(u, "news");
      it.title = Text(Child(news, "title"));
      std::string date = Text(Child(news, "publication_date"));
      if (date.empty()) date = Text(Child(u, "lastmod"));
      it.published = Date(date);
      AddItem(&f, o, std::move(it));
    }
  } else if (name == "sitemapindex") {
    f.kind = FeedKind::kSitemapIndex;
    for (pugi::xml_node s : root.children()) {
      if (LocalName(s) != "sitemap") continue;
      std::string u = Link(base, Text(Child(s, "loc")));
      if (!u.empty() && f.feeds.size() < o.max_items) f.feeds.push_back(u);
    }
  } else if (name == "html") {
    return Status::InvalidArgument(
        "not a feed: the URL serves an HTML page (look for its <link "
        "rel=\"alternate\" type=\"application/rss+xml\">)");
  } else {
    return Status::InvalidArgument("not a feed: root element <" + name + ">");
  }
  return f;
}

}  // namespace storyline::ingest
