// CurlFetcher: libcurl multi with per-host limits, retries, budgets and
// the SSRF guard (see fetch.h).
#include "ingest/fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "common/strings.h"

namespace storyline::ingest {
namespace {

using Clock = std::chrono::steady_clock;

bool PrivateV4(const uint8_t* a) {
  uint32_t v = (uint32_t{a[0]} << 24) | (uint32_t{a[1]} << 16) |
               (uint32_t{a[2]} << 8) | a[3];
  struct Net {
    uint32_t base;
    int bits;
  };
  static const Net kNets[] = {
      {0x00000000, 8},   // this network
      {0x0A000000, 8},   // 10/8
      {0x64400000, 10},  // 100.64/10 carrier-grade NAT
      {0x7F000000, 8},   // loopback
      {0xA9FE0000, 16},  // link-local (cloud metadata)
      {0xAC100000, 12},  // 172.16/12
      {0xC0000000, 24},  // 192.0.0/24
      {0xC0000200, 24},  // TEST-NET-1
      {0xC0A80000, 16},  // 192.168/16
      {0xC6120000, 15},  // benchmarking
      {0xC6336400, 24},  // TEST-NET-2
      {0xCB007100, 24},  // TEST-NET-3
      {0xE0000000, 4},   // multicast
      {0xF0000000, 4},   // reserved, broadcast
  };
  for (const Net& n : kNets) {
    uint32_t mask = n.bits == 0 ? 0 : ~uint32_t{0} << (32 - n.bits);
    if ((v & mask) == n.base) return true;
  }
  return false;
}

struct Transfer {
  size_t index = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body, head;
  bool over_budget = false;
  bool refused = false;
  std::string refused_ip;
  int attempt = 0;
  Clock::time_point not_before{};
  const FetcherOptions* opts = nullptr;
};

size_t OnBody(char* p, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->body.size() + len > t->opts->max_body_bytes) {
    t->over_budget = true;
    return 0;  // aborts the transfer
  }
  t->body.append(p, len);
  return len;
}

size_t OnHeader(char* p, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  std::string_view line(p, len);
  if (StartsWith(line, "HTTP/"))
    t->head.clear();  // a new (redirected) response
  if (t->head.size() < 64 * 1024) t->head.append(line);
  return len;
}

curl_socket_t OnOpenSocket(void* user, curlsocktype, curl_sockaddr* addr) {
  auto* t = static_cast<Transfer*>(user);
  char ip[INET6_ADDRSTRLEN] = "";
  if (addr->family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&addr->addr)->sin_addr,
              ip, sizeof ip);
  else if (addr->family == AF_INET6)
    inet_ntop(AF_INET6,
              &reinterpret_cast<sockaddr_in6*>(&addr->addr)->sin6_addr, ip,
              sizeof ip);
  if (!t->opts->allow_private && IsPrivateAddress(ip)) {
    t->refused = true;
    t->refused_ip = ip;
    return CURL_SOCKET_BAD;
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

std::string HeaderValue(const std::string& head, const char* name) {
  std::string lname = AsciiLower(name);
  for (const std::string& line : Split(head, '\n')) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (AsciiLower(std::string(Trim(line.substr(0, colon)))) == lname)
      return std::string(Trim(line.substr(colon + 1)));
  }
  return "";
}

class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(const FetcherOptions& o)
      : opts_(o), rng_(std::random_device{}()) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  std::vector<FetchResult> FetchAll(
      const std::vector<FetchRequest>& reqs) override {
    std::vector<FetchResult> out(reqs.size());
    std::vector<Transfer> ts(reqs.size());
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(opts_.max_connections));
    if (opts_.max_per_host > 0)
      curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                        static_cast<long>(opts_.max_per_host));
    std::deque<size_t> waiting;
    for (size_t i = 0; i < reqs.size(); ++i) {
      Transfer& t = ts[i];
      t.index = i;
      t.opts = &opts_;
      t.easy = curl_easy_init();
      out[i].url = reqs[i].url;
      Setup(&t, reqs[i]);
      waiting.push_back(i);
    }
    size_t active = 0;
    // Keep at most a bounded number of handles inside the multi handle so
    // memory stays flat for long lists.
    const size_t max_added = static_cast<size_t>(opts_.max_connections) * 4;
    while (!waiting.empty() || active > 0) {
      auto now = Clock::now();
      for (size_t k = waiting.size(); k > 0 && active < max_added; --k) {
        size_t i = waiting.front();
        waiting.pop_front();
        if (ts[i].not_before > now) {
          waiting.push_back(i);
          continue;
        }
        ++ts[i].attempt;
        curl_multi_add_handle(multi, ts[i].easy);
        ++active;
      }
      int running = 0;
      curl_multi_perform(multi, &running);
      int left = 0;
      while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        Transfer* t = nullptr;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
        curl_multi_remove_handle(multi, m->easy_handle);
        --active;
        if (Finish(t, m->data.result, &out[t->index])) {
          // Retry later: exponential backoff with jitter.
          double factor =
              std::uniform_real_distribution<double>(0.5, 1.5)(rng_);
          int ms = static_cast<int>(opts_.backoff_ms * (1 << (t->attempt - 1)) *
                                    factor);
          t->not_before = Clock::now() + std::chrono::milliseconds(ms);
          t->body.clear();
          t->head.clear();
          waiting.push_back(t->index);
        }
      }
      if (active > 0) {
        curl_multi_poll(multi, nullptr, 0, 50, nullptr);
      } else if (!waiting.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    for (Transfer& t : ts) {
      curl_slist_free_all(t.headers);
      curl_easy_cleanup(t.easy);
    }
    curl_multi_cleanup(multi);
    return out;
  }

 private:
  void Setup(Transfer* t, const FetchRequest& r) {
    CURL* e = t->easy;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_USERAGENT, opts_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS,
                     static_cast<long>(opts_.max_redirects));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(opts_.connect_timeout_ms));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(opts_.total_timeout_ms));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(opts_.stall_seconds));
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every built-in decoder
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(opts_.max_body_bytes));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_NOPROXY, "*");  // the guard sees real peers
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
    if (!r.etag.empty())
      t->headers =
          curl_slist_append(t->headers, ("If-None-Match: " + r.etag).c_str());
    if (!r.last_modified.empty())
      t->headers = curl_slist_append(
          t->headers, ("If-Modified-Since: " + r.last_modified).c_str());
    if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  }

  // Fills *out; true when the transfer should be retried.
  bool Finish(Transfer* t, CURLcode rc, FetchResult* out) {
    long code = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
    char* final_url = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &final_url);
    out->attempts = t->attempt;
    out->final_url = final_url ? final_url : out->url;
    out->fetched_at = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    out->http_status = static_cast<int>(code);
    if (t->refused) {
      out->status = Status::FailedPrecondition(
          "refused to connect to private address " + t->refused_ip +
          " (SSRF guard; pass --allow-private to crawl local hosts)");
      return false;
    }
    if (t->over_budget || rc == CURLE_FILESIZE_EXCEEDED) {
      out->status = Status::ResourceExhausted(
          "response body over " + std::to_string(opts_.max_body_bytes) +
          " bytes (decoded)");
      return false;
    }
    bool transient = rc == CURLE_COULDNT_CONNECT ||
                     rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR ||
                     rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING ||
                     rc == CURLE_PARTIAL_FILE ||
                     (rc == CURLE_OK && (code == 429 || code >= 500));
    if (transient && t->attempt <= opts_.retries) return true;
    if (rc != CURLE_OK) {
      out->status = Status::IoError(
          std::string(curl_easy_strerror(rc)) +
          (rc == CURLE_TOO_MANY_REDIRECTS
               ? " (limit " + std::to_string(opts_.max_redirects) + ")"
               : ""));
      out->http_status = 0;
      return false;
    }
    out->status = Status::Ok();
    out->head = std::move(t->head);
    out->body = std::move(t->body);
    out->etag = HeaderValue(out->head, "ETag");
    out->last_modified = HeaderValue(out->head, "Last-Modified");
    out->content_type = HeaderValue(out->head, "Content-Type");
    return false;
  }

  FetcherOptions opts_;
  std::mt19937 rng_;
};

}  // namespace

bool IsPrivateAddress(const std::string& ip) {
  uint8_t a[16];
  if (inet_pton(AF_INET, ip.c_str(), a) == 1) return PrivateV4(a);
  if (inet_pton(AF_INET6, ip.c_str(), a) != 1) return true;  // unknown: refuse
  static const uint8_t kZero[16] = {};
  if (memcmp(a, kZero, 15) == 0 && (a[15] == 0 || a[15] == 1)) return true;
  // IPv4-mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d carry an IPv4.
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0,
                                     0, 0,    0,    0,    0, 0};
  if (memcmp(a, kMapped, 12) == 0 || memcmp(a, kNat64, 12) == 0)
    return PrivateV4(a + 12);
  if ((a[0] & 0xfe) == 0xfc) return true;  // fc00::/7 unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
    return true;                  // fe80::/10 link-local
  if (a[0] == 0xff) return true;  // multicast
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
    return true;  // 2001:db8::/32 documentation
  return false;
}

std::unique_ptr<Fetcher> NewCurlFetcher(const FetcherOptions& o) {
  return std::make_unique<CurlFetcher>(o);
}

}  // namespace storyline::ingest
