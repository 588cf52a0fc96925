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
// "/following" (+ ".opml"), "/static/*", and "/api/..." as JSON.
//
// Reading only: the server never writes the store, so `storyline ingest`
// (or the crawler) can write the same SQLite file while it serves. A
// response cache is keyed by the request and the store's generation; the
// generation is re-read at most every `refresh_ms`, so new articles show
// within that time.
// Thread-safety: handlers run on a thread pool; each borrows its own store
// connection from a pool. Stop() may be called from any thread (a signal
// watcher, a test).
#ifndef STORYLINE_SERVER_SERVER_H_
#define STORYLINE_SERVER_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace storyline::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // Request handler threads. A keep-alive connection holds its thread
  // while it is open, so this bounds concurrent connections; others wait.
  int threads = 64;
  // Store connections held at most (PostgreSQL sessions count against the
  // server's max_connections, 100 by default: two servers and an assigner
  // must fit). A handler waits for a free one. On PostgreSQL they are
  // opened when the server starts, so the first requests do not pay for
  // new sessions.
  int max_store_connections = 24;
  // Budgets for untrusted clients.
  size_t max_body_bytes = 16 * 1024;  // only tiny forms are ever posted
  int max_headers = 64;               // more: 431
  int read_timeout_s = 5;             // per read of a request
  int write_timeout_s = 5;
  int keep_alive_requests = 100000;
  int keep_alive_timeout_s = 5;
  // Caching of rendered responses.
  int refresh_ms = 200;  // how often the store generation is re-read
  size_t cache_entries = 4096;
  // Front page.
  int front_page_stories = 50;
  // Absolute URL of the site for feeds ("https://news.example"); empty:
  // "http://<host>:<port>".
  std::string base_url;
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
