// `storyline feeds`: the store's feed list as data (add, import, export,
// list, remove). `run` and `crawl` read the list every round.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "common/clock.h"
#include "common/time.h"
#include "crawl/crawler.h"
#include "crawl/feeds.h"

namespace storyline::cli {
namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "storyline feeds: %s\n", what.c_str());
  return 1;
}

// A mistake in the command line: exit code 2.
int Usage(const std::string& what) { return Fail(what) + 1; }

// When a polled feed was last polled (its next poll less its interval).
int64_t LastPoll(const store::FeedState& f) {
  return f.polls > 0 ? f.next_poll - f.interval_s : 0;
}

int List(store::Store* db, const std::string& format) {
  auto feeds = db->Feeds();
  if (!feeds.ok()) return Fail(feeds.status().ToString());
  SystemClock clock;
  const int64_t now = clock.NowSeconds();
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const store::FeedState& f : *feeds) {
      int64_t last = LastPoll(f);
      out.push_back({{"url", f.url},
                     {"status", f.polls > 0 ? f.last_status : "not polled yet"},
                     {"polls", f.polls},
                     {"items", f.items},
                     {"last_poll", last > 0 ? FormatIsoTime(last) : ""},
                     {"next_poll", FormatIsoTime(std::max(now, f.next_poll))},
                     {"interval_s", f.interval_s}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (feeds->empty()) {
    std::printf("no feeds (add some: storyline feeds add URL)\n");
    return 0;
  }
  for (const store::FeedState& f : *feeds) {
    int64_t last = LastPoll(f);
    std::printf(
        "%s\n  status %s; %d polls, %d items; last poll %s; next %s\n",
        f.url.c_str(), f.polls > 0 ? f.last_status.c_str() : "not polled yet",
        f.polls, f.items, last > 0 ? FormatIsoTime(last).c_str() : "never",
        f.next_poll <= now ? "now" : FormatIsoTime(f.next_poll).c_str());
  }
  return 0;
}

}  // namespace

int Feeds(const Args& args) {
  Flags f = ParseFlags(args, {"db", "format"}, {"quiet"});
  if (!f.error.empty() || f.positional.empty())
    return Usage((f.error.empty() ? std::string("say what to do") : f.error) +
                 " (see 'storyline feeds --help')");
  const std::string verb = f.positional[0];
  std::vector<std::string> rest(f.positional.begin() + 1, f.positional.end());
  const bool takes_urls = verb == "add" || verb == "remove";
  if (takes_urls && rest.empty())
    return Usage("'feeds " + verb + "' takes one or more feed URLs");
  if (verb == "import" && rest.size() != 1)
    return Usage("'feeds import' takes one OPML file");
  if ((verb == "list" || verb == "export") && !rest.empty())
    return Usage("'feeds " + verb + "' takes no arguments");
  if (!takes_urls && verb != "import" && verb != "list" && verb != "export")
    return Usage("unknown action '" + verb +
                 "' (add, import, export, list, remove)");
  std::string format = f.Get("format", "text");
  if (format != "text" && format != "json")
    return Usage("--format is text or json");
  auto opened = store::Open(f.Get("db", "storyline.db"), {});
  if (!opened.ok()) return Fail(opened.status().ToString());
  store::Store* db = opened->get();
  if (verb == "list") return List(db, format);
  if (verb == "export") {
    auto feeds = db->Feeds();
    if (!feeds.ok()) return Fail(feeds.status().ToString());
    std::fputs(crawl::FeedsOpml(*feeds).c_str(), stdout);
    return 0;
  }
  if (verb == "remove") {
    Status st = crawl::RemoveFeeds(db, rest);
    if (!st.ok()) return Fail(st.message());
    if (!f.Has("quiet"))
      std::printf("removed %zu feed%s\n", rest.size(),
                  rest.size() == 1 ? "" : "s");
    return 0;
  }
  std::vector<std::string> urls = rest;
  if (verb == "import") {
    std::ifstream in(rest[0], std::ios::binary);
    if (!in) return Fail("cannot read " + rest[0]);
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str().size() > (16u << 20)) return Fail(rest[0] + ": over 16 MB");
    auto read = crawl::ReadOpml(ss.str());
    if (!read.ok()) return Fail(rest[0] + ": " + read.status().message());
    urls = *read;
  }
  auto change = crawl::AddFeeds(db, urls, crawl::Options{}.initial_poll_s);
  if (!change.ok()) return Fail(change.status().message());
  if (!f.Has("quiet")) {
    std::printf("added %zu feed%s", change->added.size(),
                change->added.size() == 1 ? "" : "s");
    if (!change->known.empty())
      std::printf(" (%zu already listed)", change->known.size());
    std::printf("\n");
  }
  return 0;
}

}  // namespace storyline::cli
