// libFuzzer target: the web app's request path — routing, parameters,
// cookies and every handler — on a small store made once at start-up. The
// input is a request in a simple text form:
//   METHOD PATH[?QUERY]\n
//   Header: value\n ...      (Cookie, Origin, Host, Sec-Fetch-Site)
// PATH is percent-decoded and QUERY parsed by the server's own helpers
// (internal::PercentDecode, ParseQuery; the wire format itself is
// libmicrohttpd's); then the request is sanitised exactly as the server
// does, and the header values the adapter reads are parsed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/time.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "server/internal/context.h"
#include "server/internal/routes.h"
#include "store/store.h"

namespace sl = storyline;
namespace {

char g_dir[] = "/tmp/storyline-http-fuzz.XXXXXX";

void RemoveStore() { std::filesystem::remove_all(g_dir); }

sl::server::internal::Context* MakeContext() {
  static sl::FixedClock clock(1764000000);
  if (!mkdtemp(g_dir)) abort();
  std::atexit(RemoveStore);
  std::string db = std::string(g_dir) + "/f.db";
  {
    auto st = sl::store::Open(db, {});
    if (!st.ok()) abort();
    sl::pipeline::Options po;
    po.clock = &clock;
    auto p = sl::pipeline::Pipeline::Open(st->get(), po);
    if (!p.ok()) abort();
    // Fiction written for this target: two reports of one happening.
    std::vector<sl::Article> arts;
    const char* outlets[] = {"Harbour Post", "Coastline Wire"};
    for (int i = 0; i < 2; ++i) {
      sl::Article a = sl::ingest::ArticleFromText(
          "Ferry Aurora runs aground off Kessel Point",
          "The ferry Aurora ran aground off Kessel Point on Monday, the "
          "harbour authority said.\nAll 212 passengers were taken ashore by "
          "lifeboats, officials said.");
      a.url = "https://news" + std::to_string(i) + ".example/aurora";
      a.outlet = outlets[i];
      a.published = 1763900000 + i * 3600;
      sl::ingest::FinishArticle(&a, "fuzz");
      arts.push_back(a);
    }
    if (!(*p)->IngestArticles(arts).ok()) abort();
  }
  sl::server::Options o;
  o.max_store_connections = 2;
  return new sl::server::internal::Context(db, o, &clock);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sl::server::internal::Context* ctx = MakeContext();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view first = in.substr(0, nl);
  size_t sp = first.find(' ');
  if (sp == std::string_view::npos) return 0;
  sl::server::internal::Request req;
  req.method = std::string(first.substr(0, sp));
  std::string_view target = first.substr(sp + 1);
  size_t q = target.find('?');
  req.path = sl::server::internal::PercentDecode(target.substr(0, q));
  if (q != std::string_view::npos)
    req.params = sl::server::internal::ParseQuery(target.substr(q + 1));
  std::string_view rest =
      nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  while (!rest.empty()) {
    size_t e = rest.find('\n');
    std::string_view line = rest.substr(0, e);
    size_t colon = line.find(": ");
    if (colon != std::string_view::npos) {
      std::string name(line.substr(0, colon));
      std::string value(line.substr(colon + 2));
      if (name == "Cookie")
        req.cookies = sl::server::internal::ParseCookies(value);
      if (name == "Origin") req.origin = value;
      if (name == "Host") req.host = value;
      if (name == "Sec-Fetch-Site") req.fetch_site = value;
      // Header values the adapter interprets itself.
      if (name == "Accept-Encoding")
        (void)sl::server::internal::AcceptsGzip(value);
      if (name == "If-None-Match")
        (void)sl::server::internal::EtagMatches(value, "\"e\"");
      int64_t t = 0;
      if (name == "If-Modified-Since") (void)sl::ParseRfc822Date(value, &t);
    }
    if (e == std::string_view::npos) break;
    rest.remove_prefix(e + 1);
  }
  sl::server::internal::SanitizeRequest(&req);
  const char* route = nullptr;
  auto res = sl::server::internal::Dispatch(*ctx, req, &route);
  (void)res;
  return 0;
}
