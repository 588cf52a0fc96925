// See feeds.h.
#include "crawl/feeds.h"

#include <set>

#include "common/strings.h"
#include "common/url.h"
#include "ingest/feed.h"

namespace storyline::crawl {
namespace {

// Rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(store::Store* s) : s_(s) {}
  ~Transaction() {
    if (open_) s_->Rollback();
  }
  Status Begin() {
    Status st = s_->Begin();
    open_ = st.ok();
    return st;
  }
  Status Commit() {
    open_ = false;
    return s_->Commit();
  }

 private:
  store::Store* s_;
  bool open_ = false;
};

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Result<FeedsChange> AddFeeds(store::Store* store,
                             const std::vector<std::string>& urls,
                             int initial_poll_s) {
  std::vector<std::string> normal, bad;
  for (const std::string& u : urls) {
    std::string n = url::Normalize(Trim(u));
    if (n.empty() || u.size() > 2048)
      bad.push_back(u.size() > 200 ? u.substr(0, 200) + "..." : u);
    else
      normal.push_back(n);
  }
  if (!bad.empty())
    return Status::InvalidArgument(
        "not an absolute http or https URL (nothing added): " + Joined(bad));
  Result<std::vector<store::FeedState>> have = store->Feeds();
  if (!have.ok()) return have.status();
  std::set<std::string> known;
  for (const store::FeedState& f : *have) known.insert(f.url);
  FeedsChange change;
  Transaction tx(store);
  SL_RETURN_IF_ERROR(tx.Begin());
  for (const std::string& n : normal) {
    if (!known.insert(n).second) {
      change.known.push_back(n);
      continue;
    }
    store::FeedState f;
    f.url = n;
    f.interval_s = initial_poll_s;
    SL_RETURN_IF_ERROR(store->PutFeed(f));
    change.added.push_back(n);
  }
  SL_RETURN_IF_ERROR(tx.Commit());
  return change;
}

Status RemoveFeeds(store::Store* store, const std::vector<std::string>& urls) {
  Result<std::vector<store::FeedState>> have = store->Feeds();
  if (!have.ok()) return have.status();
  std::set<std::string> known;
  for (const store::FeedState& f : *have) known.insert(f.url);
  std::vector<std::string> targets, missing;
  for (const std::string& u : urls) {
    // The URL as listed, else its normal form.
    std::string n = known.count(u) ? u : url::Normalize(Trim(u));
    if (known.count(n))
      targets.push_back(n);
    else
      missing.push_back(u);
  }
  if (!missing.empty())
    return Status::NotFound("not in the feed list (nothing removed): " +
                            Joined(missing));
  Transaction tx(store);
  SL_RETURN_IF_ERROR(tx.Begin());
  for (const std::string& n : targets) {
    bool removed = false;
    SL_RETURN_IF_ERROR(store->RemoveFeed(n, &removed));
  }
  return tx.Commit();
}

Result<std::vector<std::string>> ReadOpml(const std::string& data) {
  Result<ingest::Feed> f = ingest::ParseFeed(data, "", {});
  if (!f.ok())
    return Status::InvalidArgument("not an OPML file: " + f.status().message());
  if (f->kind != ingest::FeedKind::kOpml)
    return Status::InvalidArgument(
        std::string("not an OPML file (it reads as ") +
        ingest::FeedKindName(f->kind) + ")");
  if (f->feeds.empty())
    return Status::InvalidArgument(
        "the OPML file lists no feed (no outline with an absolute xmlUrl)");
  return f->feeds;
}

std::string FeedsOpml(const std::vector<store::FeedState>& feeds) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<opml version=\"2.0\">\n"
      "  <head><title>storyline feeds</title></head>\n"
      "  <body>\n";
  for (const store::FeedState& f : feeds)
    out += "    <outline type=\"rss\" text=\"" +
           HtmlEscape(url::HostOf(f.url)) + "\" xmlUrl=\"" + HtmlEscape(f.url) +
           "\"/>\n";
  return out + "  </body>\n</opml>\n";
}

}  // namespace storyline::crawl
