// Route table, dispatch with caching, and the HTML handlers.
#include "server/internal/routes.h"

#include <re2/re2.h>

#include <algorithm>
#include <memory>

#include "common/strings.h"
#include "compose/compose.h"
#include "server/internal/views.h"

namespace storyline::server::internal {
namespace {

constexpr char kSeenCookie[] = "sl_seen";
constexpr char kFollowCookie[] = "sl_follow";
constexpr size_t kMaxCookieEntries = 50;

Response Html(std::string body, int64_t last_modified = 0) {
  Response r;
  r.body = std::move(body);
  r.last_modified = last_modified;
  return r;
}

Response Redirect(int status, const std::string& location) {
  Response r;
  r.status = status;
  r.location = location;  // always a path on this site
  r.body = "<a href=\"" + HtmlEscape(location) + "\">moved</a>";
  return r;
}

Result<std::shared_ptr<const Snapshot>> Snap(Context& ctx) {
  return ctx.Current();
}

// "id:ver|id:ver" (sl_seen) or "id|id" (sl_follow); ids are validated.
std::vector<std::pair<std::string, int>> ParseList(const std::string& v) {
  std::vector<std::pair<std::string, int>> out;
  for (const std::string& item : Split(v, '|')) {
    if (out.size() >= kMaxCookieEntries) break;
    size_t colon = item.find(':');
    std::string id = item.substr(0, colon);
    if (!RE2::FullMatch(id, "[0-9a-f]{1,32}")) continue;
    int ver = 0;
    if (colon != std::string::npos) {
      std::string n = item.substr(colon + 1);
      if (n.empty() || n.size() > 6 || !RE2::FullMatch(n, "[0-9]+")) continue;
      ver = std::stoi(n);
    }
    out.push_back({id, ver});
  }
  return out;
}

std::string CookieHeader(const char* name, const std::string& value) {
  return std::string(name) + "=" + value +
         "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";
}

Response Front(Context& ctx, const Request& req, const Captures&) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  FrontQuery q = ParseFrontQuery(req, ctx.options().front_page_stories);
  std::map<std::string, int> langs;
  for (const StoryCard& c : (*snap)->ranked)
    for (const std::string& l : c.languages) langs[l]++;
  std::vector<std::string> languages;
  for (const auto& [l, n] : langs) languages.push_back(l);
  FrontFilter f{q.language, q.days};
  return Html(FrontHtml(**snap, SelectStories(**snap, q), f, languages),
              (*snap)->reference_time);
}

// Loads the latest page (or version `version` when > 0) of a published
// story. Fills *redirect when the story was merged into another.
Result<compose::StoryPage> LoadStory(Context& ctx, const std::string& id,
                                     int version, int* latest,
                                     std::string* redirect) {
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return db.status();
  Result<std::string> json = (*db)->PageJson(id);
  if (!json.ok()) {
    if (json.status().code() == StatusCode::kNotFound) {
      auto r = (*db)->Redirect(id);
      if (r.ok() && r->has_value()) *redirect = **r;
    }
    return json.status();
  }
  Result<std::vector<store::PageVersion>> hist = (*db)->PageHistory(id);
  if (!hist.ok()) return hist.status();
  *latest = hist->empty() ? 0 : hist->front().version;
  if (version > 0 && version != *latest) {
    json = (*db)->PageJsonAt(id, version);
    if (!json.ok()) return json.status();
  }
  return compose::FromJson(*json);
}

Response StoryCommon(Context& ctx, const Request& req, const std::string& id,
                     int version) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  int latest = 0;
  std::string redirect;
  Result<compose::StoryPage> page =
      LoadStory(ctx, id, version, &latest, &redirect);
  if (!redirect.empty()) return Redirect(301, "/s/" + PathPart(redirect));
  if (!page.ok()) {
    if (page.status().code() == StatusCode::kNotFound)
      return Error(req, 404,
                   "No story page " + id +
                       ". Stories get a page once two outlets report them.");
    return Error(req, 500, page.status().message());
  }
  if (!(*snap)->by_id.count(id))
    return Error(req, 404,
                 "Story " + id +
                     " has no published page yet (it needs reports from two "
                     "outlets and a page that passes verification).");
  ReaderState reader;
  Response r;
  if (version == 0) {
    auto seen = ParseList(req.Cookie(kSeenCookie));
    for (const auto& [sid, v] : seen)
      if (sid == id) reader.seen_version = v;
    for (const auto& [sid, v] : ParseList(req.Cookie(kFollowCookie)))
      reader.following |= sid == id;
    if (reader.seen_version > 0 && reader.seen_version < latest) {
      int unused = 0;
      std::string unused_redirect;
      auto old =
          LoadStory(ctx, id, reader.seen_version, &unused, &unused_redirect);
      if (old.ok())
        for (const compose::SubStory& s : old->substories)
          reader.seen_events.insert(s.event_id);
      else
        reader.seen_version = 0;
    }
    // Remember the version this reader has now seen (most recent first).
    std::string cookie = id + ":" + std::to_string(latest);
    for (const auto& [sid, v] : seen)
      if (sid != id) cookie += "|" + sid + ":" + std::to_string(v);
    r.headers.push_back({"Set-Cookie", CookieHeader(kSeenCookie, cookie)});
  }
  r.body = StoryHtml(*page, version ? version : latest, **snap, reader);
  r.last_modified = page->updated;
  return r;
}

Response Story(Context& ctx, const Request& req, const Captures& c) {
  return StoryCommon(ctx, req, c[0], 0);
}

Response StoryVersion(Context& ctx, const Request& req, const Captures& c) {
  if (c[1].size() > 6) return Error(req, 404, "No such version.");
  return StoryCommon(ctx, req, c[0], std::stoi(c[1]));
}

Response History(Context& ctx, const Request& req, const Captures& c) {
  int latest = 0;
  std::string redirect;
  auto page = LoadStory(ctx, c[0], 0, &latest, &redirect);
  if (!redirect.empty())
    return Redirect(301, "/s/" + PathPart(redirect) + "/history");
  if (!page.ok()) return Error(req, 404, "No story page " + c[0] + ".");
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto hist = (*db)->PageHistory(c[0]);
  if (!hist.ok()) return Error(req, 500, hist.status().message());
  return Html(HistoryHtml(*page, *hist), page->updated);
}

Response StoryFeed(Context& ctx, const Request& req, const Captures& c) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  int latest = 0;
  std::string redirect;
  auto page = LoadStory(ctx, c[0], 0, &latest, &redirect);
  if (!redirect.empty())
    return Redirect(301, "/s/" + PathPart(redirect) + ".atom");
  if (!page.ok() || !(*snap)->by_id.count(c[0]))
    return Error(req, 404, "No story page " + c[0] + ".");
  Response r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = StoryAtom(*page, ctx.base_url());
  r.last_modified = page->updated;
  return r;
}

Response Follow(Context& ctx, const Request& req, const Captures& c) {
  // Cross-site form posts are refused: browsers say where a POST comes
  // from in Sec-Fetch-Site, and (older ones) in Origin.
  bool cross_site = !req.fetch_site.empty() &&
                    req.fetch_site != "same-origin" && req.fetch_site != "none";
  if (req.fetch_site.empty() && !req.origin.empty() &&
      req.origin != "http://" + req.host && req.origin != "https://" + req.host)
    cross_site = true;
  if (cross_site) return Error(req, 403, "Cross-site request refused.");
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  const std::string& id = c[0];
  if (!(*snap)->by_id.count(id)) return Error(req, 404, "No story " + id + ".");
  std::vector<std::string> ids;
  bool was = false;
  for (const auto& [sid, v] : ParseList(req.Cookie(kFollowCookie))) {
    if (sid == id)
      was = true;
    else
      ids.push_back(sid);
  }
  if (!was) ids.insert(ids.begin(), id);
  if (ids.size() > kMaxCookieEntries) ids.resize(kMaxCookieEntries);
  Response r = Redirect(303, "/s/" + PathPart(id));
  r.cacheable = false;
  r.headers.push_back(
      {"Set-Cookie", CookieHeader(kFollowCookie, Join(ids, "|"))});
  return r;
}

std::vector<const StoryCard*> Followed(const Snapshot& snap,
                                       const Request& req) {
  std::vector<const StoryCard*> out;
  for (const auto& [sid, v] : ParseList(req.Cookie(kFollowCookie))) {
    auto it = snap.by_id.find(sid);
    if (it != snap.by_id.end()) out.push_back(&snap.ranked[it->second]);
  }
  return out;
}

Response Following(Context& ctx, const Request& req, const Captures&) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  Response r = Html(FollowingHtml(Followed(**snap, req)));
  r.max_age = 0;
  return r;
}

Response FollowingOpml(Context& ctx, const Request& req, const Captures&) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  Response r;
  r.content_type = "text/x-opml; charset=utf-8";
  r.body = Opml(Followed(**snap, req), ctx.base_url());
  r.max_age = 0;
  r.headers.push_back(
      {"Content-Disposition", "attachment; filename=\"storyline.opml\""});
  return r;
}

Response FrontFeed(Context& ctx, const Request& req, const Captures&) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  FrontQuery q = ParseFrontQuery(req, ctx.options().front_page_stories);
  Response r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = FrontAtom(SelectStories(**snap, q), ctx.base_url(),
                     (*snap)->reference_time);
  r.last_modified = (*snap)->reference_time;
  return r;
}

Response ArticlePage(Context& ctx, const Request& req, const Captures& c) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto a = (*db)->GetArticle(c[0]);
  if (!a.ok()) return Error(req, 500, a.status().message());
  if (!a->has_value()) return Error(req, 404, "No article " + c[0] + ".");
  const StoryCard* story = nullptr;
  if (auto it = (*snap)->by_id.find((*a)->story_id); it != (*snap)->by_id.end())
    story = &(*snap)->ranked[it->second];
  return Html(ArticleHtml(**a, story), (*a)->article.published);
}

Response OutletPage(Context& ctx, const Request& req, const Captures& c) {
  auto snap = Snap(ctx);
  if (!snap.ok()) return Error(req, 503, snap.status().message());
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto arts = (*db)->OutletArticles(c[0], 200);
  if (!arts.ok()) return Error(req, 500, arts.status().message());
  if (arts->empty()) return Error(req, 404, "No articles from " + c[0] + ".");
  return Html(OutletHtml(c[0], *arts, **snap), arts->front().published);
}

Response SearchPage(Context& ctx, const Request& req, const Captures&) {
  std::string q = req.Param("q").substr(0, 200);
  std::vector<store::SearchHit> hits;
  if (!q.empty()) {
    auto db = ctx.pool().Acquire();
    if (!db.ok()) return Error(req, 503, db.status().message());
    auto h = (*db)->Search(q, 20);
    if (!h.ok()) return Error(req, 500, h.status().message());
    hits = std::move(h).value();
  }
  return Html(SearchHtml(q, hits));
}

Response Static(Context&, const Request& req, const Captures& c) {
  Response r;
  const std::string* body = Asset(c[0], &r.content_type);
  if (!body) return Error(req, 404, "No such file.");
  r.body = *body;
  r.max_age = 3600;
  return r;
}

Response Favicon(Context&, const Request&, const Captures&) {
  Response r = Redirect(301, "/static/icon.svg");
  r.max_age = 86400;
  return r;
}

}  // namespace

Response Error(const Request& req, int status, const std::string& message) {
  Response r;
  r.status = status;
  r.cacheable = false;
  r.max_age = 0;
  if (StartsWith(req.path, "/api/")) {
    r.content_type = "application/json; charset=utf-8";
    r.body = "{\"error\":{\"status\":" + std::to_string(status) +
             ",\"message\":\"" + JsonEscape(SanitizeUtf8(message)) + "\"}}\n";
  } else {
    r.body = ErrorHtml(status, message);
  }
  return r;
}

FrontQuery ParseFrontQuery(const Request& req, int default_limit) {
  FrontQuery q;
  q.limit = default_limit;
  std::string lang = req.Param("lang");
  if (RE2::FullMatch(lang, "[a-z]{2,3}")) q.language = lang;
  std::string days = req.Param("days");
  if (RE2::FullMatch(days, "[0-9]{1,4}")) q.days = std::stoi(days);
  std::string limit = req.Param("limit");
  if (RE2::FullMatch(limit, "[0-9]{1,3}"))
    q.limit = std::clamp(std::stoi(limit), 1, 200);
  return q;
}

std::vector<const StoryCard*> SelectStories(const Snapshot& snap,
                                            const FrontQuery& q) {
  std::vector<const StoryCard*> out;
  for (const StoryCard& c : snap.ranked) {
    if (static_cast<int>(out.size()) >= q.limit) break;
    if (!q.language.empty() && std::find(c.languages.begin(), c.languages.end(),
                                         q.language) == c.languages.end())
      continue;
    if (q.days > 0 && c.row.updated < snap.reference_time - q.days * 86400LL)
      continue;
    out.push_back(&c);
  }
  return out;
}

// Ids are lower-case hex; outlet names and asset names are bounded.
const std::vector<Route>& Routes() {
  static const std::vector<Route> routes = {
      {"GET", "/", Front, "front"},
      {"GET", "/feed\\.atom", FrontFeed, "front_feed"},
      {"GET", "/s/([0-9a-f]{1,32})", Story, "story"},
      {"GET", "/s/([0-9a-f]{1,32})\\.atom", StoryFeed, "story_feed"},
      {"GET", "/s/([0-9a-f]{1,32})/history", History, "story_history"},
      {"GET", "/s/([0-9a-f]{1,32})/v/([0-9]{1,6})", StoryVersion,
       "story_version"},
      {"POST", "/s/([0-9a-f]{1,32})/follow", Follow, "follow"},
      {"GET", "/a/([0-9a-f]{1,32})", ArticlePage, "article"},
      {"GET", "/o/([^/]{1,200})", OutletPage, "outlet"},
      {"GET", "/search", SearchPage, "search"},
      {"GET", "/following", Following, "following"},
      {"GET", "/following\\.opml", FollowingOpml, "following_opml"},
      {"GET", "/static/([a-z]{1,20}\\.(?:css|js|svg))", Static, "static"},
      {"GET", "/favicon\\.ico", Favicon, "favicon"},
      {"GET", "/healthz", Health, "healthz"},
      {"GET", "/metrics", MetricsPage, "metrics"},
      {"GET", "/admin/feeds", AdminFeeds, "admin"},
      {"POST", "/admin/feeds", AdminFeedsPost, "admin"},
      {"POST", "/admin/login", AdminLogin, "admin"},
      {"GET", "/api/stories", ApiStories, "api_stories"},
      {"GET", "/api/stories/([0-9a-f]{1,32})", ApiStory, "api_story"},
      {"GET", "/api/stories/([0-9a-f]{1,32})/history", ApiHistory,
       "api_history"},
      {"GET", "/api/stories/([0-9a-f]{1,32})/versions/([0-9]{1,6})", ApiVersion,
       "api_version"},
      {"GET", "/api/articles/([0-9a-f]{1,32})", ApiArticle, "api_article"},
      {"GET", "/api/outlets/([^/]{1,200})", ApiOutlet, "api_outlet"},
      {"GET", "/api/search", ApiSearch, "api_search"},
  };
  return routes;
}

namespace {

struct Compiled {
  const Route* route;
  std::unique_ptr<RE2> re;
};

const std::vector<Compiled>& CompiledRoutes() {
  static const std::vector<Compiled>* compiled = [] {
    auto* v = new std::vector<Compiled>;
    for (const Route& r : Routes())
      v->push_back({&r, std::make_unique<RE2>(r.pattern)});
    return v;
  }();
  return *compiled;
}

// The cache key: method, path and the query parameters in order.
std::string CacheKey(const Request& req) {
  std::string k = req.method + " " + req.path;
  for (const auto& [name, value] : req.params) k += "\n" + name + "=" + value;
  return k;
}

}  // namespace

std::shared_ptr<const Response> Dispatch(Context& ctx, const Request& req,
                                         const char** route) {
  *route = "none";
  bool path_matched = false;
  for (const Compiled& c : CompiledRoutes()) {
    int n = c.re->NumberOfCapturingGroups();
    std::vector<std::string> caps(static_cast<size_t>(n));
    std::vector<RE2::Arg> args(caps.size());
    std::vector<const RE2::Arg*> argp(caps.size());
    for (size_t i = 0; i < caps.size(); ++i) {
      args[i] = &caps[i];
      argp[i] = &args[i];
    }
    if (!RE2::FullMatchN(req.path, *c.re, argp.data(), n)) continue;
    path_matched = true;
    if (req.method != c.route->method &&
        !(req.method == "HEAD" && std::string(c.route->method) == "GET"))
      continue;
    *route = c.route->name;
    // Requests without reader cookies share cached responses.
    bool shareable = req.method != "POST" && req.Cookie("sl_seen").empty() &&
                     req.Cookie("sl_follow").empty();
    int64_t generation = -1;
    std::string key;
    if (shareable) {
      auto snap = ctx.Current();
      if (snap.ok()) {
        generation = (*snap)->generation;
        key = CacheKey(req);
        if (auto cached = ctx.CacheGet(key, generation)) return cached;
      }
    }
    auto r = std::make_shared<Response>(c.route->handler(ctx, req, caps));
    if (r->status == 200 && r->etag.empty())
      r->etag = "\"" + Hex64(Fnv1a64(r->body)) + "\"";
    if (shareable && generation >= 0 && r->cacheable && r->status == 200) {
      AddGzipBody(r.get());
      ctx.CachePut(key, generation, r);
    }
    return r;
  }
  if (path_matched)
    return std::make_shared<Response>(
        Error(req, 405, "Method " + req.method + " not allowed here."));
  return std::make_shared<Response>(
      Error(req, 404, "Nothing at " + req.path + "."));
}

}  // namespace storyline::server::internal
