// storyline_tag_speed DIR: tags every DIR/*.txt (reference date from the
// DIR/*.dct beside it, YYYY-MM-DD) repeatedly for at least a second and
// prints "chars_per_second<TAB>chars<TAB>timexes<TAB>files". Characters are
// Unicode code points, so the figure compares with a JavaScript tagger's
// string lengths on ASCII text. Used by bench/temporal/run.sh.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/time.h"
#include "temporal/temporal.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: storyline_tag_speed DIR\n");
    return 2;
  }
  struct Doc {
    std::string text;
    int64_t dct;
  };
  std::vector<Doc> docs;
  size_t chars = 0;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream t(e.path(), std::ios::binary),
        d(fs::path(e.path()).replace_extension(".dct"));
    std::stringstream ss;
    ss << t.rdbuf();
    std::string dct;
    std::getline(d, dct);
    int64_t ref = 0;
    if (!storyline::ParseIsoTime(dct.substr(0, 10) + "T12:00:00Z", &ref))
      continue;
    docs.push_back({ss.str(), ref});
    for (unsigned char c : docs.back().text) chars += (c & 0xC0) != 0x80;
  }
  if (docs.empty()) {
    std::fprintf(stderr, "storyline_tag_speed: no .txt/.dct pairs in %s\n",
                 argv[1]);
    return 1;
  }
  size_t found = 0, rounds = 0;
  auto t0 = std::chrono::steady_clock::now();
  double secs = 0;
  while (secs < 1.0) {
    for (const Doc& d : docs)
      found += storyline::temporal::Tag(d.text, d.dct).size();
    ++rounds;
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
               .count();
  }
  std::printf("%.0f\t%zu\t%zu\t%zu\n",
              static_cast<double>(chars * rounds) / secs, chars, found / rounds,
              docs.size());
  return 0;
}
