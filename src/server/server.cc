// The HTTP adapter: libmicrohttpd in, Dispatch() out. Everything that is
// the same for every response lives here: security headers, caching
// validators (ETag / Last-Modified → 304), gzip, request budgets. Why this
// engine and what each budget stops: docs/design/server.md.
#include "server/server.h"

#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "common/time.h"
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

// What a request keeps between the access handler's calls: its body.
struct Pending {
  std::string body;
};

// The state of a request without a body (no allocation).
Pending kNoBody;

// Keeps a response's bytes alive until libmicrohttpd has sent them.
struct Hold {
  std::shared_ptr<const internal::Response> response;
  std::shared_ptr<const std::string> gzip;
};

void FreeHold(void* cls) { delete static_cast<Hold*>(cls); }

std::string Header(MHD_Connection* c, const char* name) {
  const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
  return v ? v : "";
}

MHD_Result AddParam(void* cls, enum MHD_ValueKind, const char* key,
                    const char* value) {
  auto* params = static_cast<std::multimap<std::string, std::string>*>(cls);
  if (params->size() >= 256) return MHD_NO;
  params->emplace(key ? key : "", value ? value : "");
  return MHD_YES;
}

// A short plain-text answer that also ends the connection (used when the
// request was refused before its body was read).
MHD_Result Refuse(MHD_Connection* c, unsigned status, const char* text) {
  MHD_Response* r = MHD_create_response_from_buffer(
      strlen(text), const_cast<char*>(text), MHD_RESPMEM_PERSISTENT);
  if (!r) return MHD_NO;
  MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
  MHD_add_response_header(r, "Connection", "close");
  MHD_Result rc = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return rc;
}

// Whether the client connected from a loopback address.
bool IsLoopback(MHD_Connection* c) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (!info || !info->client_addr) return false;
  const sockaddr* a = info->client_addr;
  if (a->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(a);
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  if (a->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a);
    if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) return true;
    return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) &&
           in6->sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

class HttpServer : public Server {
 public:
  HttpServer(const std::string& db, const Options& o, const Clock* clock)
      : ctx_(db, o, clock), opts_(o) {}
  ~HttpServer() override { StopDaemon(); }

  // Opens every store connection now (PostgreSQL: new sessions cost a few
  // milliseconds each; the first requests should not pay for them).
  Status Prewarm() { return ctx_.pool().Prewarm(opts_.max_store_connections); }

  Status Bind() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
    addrinfo* found = nullptr;
    std::string port = std::to_string(opts_.port);
    int gai = getaddrinfo(opts_.host.c_str(), port.c_str(), &hints, &found);
    if (gai != 0 || !found)
      return Status::InvalidArgument("cannot resolve --host " + opts_.host +
                                     ": " + gai_strerror(gai));
    sockaddr_storage addr{};
    memcpy(&addr, found->ai_addr,
           std::min<size_t>(found->ai_addrlen, sizeof addr));
    bool v6 = found->ai_family == AF_INET6;
    freeaddrinfo(found);
    unsigned threads =
        opts_.threads > 0
            ? static_cast<unsigned>(opts_.threads)
            : std::max(2u, 2 * std::thread::hardware_concurrency());
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO;
    if (v6) flags |= MHD_USE_IPv6;
    daemon_ = MHD_start_daemon(
        flags, static_cast<uint16_t>(opts_.port), nullptr, nullptr,
        &HttpServer::OnRequest, this, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        static_cast<unsigned>(std::max(1, opts_.max_connections)),
        MHD_OPTION_CONNECTION_TIMEOUT,
        static_cast<unsigned>(std::max(1, opts_.idle_timeout_s)),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        std::max<size_t>(8 * 1024, opts_.max_request_bytes),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_NOTIFY_COMPLETED,
        &HttpServer::OnCompleted, this, MHD_OPTION_END);
    if (!daemon_)
      return Status::IoError("cannot listen on " + opts_.host + ":" +
                             std::to_string(opts_.port) +
                             " (in use? try another --port)");
    ctx_.StartRefresher();
    const MHD_DaemonInfo* info =
        MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    port_ = info ? info->port : opts_.port;
    ctx_.set_base_url(!opts_.base_url.empty() ? opts_.base_url
                                              : "http://" + opts_.host + ":" +
                                                    std::to_string(port_));
    return Status::Ok();
  }

  // The event loops run on libmicrohttpd's threads from Bind() on; this
  // only waits for Stop() and then closes them.
  Status Listen() override {
    {
      std::unique_lock<std::mutex> l(mu_);
      stop_cv_.wait(l, [&] { return stopping_; });
    }
    StopDaemon();
    return Status::Ok();
  }
  void Stop() override {
    std::lock_guard<std::mutex> l(mu_);
    stopping_ = true;
    stop_cv_.notify_all();
  }
  int port() const override { return port_; }

 private:
  // Stops accepting, lets handlers that are running finish, closes every
  // connection. Idempotent.
  void StopDaemon() {
    std::lock_guard<std::mutex> l(daemon_mu_);
    if (daemon_) MHD_stop_daemon(daemon_);
    daemon_ = nullptr;
    ctx_.StopRefresher();
  }

  // libmicrohttpd calls this once when the headers are in, then once per
  // piece of body, then once more with no data: the request is complete.
  static MHD_Result OnRequest(void* cls, MHD_Connection* c, const char* url,
                              const char* method, const char* /*version*/,
                              const char* upload, size_t* upload_size,
                              void** state) {
    auto* self = static_cast<HttpServer*>(cls);
    auto* pending = static_cast<Pending*>(*state);
    if (!pending) {
      int headers =
          MHD_get_connection_values(c, MHD_HEADER_KIND, nullptr, nullptr);
      if (headers > self->opts_.max_headers)
        return Refuse(c, 431, "too many request headers\n");
      const char* length =
          MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
      bool chunked = MHD_lookup_connection_value(
                         c, MHD_HEADER_KIND, "Transfer-Encoding") != nullptr;
      if (chunked)
        return Refuse(c, 411, "a request body needs a Content-Length\n");
      if (length && strcmp(length, "0") != 0) {
        char* end = nullptr;
        unsigned long long n = strtoull(length, &end, 10);
        if (!end || *end || n > self->opts_.max_body_bytes)
          return Refuse(c, 413, "request body too large\n");
        pending = new Pending;
        pending->body.reserve(static_cast<size_t>(n));
        *state = pending;
        return MHD_YES;  // the body follows
      }
      // Answered on the next call: a response queued while libmicrohttpd
      // still expects a body would close the connection.
      *state = &kNoBody;
      return MHD_YES;
    }
    if (pending == &kNoBody) {
      if (*upload_size > 0) return MHD_NO;  // a body nobody announced
      return self->Answer(c, url, method, nullptr);
    }
    if (*upload_size > 0) {
      // libmicrohttpd holds the client to its Content-Length, checked
      // against the budget above; this bound is a second fence.
      size_t room = self->opts_.max_body_bytes -
                    std::min(pending->body.size(), self->opts_.max_body_bytes);
      pending->body.append(upload, std::min(*upload_size, room));
      *upload_size = 0;
      return MHD_YES;
    }
    return self->Answer(c, url, method, &pending->body);
  }

  static void OnCompleted(void*, MHD_Connection*, void** state,
                          MHD_RequestTerminationCode) {
    if (*state != &kNoBody) delete static_cast<Pending*>(*state);
    *state = nullptr;
  }

  MHD_Result Answer(MHD_Connection* c, const char* url, const char* method,
                    const std::string* body) {
    try {
      return Respond(c, url, method, body);
    } catch (const std::exception& e) {
      // An exception must not cross libmicrohttpd's C frames.
      fprintf(stderr, "storyline serve: %s %s: %s\n", method, url, e.what());
      return Refuse(c, 500, "internal error\n");
    }
  }

  MHD_Result Respond(MHD_Connection* c, const char* url, const char* method,
                     const std::string* body) {
    const auto began = std::chrono::steady_clock::now();
    internal::Request req;
    req.method = method;
    req.path = url;  // percent-decoded by libmicrohttpd, without the query
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, &AddParam, &req.params);
    if (body && Header(c, "Content-Type")
                    .starts_with("application/x-www-form-urlencoded")) {
      for (auto& kv : internal::ParseQuery(*body)) req.params.insert(kv);
    }
    req.cookies = internal::ParseCookies(Header(c, "Cookie"));
    req.origin = Header(c, "Origin");
    req.host = Header(c, "Host");
    req.fetch_site = Header(c, "Sec-Fetch-Site");
    req.authorization = Header(c, "Authorization");
    req.loopback = IsLoopback(c);
    internal::SanitizeRequest(&req);
    std::shared_ptr<const internal::Response> shared;
    const char* route = "none";
    try {
      shared = Dispatch(ctx_, req, &route);
    } catch (const std::exception& e) {
      // Handlers report failures as statuses; an exception here is a bug,
      // but one request must not take the server down.
      fprintf(stderr, "storyline serve: %s %s: %s\n", req.method.c_str(),
              req.path.c_str(), e.what());
      shared = std::make_shared<internal::Response>(
          internal::Error(req, 500, "internal error"));
    }
    const internal::Response& r = *shared;
    unsigned status = static_cast<unsigned>(r.status);
    MHD_Response* out = nullptr;
    bool not_modified = false;
    if (r.status == 200 && (req.method == "GET" || req.method == "HEAD")) {
      std::string inm = Header(c, "If-None-Match");
      std::string ims = Header(c, "If-Modified-Since");
      if (!inm.empty()) {
        not_modified = internal::EtagMatches(inm, r.etag);
      } else if (!ims.empty() && r.last_modified > 0) {
        int64_t since = 0;
        not_modified = ParseRfc822Date(ims, &since) && r.last_modified <= since;
      }
    }
    if (not_modified) {
      status = 304;
      out = MHD_create_response_from_buffer(0, const_cast<char*>(""),
                                            MHD_RESPMEM_PERSISTENT);
    } else {
      auto* hold = new Hold{shared, nullptr};
      if (internal::AcceptsGzip(Header(c, "Accept-Encoding"))) {
        if (r.gzip_body) {
          hold->gzip = r.gzip_body;
        } else if (!r.cacheable || req.method == "POST" ||
                   !req.cookies.empty()) {
          // Not from the cache: compress this one response.
          internal::Response copy;
          copy.content_type = r.content_type;
          copy.body = r.body;
          internal::AddGzipBody(&copy);
          hold->gzip = copy.gzip_body;
        }
      }
      const std::string& bytes = hold->gzip ? *hold->gzip : r.body;
      bool gz = hold->gzip != nullptr;
      out = MHD_create_response_from_buffer_with_free_callback_cls(
          bytes.size(), const_cast<char*>(bytes.data()), &FreeHold, hold);
      if (!out) {
        delete hold;
        return MHD_NO;
      }
      MHD_add_response_header(out, "Content-Type", r.content_type.c_str());
      if (gz) MHD_add_response_header(out, "Content-Encoding", "gzip");
    }
    if (!out) return MHD_NO;
    MHD_add_response_header(out, "Content-Security-Policy", kCsp);
    MHD_add_response_header(out, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(out, "Referrer-Policy", "same-origin");
    MHD_add_response_header(out, "X-Frame-Options", "DENY");
    MHD_add_response_header(out, "Vary", "Cookie, Accept-Encoding");
    for (const auto& [k, v] : r.headers)
      MHD_add_response_header(out, k.c_str(), v.c_str());
    std::string cache_control =
        r.max_age > 0 ? "public, max-age=" + std::to_string(r.max_age)
                      : std::string("no-cache");
    MHD_add_response_header(out, "Cache-Control", cache_control.c_str());
    if (!r.location.empty())
      MHD_add_response_header(out, "Location", r.location.c_str());
    if (!r.etag.empty()) MHD_add_response_header(out, "ETag", r.etag.c_str());
    if (r.last_modified > 0)
      MHD_add_response_header(
          out, "Last-Modified",
          internal::FormatHttpDate(r.last_modified).c_str());
    MHD_Result rc = MHD_queue_response(c, status, out);
    MHD_destroy_response(out);
    Metrics& m = ctx_.metrics();
    m.Add(internal::kHttpRequests,
          {{"route", route}, {"status", std::to_string(status)}});
    m.Observe(
        internal::kHttpSeconds, {{"route", route}},
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began)
            .count());
    return rc;
  }

  Context ctx_;
  Options opts_;
  std::mutex daemon_mu_;
  MHD_Daemon* daemon_ = nullptr;
  int port_ = 0;
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
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
