// StoryPage <-> JSON. Field names are part of the public JSON API and the
// stored page format: add fields, never rename them.
#include <nlohmann/json.hpp>

#include "common/time.h"
#include "compose/compose.h"

namespace storyline::compose {
namespace {
using nlohmann::json;

json Ev(const Evidence& e) {
  return json{
      {"article", e.article_id}, {"begin", e.span.begin}, {"end", e.span.end}};
}
Evidence EvFrom(const json& j) {
  Evidence e;
  e.article_id = j.value("article", "");
  e.span.begin = j.value("begin", 0u);
  e.span.end = j.value("end", 0u);
  return e;
}
json Line(const LineEvidence& l) {
  return {{"article", l.article_id},
          {"begin", l.span.begin},
          {"end", l.span.end},
          {"in", l.in_title ? "title" : "text"}};
}

LineEvidence LineFrom(const json& j) {
  LineEvidence l;
  if (!j.is_object()) return l;
  l.article_id = j.value("article", "");
  l.span.begin = j.value("begin", 0u);
  l.span.end = j.value("end", 0u);
  l.in_title = j.value("in", "title") == "title";
  return l;
}
}  // namespace

std::string ToJson(const StoryPage& p) {
  json j;
  j["story_id"] = p.story_id;
  j["headline"] = p.headline;
  j["headline_article"] = p.headline_article_id;
  j["headline_evidence"] = Line(p.headline_evidence);
  j["article_count"] = p.article_count;
  j["outlet_count"] = p.outlet_count;
  // "" when no article has a known publication date.
  j["updated"] = p.updated > 0 ? FormatIsoTime(p.updated) : "";
  j["whats_new"] = json::array();
  for (const NewDevelopment& d : p.whats_new)
    j["whats_new"].push_back({{"event", d.event_id},
                              {"headline", d.headline},
                              {"article", d.article_id}});
  j["sections"] = json::array();
  for (const Section& s : p.sections) {
    json js{{"heading", s.heading},
            {"heading_article", s.heading_article_id},
            {"heading_evidence", Line(s.heading_evidence)},
            {"event", s.event_id},
            {"sentences", json::array()}};
    for (const SummarySentence& ss : s.sentences) {
      json e = json::array();
      for (const Evidence& ev : ss.evidence) e.push_back(Ev(ev));
      js["sentences"].push_back({{"text", ss.text},
                                 {"attribution", ss.attribution},
                                 {"cites", ss.cites},
                                 {"evidence", e}});
    }
    j["sections"].push_back(js);
  }
  j["sources"] = json::array();
  for (const Source& s : p.sources) {
    j["sources"].push_back({{"n", s.n},
                            {"article", s.article_id},
                            {"outlet", s.outlet},
                            {"title", s.title},
                            {"url", s.url},
                            {"kind", s.kind},
                            {"byline", s.byline},
                            {"published", FormatIsoTime(s.published)},
                            {"gist", s.gist},
                            {"gist_evidence", Ev(s.gist_evidence)}});
  }
  j["timeline"] = json::array();
  for (const TimelineEntry& e : p.timeline) {
    j["timeline"].push_back({{"value", e.value},
                             {"value_end", e.value_end},
                             {"label", e.label},
                             {"text", e.text},
                             {"quote", e.quote},
                             {"cite", e.cite},
                             {"evidence", Ev(e.evidence)},
                             {"quote_evidence", Ev(e.quote_evidence)}});
  }
  j["substories"] = json::array();
  for (const SubStory& s : p.substories) {
    j["substories"].push_back({{"event", s.event_id},
                               {"headline", s.headline},
                               {"outlet", s.outlet},
                               {"article", s.article_id},
                               {"articles", s.articles}});
  }
  j["related"] = json::array();
  for (const RelatedArticle& r : p.related) {
    j["related"].push_back({{"article", r.article_id},
                            {"outlet", r.outlet},
                            {"title", r.title},
                            {"url", r.url},
                            {"published", FormatIsoTime(r.published)},
                            {"copies", r.copies}});
  }
  j["resources"] = json::array();
  for (const ExternalLink& l : p.resources) {
    j["resources"].push_back(
        {{"url", l.url}, {"anchor", l.anchor}, {"count", l.count}});
  }
  j["names"] = json::array();
  for (const KeyName& k : p.names)
    j["names"].push_back({{"name", k.name},
                          {"variants", k.variants},
                          {"articles", k.articles},
                          {"kind", k.kind},
                          {"evidence", Ev(k.evidence)}});
  j["quotes"] = json::array();
  for (const Quote& q : p.quotes)
    j["quotes"].push_back({{"text", q.text},
                           {"speaker", q.speaker},
                           {"mention", q.mention},
                           {"cite", q.cite},
                           {"articles", q.articles},
                           {"evidence", Ev(q.evidence)},
                           {"mention_evidence", Ev(q.mention_evidence)},
                           {"speaker_evidence", Ev(q.speaker_evidence)}});
  j["volume_by_day"] = json::array();
  for (auto& [d, n] : p.volume_by_day)
    j["volume_by_day"].push_back({{"day", d}, {"articles", n}});
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<StoryPage> FromJson(const std::string& s) {
  json j = json::parse(s, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption("stored page is not valid JSON");
  StoryPage p;
  int64_t t = 0;
  try {
    p.story_id = j.value("story_id", "");
    p.headline = j.value("headline", "");
    p.headline_article_id = j.value("headline_article", "");
    if (j.contains("headline_evidence"))
      p.headline_evidence = LineFrom(j.at("headline_evidence"));
    p.article_count = j.value("article_count", 0);
    p.outlet_count = j.value("outlet_count", 0);
    if (ParseIsoTime(j.value("updated", ""), &t)) p.updated = t;
    if (j.contains("whats_new")) {
      for (const json& x : j.at("whats_new"))
        p.whats_new.push_back({x.value("event", ""), x.value("headline", ""),
                               x.value("article", "")});
    }
    for (const json& js : j.at("sections")) {
      Section s;
      s.heading = js.value("heading", "");
      s.heading_article_id = js.value("heading_article", "");
      if (js.contains("heading_evidence"))
        s.heading_evidence = LineFrom(js.at("heading_evidence"));
      s.event_id = js.value("event", "");
      for (const json& x : js.at("sentences")) {
        SummarySentence ss;
        ss.text = x.value("text", "");
        ss.attribution = x.value("attribution", "");
        ss.cites = x.at("cites").get<std::vector<int>>();
        for (const json& e : x.at("evidence")) ss.evidence.push_back(EvFrom(e));
        s.sentences.push_back(ss);
      }
      p.sections.push_back(s);
    }
    for (const json& x : j.at("sources")) {
      Source s;
      s.n = x.value("n", 0);
      s.article_id = x.value("article", "");
      s.outlet = x.value("outlet", "");
      s.title = x.value("title", "");
      s.url = x.value("url", "");
      s.kind = x.value("kind", "");
      s.byline = x.value("byline", "");
      if (ParseIsoTime(x.value("published", ""), &t)) s.published = t;
      s.gist = x.value("gist", "");
      s.gist_evidence = EvFrom(x.at("gist_evidence"));
      p.sources.push_back(s);
    }
    for (const json& x : j.at("timeline")) {
      TimelineEntry e;
      e.value = x.value("value", "");
      e.value_end = x.value("value_end", "");
      e.label = x.value("label", "");
      e.text = x.value("text", "");
      e.quote = x.value("quote", "");
      e.cite = x.value("cite", 0);
      e.evidence = EvFrom(x.at("evidence"));
      e.quote_evidence = EvFrom(x.at("quote_evidence"));
      p.timeline.push_back(e);
    }
    for (const json& x : j.at("substories")) {
      p.substories.push_back({x.value("event", ""), x.value("headline", ""),
                              x.value("outlet", ""), x.value("article", ""),
                              x.value("articles", 0)});
    }
    for (const json& x : j.at("related")) {
      RelatedArticle r{x.value("article", ""),
                       x.value("outlet", ""),
                       x.value("title", ""),
                       x.value("url", ""),
                       0,
                       x.at("copies").get<std::vector<std::string>>()};
      if (ParseIsoTime(x.value("published", ""), &t)) r.published = t;
      p.related.push_back(r);
    }
    for (const json& x : j.at("resources")) {
      p.resources.push_back(
          {x.value("url", ""), x.value("anchor", ""), x.value("count", 0)});
    }
    if (j.contains("names")) {
      for (const json& x : j.at("names")) {
        KeyName k;
        k.name = x.value("name", "");
        k.variants = x.at("variants").get<std::vector<std::string>>();
        k.articles = x.value("articles", 0);
        k.kind = x.value("kind", "");
        k.evidence = EvFrom(x.at("evidence"));
        p.names.push_back(k);
      }
    }
    if (j.contains("quotes")) {  // pages stored before quotes have none
      for (const json& x : j.at("quotes")) {
        Quote q;
        q.text = x.value("text", "");
        q.speaker = x.value("speaker", "");
        q.mention = x.value("mention", "");
        q.cite = x.value("cite", 0);
        q.articles = x.value("articles", 1);
        q.evidence = EvFrom(x.at("evidence"));
        q.mention_evidence = EvFrom(x.at("mention_evidence"));
        q.speaker_evidence = EvFrom(x.at("speaker_evidence"));
        p.quotes.push_back(q);
      }
    }
    for (const json& x : j.at("volume_by_day")) {
      p.volume_by_day.push_back({x.value("day", ""), x.value("articles", 0)});
    }
  } catch (const json::exception& e) {
    return Status::Corruption(
        std::string("stored page has an unexpected shape: ") + e.what());
  }
  return p;
}

}  // namespace storyline::compose
