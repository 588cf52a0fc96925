// storyline_extract_speed DIR: extracts every DIR/*.html once (after reading
// them all into memory), one thread, and prints
// "bytes<TAB>seconds<TAB>pages<TAB>failed<TAB>slowest_ms<TAB>rss_growth_mb".
// rss_growth_mb is the peak RSS while extracting minus the RSS with every
// page loaded: an upper bound of the extractor's working memory for the
// largest page. Used by bench/extract/run.sh beside Readability.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"

namespace fs = std::filesystem;

namespace {
double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: storyline_extract_speed DIR\n");
    return 2;
  }
  std::vector<std::string> pages;
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(argv[1], ec))
    if (e.path().extension() == ".html") paths.push_back(e.path());
  if (ec || paths.empty()) {
    std::fprintf(stderr,
                 "storyline_extract_speed: no .html pages in %s%s%s (give a "
                 "folder of decompressed pages)\n",
                 argv[1], ec ? ": " : "", ec ? ec.message().c_str() : "");
    return 1;
  }
  std::sort(paths.begin(), paths.end());
  size_t bytes = 0;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
    bytes += pages.back().size();
  }
  if (pages.empty()) {
    std::fprintf(stderr, "storyline_extract_speed: no .html in %s\n", argv[1]);
    return 1;
  }
  const double loaded_mb = PeakRssMb();
  size_t failed = 0;
  double slowest = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const std::string& html : pages) {
    auto p0 = std::chrono::steady_clock::now();
    auto a = storyline::extract::Extract(html, "");
    if (!a.ok()) ++failed;
    slowest = std::max(slowest, std::chrono::duration<double>(
                                    std::chrono::steady_clock::now() - p0)
                                    .count());
  }
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  std::printf("%zu\t%.4f\t%zu\t%zu\t%.1f\t%.1f\n", bytes, secs, pages.size(),
              failed, slowest * 1000, PeakRssMb() - loaded_mb);
  return 0;
}
