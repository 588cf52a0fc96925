// The HTTP adapter: cpp-httplib in, Dispatch() out. Everything that is
// the same for every response lives here: security headers, caching
// validators (ETag / Last-Modified → 304), request budgets.
#include "server/server.h"

#include <httplib.h>

#include <cstdio>

#include "server/internal/context.h"
#include "server/internal/routes.h"

namespace storyline::server {
namespace {

using internal::Context;
using internal::Dispatch;

constexpr char kCsp[] =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "script-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

class HttpServer : public Server {
 public:
  HttpServer(const std::string& db, const Options& o, const Clock* clock)
      : ctx_(db, o, clock), opts_(o) {}

  // Opens every store connection now (PostgreSQL: new sessions cost a few
  // milliseconds each; the first requests should not pay for them).
  Status Prewarm() { return ctx_.pool().Prewarm(opts_.max_store_connections); }

  Status Bind() {
    http_.new_task_queue = [n = opts_.threads] {
      return new httplib::ThreadPool(static_cast<size_t>(std::max(1, n)));
    };
    // Headers and body go out in separate writes: without TCP_NODELAY a
    // small response waits ~40 ms for the client's delayed ACK (Nagle).
    http_.set_tcp_nodelay(true);
    // A whole story page fits in the send buffer, so a handler thread
    // hands it to the kernel and moves on instead of waiting for the
    // client to read.
    http_.set_socket_options([](int sock) {
      int yes = 1, sndbuf = 512 * 1024;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    });
    http_.set_payload_max_length(opts_.max_body_bytes);
    http_.set_read_timeout(opts_.read_timeout_s, 0);
    http_.set_write_timeout(opts_.write_timeout_s, 0);
    http_.set_keep_alive_max_count(
        static_cast<size_t>(std::max(1, opts_.keep_alive_requests)));
    http_.set_keep_alive_timeout(opts_.keep_alive_timeout_s);
    http_.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) {
          if (static_cast<int>(req.headers.size()) > opts_.max_headers) {
            res.status = 431;
            res.set_content("too many request headers\n", "text/plain");
            return httplib::Server::HandlerResponse::Handled;
          }
          return httplib::Server::HandlerResponse::Unhandled;
        });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      Handle(req, res);
    };
    http_.Get(".*", handler);
    http_.Post(".*", handler);
    http_.Put(".*", handler);
    http_.Delete(".*", handler);
    http_.Patch(".*", handler);
    if (opts_.port == 0) {
      port_ = http_.bind_to_any_port(opts_.host);
      if (port_ < 0) port_ = 0;
    } else {
      port_ = http_.bind_to_port(opts_.host, opts_.port) ? opts_.port : 0;
    }
    if (port_ <= 0)
      return Status::IoError("cannot listen on " + opts_.host + ":" +
                             std::to_string(opts_.port) +
                             " (in use? try another --port)");
    ctx_.set_base_url(!opts_.base_url.empty() ? opts_.base_url
                                              : "http://" + opts_.host + ":" +
                                                    std::to_string(port_));
    return Status::Ok();
  }

  Status Listen() override {
    if (!http_.listen_after_bind())
      return stopping_ ? Status::Ok()
                       : Status::IoError("the HTTP server stopped on an error");
    return Status::Ok();
  }
  void Stop() override {
    stopping_ = true;
    http_.stop();
  }
  int port() const override { return port_; }

 private:
  void Handle(const httplib::Request& hreq, httplib::Response& res) {
    internal::Request req;
    req.method = hreq.method;
    req.path = hreq.path;
    for (const auto& [k, v] : hreq.params) req.params.emplace(k, v);
    req.cookies = internal::ParseCookies(hreq.get_header_value("Cookie"));
    req.origin = hreq.get_header_value("Origin");
    req.host = hreq.get_header_value("Host");
    req.fetch_site = hreq.get_header_value("Sec-Fetch-Site");
    internal::SanitizeRequest(&req);
    std::shared_ptr<const internal::Response> shared;
    try {
      shared = Dispatch(ctx_, req);
    } catch (const std::exception& e) {
      // Handlers report failures as statuses; an exception here is a bug,
      // but one request must not take the server down.
      fprintf(stderr, "storyline serve: %s %s: %s\n", req.method.c_str(),
              req.path.c_str(), e.what());
      shared = std::make_shared<internal::Response>(
          internal::Error(req, 500, "internal error"));
    }
    const internal::Response& r = *shared;
    res.set_header("Content-Security-Policy", kCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Vary", "Cookie, Accept-Encoding");
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    res.set_header("Cache-Control",
                   r.max_age > 0
                       ? "public, max-age=" + std::to_string(r.max_age)
                       : std::string("no-cache"));
    if (!r.location.empty()) res.set_header("Location", r.location);
    if (!r.etag.empty()) res.set_header("ETag", r.etag);
    if (r.last_modified > 0)
      res.set_header("Last-Modified",
                     internal::FormatHttpDate(r.last_modified));
    if (r.status == 200 && (req.method == "GET" || req.method == "HEAD")) {
      bool not_modified = false;
      if (hreq.has_header("If-None-Match")) {
        not_modified = internal::EtagMatches(
            hreq.get_header_value("If-None-Match"), r.etag);
      } else if (hreq.has_header("If-Modified-Since") && r.last_modified > 0) {
        int64_t since = 0;
        not_modified =
            internal::ParseHttpDate(hreq.get_header_value("If-Modified-Since"),
                                    &since) &&
            r.last_modified <= since;
      }
      if (not_modified) {
        res.status = 304;
        return;
      }
    }
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
  }

  Context ctx_;
  Options opts_;
  httplib::Server http_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Open(const std::string& db_path,
                                             const Options& options,
                                             const Clock* clock) {
  {
    // Create or migrate the database once; the server then only reads.
    auto db = store::Open(db_path, store::OpenOptions{});
    if (!db.ok()) return db.status();
  }
  auto s = std::make_unique<HttpServer>(db_path, options, clock);
  if (store::IsPostgresTarget(db_path)) SL_RETURN_IF_ERROR(s->Prewarm());
  SL_RETURN_IF_ERROR(s->Bind());
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace storyline::server
