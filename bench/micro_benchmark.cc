// Micro-benchmarks of each stage on the sample newsroom pages. Run via
// `make bench` (bench/run), which also runs the end-to-end throughput test.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cluster/cluster.h"
#include "compose/compose.h"
#include "dedupe/dedupe.h"
#include "extract/extract.h"
#include "temporal/temporal.h"
#include "text/text.h"

namespace storyline {
namespace {

struct Corpus {
  std::vector<std::string> html;
  std::vector<Article> articles;
  size_t html_bytes = 0, text_bytes = 0;
};

const Corpus& Load() {
  static const Corpus c = [] {
    Corpus c;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(
             STORYLINE_SOURCE_DIR "/samples/newsroom"))
      if (e.path().extension() == ".html") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream ss;
      ss << in.rdbuf();
      c.html.push_back(ss.str());
      c.html_bytes += c.html.back().size();
      auto a = extract::Extract(c.html.back(), "");
      if (a.ok()) {
        c.text_bytes += a->text.size();
        c.articles.push_back(std::move(a).value());
      }
    }
    std::sort(c.articles.begin(), c.articles.end(),
              [](const Article& a, const Article& b) {
                return a.published < b.published;
              });
    return c;
  }();
  return c;
}

void BM_Extract(benchmark::State& state) {
  const Corpus& c = Load();
  for (auto _ : state)
    for (const std::string& h : c.html)
      benchmark::DoNotOptimize(extract::Extract(h, ""));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * c.html_bytes));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * c.html.size()));
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

void BM_SplitSentences(benchmark::State& state) {
  const Corpus& c = Load();
  for (auto _ : state)
    for (const Article& a : c.articles)
      benchmark::DoNotOptimize(text::SplitSentences(a.text));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * c.text_bytes));
}
BENCHMARK(BM_SplitSentences)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  const Corpus& c = Load();
  text::Tokenizer tok("en");
  for (auto _ : state)
    for (const Article& a : c.articles)
      benchmark::DoNotOptimize(tok.Tokenize(a.text));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * c.text_bytes));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_TemporalTag(benchmark::State& state) {
  const Corpus& c = Load();
  for (auto _ : state)
    for (const Article& a : c.articles)
      benchmark::DoNotOptimize(temporal::Tag(a.text, a.published));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * c.text_bytes));
}
BENCHMARK(BM_TemporalTag)->Unit(benchmark::kMillisecond);

void BM_MinHash(benchmark::State& state) {
  const Corpus& c = Load();
  for (auto _ : state)
    for (const Article& a : c.articles)
      benchmark::DoNotOptimize(dedupe::Sign(a.text));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * c.text_bytes));
}
BENCHMARK(BM_MinHash)->Unit(benchmark::kMillisecond);

void BM_ClusterStream(benchmark::State& state) {
  const Corpus& c = Load();
  for (auto _ : state) {
    cluster::Clusterer cl{cluster::Options{}};
    for (const Article& a : c.articles) benchmark::DoNotOptimize(cl.Add(a));
  }
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * c.articles.size()));
}
BENCHMARK(BM_ClusterStream)->Unit(benchmark::kMillisecond);

void BM_ComposeAllAsOneStory(benchmark::State& state) {
  const Corpus& c = Load();
  compose::StoryInput in;
  in.story_id = "bench";
  for (size_t i = 0; i < c.articles.size(); ++i)
    in.articles.push_back({&c.articles[i], "e" + std::to_string(i % 20)});
  for (auto _ : state)
    benchmark::DoNotOptimize(compose::Compose(in, compose::Options{}));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * c.articles.size()));
}
BENCHMARK(BM_ComposeAllAsOneStory)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
