#include "crawl/crawler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "common/strings.h"
#include "common/url.h"
#include "crawl/feeds.h"
#include "extract/extract.h"
#include "ingest/feed.h"
#include "ingest/ingest.h"

namespace storyline::crawl {
namespace {

// "https://host:port" of a URL, "" when it has none.
std::string Origin(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t end = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, end);
}

std::string PathOf(const std::string& url) {
  std::string o = Origin(url);
  std::string p = url.substr(o.size());
  size_t hash = p.find('#');
  if (hash != std::string::npos) p.resize(hash);
  return p.empty() ? "/" : p;
}

// The response head to archive: decoded body, so the framing headers that
// described the wire bytes are replaced by the decoded length.
std::string ArchiveHead(const std::string& head, size_t body_size) {
  std::string out;
  bool first = true;
  for (std::string line : Split(head, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (!first) {
      std::string name = AsciiLower(line.substr(0, line.find(':')));
      if (name == "content-encoding" || name == "transfer-encoding" ||
          name == "content-length")
        continue;
    }
    out += line + "\r\n";
    first = false;
  }
  if (out.empty()) out = "HTTP/1.1 200 OK\r\n";
  out += "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
  return out;
}

}  // namespace

std::string RoundReport::LogLine() const {
  char buf[512];
  if (worker) {
    snprintf(buf, sizeof buf,
             "fetch round: %d feeds polled (%d new items), %d fetched (%d "
             "errors, %d disallowed by robots.txt, %d not articles), %d "
             "articles queued for the assigner, %lld items queued, %.2f s",
             feeds_polled, new_items, fetched, fetch_errors, disallowed,
             not_articles, queued_for_assigner,
             static_cast<long long>(queued_left), seconds);
    return buf;
  }
  snprintf(buf, sizeof buf,
           "crawl round: %d feeds polled (%d not modified, %d failed, %d new "
           "feeds), %d new items, %d fetched (%d errors, %d disallowed by "
           "robots.txt, %d not articles), %d articles added, %d pages "
           "published, %lld queued, %.2f s",
           feeds_polled, feeds_not_modified, feeds_failed, feeds_added,
           new_items, fetched, fetch_errors, disallowed, not_articles, added,
           pages_published, static_cast<long long>(queued_left), seconds);
  return buf;
}

Crawler::Crawler(store::Store* store, pipeline::Pipeline* pipeline,
                 ingest::Fetcher* fetcher, const Clock* clock,
                 const Options& options)
    : store_(store),
      pipeline_(pipeline),
      fetcher_(fetcher),
      clock_(clock),
      opts_(options) {
  if (Metrics* m = opts_.metrics) {
    m->Define(kPolls, Metrics::kCounter,
              "Feed polls, by result (ok, not_modified, error, unreadable, "
              "refused by robots.txt or address rules).");
    m->Define(kFetches, Metrics::kCounter,
              "Article fetches, by result (ok, error, not_article, and "
              "disallowed or robots_unreachable: not fetched).");
    m->Define("storyline_crawl_rounds_total", Metrics::kCounter,
              "Crawl rounds finished.");
  }
}

Crawler::~Crawler() = default;

void Crawler::Count(const char* family, const char* result) {
  if (!opts_.metrics) return;
  if (result)
    opts_.metrics->Add(family, {{"result", result}});
  else
    opts_.metrics->Add(family, {});
}

Status Crawler::AddFeeds(const std::vector<std::string>& urls) {
  return crawl::AddFeeds(store_, urls, opts_.initial_poll_s).status();
}

Result<int64_t> Crawler::SecondsToNextPoll() {
  Result<std::vector<store::FeedState>> feeds = store_->Feeds();
  if (!feeds.ok()) return feeds.status();
  int64_t now = clock_->NowSeconds(), next = INT64_MAX;
  for (const store::FeedState& f : *feeds) next = std::min(next, f.next_poll);
  if (next == INT64_MAX) return int64_t{3600};
  return std::max<int64_t>(0, next - now);
}

void Crawler::Archive(const ingest::FetchResult& f) {
  if (opts_.warc_dir.empty() || f.http_status == 0) return;
  if (!warc_) {
    ingest::WarcWriterOptions o;
    o.dir = opts_.warc_dir;
    auto w = ingest::WarcWriter::Open(o);
    if (!w.ok()) {
      fprintf(stderr, "storyline crawl: WARC output off: %s\n",
              w.status().ToString().c_str());
      opts_.warc_dir.clear();
      return;
    }
    warc_ = std::move(w).value();
  }
  Status st = warc_->Write(ingest::ResponseRecord(
      f.final_url, f.fetched_at, ArchiveHead(f.head, f.body.size()), f.body));
  if (!st.ok())
    fprintf(stderr, "storyline crawl: WARC write failed: %s\n",
            st.ToString().c_str());
}

void Crawler::PrefetchRobots(const std::vector<std::string>& urls) {
  int64_t now = clock_->NowSeconds();
  std::vector<ingest::FetchRequest> reqs;
  std::set<std::string> want;
  for (const std::string& u : urls) {
    std::string o = Origin(u);
    auto it = robots_.find(o);
    if (o.empty() || want.count(o) ||
        (it != robots_.end() && it->second.expires > now))
      continue;
    want.insert(o);
    reqs.push_back({o + "/robots.txt", "", ""});
  }
  if (reqs.empty()) return;
  for (const ingest::FetchResult& f : fetcher_->FetchAll(reqs)) {
    Archive(f);
    std::string o = Origin(f.url);
    CachedRobots c;
    c.expires = now + 3600;
    if (f.status.ok() && f.http_status >= 200 && f.http_status < 300) {
      c.rules = ingest::ParseRobots(f.body, opts_.agent_token);
    } else if (f.status.ok() && f.http_status >= 400 && f.http_status < 500) {
      c.rules = ingest::Robots::AllowAll();
    } else {
      // Unreachable (RFC 9309: assume complete disallow); retry soon.
      c.rules = ingest::Robots::AllowNone();
      c.expires = now + 300;
      c.error = "robots.txt could not be fetched: " +
                (f.status.ok() ? "HTTP " + std::to_string(f.http_status)
                               : f.status.ToString());
    }
    c.rules.crawl_delay =
        std::min(c.rules.crawl_delay, opts_.max_crawl_delay_s);
    robots_[o] = std::move(c);
  }
}

const ingest::Robots& Crawler::RobotsFor(const std::string& url) {
  static const ingest::Robots kNone = ingest::Robots::AllowNone();
  auto it = robots_.find(Origin(url));
  return it == robots_.end() ? kNone : it->second.rules;
}

std::string Crawler::Refusal(const std::string& url) {
  auto it = robots_.find(Origin(url));
  if (it != robots_.end() && !it->second.error.empty()) return it->second.error;
  if (!RobotsFor(url).Allowed(PathOf(url))) return "disallowed by robots.txt";
  return "";
}

Status Crawler::PollFeeds(bool ignore_schedule, RoundReport* r) {
  Result<std::vector<store::FeedState>> feeds = store_->Feeds();
  if (!feeds.ok()) return feeds.status();
  int64_t now = clock_->NowSeconds();
  std::vector<store::FeedState> due;
  for (const store::FeedState& f : *feeds)
    if (ignore_schedule || f.next_poll <= now) due.push_back(f);
  if (due.empty()) return Status::Ok();
  std::vector<std::string> urls;
  for (const auto& f : due) urls.push_back(f.url);
  PrefetchRobots(urls);
  std::vector<ingest::FetchRequest> reqs;
  std::vector<store::FeedState*> polled;
  for (store::FeedState& f : due) {
    if (std::string why = Refusal(f.url); !why.empty()) {
      r->problems.push_back(f.url + ": " + why);
      f.last_status = why;
      f.next_poll = now + f.interval_s;
      ++r->feeds_failed;
      Count(kPolls, "refused");
      continue;
    }
    reqs.push_back({f.url, f.etag, f.last_modified});
    polled.push_back(&f);
  }
  std::vector<ingest::FetchResult> res = fetcher_->FetchAll(reqs);
  std::set<std::string> known;
  for (const store::FeedState& f : *feeds) known.insert(f.url);
  std::vector<store::FeedState> new_feeds;
  SL_RETURN_IF_ERROR(store_->Begin());
  auto fail = [&](Status st) {
    store_->Rollback();
    return st;
  };
  for (size_t i = 0; i < res.size(); ++i) {
    store::FeedState& f = *polled[i];
    const ingest::FetchResult& x = res[i];
    Archive(x);
    ++r->feeds_polled;
    ++f.polls;
    int found = 0;
    if (!x.status.ok() || (x.http_status != 200 && x.http_status != 304)) {
      ++r->feeds_failed;
      Count(kPolls, "error");
      f.last_status = x.status.ok() ? "HTTP " + std::to_string(x.http_status)
                                    : x.status.ToString();
      r->problems.push_back(f.url + ": " + f.last_status);
    } else if (x.http_status == 304) {
      ++r->feeds_not_modified;
      Count(kPolls, "not_modified");
      f.last_status = "not modified";
    } else {
      Result<ingest::Feed> feed = ingest::ParseFeed(x.body, x.final_url, {});
      if (!feed.ok()) {
        ++r->feeds_failed;
        Count(kPolls, "unreadable");
        f.last_status = feed.status().ToString();
        r->problems.push_back(f.url + ": " + f.last_status);
      } else {
        f.etag = x.etag;
        f.last_modified = x.last_modified;
        Count(kPolls, "ok");
        f.last_status =
            std::string("ok (") + ingest::FeedKindName(feed->kind) + ")";
        if (feed->items_over_budget > 0) {
          std::string why =
              "over the " + std::to_string(feed->items.size()) +
              "-item budget: " + std::to_string(feed->items_over_budget) +
              " items ignored";
          f.last_status += "; " + why;
          r->problems.push_back(f.url + ": " + why);
        }
        for (const std::string& child : feed->feeds) {
          if (known.count(child) ||
              static_cast<int>(known.size()) >= opts_.max_feeds)
            continue;
          known.insert(child);
          store::FeedState nf;
          nf.url = child;
          nf.interval_s = opts_.initial_poll_s;
          new_feeds.push_back(nf);
          ++r->feeds_added;
        }
        bool more = false;
        for (const ingest::FeedItem& it : feed->items) {
          if (found >= opts_.max_new_items_per_poll) {
            more = true;
            break;
          }
          // The same article behind tracking parameters, a fragment or
          // dot segments is one item: queued and fetched once.
          store::CrawlItem ci;
          ci.url = url::Normalize(it.url);
          if (ci.url.empty()) ci.url = it.url;
          ci.key = ci.url.empty() ? it.guid : ci.url;
          ci.feed = f.url;
          ci.discovered = now;
          bool added = false;
          Status st = store_->QueueItem(ci, &added);
          if (!st.ok()) return fail(st);
          found += added ? 1 : 0;
        }
        if (more) {
          // The rest next round: read in full again (no 304), at once.
          f.etag.clear();
          f.last_modified.clear();
          f.last_status += "; " + std::to_string(found) +
                           " new items queued, more next round";
          r->problems.push_back(f.url + ": more than " + std::to_string(found) +
                                " new items; the rest are queued next round");
        }
        f.more_items = more;
      }
    }
    r->new_items += found;
    f.items += found;
    // Adaptive schedule: feeds with news are polled more often.
    double interval = f.interval_s > 0 ? f.interval_s : opts_.initial_poll_s;
    interval = found > 0 ? interval / 2 : interval * 1.5;
    f.interval_s = static_cast<int>(
        std::clamp<double>(interval, opts_.min_poll_s, opts_.max_poll_s));
    f.next_poll = f.more_items ? now : now + f.interval_s;
  }
  for (const store::FeedState& f : due) {
    Status st = store_->PutFeed(f);
    if (!st.ok()) return fail(st);
  }
  for (const store::FeedState& f : new_feeds) {
    Status st = store_->PutFeed(f);
    if (!st.ok()) return fail(st);
  }
  return store_->Commit();
}

Status Crawler::FetchQueued(RoundReport* r) {
  // Claimed, not just read: fetchers in other processes take other items.
  // A worker claims a batch at a time, so that the others get their share.
  const int claim =
      pipeline_ ? opts_.max_items_per_round
                : std::min(opts_.max_items_per_round, opts_.worker_claim);
  Result<std::vector<store::CrawlItem>> queued =
      store_->ClaimItems(claim, clock_->NowSeconds(), opts_.claim_lease_s);
  if (!queued.ok()) return queued.status();
  std::vector<std::string> urls;
  for (const auto& it : *queued) urls.push_back(it.url);
  PrefetchRobots(urls);
  // Items of hosts with a crawl-delay go one per host per tick.
  std::vector<const store::CrawlItem*> now_batch;
  std::map<std::string, std::vector<const store::CrawlItem*>> delayed;
  std::vector<std::pair<std::string, std::string>> finished;  // key, detail
  // Claimed items that wait for later (robots.txt unreachable): back in the
  // queue, attempts unchanged.
  std::vector<std::pair<const store::CrawlItem*, std::string>> released;
  for (const store::CrawlItem& it : *queued) {
    const ingest::Robots& robots = RobotsFor(it.url);
    if (std::string why = Refusal(it.url); !why.empty()) {
      if (why == "disallowed by robots.txt") {
        ++r->disallowed;
        Count(kFetches, "disallowed");
        finished.push_back({it.key, why});
      } else {
        ++r->fetch_errors;  // robots.txt unreachable: stays queued
        Count(kFetches, "robots_unreachable");
        r->problems.push_back(it.url + ": " + why);
        released.push_back({&it, why});
      }
      continue;
    }
    if (robots.crawl_delay > 0)
      delayed[Origin(it.url)].push_back(&it);
    else
      now_batch.push_back(&it);
  }
  // Settles items in one transaction; a fetch worker (no pipeline) queues
  // its articles for the assigner in the same transaction.
  auto finish_all =
      [&](const std::vector<std::pair<std::string, std::string>>& done,
          const std::vector<std::pair<const store::CrawlItem*, std::string>>&
              retry,
          const std::vector<Article>& for_assigner) {
        SL_RETURN_IF_ERROR(store_->Begin());
        if (!for_assigner.empty()) {
          Status st =
              store_->EnqueueArticles(for_assigner, clock_->NowSeconds());
          if (!st.ok()) {
            store_->Rollback();
            return st;
          }
        }
        for (const auto& [key, detail] : done) {
          Status st = store_->FinishItem(key, "done", 1, detail);
          if (!st.ok()) {
            store_->Rollback();
            return st;
          }
        }
        for (const auto& [it, detail] : retry) {
          int attempts = it->attempts + 1;
          Status st = store_->FinishItem(
              it->key, attempts >= opts_.max_attempts ? "failed" : "queued",
              attempts, detail);
          if (!st.ok()) {
            store_->Rollback();
            return st;
          }
        }
        return store_->Commit();
      };
  SL_RETURN_IF_ERROR(finish_all(finished, {}, {}));
  if (!released.empty()) {
    SL_RETURN_IF_ERROR(store_->Begin());
    for (const auto& [it, detail] : released) {
      Status st = store_->FinishItem(it->key, "queued", it->attempts, detail);
      if (!st.ok()) {
        store_->Rollback();
        return st;
      }
    }
    SL_RETURN_IF_ERROR(store_->Commit());
  }

  auto run_batch = [&](const std::vector<const store::CrawlItem*>& batch) {
    std::vector<ingest::FetchRequest> reqs;
    for (const auto* it : batch) reqs.push_back({it->url, "", ""});
    std::vector<ingest::FetchResult> res = fetcher_->FetchAll(reqs);
    std::vector<Article> articles;
    std::vector<std::pair<std::string, std::string>> done;
    std::vector<std::pair<const store::CrawlItem*, std::string>> retry;
    for (size_t i = 0; i < res.size(); ++i) {
      const ingest::FetchResult& x = res[i];
      Archive(x);
      ++r->fetched;
      if (!x.status.ok() || x.http_status != 200) {
        ++r->fetch_errors;
        Count(kFetches, "error");
        std::string why = x.status.ok()
                              ? "HTTP " + std::to_string(x.http_status)
                              : x.status.ToString();
        r->problems.push_back(x.url + ": " + why);
        bool permanent = x.status.ok() && x.http_status >= 400 &&
                         x.http_status < 500 && x.http_status != 429;
        permanent |= x.status.code() == StatusCode::kFailedPrecondition ||
                     x.status.code() == StatusCode::kResourceExhausted;
        if (permanent)
          done.push_back({batch[i]->key, why});
        else
          retry.push_back({batch[i], why});
        continue;
      }
      std::string type = AsciiLower(x.content_type);
      Result<Article> a =
          (!type.empty() && type.find("html") == std::string::npos)
              ? Result<Article>(Status::InvalidArgument("not HTML: " + type))
              : extract::Extract(x.body, x.final_url);
      if (!a.ok() || a->text.empty()) {
        ++r->not_articles;
        Count(kFetches, "not_article");
        done.push_back(
            {batch[i]->key, a.ok() ? "no main text" : a.status().ToString()});
        continue;
      }
      if (a->url.empty()) a->url = x.final_url;
      ingest::FinishArticle(&a.value(), x.final_url);
      if (a->published == 0) {
        a->published = x.fetched_at;
        a->published_guessed = true;
      }
      Count(kFetches, "ok");
      articles.push_back(std::move(a).value());
      done.push_back({batch[i]->key, "stored"});
    }
    if (!pipeline_) {
      // A fetch worker: the articles and the items' end in one commit.
      r->queued_for_assigner += static_cast<int>(articles.size());
      return finish_all(done, retry, articles);
    }
    if (!articles.empty()) {
      Result<pipeline::IngestReport> rep =
          pipeline_->IngestArticles(std::move(articles));
      if (!rep.ok()) return rep.status();
      r->added += rep->added;
      r->pages_published += rep->pages_published;
    }
    // Only now, with the articles committed, are the items done.
    return finish_all(done, retry, {});
  };

  const size_t batch = static_cast<size_t>(std::max(1, opts_.fetch_batch));
  for (size_t i = 0; i < now_batch.size() && !Stopping(); i += batch) {
    std::vector<const store::CrawlItem*> part(
        now_batch.begin() + static_cast<long>(i),
        now_batch.begin() +
            static_cast<long>(std::min(now_batch.size(), i + batch)));
    SL_RETURN_IF_ERROR(run_batch(part));
  }
  // Delayed hosts: one item per host per tick, then wait the longest delay.
  while (!delayed.empty() && !Stopping()) {
    std::vector<const store::CrawlItem*> tick;
    double wait = 0;
    for (auto it = delayed.begin(); it != delayed.end();) {
      tick.push_back(it->second.front());
      wait = std::max(wait, RobotsFor(it->second.front()->url).crawl_delay);
      it->second.erase(it->second.begin());
      it = it->second.empty() ? delayed.erase(it) : std::next(it);
    }
    SL_RETURN_IF_ERROR(run_batch(tick));
    if (!delayed.empty())
      std::this_thread::sleep_for(
          std::chrono::milliseconds(static_cast<int64_t>(wait * 1000)));
  }
  return Status::Ok();
}

Result<RoundReport> Crawler::Round(bool ignore_schedule) {
  auto t0 = std::chrono::steady_clock::now();
  RoundReport r;
  r.worker = pipeline_ == nullptr;
  if (opts_.poll_feeds) {
    SL_RETURN_IF_ERROR(PollFeeds(ignore_schedule, &r));
    // Feeds found in OPML files and sitemap indexes are due at once;
    // follow them within this round (bounded depth).
    for (int depth = 0, added = r.feeds_added; added > 0 && depth < 3;
         ++depth) {
      SL_RETURN_IF_ERROR(PollFeeds(/*ignore_schedule=*/false, &r));
      added = r.feeds_added - added;
    }
  }
  if (!Stopping()) SL_RETURN_IF_ERROR(FetchQueued(&r));
  auto counts = store_->CrawlCounts();
  if (counts.ok())
    for (const auto& [state, n] : *counts)
      if (state == "queued") r.queued_left = n;
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  Count("storyline_crawl_rounds_total", nullptr);
  return r;
}

Result<std::vector<std::string>> ReadFeedsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read feeds file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  if (data.size() > (16u << 20))
    return Status::ResourceExhausted("feeds file over 16 MB: " + path);
  std::vector<std::string> urls;
  std::string_view t = Trim(data);
  if (StartsWith(t, "<")) {
    Result<ingest::Feed> f = ingest::ParseFeed(data, "http://localhost/", {});
    if (!f.ok()) return f.status().WithContext(path);
    urls = f->feeds;
    for (const ingest::FeedItem& it : f->items) urls.push_back(it.url);
  } else {
    for (const std::string& line : Split(data, '\n')) {
      std::string u(Trim(line));
      if (u.empty() || u[0] == '#') continue;
      if (!StartsWith(u, "http://") && !StartsWith(u, "https://"))
        return Status::InvalidArgument(path + ": not an http(s) URL: " + u);
      urls.push_back(u);
    }
  }
  if (urls.empty()) return Status::InvalidArgument(path + " lists no feeds");
  return urls;
}

}  // namespace storyline::crawl
