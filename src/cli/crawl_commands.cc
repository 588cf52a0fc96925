// storyline crawl / storyline run: the crawler, once or as a daemon that
// also serves the web app.
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/flags.h"
#include "cli/log.h"
#include "cli/signals.h"
#include "common/clock.h"
#include "crawl/crawler.h"
#include "server/server.h"

namespace storyline::cli {
namespace {

int CrawlMain(const Args& given, const char* cmd, bool serve) {
  const std::set<std::string> value_flags = {
      "db",           "feeds",           "warc-out",   "port",    "host",
      "max-per-host", "max-connections", "user-agent", "timeout", "role",
      "min-poll",     "admin-token",     "log-format"};
  const std::set<std::string> bool_flags = {"once", "allow-private", "quiet",
                                            "admin-remote"};
  Args args = given;
  std::set<std::string> accepted = value_flags;
  accepted.insert(bool_flags.begin(), bool_flags.end());
  if (!serve) {
    for (const char* web : {"port", "host", "admin-token", "admin-remote"})
      accepted.erase(web);
  }
  if (!ExpandConfig(cmd, accepted, &args)) return 2;
  Flags f = ParseFlags(args, value_flags, bool_flags);
  Log::Format log_format = Log::kText;
  if (f.error.empty() &&
      !Log::ParseFormat(f.Get("log-format", "text"), &log_format)) {
    std::fprintf(stderr, "storyline %s: --log-format is text or json\n", cmd);
    return 2;
  }
  Log log(log_format);
  if (!f.error.empty() || !f.positional.empty()) {
    std::fprintf(stderr, "storyline %s: %s (see 'storyline %s --help')\n", cmd,
                 f.error.empty() ? "unexpected argument" : f.error.c_str(),
                 cmd);
    return 2;
  }
  const std::string role = f.Get("role", "all");
  if ((role != "all" && role != "worker") || (serve && role != "all")) {
    std::fprintf(stderr,
                 "storyline %s: --role is 'all' (default) or, for crawl, "
                 "'worker'\n",
                 cmd);
    return 2;
  }
  const bool worker = role == "worker";
  Result<std::vector<std::string>> feeds = std::vector<std::string>{};
  if (f.Has("feeds")) feeds = crawl::ReadFeedsFile(f.Get("feeds"));
  if (!feeds.ok()) {
    std::fprintf(stderr, "storyline %s: %s\n", cmd,
                 feeds.status().ToString().c_str());
    return 2;
  }
  // SIGTERM/SIGINT go to a watcher thread that stops the work cleanly.
  sigset_t set = BlockStopSignals();

  std::string db_path = f.Get("db", "storyline.db");
  auto db = store::Open(db_path, {});
  if (!db.ok()) {
    std::fprintf(stderr, "storyline %s: %s\n", cmd,
                 db.status().ToString().c_str());
    return 1;
  }
  if (!worker && !f.Has("feeds")) {
    // The feeds are the store's ('storyline feeds add'); there must be some.
    auto have = (*db)->Feeds();
    if (have.ok() && have->empty()) {
      std::fprintf(stderr,
                   "storyline %s: no feeds yet: add some with 'storyline "
                   "feeds add URL' or 'storyline feeds import FILE.opml', or "
                   "give --feeds FILE\n",
                   cmd);
      return 2;
    }
  }
  SystemClock clock;
  // One set of counters for the crawler, the pipeline and the web app
  // (served at /metrics).
  Metrics metrics;
  pipeline::Options popts;
  popts.clock = &clock;
  popts.metrics = &metrics;
  popts.writer_waiting = [cmd](const std::string& who) {
    std::fprintf(stderr,
                 "storyline %s: waiting for %s, which is writing to this "
                 "database\n",
                 cmd, who.c_str());
  };
  // A fetch worker is no writer of assignments: no pipeline, no lock.
  Result<std::unique_ptr<pipeline::Pipeline>> pipe =
      std::unique_ptr<pipeline::Pipeline>();
  if (!worker) pipe = pipeline::Pipeline::Open(db->get(), popts);
  if (!pipe.ok()) {
    std::fprintf(stderr, "storyline %s: %s\n", cmd,
                 pipe.status().ToString().c_str());
    return 1;
  }
  ingest::FetcherOptions fo;
  fo.allow_private = f.Has("allow-private");
  if (f.Has("user-agent")) fo.user_agent = f.Get("user-agent");
  int timeout = 0;
  if ((f.Has("max-per-host") &&
       !ParseCount(f.Get("max-per-host"), 1, 1000, &fo.max_per_host)) ||
      (f.Has("timeout") && !ParseCount(f.Get("timeout"), 1, 3600, &timeout)) ||
      (f.Has("max-connections") &&
       !ParseCount(f.Get("max-connections"), 1, 1024, &fo.max_connections))) {
    std::fprintf(stderr,
                 "storyline %s: --max-per-host takes 1..1000, --timeout "
                 "1..3600 seconds, --max-connections 1..1024\n",
                 cmd);
    return 2;
  }
  if (timeout > 0) {
    fo.total_timeout_ms = timeout * 1000;
    fo.connect_timeout_ms =
        std::min(fo.connect_timeout_ms, fo.total_timeout_ms);
    fo.stall_seconds = std::min(fo.stall_seconds, timeout);
  }
  auto fetcher = ingest::NewCurlFetcher(fo);
  std::atomic<bool> stop{false};
  crawl::Options co;
  if (f.Has("min-poll")) {
    // The shortest interval between two polls of one feed (a newsroom's
    // own feeds may be polled every few seconds; others' deserve minutes).
    // Feeds start at it and back off while they bring nothing new.
    int min_poll = 0;
    if (!ParseCount(f.Get("min-poll"), 1, 86400, &min_poll)) {
      std::fprintf(stderr, "storyline %s: --min-poll takes 1..86400 seconds\n",
                   cmd);
      return 2;
    }
    co.min_poll_s = min_poll;
    co.initial_poll_s = min_poll;
    co.max_poll_s = std::max(co.max_poll_s, min_poll);
  }
  co.warc_dir = f.Get("warc-out", "");
  co.poll_feeds = !worker || f.Has("feeds");
  co.stop = &stop;
  co.metrics = &metrics;
  crawl::Crawler crawler(db->get(), pipe->get(), fetcher.get(), &clock, co);
  Status st = crawler.AddFeeds(*feeds);
  if (!st.ok()) {
    std::fprintf(stderr, "storyline %s: %s\n", cmd, st.ToString().c_str());
    return 1;
  }

  std::unique_ptr<server::Server> web;
  std::thread web_thread;
  if (serve && f.Has("port")) {
    server::Options so;
    so.metrics = &metrics;
    so.admin_token = f.Get("admin-token");
    so.admin_loopback_only = !f.Has("admin-remote");
    so.host = f.Get("host", "127.0.0.1");
    if (!ParseCount(f.Get("port"), 0, 65535, &so.port)) {
      std::fprintf(stderr, "storyline %s: --port takes 0..65535\n", cmd);
      return 2;
    }
    auto s = server::Server::Open(db_path, so, &clock);
    if (!s.ok()) {
      std::fprintf(stderr, "storyline %s: %s\n", cmd,
                   s.status().ToString().c_str());
      return 1;
    }
    web = std::move(s).value();
    log.Info(std::string(cmd) + ": serving http://" + so.host + ":" +
                 std::to_string(web->port()) + "/",
             {{"event", "serving"}, {"port", web->port()}});
    web_thread = std::thread([&web] { (void)web->Listen(); });
  }
  std::thread watcher([set, &stop, &web] {
    int sig = 0;
    sigwait(&set, &sig);
    stop = true;
    if (web) web->Stop();
  });

  int rc = 0;
  bool once = f.Has("once");
  while (!stop) {
    Result<crawl::RoundReport> r = crawler.Round(/*ignore_schedule=*/once);
    const bool idle = !r.ok() || r->fetched == 0;
    if (worker && r.ok() && r->fetched == 0 && !once) {
      // A fetch worker with nothing to fetch: no log line, look again soon.
      for (int i = 0; i < 10 && !stop; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    if (!r.ok()) {
      log.Error(std::string(cmd) + ": round failed: " + r.status().ToString());
      rc = 1;
      if (once) break;
    } else {
      log.Info(r->LogLine(),
               {{"event", r->worker ? "fetch_round" : "crawl_round"},
                {"feeds_polled", r->feeds_polled},
                {"feeds_not_modified", r->feeds_not_modified},
                {"feeds_failed", r->feeds_failed},
                {"new_items", r->new_items},
                {"fetched", r->fetched},
                {"fetch_errors", r->fetch_errors},
                {"disallowed", r->disallowed},
                {"not_articles", r->not_articles},
                {"added", r->added},
                {"pages_published", r->pages_published},
                {"queued_for_assigner", r->queued_for_assigner},
                {"queued_left", r->queued_left},
                {"seconds", r->seconds}});
      if (!f.Has("quiet"))
        for (size_t i = 0; i < r->problems.size() && i < 20; ++i)
          log.Warn("problem: " + r->problems[i], {{"event", "problem"}});
    }
    if (once) break;
    if (worker) {
      if (!idle) continue;  // more may be queued: claim again at once
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    auto wait = crawler.SecondsToNextPoll();
    int64_t secs = wait.ok() ? std::clamp<int64_t>(*wait, 1, 60) : 30;
    for (int64_t i = 0; i < secs * 10 && !stop; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  if (pipe.ok() && *pipe) {
    if (Status st = (*pipe)->Checkpoint(); !st.ok())
      log.Error(std::string(cmd) +
                ": saving the snapshot failed: " + st.ToString());
  }
  if (web) web->Stop();
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (web_thread.joinable()) web_thread.join();
  return rc;
}

}  // namespace

int Crawl(const Args& args) { return CrawlMain(args, "crawl", false); }
int Run(const Args& args) { return CrawlMain(args, "run", true); }

}  // namespace storyline::cli
