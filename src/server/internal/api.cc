// The JSON API (docs/api.md). Story pages are served in their stored JSON
// form; listings are built here.
#include <nlohmann/json.hpp>

#include "common/time.h"
#include "server/internal/routes.h"

namespace storyline::server::internal {
namespace {

using nlohmann::json;

Response Json(const json& j, int64_t last_modified = 0) {
  Response r;
  r.content_type = "application/json; charset=utf-8";
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  r.last_modified = last_modified;
  return r;
}

json Card(const StoryCard& c) {
  json days = json::array();
  for (const auto& [d, n] : c.per_day)
    days.push_back({FormatDay(CivilFromDays(d)), n});
  return json{{"id", c.row.id},
              {"headline", c.row.headline},
              {"lead", c.row.lead},
              {"article_count", c.row.article_count},
              {"outlet_count", c.row.outlet_count},
              {"outlets", c.outlets},
              {"languages", c.languages},
              {"created", FormatIsoTime(c.row.created)},
              {"updated", FormatIsoTime(c.row.updated)},
              {"version", c.row.version},
              {"score", c.score},
              {"articles_per_day", days},
              {"url", "/s/" + c.row.id}};
}

Response StoryJson(Context& ctx, const Request& req, const std::string& id,
                   int version) {
  auto snap = ctx.Current();
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  Result<std::string> page =
      version > 0 ? (*db)->PageJsonAt(id, version) : (*db)->PageJson(id);
  if (!page.ok()) {
    if (page.status().code() != StatusCode::kNotFound)
      return Error(req, 500, page.status().message());
    auto r = (*db)->Redirect(id);
    if (r.ok() && r->has_value()) {
      Response m;
      m.status = 301;
      m.location = "/api/stories/" + **r;
      m.content_type = "application/json; charset=utf-8";
      m.body = json{{"moved_to", **r}}.dump() + "\n";
      return m;
    }
    return Error(req, 404, page.status().message());
  }
  if (!(*snap)->by_id.count(id))
    return Error(req, 404, "story " + id + " has no published page");
  json j = json::parse(*page, nullptr, false);
  if (j.is_discarded()) return Error(req, 500, "stored page is not JSON");
  const StoryCard& c = (*snap)->ranked[(*snap)->by_id.at(id)];
  j["version"] = version > 0 ? version : c.row.version;
  j["url"] = "/s/" + id;
  j["feed"] = "/s/" + id + ".atom";
  return Json(j, c.row.updated);
}

}  // namespace

Response ApiStories(Context& ctx, const Request& req, const Captures&) {
  auto snap = ctx.Current();
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  FrontQuery q = ParseFrontQuery(req, ctx.options().front_page_stories);
  json list = json::array();
  for (const StoryCard* c : SelectStories(**snap, q)) list.push_back(Card(*c));
  return Json(json{{"reference_time", FormatIsoTime((*snap)->reference_time)},
                   {"stories", list}},
              (*snap)->reference_time);
}

Response ApiStory(Context& ctx, const Request& req, const Captures& c) {
  return StoryJson(ctx, req, c[0], 0);
}

Response ApiVersion(Context& ctx, const Request& req, const Captures& c) {
  int v = std::stoi(c[1]);
  if (v <= 0) return Error(req, 404, "versions start at 1");
  return StoryJson(ctx, req, c[0], v);
}

Response ApiHistory(Context& ctx, const Request& req, const Captures& c) {
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto hist = (*db)->PageHistory(c[0]);
  if (!hist.ok()) return Error(req, 500, hist.status().message());
  if (hist->empty()) return Error(req, 404, "no story page " + c[0]);
  json list = json::array();
  for (const store::PageVersion& v : *hist)
    list.push_back({{"version", v.version},
                    {"composed_at", FormatIsoTime(v.composed_at)},
                    {"url", "/api/stories/" + c[0] + "/versions/" +
                                std::to_string(v.version)}});
  return Json(json{{"story", c[0]}, {"versions", list}});
}

Response ApiArticle(Context& ctx, const Request& req, const Captures& c) {
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto a = (*db)->GetArticle(c[0]);
  if (!a.ok()) return Error(req, 500, a.status().message());
  if (!a->has_value()) return Error(req, 404, "no article " + c[0]);
  const Article& x = (*a)->article;
  json blocks = json::array();
  for (const Block& b : x.blocks)
    blocks.push_back({{"kind", b.kind},
                      {"begin", b.text.begin},
                      {"end", b.text.end},
                      {"html_begin", b.source.begin},
                      {"html_end", b.source.end}});
  json links = json::array();
  for (const Link& l : x.links)
    links.push_back({{"url", l.url}, {"anchor", l.anchor}});
  return Json(json{{"id", x.id},
                   {"url", x.url},
                   {"canonical_url", x.canonical_url},
                   {"outlet", x.outlet},
                   {"title", x.title},
                   {"byline", x.byline},
                   {"published", FormatIsoTime(x.published)},
                   {"published_guessed", x.published_guessed},
                   {"language", x.language},
                   {"kind", ArticleKindName(x.kind)},
                   {"duplicate_of", x.duplicate_of},
                   {"story", (*a)->story_id},
                   {"event", (*a)->event_id},
                   {"text", x.text},
                   {"blocks", blocks},
                   {"links", links}},
              x.published);
}

Response ApiOutlet(Context& ctx, const Request& req, const Captures& c) {
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto arts = (*db)->OutletArticles(c[0], 200);
  if (!arts.ok()) return Error(req, 500, arts.status().message());
  if (arts->empty()) return Error(req, 404, "no articles from " + c[0]);
  json list = json::array();
  for (const store::ArticleSummary& a : *arts)
    list.push_back({{"id", a.id},
                    {"title", a.title},
                    {"url", a.url},
                    {"published", FormatIsoTime(a.published)},
                    {"language", a.language},
                    {"kind", a.kind},
                    {"story", a.story_id},
                    {"event", a.event_id}});
  return Json(json{{"outlet", c[0]}, {"articles", list}});
}

Response ApiSearch(Context& ctx, const Request& req, const Captures&) {
  std::string q = req.Param("q").substr(0, 200);
  if (q.empty()) return Error(req, 400, "missing query parameter q");
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto hits = (*db)->Search(q, 20);
  if (!hits.ok()) return Error(req, 500, hits.status().message());
  json list = json::array();
  for (const store::SearchHit& h : *hits) {
    json j{{"kind", h.kind},
           {"id", h.id},
           {"title", h.title},
           {"snippet", h.snippet},
           {"score", h.score},
           {"url", (h.kind == "story" ? "/s/" : "/a/") + h.id}};
    if (h.kind == "article") {
      j["outlet"] = h.outlet;
      j["published"] = FormatIsoTime(h.published);
    }
    list.push_back(j);
  }
  return Json(json{{"query", q}, {"hits", list}});
}

}  // namespace storyline::server::internal
