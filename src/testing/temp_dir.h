// TempDir: a fresh directory for one test, removed afterwards (tests only).
#ifndef STORYLINE_TESTING_TEMP_DIR_H_
#define STORYLINE_TESTING_TEMP_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <string>

namespace storyline::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = std::filesystem::temp_directory_path() /
            ("storyline_" + tag + "_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Path(const std::string& name) const {
    return (path_ / name).string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_TEMP_DIR_H_
