// server: the web app and JSON API over a story store.
//
//   server::Options o;  o.port = 8080;
//   auto s = server::Server::Open("storyline.db", o, &clock);
//   if (!s.ok()) ...;
//   (*s)->Listen();            // blocks until Stop() (from any thread)
//
// Routes (docs/api.md): "/" front page, "/s/<id>" story page (301 to the
// survivor when merged), "/s/<id>/history", "/s/<id>.atom", "/a/<id>"
// article, "/o/<outlet>" outlet, "/search?q=", "/feed.atom",
// "/following" (+ ".opml"), "/static/*", "/api/..." as JSON, "/healthz",
// "/metrics" (Prometheus text) and, when configured, "/admin/feeds".
//
// Reading only (but for the feeds admin page's changes to the feed list):
// the server never writes articles or pages, so `storyline ingest`
// (or the crawler) can write the same SQLite file while it serves. A
// response cache is keyed by the request and the store's generation; the
// generation is re-read at most every `refresh_ms`, so new articles show
// within that time.
// Thread-safety: handlers run on the event-loop threads; each borrows its
// own store connection from a pool. Stop() may be called from any thread (a
// signal watcher, a test).
#ifndef STORYLINE_SERVER_SERVER_H_
#define STORYLINE_SERVER_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/metrics.h"
#include "common/status.h"

namespace storyline::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // Event-loop threads (libmicrohttpd, epoll). Each serves any number of
  // connections and runs their handlers; a slow or idle client holds a
  // socket, never a thread. 0: two per core.
  int threads = 0;
  // Store connections held at most (PostgreSQL sessions count against the
  // server's max_connections, 100 by default: two servers and an assigner
  // must fit). A handler waits for a free one. On PostgreSQL they are
  // opened when the server starts, so the first requests do not pay for
  // new sessions.
  int max_store_connections = 24;
  // Budgets for untrusted clients.
  int max_connections = 512;  // open at once; more are refused at accept
  // Request line and headers together (and the read buffer): a request
  // that does not fit is answered 431 and the connection closed.
  size_t max_request_bytes = 64 * 1024;
  size_t max_body_bytes = 16 * 1024;  // only tiny forms are ever posted
  int max_headers = 64;               // more: 431
  // A connection with no traffic in either direction for this long is
  // closed (between keep-alive requests, or a client that stopped).
  int idle_timeout_s = 10;
  // Caching of rendered responses.
  int refresh_ms = 200;  // how often the store generation is re-read
  size_t cache_entries = 4096;
  // Front page.
  int front_page_stories = 50;
  // Absolute URL of the site for feeds ("https://news.example"); empty:
  // "http://<host>:<port>".
  std::string base_url;
  // Where the server counts its requests, also served at /metrics with the
  // store's figures (docs/operations.md). Not owned; must outlive the
  // server. Null: the server keeps its own. `storyline run` passes the one
  // its crawler and pipeline count into too.
  Metrics* metrics = nullptr;
  // The feeds admin page (/admin/feeds): off while empty. Otherwise a
  // request needs this token (Authorization: Bearer, or the login form's
  // cookie) and, while admin_loopback_only, a loopback client address.
  std::string admin_token;
  bool admin_loopback_only = true;
};

class Server {
 public:
  virtual ~Server() = default;
  // Opens `db_path` (migrating it once if needed) and binds the socket.
  // `clock` must outlive the server.
  static Result<std::unique_ptr<Server>> Open(const std::string& db_path,
                                              const Options& options,
                                              const Clock* clock);
  // Serves until Stop(); returns an error if serving failed.
  virtual Status Listen() = 0;
  // Stops accepting, finishes in-flight requests; Listen() then returns.
  virtual void Stop() = 0;
  // The bound port (useful with Options::port = 0).
  virtual int port() const = 0;
};

}  // namespace storyline::server

#endif  // STORYLINE_SERVER_SERVER_H_
