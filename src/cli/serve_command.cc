// storyline serve: the web app over a database.
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/flags.h"
#include "cli/signals.h"
#include "common/clock.h"
#include "server/server.h"

namespace storyline::cli {

int Serve(const Args& given) {
  Args args = given;
  if (!ExpandConfig("serve",
                    {"db", "port", "host", "admin-token", "admin-remote"},
                    &args))
    return 2;
  Flags f = ParseFlags(
      args, {"db", "port", "host", "threads", "base-url", "admin-token"},
      {"admin-remote"});
  if (!f.error.empty() || !f.positional.empty()) {
    std::fprintf(stderr, "storyline serve: %s (see 'storyline serve --help')\n",
                 f.error.empty() ? "unexpected argument" : f.error.c_str());
    return 2;
  }
  server::Options o;
  o.host = f.Get("host", "127.0.0.1");
  o.admin_token = f.Get("admin-token");
  o.admin_loopback_only = !f.Has("admin-remote");
  o.base_url = f.Get("base-url", "");
  if (!ParseCount(f.Get("port", "8080"), 0, 65535, &o.port) ||
      !ParseCount(f.Get("threads", "0"), 0, 256, &o.threads)) {
    std::fprintf(
        stderr, "storyline serve: --port must be 0..65535, --threads 0..256\n");
    return 2;
  }
  // SIGTERM/SIGINT go to a watcher thread that stops the work cleanly.
  sigset_t set = BlockStopSignals();
  SystemClock clock;
  std::string db = f.Get("db", "storyline.db");
  auto s = server::Server::Open(db, o, &clock);
  if (!s.ok()) {
    std::fprintf(stderr, "storyline serve: %s\n",
                 s.status().ToString().c_str());
    return 1;
  }
  server::Server* srv = s->get();
  std::thread watcher([set, srv] {
    int sig = 0;
    sigwait(&set, &sig);
    std::fprintf(stderr, "storyline serve: signal %d, stopping\n", sig);
    srv->Stop();
  });
  std::fprintf(stderr, "storyline serve: http://%s:%d/ (database %s)\n",
               o.host.c_str(), srv->port(), db.c_str());
  Status st = srv->Listen();
  // Wake the watcher if Listen() ended for another reason.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!st.ok()) {
    std::fprintf(stderr, "storyline serve: %s\n", st.ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "storyline serve: stopped\n");
  return 0;
}

}  // namespace storyline::cli
