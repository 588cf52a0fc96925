// The route table and request dispatch (internal).
//
// Dispatch() matches the method and path against the table, serves from
// the response cache when the request carries no reader cookies, and turns
// every failure into a proper status with a message (JSON under /api/).
#ifndef STORYLINE_SERVER_INTERNAL_ROUTES_H_
#define STORYLINE_SERVER_INTERNAL_ROUTES_H_

#include <memory>
#include <string>
#include <vector>

#include "server/internal/context.h"
#include "server/internal/http.h"

namespace storyline::server::internal {

using Captures = std::vector<std::string>;
using Handler = Response (*)(Context&, const Request&, const Captures&);

struct Route {
  const char* method;
  const char* pattern;  // RE2, matched against the whole decoded path
  Handler handler;
  const char* name;  // the "route" label of the request metrics
};

const std::vector<Route>& Routes();
// *route: the matched route's name ("none" when no route matched).
std::shared_ptr<const Response> Dispatch(Context& ctx, const Request& req,
                                         const char** route);

// Error responses (HTML, or JSON for /api/ paths).
Response Error(const Request& req, int status, const std::string& message);

// Handlers of the JSON API (api.cc).
Response ApiStories(Context&, const Request&, const Captures&);
Response ApiStory(Context&, const Request&, const Captures&);
Response ApiHistory(Context&, const Request&, const Captures&);
Response ApiVersion(Context&, const Request&, const Captures&);
Response ApiArticle(Context&, const Request&, const Captures&);
Response ApiOutlet(Context&, const Request&, const Captures&);
Response ApiSearch(Context&, const Request&, const Captures&);

// The operator's endpoints (ops.cc).
Response Health(Context&, const Request&, const Captures&);
Response MetricsPage(Context&, const Request&, const Captures&);

// The feeds admin page (admin.cc).
Response AdminFeeds(Context&, const Request&, const Captures&);
Response AdminFeedsPost(Context&, const Request&, const Captures&);
Response AdminLogin(Context&, const Request&, const Captures&);

// Shared by the HTML and JSON handlers.
struct FrontQuery {
  std::string language;
  int days = 0;
  int limit = 50;
};
FrontQuery ParseFrontQuery(const Request& req, int default_limit);
std::vector<const StoryCard*> SelectStories(const Snapshot& snap,
                                            const FrontQuery& q);

}  // namespace storyline::server::internal

#endif  // STORYLINE_SERVER_INTERNAL_ROUTES_H_
