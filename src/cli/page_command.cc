// `storyline page`: one story page from a JSONL file taken as one story —
// the evaluation entry point for whole pages (T17 topics), and a way to see
// a page for any hand-picked set of articles without a database.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/flags.h"
#include "common/clock.h"
#include "compose/compose.h"
#include "ingest/ingest.h"
#include "pipeline/assigner.h"
#include "server/site.h"

namespace storyline::cli {

bool ReadOneStory(const char* cmd, const std::string& path,
                  ingest::Batch* batch) {
  ingest::Options io;
  SystemClock clock;
  *batch = ingest::ReadPaths({path}, io, clock);
  for (const ingest::Problem& p : batch->problems)
    std::fprintf(stderr, "storyline %s: %s: %s\n", cmd, p.where.c_str(),
                 p.status.ToString().c_str());
  if (batch->articles.empty()) {
    std::fprintf(stderr, "storyline %s: no readable article in %s\n", cmd,
                 path.c_str());
    return false;
  }
  std::stable_sort(batch->articles.begin(), batch->articles.end(),
                   [](const Article& a, const Article& b) {
                     return a.published < b.published;
                   });
  return true;
}

int PageCmd(const Args& args) {
  Flags f = ParseFlags(args, {"input", "format"}, {"verify"});
  std::string format = f.Has("format") ? f.Get("format") : "md";
  if (!f.error.empty() || !f.Has("input") ||
      (format != "md" && format != "json" && format != "html" &&
       format != "text")) {
    std::fprintf(stderr,
                 "storyline page: usage: storyline page --input FILE.jsonl "
                 "[--format md|json|html|text] [--verify]\n");
    return 2;
  }
  ingest::Batch batch;
  if (!ReadOneStory("page", f.Get("input"), &batch)) return 1;
  // Copies fold under their original; events come from the online
  // clusterer exactly as in `storyline ingest`; the story level is ignored
  // (the input is the story).
  // Every article is taken (the input is the story, news or not).
  pipeline::AssignerOptions ao;
  ao.classify_news = false;
  pipeline::Assigner assigner(ao);
  std::map<std::string, std::string> event_of;
  compose::StoryInput in;
  in.story_id = "page";
  for (Article& a : batch.articles) {
    pipeline::Decision d = assigner.Add(a);
    a.duplicate_of = d.duplicate_of;
    event_of[a.id] = d.event_id;
  }
  for (const Article& a : batch.articles)
    in.articles.push_back({&a, assigner.CurrentEvent(event_of[a.id])});
  // Composed twice: first with every article new to the analysis cache,
  // then as a live page is recomposed (only the newest article new).
  compose::AnalysisCache cache;
  in.cache = &cache;
  auto timed = [&](double* ms) {
    auto start = std::chrono::steady_clock::now();
    Result<compose::StoryPage> p = compose::Compose(in, compose::Options{});
    *ms = std::chrono::duration<double, std::milli>(
              std::chrono::steady_clock::now() - start)
              .count();
    return p;
  };
  double cold = 0, warm = 0;
  std::vector<compose::StoryArticle> all = in.articles;
  if (in.articles.size() > 1) {
    in.articles.pop_back();
    (void)timed(&cold);
    in.articles = all;
  }
  Result<compose::StoryPage> page = timed(&warm);
  if (all.size() == 1) cold = warm;
  if (!page.ok()) {
    std::fprintf(stderr, "storyline page: %s\n",
                 page.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr,
               "storyline page: %zu articles: composed in %.1f ms, "
               "recomposed after one more article in %.1f ms\n",
               all.size(), cold, warm);
  if (format == "json") {
    std::cout << compose::ToJson(*page) << "\n";
  } else if (format == "html") {
    std::cout << server::StandaloneStoryHtml(*page);
  } else if (format == "text") {
    std::cout << compose::RenderText(*page);
  } else {
    std::cout << compose::RenderMarkdown(*page);
  }
  if (!f.Has("verify")) return 0;
  std::map<std::string, const Article*> by_id;
  for (const Article& a : batch.articles) by_id[a.id] = &a;
  std::vector<std::string> bad =
      compose::Verify(*page, [&](const std::string& id) -> const Article* {
        auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : it->second;
      });
  for (const std::string& b : bad) std::fprintf(stderr, "FAIL %s\n", b.c_str());
  std::fprintf(stderr, "storyline page: verified: %zu problems\n", bad.size());
  return bad.empty() ? 0 : 1;
}

}  // namespace storyline::cli
