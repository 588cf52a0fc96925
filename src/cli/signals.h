// Stop signals for long-running commands (serve, crawl, run).
#ifndef STORYLINE_CLI_SIGNALS_H_
#define STORYLINE_CLI_SIGNALS_H_

#include <pthread.h>

#include <atomic>
#include <csignal>
#include <thread>

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

// Sets *stop when SIGTERM or SIGINT arrives (a watcher thread); blocks
// them first. Construct before starting other threads.
class StopWatcher {
 public:
  explicit StopWatcher(std::atomic<bool>* stop)
      : set_(BlockStopSignals()), watcher_([this, stop] {
          int sig = 0;
          sigwait(&set_, &sig);
          *stop = true;
        }) {}
  ~StopWatcher() {
    pthread_kill(watcher_.native_handle(), SIGTERM);  // wakes it if waiting
    watcher_.join();
  }
  StopWatcher(const StopWatcher&) = delete;
  StopWatcher& operator=(const StopWatcher&) = delete;

 private:
  sigset_t set_;
  std::thread watcher_;
};

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_SIGNALS_H_
