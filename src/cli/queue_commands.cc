// Work split across processes on one store: `ingest --role worker` reads
// and extracts into the store's work queue; `assign` is the one writer
// that takes the queue in publication-time order (a second one waits as a
// standby and takes over when the first dies).
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/signals.h"
#include "common/clock.h"
#include "pipeline/composer.h"
#include "pipeline/pipeline.h"

namespace storyline::cli {

int IngestWorker(store::Store* db, const std::vector<std::string>& paths,
                 const ingest::Options& options, bool quiet) {
  SystemClock clock;
  ingest::Batch b = ingest::ReadPaths(paths, options, clock);
  for (const ingest::Problem& pr : b.problems)
    std::fprintf(stderr, "storyline ingest: %s: %s\n", pr.where.c_str(),
                 pr.status.ToString().c_str());
  // One transaction per chunk: a worker killed mid-way leaves whole
  // chunks; queueing the rest again is harmless (the assigner skips
  // articles it already stored).
  constexpr size_t kChunk = 256;
  size_t queued = 0;
  for (size_t i = 0; i < b.articles.size(); i += kChunk) {
    std::vector<Article> chunk(
        b.articles.begin() + static_cast<std::ptrdiff_t>(i),
        b.articles.begin() + static_cast<std::ptrdiff_t>(
                                 std::min(b.articles.size(), i + kChunk)));
    Status st = db->Begin();
    if (st.ok()) st = db->EnqueueArticles(chunk, clock.NowSeconds());
    if (st.ok()) st = db->Commit();
    if (!st.ok()) {
      db->Rollback();
      std::fprintf(stderr, "storyline ingest: %s (%zu articles queued)\n",
                   st.ToString().c_str(), queued);
      return 1;
    }
    queued += chunk.size();
  }
  if (!quiet)
    std::printf(
        "read %zu articles: %zu queued for the assigner; %zu problems\n",
        b.articles.size(), queued, b.problems.size());
  return b.articles.empty() && !b.problems.empty() ? 1 : 0;
}

namespace {

// --poll-ms of a following command; false (said) when out of range.
bool PollMs(const char* cmd, const Flags& f, int* poll_ms) {
  *poll_ms = 200;
  if (!f.Has("poll-ms") || ParseCount(f.Get("poll-ms"), 10, 60000, poll_ms))
    return true;
  std::fprintf(stderr, "storyline %s: --poll-ms takes 10 to 60000\n", cmd);
  return false;
}

// Calls `step` (how much it did, or an error) until it does nothing; with
// --follow, until `stop`, every poll_ms. An error is retried 0.5 s later,
// 20 times in a row at most (then exit 1): what a failed step wrote was
// rolled back, and what it claimed is taken again.
int Steps(const char* cmd, const Flags& f, int poll_ms,
          const std::atomic<bool>& stop,
          const std::function<Result<int>()>& step) {
  int failures = 0;
  while (!stop) {
    Result<int> n = step();
    if (!n.ok()) {
      std::fprintf(stderr, "storyline %s: %s; retrying\n", cmd,
                   n.status().ToString().c_str());
      if (++failures >= 20) return 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    failures = 0;
    if (*n > 0) continue;
    if (!f.Has("follow")) break;
    for (int waited = 0; waited < poll_ms && !stop; waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

}  // namespace

int Assign(const Args& args) {
  Flags f = ParseFlags(args, {"db", "poll-ms"},
                       {"follow", "quiet", "stats", "no-compose"});
  if (!f.error.empty()) {
    std::fprintf(stderr, "storyline assign: %s\n", f.error.c_str());
    return 2;
  }
  int poll_ms = 0;
  if (!PollMs("assign", f, &poll_ms)) return 2;
  std::atomic<bool> stop{false};
  StopWatcher watcher(&stop);
  std::string target = f.Get("db", "storyline.db");
  auto db = store::Open(target, {});
  if (!db.ok()) {
    std::fprintf(stderr, "storyline assign: %s\n",
                 db.status().ToString().c_str());
    return 1;
  }
  SystemClock clock;
  pipeline::Options opts;
  opts.clock = &clock;
  opts.compose_pages = !f.Has("no-compose");
  opts.writer_waiting = [](const std::string& who) {
    std::fprintf(stderr, "storyline assign: standing by: %s is the assigner\n",
                 who.c_str());
  };
  auto p = pipeline::Pipeline::Open(db->get(), opts);
  if (!p.ok()) {
    std::fprintf(stderr, "storyline assign: %s\n",
                 p.status().ToString().c_str());
    return 1;
  }
  if (f.Has("stats")) PrintStart("assign", (*p)->start());
  if (!f.Has("quiet") && f.Has("follow"))
    std::fprintf(stderr, "storyline assign: assigning from %s\n",
                 store::RedactTarget(target).c_str());
  int64_t added = 0, read = 0, published = 0;
  // A failed batch was rolled back and stays queued; the pipeline replays
  // the store before the next try.
  int rc = Steps("assign", f, poll_ms, stop, [&]() -> Result<int> {
    Result<pipeline::IngestReport> r = (*p)->AssignQueued();
    if (!r.ok()) return r.status();
    read += r->read;
    added += r->added;
    published += r->pages_published;
    return r->read;
  });
  if (Status st = (*p)->Checkpoint(); !st.ok())
    std::fprintf(stderr, "storyline assign: saving the snapshot failed: %s\n",
                 st.ToString().c_str());
  if (!f.Has("quiet"))
    std::printf(
        "assigned %lld queued articles: %lld added; %lld pages published\n",
        static_cast<long long>(read), static_cast<long long>(added),
        static_cast<long long>(published));
  return rc;
}

int Compose(const Args& args) {
  Flags f = ParseFlags(args, {"db", "poll-ms"}, {"follow", "quiet"});
  if (!f.error.empty()) {
    std::fprintf(stderr, "storyline compose: %s\n", f.error.c_str());
    return 2;
  }
  int poll_ms = 0;
  if (!PollMs("compose", f, &poll_ms)) return 2;
  std::atomic<bool> stop{false};
  StopWatcher watcher(&stop);
  auto db = store::Open(f.Get("db", "storyline.db"), {});
  if (!db.ok()) {
    std::fprintf(stderr, "storyline compose: %s\n",
                 db.status().ToString().c_str());
    return 1;
  }
  SystemClock clock;
  pipeline::Options opts;
  opts.clock = &clock;
  char host[256] = "";
  gethostname(host, sizeof(host) - 1);
  pipeline::Composer composer(
      db->get(), opts, std::string(host) + ":" + std::to_string(getpid()));
  int64_t written = 0;
  // Claims not written expire (Composer::kLeaseSeconds): another composer,
  // or this one, takes them again.
  int rc = Steps("compose", f, poll_ms, stop, [&]() -> Result<int> {
    Result<int> n = composer.ComposeClaimed();
    if (n.ok()) written += *n;
    return n;
  });
  if (!f.Has("quiet"))
    std::printf("composed %lld stories\n", static_cast<long long>(written));
  return rc;
}

}  // namespace storyline::cli
