// Stop signals for long-running commands (serve, crawl, run).
#ifndef STORYLINE_CLI_SIGNALS_H_
#define STORYLINE_CLI_SIGNALS_H_

#include <pthread.h>

#include <csignal>

namespace storyline::cli {

// Blocks SIGTERM and SIGINT in the calling thread — threads started later
// inherit the mask — and returns the set for a watcher thread to sigwait()
// on, so a stop request is handled in one place, outside signal context.
inline sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_SIGNALS_H_
