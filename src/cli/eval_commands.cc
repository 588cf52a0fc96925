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
#include "dedupe/dedupe.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "temporal/temporal.h"

namespace storyline::cli {

using nlohmann::json;

int ExtractCmd(const Args& args) {
  Flags f = ParseFlags(args, {"url"}, {"json"});
  if (!f.error.empty() || f.positional.size() != 1) {
    std::fprintf(stderr,
                 "storyline extract: usage: storyline extract FILE.html [--url "
                 "URL] [--json]\n");
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
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

int ClusterCmd(const Args& args) {
  Flags f =
      ParseFlags(args,
                 {"input", "out", "event-threshold", "event-window-days",
                  "story-threshold", "event-merge-threshold", "event-decay"},
                 {"ignore-time"});
  if (!f.error.empty() || !f.Has("input") || !f.Has("out")) {
    std::fprintf(stderr,
                 "storyline cluster: usage: storyline cluster --input "
                 "FILE.jsonl --out FILE.tsv\n");
    return 2;
  }
  std::ifstream in(f.Get("input"));
  if (!in) {
    std::fprintf(stderr, "storyline cluster: cannot open %s\n",
                 f.Get("input").c_str());
    return 1;
  }
  struct Item {
    std::string ext_id;
    Article a;
    size_t order;
  };
  std::vector<Item> items;
  std::string line;
  size_t line_no = 0;
  ingest::Options io;
  int bad = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    std::string ext;
    auto a = ingest::ArticleFromJsonLine(line, io, &ext);
    if (!a.ok()) {
      std::fprintf(stderr, "storyline cluster: %s:%zu: %s\n",
                   f.Get("input").c_str(), line_no,
                   a.status().ToString().c_str());
      ++bad;
      continue;
    }
    Article art = std::move(a).value();
    if (f.Has("ignore-time")) art.published = 0;
    if (ext.empty()) ext = std::to_string(line_no);
    art.id = ext;
    items.push_back({ext, std::move(art), items.size()});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& x, const Item& y) {
                     return x.a.published < y.a.published;
                   });
  // Experiment knobs only: evaluations run with the defaults.
  cluster::Options copts;
  if (f.Has("event-threshold"))
    copts.event_threshold = std::stod(f.Get("event-threshold"));
  if (f.Has("event-decay")) copts.event_decay = std::stod(f.Get("event-decay"));
  if (f.Has("event-merge-threshold"))
    copts.event_merge_threshold = std::stod(f.Get("event-merge-threshold"));
  if (f.Has("story-threshold"))
    copts.story_threshold = std::stod(f.Get("story-threshold"));
  if (f.Has("event-window-days"))
    copts.event_window =
        static_cast<int64_t>(std::stod(f.Get("event-window-days")) * 86400);
  cluster::Clusterer c{copts};
  dedupe::Index dd;
  std::unordered_map<std::string, std::pair<std::string, std::string>> assigned;
  std::ofstream out(f.Get("out"));
  if (!out) {
    std::fprintf(stderr, "storyline cluster: cannot write %s\n",
                 f.Get("out").c_str());
    return 1;
  }
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> rows;
  for (Item& it : items) {
    dedupe::Signature h = dedupe::Sign(it.a.text);
    std::string orig = dd.Find(h);
    std::pair<std::string, std::string> as;
    if (!orig.empty()) {
      as = assigned[orig];
      as.first = c.CurrentEvent(as.first);
      c.Restore(it.a, as.first, as.second);
    } else {
      cluster::Assignment a = c.Add(it.a);
      as = {a.event_id, a.story_id};
      dd.Add(h, it.a.id);
    }
    assigned[it.a.id] = as;
    rows.push_back({it.ext_id, as});
  }
  // Stories merged later take their survivor's id.
  for (const auto& [ext, as] : rows)
    out << ext << '\t' << c.CurrentEvent(as.first) << '\t'
        << c.CurrentStory(as.second) << '\n';
  return items.empty() && bad > 0 ? 1 : 0;
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
  // The input is one story: copies are folded, every article is its own event.
  ingest::Batch batch;
  if (!ReadOneStory("timeline", f.Get("input"), &batch)) return 1;
  dedupe::Index dd;
  compose::StoryInput in;
  in.story_id = "timeline";
  for (Article& a : batch.articles) {
    dedupe::Signature sig = dedupe::Sign(a.text);
    a.duplicate_of = dd.Find(sig);
    if (a.duplicate_of.empty()) dd.Add(sig, a.id);
  }
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
