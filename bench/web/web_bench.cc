// storyline_web_bench: helpers for the web benchmark (bench/run).
//
//   storyline_web_bench fill --db FILE --n N PATH...
//     Reads the articles under PATH (the real extraction path) and stores
//     N articles by replaying them (each replay gets its own id, URL, time
//     and story), so search runs over an index of N real texts.
//   storyline_web_bench search --db FILE --port P [--queries N]
//     Sends N search requests (1–2 words taken from stored titles) one at a
//     time to a running `storyline serve` and prints latency percentiles.
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/strings.h"
#include "ingest/ingest.h"
#include "store/store.h"

namespace sl = storyline;

namespace {

std::string Arg(const std::vector<std::string>& a, const std::string& name,
                const std::string& def) {
  for (size_t i = 0; i + 1 < a.size(); ++i)
    if (a[i] == name) return a[i + 1];
  return def;
}

int Fill(const std::vector<std::string>& args) {
  std::string db_path = Arg(args, "--db", "");
  long n = std::stol(Arg(args, "--n", "100000"));
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0) {
      ++i;
      continue;
    }
    paths.push_back(args[i]);
  }
  sl::SystemClock clock;
  sl::ingest::Batch b = sl::ingest::ReadPaths(paths, {}, clock);
  std::vector<sl::Article>& src = b.articles;
  src.erase(std::remove_if(src.begin(), src.end(),
                           [](const sl::Article& a) { return a.text.empty(); }),
            src.end());
  if (src.empty() || db_path.empty()) {
    fprintf(stderr, "fill: no articles read (or no --db)\n");
    return 1;
  }
  auto st = sl::store::Open(db_path, {});
  if (!st.ok()) {
    fprintf(stderr, "fill: %s\n", st.status().ToString().c_str());
    return 1;
  }
  sl::store::Store* db = st->get();
  bool tty = isatty(2);
  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; i += 5000) {
    if (!db->Begin().ok()) return 1;
    for (long k = i; k < std::min(n, i + 5000); ++k) {
      sl::store::StoredArticle r;
      r.article = src[static_cast<size_t>(k) % src.size()];
      long round = k / static_cast<long>(src.size());
      r.article.url += "#replay-" + std::to_string(round);
      r.article.id = sl::Hex64(sl::Fnv1a64(r.article.url));
      r.article.published += round * 86400;
      r.event_id = r.story_id =
          sl::Hex64(sl::Fnv1a64("story" + std::to_string(k / 6)));
      r.ingested_at = clock.NowSeconds();
      if (!db->PutArticle(r).ok()) return 1;
    }
    if (!db->Commit().ok()) return 1;
    if (tty)
      fprintf(stderr, "\rfill: %ld / %ld articles", std::min(n, i + 5000), n);
  }
  double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  fprintf(stderr,
          "%sfill: %ld articles (%zu distinct texts) stored in %.1f s\n",
          tty ? "\n" : "", n, src.size(), s);
  return 0;
}

int Search(const std::vector<std::string>& args) {
  std::string db_path = Arg(args, "--db", "");
  int port = std::stoi(Arg(args, "--port", "0"));
  int queries = std::stoi(Arg(args, "--queries", "500"));
  // Query words: title words of at least 5 letters from stored articles.
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK)
    return 1;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(raw,
                     "SELECT title FROM articles ORDER BY random() LIMIT 2000",
                     -1, &s, nullptr);
  std::vector<std::string> words;
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::string t = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    for (std::string w : sl::Split(t, ' ')) {
      w.erase(std::remove_if(w.begin(), w.end(),
                             [](char c) {
                               return c == '"' || c == ',' || c == '.' ||
                                      c == ':';
                             }),
              w.end());
      if (w.size() >= 5) words.push_back(w);
    }
  }
  sqlite3_finalize(s);
  long articles = 0;
  sqlite3_prepare_v2(raw, "SELECT COUNT(*) FROM articles", -1, &s, nullptr);
  if (sqlite3_step(s) == SQLITE_ROW) articles = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(raw);
  if (words.empty()) return 1;
  std::mt19937 rng(42);
  httplib::Client c("127.0.0.1", port);
  c.set_keep_alive(true);
  std::vector<double> ms;
  int hits = 0;
  for (int i = 0; i < queries; ++i) {
    std::string q = words[rng() % words.size()];
    if (rng() % 2) q += " " + words[rng() % words.size()];
    std::string path = "/search?q=" + httplib::detail::encode_query_param(q);
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Get(path.c_str());
    double d = std::chrono::duration<double, std::milli>(
                   std::chrono::steady_clock::now() - t0)
                   .count();
    if (!r || r->status != 200) {
      fprintf(stderr, "search: request failed: %s\n", path.c_str());
      return 1;
    }
    hits += r->body.find("<ol class=\"hits\">") != std::string::npos;
    ms.push_back(d);
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms[static_cast<size_t>(p * (ms.size() - 1))];
  };
  printf(
      "search over %ld articles: %d queries (%d with hits), p50 %.2f ms, p95 "
      "%.2f ms, "
      "p99 %.2f ms, max %.2f ms\n",
      articles, queries, hits, pct(0.5), pct(0.95), pct(0.99), ms.back());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    fprintf(stderr, "usage: storyline_web_bench fill|search ...\n");
    return 2;
  }
  std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "fill") return Fill(args);
  if (cmd == "search") return Search(args);
  fprintf(stderr, "unknown command %s\n", cmd.c_str());
  return 2;
}
