// feeds: the list of feeds a store polls, as data (the `storyline feeds`
// command; `run` and `crawl` read the list from the store every round, so
// a change is seen within one poll, without a restart).
//
//   Result<crawl::FeedsChange> c = crawl::AddFeeds(db,
//   {"https://x.example/rss"}, 900); crawl::RemoveFeeds(db,
//   {"https://x.example/rss"}); std::string opml =
//   crawl::FeedsOpml(db->Feeds().value());
//
// All or nothing: every URL is checked first (an absolute http or https
// URL, kept in its normal form, common/url.h); one bad URL, or one not in
// the list when removing, changes nothing and the error names every such
// URL. Thread-compatible (the store's rules).
#ifndef STORYLINE_CRAWL_FEEDS_H_
#define STORYLINE_CRAWL_FEEDS_H_

#include <string>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace storyline::crawl {

struct FeedsChange {
  std::vector<std::string> added;  // normal forms, in the order given
  std::vector<std::string> known;  // already in the list (or given twice)
};

// Adds the feeds not in the list yet, due at once, polled every
// `initial_poll_s` until their own rhythm is learned. One transaction.
Result<FeedsChange> AddFeeds(store::Store* store,
                             const std::vector<std::string>& urls,
                             int initial_poll_s);
// Removes the feeds (their articles and items found stay). One
// transaction; NotFound naming the URLs not in the list.
Status RemoveFeeds(store::Store* store, const std::vector<std::string>& urls);
// The feed URLs of an OPML file (outline xmlUrl attributes, nested
// outlines included); InvalidArgument saying why when `data` is not OPML.
Result<std::vector<std::string>> ReadOpml(const std::string& data);
// An OPML 2.0 document listing the feeds, escaped.
std::string FeedsOpml(const std::vector<store::FeedState>& feeds);

}  // namespace storyline::crawl

#endif  // STORYLINE_CRAWL_FEEDS_H_
