// Progress line: redrawn at most ten times a second, only on a TTY.
#include "common/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace storyline {

static int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Progress::Progress(std::string label, int64_t total)
    : label_(std::move(label)),
      total_(total),
      tty_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { Finish(); }

void Progress::Update(int64_t done) {
  if (!tty_ || finished_) return;
  int64_t now = NowMs();
  if (now - last_ms_ < 100 && done != total_) return;
  last_ms_ = now;
  std::fprintf(stderr, "\r%s: %lld/%lld", label_.c_str(),
               static_cast<long long>(done), static_cast<long long>(total_));
  std::fflush(stderr);
}

void Progress::Finish() {
  if (!tty_ || finished_) return;
  finished_ = true;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace storyline
