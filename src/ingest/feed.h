// Feeds and subscription lists: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0,
// JSON Feed 1.x, OPML, sitemaps (incl. Google News) and sitemap indexes.
//
//   Result<ingest::Feed> f = ingest::ParseFeed(body, "https://x.example/rss",
//   {}); for (const ingest::FeedItem& it : f->items) fetch(it.url); for (const
//   std::string& child : f->feeds) poll(child);  // OPML, indexes
//
// Tolerant of the feeds found in the wild: unparseable dates become 0
// (unknown), HTML in titles is reduced to text, relative links are resolved
// against the feed URL, declared non-UTF-8 encodings are converted. Items
// without a usable http(s) link are dropped. An HTML page, a document that
// is not a feed, or one over budget is an error that says which.
// DTD entities are never expanded (no "billion laughs"). Thread-safe.
#ifndef STORYLINE_INGEST_FEED_H_
#define STORYLINE_INGEST_FEED_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace storyline::ingest {

enum class FeedKind {
  kRss,
  kRdf,
  kAtom,
  kJsonFeed,
  kOpml,
  kSitemap,
  kSitemapIndex
};
const char* FeedKindName(FeedKind kind);

struct FeedItem {
  std::string url;        // absolute, http(s)
  std::string title;      // text
  std::string guid;       // the feed's own id, or "" (use url)
  int64_t published = 0;  // Unix seconds, 0 when absent or unparseable
  std::string Key() const { return guid.empty() ? url : guid; }
};

struct Feed {
  FeedKind kind = FeedKind::kRss;
  std::string title;
  std::vector<FeedItem> items;
  std::vector<std::string> feeds;  // OPML subscriptions, sitemap-index children
  size_t items_over_budget = 0;    // items past FeedOptions::max_items
};

struct FeedOptions {
  size_t max_bytes = 10u << 20;  // larger documents are refused
  // Further items are counted (Feed::items_over_budget), not kept. The
  // byte budget bounds a feed to about 100,000 items anyway.
  size_t max_items = 100000;
};

Result<Feed> ParseFeed(std::string_view body, const std::string& feed_url,
                       const FeedOptions& options);

}  // namespace storyline::ingest

#endif  // STORYLINE_INGEST_FEED_H_
