// Progress: a single self-overwriting status line on a terminal, silent
// otherwise (pipes, CI logs). Not thread-safe; one owner updates it.
//
//   Progress p("ingest", total);
//   for (...) p.Update(done);
//   p.Finish();
#ifndef STORYLINE_COMMON_PROGRESS_H_
#define STORYLINE_COMMON_PROGRESS_H_

#include <cstdint>
#include <string>

namespace storyline {

class Progress {
 public:
  Progress(std::string label, int64_t total);
  ~Progress();
  void Update(int64_t done);
  void Finish();

 private:
  std::string label_;
  int64_t total_;
  bool tty_;
  bool finished_ = false;
  int64_t last_ms_ = 0;
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_PROGRESS_H_
