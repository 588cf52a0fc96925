// Micro-benchmarks of each stage on the sample newsroom pages. Run via
// `make bench` (bench/run), which also runs the end-to-end throughput test.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cluster/cluster.h"
#include "compose/compose.h"
#include "dedupe/dedupe.h"
#include "extract/extract.h"
#include "ingest/warc.h"
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

// A story of N articles (the newsroom's, repeated under new ids past 148).
std::vector<Article> StoryOf(size_t n) {
  const Corpus& c = Load();
  std::vector<Article> out;
  for (size_t i = 0; i < n; ++i) {
    Article a = c.articles[i % c.articles.size()];
    a.id += "-" + std::to_string(i);
    a.duplicate_of.clear();
    a.content_hash += std::to_string(i);
    out.push_back(std::move(a));
  }
  return out;
}

// Recomposing a live story: every article but the newest is already in the
// analysis cache (issue 6 budget: 200 articles in <= 50 ms).
void BM_RecomposeStory(benchmark::State& state) {
  std::vector<Article> arts = StoryOf(static_cast<size_t>(state.range(0)));
  compose::AnalysisCache cache;
  compose::StoryInput in;
  in.story_id = "bench";
  in.cache = &cache;
  for (size_t i = 0; i + 1 < arts.size(); ++i)
    in.articles.push_back({&arts[i], "e" + std::to_string(i % 20)});
  (void)compose::Compose(in, compose::Options{});
  in.articles.push_back({&arts.back(), "e0"});
  for (auto _ : state) {
    state.PauseTiming();
    compose::AnalysisCache fresh;  // the newest article is new each time
    in.cache = &fresh;
    for (size_t i = 0; i + 1 < in.articles.size(); ++i) {
      compose::StoryInput one;
      one.articles.push_back(in.articles[i]);
      one.cache = &fresh;
      (void)compose::Compose(one, compose::Options{});
    }
    state.ResumeTiming();
    benchmark::DoNotOptimize(compose::Compose(in, compose::Options{}));
  }
}
BENCHMARK(BM_RecomposeStory)
    ->Arg(200)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);

// The same story composed with nothing cached (first sight, or a restart).
void BM_ComposeStoryCold(benchmark::State& state) {
  std::vector<Article> arts = StoryOf(static_cast<size_t>(state.range(0)));
  compose::StoryInput in;
  in.story_id = "bench";
  for (size_t i = 0; i < arts.size(); ++i)
    in.articles.push_back({&arts[i], "e" + std::to_string(i % 20)});
  for (auto _ : state)
    benchmark::DoNotOptimize(compose::Compose(in, compose::Options{}));
}
BENCHMARK(BM_ComposeStoryCold)->Arg(200)->Unit(benchmark::kMillisecond);

// WARC: the sample pages as `response` records, written once to a plain
// .warc and a per-record-gzip .warc.gz (repeated to ~64 MB), then read.
const std::string& WarcFile(bool gzip) {
  static const std::string* paths = [] {
    const Corpus& c = Load();
    std::string dir = std::filesystem::temp_directory_path() /
                      ("storyline_bench_warc_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    ingest::WarcWriterOptions o;
    o.dir = dir;
    o.max_file_bytes = ~0ull;
    auto w = ingest::WarcWriter::Open(o);
    std::ofstream plain(dir + "/plain.warc", std::ios::binary);
    size_t bytes = 0;
    for (int round = 0; bytes < (64u << 20); ++round) {
      for (size_t i = 0; i < c.html.size(); ++i) {
        ingest::WarcRecord r = ingest::ResponseRecord(
            "https://bench.example/" + std::to_string(round) + "/" +
                std::to_string(i),
            1764000000, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
            c.html[i]);
        (void)(*w)->Write(r);
        plain << r.version << "\r\n";
        for (auto& [k, v] : r.fields)
          plain << k << ": "
                << (k == "Content-Length" ? std::to_string(r.block.size()) : v)
                << "\r\n";
        plain << "\r\n" << r.block << "\r\n\r\n";
        bytes += r.block.size();
      }
    }
    return new std::string[2]{dir + "/plain.warc", (*w)->path()};
  }();
  return paths[gzip ? 1 : 0];
}

void BM_WarcRead(benchmark::State& state) {
  const std::string& path = WarcFile(state.range(0) != 0);
  uint64_t bytes = 0;
  for (auto _ : state) {
    auto r = ingest::WarcReader::Open(path, {});
    ingest::WarcRecord rec;
    while ((*r)->Next(&rec).value()) benchmark::DoNotOptimize(rec.block.data());
    bytes += (*r)->offset();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(state.range(0) ? ".warc.gz (bytes uncompressed)" : ".warc");
}
BENCHMARK(BM_WarcRead)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
