// Evaluation entry points with a stable interface: extract, cluster, timex.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cluster/cluster.h"
#include "common/clock.h"
#include "common/strings.h"
#include "common/time.h"
#include "compose/compose.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "pipeline/assigner.h"
#include "temporal/temporal.h"

namespace storyline::cli {

using nlohmann::json;

int ExtractCmd(const Args& args) {
  Flags f = ParseFlags(args, {"url"}, {"json", "explain"});
  if (!f.error.empty() || f.positional.size() != 1) {
    std::fprintf(stderr,
                 "storyline extract: usage: storyline extract FILE.html [--url "
                 "URL] [--json [--explain]]\n");
    return 2;
  }
  std::stringstream ss;
  if (f.positional[0] == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(f.positional[0], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "storyline extract: cannot open %s\n",
                   f.positional[0].c_str());
      return 1;
    }
    ss << in.rdbuf();
  }
  auto r = extract::ExtractPage(ss.str(), f.Get("url"));
  if (!r.ok()) {
    std::fprintf(stderr, "storyline extract: %s: %s\n", f.positional[0].c_str(),
                 r.status().ToString().c_str());
    return 1;
  }
  const Article& a = r->article;
  if (!f.Has("json")) {
    std::cout << a.title << "\n\n" << a.text << "\n";
    return 0;
  }
  json links = json::array();
  for (const Link& l : a.links)
    links.push_back({{"url", l.url}, {"text", l.anchor}});
  json authors = json::array();
  for (const std::string& s : Split(a.byline, ','))
    if (!Trim(s).empty()) authors.push_back(std::string(Trim(s)));
  json out = {{"title", a.title},
              {"text", a.text},
              {"published", a.published ? json(FormatIsoTimeWithOffset(
                                              a.published, r->published_offset))
                                        : json(nullptr)},
              {"modified",
               r->modified ? json(FormatIsoTime(r->modified)) : json(nullptr)},
              {"authors", authors},
              {"outlet", a.outlet},
              {"canonical_url", a.canonical_url},
              {"language", a.language},
              {"kind", ArticleKindName(a.kind)},
              {"paywalled", r->paywalled},
              {"page_type", r->page_type},
              {"links", links}};
  if (f.Has("explain")) {
    json features = json::object();
    for (const auto& [name, value] : r->page_type_features)
      features[name] = value;
    out["page_type_features"] = features;
  }
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

int TimelineCmd(const Args& args) {
  Flags f = ParseFlags(args, {"input", "max-dates", "sentences-per-date"}, {});
  int max_dates = 15, per_date = 1;
  if (!f.error.empty() || !f.Has("input") ||
      !ParseCount(f.Get("max-dates", "15"), 1, 1000, &max_dates) ||
      !ParseCount(f.Get("sentences-per-date", "1"), 1, 20, &per_date)) {
    std::fprintf(
        stderr,
        "storyline timeline: usage: storyline timeline --input FILE.jsonl "
        "[--max-dates N (1-1000)] [--sentences-per-date K (1-20)]\n");
    return 2;
  }
  // The input is one story: copies are folded as the assigner folds them;
  // every other article is its own event.
  ingest::Batch batch;
  if (!ReadOneStory("timeline", f.Get("input"), &batch)) return 1;
  pipeline::AssignerOptions ao;
  ao.classify_news = false;
  pipeline::Assigner assigner(ao);
  compose::StoryInput in;
  in.story_id = "timeline";
  for (Article& a : batch.articles)
    a.duplicate_of = assigner.Add(a).duplicate_of;
  for (const Article& a : batch.articles) in.articles.push_back({&a, a.id});
  compose::Options co;
  co.max_timeline_entries = max_dates;
  co.timeline_sentences_per_date = per_date;
  co.max_sections = 0;
  Result<compose::StoryPage> page = compose::Compose(in, co);
  if (!page.ok()) {
    std::fprintf(stderr, "storyline timeline: %s\n",
                 page.status().ToString().c_str());
    return 1;
  }
  std::map<std::string, const Article*> by_id;
  for (const Article& a : batch.articles) by_id[a.id] = &a;
  json out = json::array();
  for (const compose::TimelineEntry& e : page->timeline) {
    const Article* a = by_id[e.evidence.article_id];
    out.push_back({{"date", e.value},
                   {"date_end", e.value_end},
                   {"label", e.label},
                   {"text", e.text},
                   {"quote", e.quote},
                   {"source", a ? a->url : ""},
                   {"begin", e.evidence.span.begin},
                   {"end", e.evidence.span.end}});
  }
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

int TimexCmd(const Args& args) {
  Flags f = ParseFlags(args, {"dct"}, {});
  int64_t dct = 0;
  if (!f.error.empty() || !ParseIsoTime(f.Get("dct"), &dct)) {
    std::fprintf(stderr,
                 "storyline timex: usage: storyline timex --dct "
                 "YYYY-MM-DD[THH:MM] < text\n");
    return 2;
  }
  std::stringstream ss;
  ss << std::cin.rdbuf();
  std::string text = SanitizeUtf8(ss.str());
  json out = json::array();
  for (const temporal::Timex& t : temporal::Tag(text, dct)) {
    json j = {{"begin", t.span.begin},
              {"end", t.span.end},
              {"text", t.text},
              {"type", t.type},
              {"value", t.value}};
    if (!t.value_end.empty()) j["value_end"] = t.value_end;
    out.push_back(j);
  }
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace storyline::cli
