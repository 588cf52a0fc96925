// Work split across processes on one store: `ingest --role worker` reads
// and extracts into the store's work queue; `assign` is the one writer
// that takes the queue in publication-time order (a second one waits as a
// standby and takes over when the first dies).
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/signals.h"
#include "common/clock.h"
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

int Assign(const Args& args) {
  Flags f = ParseFlags(args, {"db", "poll-ms"}, {"follow", "quiet", "stats"});
  if (!f.error.empty()) {
    std::fprintf(stderr,
                 "storyline assign: %s (see 'storyline assign --help')\n",
                 f.error.c_str());
    return 2;
  }
  int poll_ms = 200;
  if (f.Has("poll-ms") && !ParseCount(f.Get("poll-ms"), 10, 60000, &poll_ms)) {
    std::fprintf(stderr, "storyline assign: --poll-ms takes 10 to 60000\n");
    return 2;
  }
  sigset_t set = BlockStopSignals();
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
  opts.writer_waiting = [](const std::string& who) {
    std::fprintf(stderr, "storyline assign: standing by: %s is the assigner\n",
                 who.c_str());
  };
  std::atomic<bool> stop{false};
  std::thread watcher([set, &stop] {
    int sig = 0;
    sigwait(&set, &sig);
    stop = true;
  });
  auto finish = [&](int rc) {
    stop = true;
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    return rc;
  };
  auto p = pipeline::Pipeline::Open(db->get(), opts);
  if (!p.ok()) {
    std::fprintf(stderr, "storyline assign: %s\n",
                 p.status().ToString().c_str());
    return finish(1);
  }
  if (f.Has("stats")) PrintStart("assign", (*p)->start());
  if (!f.Has("quiet") && f.Has("follow"))
    std::fprintf(stderr, "storyline assign: assigning from %s\n",
                 store::RedactTarget(target).c_str());
  int64_t added = 0, read = 0, published = 0, failures = 0;
  while (!stop) {
    Result<pipeline::IngestReport> r = (*p)->AssignQueued();
    if (!r.ok()) {
      // The batch was rolled back and stays queued; the pipeline replays
      // the store before the next try.
      std::fprintf(stderr, "storyline assign: %s; retrying\n",
                   r.status().ToString().c_str());
      if (++failures >= 20) return finish(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    failures = 0;
    read += r->read;
    added += r->added;
    published += r->pages_published;
    if (r->read > 0) continue;
    if (!f.Has("follow")) break;
    for (int waited = 0; waited < poll_ms && !stop; waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (Status st = (*p)->Checkpoint(); !st.ok())
    std::fprintf(stderr, "storyline assign: saving the snapshot failed: %s\n",
                 st.ToString().c_str());
  if (!f.Has("quiet"))
    std::printf(
        "assigned %lld queued articles: %lld added; %lld pages published\n",
        static_cast<long long>(read), static_cast<long long>(added),
        static_cast<long long>(published));
  return finish(0);
}

}  // namespace storyline::cli
