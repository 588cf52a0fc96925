// Golden pages (testdata/golden/README.md): every page we wrote for one
// boilerplate pattern or page kind must extract to exactly its .json.
// STORYLINE_GOLDEN_UPDATE=1 rewrites the .json files instead (review the
// diff before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/model.h"
#include "common/time.h"
#include "extract/extract.h"

namespace storyline::extract {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kDir =
    fs::path(STORYLINE_SOURCE_DIR) / "src/extract/testdata/golden";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json Summarize(const Extraction& ex) {
  const Article& a = ex.article;
  json links = json::array();
  for (const Link& l : a.links) links.push_back({l.url, l.anchor});
  return {{"title", a.title},
          {"text", a.text},
          {"byline", a.byline},
          {"outlet", a.outlet},
          {"published", a.published ? FormatIsoTime(a.published) : ""},
          {"kind", ArticleKindName(a.kind)},
          {"page_type", ex.page_type},
          {"paywalled", ex.paywalled},
          {"language", a.language},
          {"links", links}};
}

TEST(ExtractGoldenTest, EveryPageMatchesItsGolden) {
  const bool update = std::getenv("STORYLINE_GOLDEN_UPDATE") != nullptr;
  int pages = 0;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.path().extension() != ".html") continue;
    ++pages;
    fs::path golden = fs::path(e.path()).replace_extension(".json");
    Result<Extraction> r = ExtractPage(
        Slurp(e.path()), "https://news.example/" + e.path().stem().string());
    ASSERT_TRUE(r.ok()) << e.path() << ": " << r.status().ToString();
    json got = Summarize(*r);
    if (update) {
      std::ofstream(golden) << got.dump(2) << "\n";
      continue;
    }
    ASSERT_TRUE(fs::exists(golden)) << "no golden for " << e.path();
    json want = json::parse(Slurp(golden));
    for (auto it = want.begin(); it != want.end(); ++it)
      EXPECT_EQ(got[it.key()], it.value())
          << e.path().filename() << " field " << it.key();
  }
  EXPECT_GE(pages, 12);
}

}  // namespace
}  // namespace storyline::extract
