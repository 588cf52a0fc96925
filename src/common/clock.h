// Clock: the current time, injected so tests can fix it.
//
//   FixedClock clock(1733100000);
//   pipeline::Options o; o.clock = &clock;
//
// Implementations are thread-safe.
#ifndef STORYLINE_COMMON_CLOCK_H_
#define STORYLINE_COMMON_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace storyline {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_; }

 private:
  int64_t now_;
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_CLOCK_H_
