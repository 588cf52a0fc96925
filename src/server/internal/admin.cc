// The feeds admin page: /admin/feeds (docs/operations.md). Off unless the
// server has an admin token; then a request needs the token (an
// "Authorization: Bearer" header, or the cookie the login form sets) and,
// unless admin_loopback_only is false, must come from a loopback address.
// Changes go through crawl/feeds.h, the same all-or-nothing path as
// `storyline feeds`; a running crawler sees them at its next round.
#include <algorithm>
#include <ctime>

#include "common/strings.h"
#include "common/time.h"
#include "crawl/crawler.h"
#include "crawl/feeds.h"
#include "server/internal/routes.h"
#include "server/internal/views.h"

namespace storyline::server::internal {
namespace {

constexpr char kAdminCookie[] = "sl_admin";

// Compares without stopping at the first difference.
bool SameSecret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i)
    diff |=
        static_cast<unsigned char>(a[i] ^ b[i % std::max<size_t>(1, b.size())]);
  return diff == 0 && !b.empty();
}

bool CrossSite(const Request& req) {
  if (!req.fetch_site.empty())
    return req.fetch_site != "same-origin" && req.fetch_site != "none";
  return !req.origin.empty() && req.origin != "http://" + req.host &&
         req.origin != "https://" + req.host;
}

Response Page(int status, const std::string& body) {
  Response r;
  r.status = status;
  r.body = Layout("Feeds · admin", body, {});
  r.cacheable = false;
  r.max_age = 0;
  r.headers.push_back({"X-Robots-Tag", "noindex"});
  return r;
}

// Why the request may not use the admin page ("" when it may); *status
// is the answer's status.
std::string Refusal(Context& ctx, const Request& req, int* status) {
  const Options& o = ctx.options();
  *status = 404;
  if (o.admin_token.empty()) return "Nothing at " + req.path + ".";
  *status = 403;
  if (o.admin_loopback_only && !req.loopback)
    return "The admin page answers on loopback only.";
  *status = 401;
  std::string given = req.Cookie(kAdminCookie);
  if (StartsWith(req.authorization, "Bearer "))
    given = req.authorization.substr(7);
  if (!SameSecret(given, o.admin_token)) return "";  // login form
  *status = 200;
  return "";
}

std::string LoginForm(const std::string& message) {
  std::string o = "<h1>Feeds</h1>";
  if (!message.empty())
    o += "<p role=\"alert\">" + HtmlEscape(message) + "</p>";
  return o +
         "<form method=\"post\" action=\"/admin/login\"><label>Admin token "
         "<input type=\"password\" name=\"token\" autocomplete=\"off\" "
         "required></label> <button>Sign in</button></form>";
}

std::string When(int64_t t) { return t > 0 ? FormatIsoTime(t) : "never"; }

std::string FeedsPage(const std::vector<store::FeedState>& feeds,
                      const std::string& message, int64_t now) {
  std::string o = "<h1>Feeds</h1>";
  if (!message.empty())
    o += "<p role=\"status\">" + HtmlEscape(message) + "</p>";
  o += "<p>" + std::to_string(feeds.size()) +
       " feeds. A running crawler sees a change at its next round.</p>";
  o += "<table><thead><tr><th>Feed</th><th>Status</th><th>Polls</th>"
       "<th>Items</th><th>Last poll</th><th>Next poll</th><th></th></tr>"
       "</thead><tbody>";
  for (const store::FeedState& f : feeds) {
    int64_t last = f.polls > 0 ? f.next_poll - f.interval_s : 0;
    o += "<tr><td>" + HtmlEscape(f.url) + "</td><td>" +
         HtmlEscape(f.polls > 0 ? f.last_status : "not polled yet") +
         "</td><td>" + std::to_string(f.polls) + "</td><td>" +
         std::to_string(f.items) + "</td><td>" + When(last) + "</td><td>" +
         (f.next_poll <= now ? "now" : When(f.next_poll)) +
         "</td><td><form method=\"post\" action=\"/admin/feeds\">"
         "<input type=\"hidden\" name=\"action\" value=\"remove\">"
         "<input type=\"hidden\" name=\"url\" value=\"" +
         HtmlEscape(f.url) + "\"><button>Remove</button></form></td></tr>";
  }
  o += "</tbody></table>";
  o += "<h2>Add feeds</h2><form method=\"post\" action=\"/admin/feeds\">"
       "<input type=\"hidden\" name=\"action\" value=\"add\">"
       "<label>Feed URLs, one per line<br><textarea name=\"urls\" rows=\"4\" "
       "cols=\"60\" required></textarea></label><br><button>Add</button>"
       "</form>";
  o += "<h2>Import OPML</h2><form method=\"post\" action=\"/admin/feeds\">"
       "<input type=\"hidden\" name=\"action\" value=\"import\">"
       "<label>OPML (up to 16 KB; larger files: <code>storyline feeds "
       "import</code>)<br><textarea name=\"opml\" rows=\"6\" cols=\"60\" "
       "required></textarea></label><br><button>Import</button></form>";
  return o;
}

Response Show(Context& ctx, const Request& req, int status,
              const std::string& message) {
  auto db = ctx.pool().Acquire();
  if (!db.ok()) return Error(req, 503, db.status().message());
  auto feeds = (*db)->Feeds();
  if (!feeds.ok()) return Error(req, 503, feeds.status().message());
  return Page(status, FeedsPage(*feeds, message, ctx.clock().NowSeconds()));
}

}  // namespace

Response AdminFeeds(Context& ctx, const Request& req, const Captures&) {
  int status = 0;
  std::string why = Refusal(ctx, req, &status);
  if (status == 404 || status == 403) return Error(req, status, why);
  if (status == 401) return Page(401, LoginForm(""));
  return Show(ctx, req, 200, "");
}

Response AdminLogin(Context& ctx, const Request& req, const Captures&) {
  int status = 0;
  std::string why = Refusal(ctx, req, &status);
  if (status == 404 || status == 403) return Error(req, status, why);
  if (CrossSite(req)) return Error(req, 403, "Cross-site request refused.");
  if (!SameSecret(req.Param("token"), ctx.options().admin_token))
    return Page(401, LoginForm("That is not the admin token."));
  Response r;
  r.status = 303;
  r.location = "/admin/feeds";
  r.cacheable = false;
  r.max_age = 0;
  r.headers.push_back({"Set-Cookie", std::string(kAdminCookie) + "=" +
                                         ctx.options().admin_token +
                                         "; Path=/admin; HttpOnly; "
                                         "SameSite=Strict"});
  return r;
}

Response AdminFeedsPost(Context& ctx, const Request& req, const Captures&) {
  int status = 0;
  std::string why = Refusal(ctx, req, &status);
  if (status == 404 || status == 403) return Error(req, status, why);
  if (status == 401) return Page(401, LoginForm("Sign in first."));
  if (CrossSite(req)) return Error(req, 403, "Cross-site request refused.");
  // The pool's connections only read: a change opens its own.
  auto db = store::Open(ctx.db_path(), {});
  if (!db.ok()) return Error(req, 503, db.status().message());
  const std::string action = req.Param("action");
  std::string message;
  Status st;
  if (action == "add" || action == "import") {
    std::vector<std::string> urls;
    if (action == "add") {
      for (const std::string& line : Split(req.Param("urls"), '\n'))
        if (!Trim(line).empty()) urls.push_back(std::string(Trim(line)));
    } else {
      auto read = crawl::ReadOpml(req.Param("opml"));
      if (!read.ok()) return Show(ctx, req, 400, read.status().message());
      urls = *read;
    }
    if (urls.empty()) return Show(ctx, req, 400, "No feed URL given.");
    auto change =
        crawl::AddFeeds(db->get(), urls, crawl::Options{}.initial_poll_s);
    if (!change.ok()) return Show(ctx, req, 400, change.status().message());
    message = "Added " + std::to_string(change->added.size()) + " feeds";
    if (!change->known.empty())
      message +=
          " (" + std::to_string(change->known.size()) + " already listed)";
    message += ".";
  } else if (action == "remove") {
    st = crawl::RemoveFeeds(db->get(), {req.Param("url")});
    if (!st.ok()) return Show(ctx, req, 400, st.message());
    message = "Removed " + req.Param("url") + ".";
  } else {
    return Show(ctx, req, 400, "Unknown action.");
  }
  return Show(ctx, req, 200, message);
}

}  // namespace storyline::server::internal
