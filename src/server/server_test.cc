// The web app through a real HTTP server on loopback, over a real SQLite
// file filled by the real pipeline (the sample newsroom plus two hostile
// fixture articles).
#include "server/server.h"

#include <gtest/gtest.h>
#include <gumbo.h>
#include <httplib.h>
#include <re2/re2.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <thread>

#include "common/strings.h"
#include "compose/compose.h"
#include "pipeline/pipeline.h"
#include "server/internal/context.h"
#include "server/internal/routes.h"
#include "testing/newsroom_store.h"
#include "testing/prometheus.h"
#include "testing/temp_dir.h"

namespace storyline::server {
namespace {

using nlohmann::json;

// Every element and attribute of an HTML document, checked for anything
// that could run: script elements, on* handlers, javascript: URLs.
void CheckInert(GumboNode* n, std::vector<std::string>* bad) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = n->v.element;
  if (e.tag == GUMBO_TAG_SCRIPT || e.tag == GUMBO_TAG_IFRAME ||
      e.tag == GUMBO_TAG_OBJECT || e.tag == GUMBO_TAG_EMBED)
    bad->push_back(std::string("element ") + gumbo_normalized_tagname(e.tag));
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    auto* a = static_cast<GumboAttribute*>(e.attributes.data[i]);
    std::string name = a->name, value = a->value;
    for (char& c : value) c = static_cast<char>(tolower(c));
    if (name.size() > 2 && name[0] == 'o' && name[1] == 'n')
      bad->push_back("attribute " + name);
    if ((name == "href" || name == "src" || name == "action") &&
        value.find("javascript:") != std::string::npos)
      bad->push_back("url " + value);
    if (name == "style") bad->push_back("inline style");
  }
  for (unsigned i = 0; i < e.children.length; ++i)
    CheckInert(static_cast<GumboNode*>(e.children.data[i]), bad);
}

std::vector<std::string> ActiveContent(const std::string& html) {
  GumboOutput* out =
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<std::string> bad;
  CheckInert(out->root, &bad);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return bad;
}

// RFC 4287 requirements a feed reader relies on, checked strictly.
std::vector<std::string> AtomProblems(const std::string& xml) {
  std::vector<std::string> p;
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size());
  if (!r) return {std::string("not well-formed XML: ") + r.description()};
  pugi::xml_node feed = doc.document_element();
  if (std::string(feed.name()) != "feed" ||
      std::string(feed.attribute("xmlns").value()) !=
          "http://www.w3.org/2005/Atom")
    p.push_back("root is not an Atom feed");
  const RE2 rfc3339(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  auto once = [&](pugi::xml_node n, const char* child, const std::string& w) {
    int c = 0;
    for (pugi::xml_node k : n.children(child)) {
      (void)k;
      ++c;
    }
    if (c != 1)
      p.push_back(w + " has " + std::to_string(c) + " <" + child + ">");
  };
  auto check_common = [&](pugi::xml_node n, const std::string& w) {
    once(n, "id", w);
    once(n, "title", w);
    once(n, "updated", w);
    std::string id = n.child_value("id");
    if (id.find(':') == std::string::npos) p.push_back(w + " id not an IRI");
    if (!RE2::FullMatch(n.child_value("updated"), rfc3339))
      p.push_back(w + " updated not RFC 3339: " + n.child_value("updated"));
    for (pugi::xml_node l : n.children("link"))
      if (std::string(l.attribute("href").value()).empty())
        p.push_back(w + " link without href");
  };
  check_common(feed, "feed");
  bool feed_author =
      !feed.child("author").empty() &&
      !std::string(feed.child("author").child_value("name")).empty();
  std::set<std::string> ids;
  for (pugi::xml_node e : feed.children("entry")) {
    check_common(e, "entry");
    if (!feed_author && e.child("author").empty())
      p.push_back("entry without author");
    if (!ids.insert(e.child_value("id")).second)
      p.push_back(std::string("duplicate entry id ") + e.child_value("id"));
    bool alternate = false;
    for (pugi::xml_node l : e.children("link"))
      alternate |= std::string(l.attribute("rel").value()) == "alternate" ||
                   l.attribute("rel").empty();
    if (!alternate && e.child("content").empty())
      p.push_back("entry without alternate link or content");
  }
  for (pugi::xml_node n : feed.children())
    if (n.type() == pugi::node_element &&
        !std::set<std::string>{"id", "title", "updated", "link", "author",
                               "generator", "entry", "subtitle", "category",
                               "contributor", "icon", "logo", "rights"}
             .count(n.name()))
      p.push_back(std::string("unknown feed element ") + n.name());
  return p;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir("server");
    db_path_ = dir_->Path("s.db");
    static FixedClock clock(1764000000);  // 2025-11-24
    auto r = testing::FillNewsroomStore(
        db_path_, &clock,
        {std::string(STORYLINE_SOURCE_DIR) + "/src/server/testdata"});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_GT(r->pages_published, 10);
    Options o;
    o.port = 0;
    o.threads = 4;
    o.refresh_ms = 50;
    auto s = Server::Open(db_path_, o, &clock);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = s->release();
    thread_ = new std::thread([] { EXPECT_TRUE(server_->Listen().ok()); });
    client_ = new httplib::Client("127.0.0.1", server_->port());
    for (int i = 0; i < 100 && !client_->Get("/healthz"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete thread_;
    delete client_;
    delete server_;
    delete dir_;
  }

  static httplib::Result Get(const std::string& path,
                             const httplib::Headers& h = {}) {
    return client_->Get(path.c_str(), h);
  }
  // A published story id by headline fragment.
  static std::string StoryId(const std::string& fragment) {
    auto r = Get("/api/stories?limit=200");
    json j = json::parse(r->body);
    for (const json& s : j["stories"])
      if (s["headline"].get<std::string>().find(fragment) != std::string::npos)
        return s["id"];
    return "";
  }

  static testing::TempDir* dir_;
  static std::string db_path_;
  static Server* server_;
  static std::thread* thread_;
  static httplib::Client* client_;
};
testing::TempDir* ServerTest::dir_;
std::string ServerTest::db_path_;
Server* ServerTest::server_;
std::thread* ServerTest::thread_;
httplib::Client* ServerTest::client_;

// The feeds admin page on a server of its own (the suite's has none).
TEST_F(ServerTest, FeedsAdminNeedsItsTokenAndChangesTheList) {
  EXPECT_EQ(Get("/admin/feeds")->status, 404);  // off unless configured
  static FixedClock clock(1764000000);
  Options o;
  o.port = 0;
  o.admin_token = "s3cret-token";
  auto s = Server::Open(db_path_, o, &clock);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::thread t([&] { EXPECT_TRUE((*s)->Listen().ok()); });
  httplib::Client c("127.0.0.1", (*s)->port());
  for (int i = 0; i < 100 && !c.Get("/healthz"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const httplib::Headers auth = {{"Authorization", "Bearer s3cret-token"}};
  auto feeds = [&] {
    auto db = store::Open(db_path_, {}).value();
    std::vector<std::string> urls;
    for (const store::FeedState& f : db->Feeds().value()) urls.push_back(f.url);
    return urls;
  };
  // Without the token: the login form, nothing changed.
  auto r = c.Get("/admin/feeds");
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(r->body.find("Admin token"), std::string::npos);
  r = c.Post("/admin/feeds", {{"Authorization", "Bearer wrong"}},
             "action=add&urls=https%3A%2F%2Fa.example%2Frss",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 401);
  EXPECT_TRUE(feeds().empty());
  // With it: add, a bad URL refused (named, nothing added), remove.
  r = c.Post("/admin/feeds", auth,
             "action=add&urls=https%3A%2F%2Fa.example%2Frss%0Ahttps%3A%2F%2Fb."
             "example%2Fatom",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Added 2 feeds"), std::string::npos);
  EXPECT_EQ(feeds(), (std::vector<std::string>{"https://a.example/rss",
                                               "https://b.example/atom"}));
  r = c.Post("/admin/feeds", auth,
             "action=add&urls=javascript%3A%3Cb%3Ealert(1)%3C%2Fb%3E",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("javascript:&lt;b&gt;"),
            std::string::npos);  // escaped
  EXPECT_EQ(r->body.find("<b>alert"), std::string::npos);
  EXPECT_EQ(feeds().size(), 2u);
  r = c.Post("/admin/feeds", auth, "action=import&opml=%3Crss%2F%3E",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("not an OPML file"), std::string::npos);
  r = c.Post("/admin/feeds", auth,
             "action=remove&url=https%3A%2F%2Fa.example%2Frss",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(feeds(), (std::vector<std::string>{"https://b.example/atom"}));
  // The list shows each feed; a cross-site form post is refused.
  r = c.Get("/admin/feeds", auth);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("https://b.example/atom"), std::string::npos);
  EXPECT_NE(r->body.find("not polled yet"), std::string::npos);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache");
  r = c.Post("/admin/feeds",
             {{"Authorization", "Bearer s3cret-token"},
              {"Sec-Fetch-Site", "cross-site"}},
             "action=remove&url=https%3A%2F%2Fb.example%2Fatom",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(feeds().size(), 1u);
  // The login form sets a cookie that opens the page.
  r = c.Post("/admin/login", "token=s3cret-token",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 303);
  std::string cookie = r->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  r = c.Get("/admin/feeds", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  EXPECT_EQ(r->status, 200);
  // Clean up for the other tests.
  auto db = store::Open(db_path_, {}).value();
  bool removed = false;
  ASSERT_TRUE(db->RemoveFeed("https://b.example/atom", &removed).ok());
  (*s)->Stop();
  t.join();
}

// A client that is not on loopback is refused even with the token, unless
// the server allows remote admins.
TEST_F(ServerTest, FeedsAdminAnswersLoopbackOnly) {
  static FixedClock clock(1764000000);
  for (bool loopback_only : {true, false}) {
    Options o;
    o.admin_token = "t";
    o.admin_loopback_only = loopback_only;
    internal::Context ctx(db_path_, o, &clock);
    internal::Request req;
    req.path = "/admin/feeds";
    req.authorization = "Bearer t";
    req.loopback = false;
    const char* route = nullptr;
    auto r = internal::Dispatch(ctx, req, &route);
    EXPECT_EQ(r->status, loopback_only ? 403 : 200);
    EXPECT_STREQ(route, "admin");
  }
}

TEST_F(ServerTest, HealthSaysWhatItChecked) {
  auto r = Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  json j = json::parse(r->body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["store"], "ok");
  EXPECT_GT(j["generation"].get<int64_t>(), 0);
  EXPECT_EQ(j["feeds"], 0);  // the newsroom was ingested, not crawled
  EXPECT_TRUE(j["last_poll_age_s"].is_null());
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache");
}

TEST_F(ServerTest, MetricsAreStrictPrometheusAndCountRequests) {
  auto first = Get("/metrics");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
  testing::PromText a = testing::ParsePrometheus(first->body);
  ASSERT_TRUE(a.error.empty()) << a.error << "\n" << first->body;
  const std::string story = "route=\"story\",status=\"200\"";
  const std::string missing = "route=\"none\",status=\"404\"";
  double stories_before =
      std::max(0.0, a.Value("storyline_http_requests_total", story));
  double missing_before =
      std::max(0.0, a.Value("storyline_http_requests_total", missing));
  std::string id = StoryId("Valmera");
  ASSERT_FALSE(id.empty());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Get("/s/" + id)->status, 200);
  ASSERT_EQ(Get("/no/such/page")->status, 404);
  auto second = Get("/metrics");
  testing::PromText b = testing::ParsePrometheus(second->body);
  ASSERT_TRUE(b.error.empty()) << b.error << "\n" << second->body;
  EXPECT_EQ(b.Value("storyline_http_requests_total", story),
            stories_before + 3);
  EXPECT_EQ(b.Value("storyline_http_requests_total", missing),
            missing_before + 1);
  EXPECT_GE(b.Value("storyline_http_request_duration_seconds_count",
                    "route=\"story\""),
            3);
  EXPECT_EQ(b.types["storyline_http_request_duration_seconds"], "histogram");
  // The store's figures.
  EXPECT_GT(b.Value("storyline_articles"), 100);
  EXPECT_GT(b.Value("storyline_stories_published"), 10);
  EXPECT_EQ(b.Value("storyline_article_queue"), 0);
  EXPECT_EQ(b.Value("storyline_feeds"), 0);
}

TEST_F(ServerTest, FrontPageListsRankedStoriesWithSecurityHeaders) {
  auto r = Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Top stories"), std::string::npos);
  EXPECT_NE(r->body.find("Kessler Bridge"), std::string::npos);
  EXPECT_NE(r->body.find("<svg class=\"spark\""), std::string::npos);
  EXPECT_NE(r->body.find("type=\"application/atom+xml\""), std::string::npos);
  std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(ActiveContent(r->body).empty());
  // The language filter keeps only stories with an article in it.
  auto de = Get("/?lang=de");
  auto all = Get("/");
  EXPECT_LT(de->body.size(), all->body.size());
  EXPECT_NE(de->body.find("<option value=\"de\" selected>"), std::string::npos);
}

TEST_F(ServerTest, ConditionalRequestsAndCompression) {
  auto r = Get("/");
  std::string etag = r->get_header_value("ETag");
  std::string lm = r->get_header_value("Last-Modified");
  ASSERT_FALSE(etag.empty());
  ASSERT_FALSE(lm.empty());
  EXPECT_EQ(Get("/", {{"If-None-Match", etag}})->status, 304);
  EXPECT_EQ(Get("/", {{"If-None-Match", "\"other\""}})->status, 200);
  EXPECT_EQ(Get("/", {{"If-Modified-Since", lm}})->status, 304);
  EXPECT_EQ(Get("/", {{"If-Modified-Since", "Mon, 01 Jan 1990 00:00:00 GMT"}})
                ->status,
            200);
  httplib::Client gz("127.0.0.1", server_->port());
  gz.set_decompress(false);
  auto z = gz.Get("/", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(z);
  EXPECT_EQ(z->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(z->body.size(), r->body.size() / 2);
}

TEST_F(ServerTest, StoryPageHasEverySectionAndWorkingCitations) {
  std::string id = StoryId("Kessler Bridge");
  ASSERT_FALSE(id.empty());
  auto r = Get("/s/" + id);
  ASSERT_EQ(r->status, 200);
  const std::string& b = r->body;
  for (const char* h : {"Sources (", "Timeline", "Stories about this story (",
                        "All related articles (", "External resources (",
                        "Coverage", "Updated "})
    EXPECT_NE(b.find(h), std::string::npos) << h;
  // Every citation link lands on a source entry of the same page.
  re2::StringPiece in(b);
  std::string n;
  int cites = 0;
  while (RE2::FindAndConsume(&in, "href=\"#source-(\\d+)\"", &n)) {
    ++cites;
    EXPECT_NE(b.find("id=\"source-" + n + "\""), std::string::npos) << n;
  }
  EXPECT_GT(cites, 3);
  EXPECT_NE(b.find("href=\"/s/" + id + ".atom\""), std::string::npos);
  EXPECT_NE(b.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_TRUE(ActiveContent(b).empty());
  // The JSON form carries the same page.
  json j = json::parse(Get("/api/stories/" + id)->body);
  EXPECT_EQ(j["story_id"], id);
  EXPECT_FALSE(j["sections"].empty());
  EXPECT_EQ(j["feed"], "/s/" + id + ".atom");
  // History lists version 1 and renders it.
  auto h = Get("/s/" + id + "/history");
  EXPECT_NE(h->body.find("/s/" + id + "/v/1"), std::string::npos);
  EXPECT_EQ(Get("/s/" + id + "/v/1")->status, 200);
  EXPECT_EQ(Get("/s/" + id + "/v/99")->status, 404);
  json hist = json::parse(Get("/api/stories/" + id + "/history")->body);
  EXPECT_EQ(hist["versions"][0]["version"], 1);
}

TEST_F(ServerTest, HostileArticleRendersInertEverywhere) {
  std::string id = StoryId("Ostrava Vale");
  ASSERT_FALSE(id.empty());
  std::vector<std::string> paths = {"/", "/s/" + id, "/search?q=ostrava",
                                    "/o/Fenwick%20Courier",
                                    "/o/Quillport%20Gazette"};
  json page = json::parse(Get("/api/stories/" + id)->body);
  for (const json& s : page["sources"])
    paths.push_back("/a/" + s["article"].get<std::string>());
  for (const std::string& p : paths) {
    auto r = Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 200) << p;
    EXPECT_EQ(ActiveContent(r->body), std::vector<std::string>{}) << p;
    // The hostile words are shown as text, not dropped.
    if (p.rfind("/a/", 0) == 0) {
      EXPECT_NE(r->body.find("&lt;"), std::string::npos) << p;
    }
  }
  // The checker itself sees active content when there is some.
  EXPECT_EQ(ActiveContent("<p><script>x</script><img src=x onerror=f()>"
                          "<a href=' JavaScript:f()'>a</a>")
                .size(),
            3u);
  auto feed = Get("/s/" + id + ".atom");
  EXPECT_EQ(AtomProblems(feed->body), std::vector<std::string>{});
  EXPECT_EQ(feed->body.find("<script"), std::string::npos);
}

TEST_F(ServerTest, FeedsAreValidAtomAndLinked) {
  auto front = Get("/feed.atom");
  ASSERT_EQ(front->status, 200);
  EXPECT_EQ(front->get_header_value("Content-Type"),
            "application/atom+xml; charset=utf-8");
  EXPECT_EQ(AtomProblems(front->body), std::vector<std::string>{});
  json list = json::parse(Get("/api/stories?limit=200")->body);
  ASSERT_GE(list["stories"].size(), 10u);
  for (const json& s : list["stories"]) {
    std::string id = s["id"];
    auto f = Get("/s/" + id + ".atom");
    ASSERT_EQ(f->status, 200) << id;
    EXPECT_EQ(AtomProblems(f->body), std::vector<std::string>{}) << id;
    EXPECT_NE(f->body.find("<entry>"), std::string::npos) << id;
  }
  // A strict parser rejects what the checker must reject.
  EXPECT_FALSE(AtomProblems("<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                            "<id>x:1</id><title>t</title></feed>")
                   .empty());
}

TEST_F(ServerTest, SearchRanksStoriesAndArticles) {
  auto r = Get("/search?q=Kessler+bridge");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<h2>Stories</h2>"), std::string::npos);
  EXPECT_NE(r->body.find("<h2>Articles</h2>"), std::string::npos);
  json j = json::parse(Get("/api/search?q=kessler%20bridge")->body);
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_EQ(j["hits"][0]["kind"], "story");
  bool article = false;
  for (const json& h : j["hits"]) article |= h["kind"] == "article";
  EXPECT_TRUE(article);
  // Operators and quotes in user text are words, never syntax errors.
  EXPECT_EQ(Get("/api/search?q=%22kessler%20OR%20(*")->status, 200);
  auto empty = Get("/api/search");
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(json::parse(empty->body)["error"]["status"], 400);
  // Bytes that are not UTF-8 never reach a page declared UTF-8.
  auto bad = Get("/search?q=ab%FF%FEcd");
  ASSERT_EQ(bad->status, 200);
  EXPECT_TRUE(IsValidUtf8(bad->body));
  EXPECT_NE(bad->body.find("ab\xEF\xBF\xBD"), std::string::npos);
}

// The store connections are capped: a handler waits for a free one and
// gets it as soon as another is returned.
TEST(StorePoolTest, AtMostMaxOpenAndAWaiterGetsTheReturnedOne) {
  testing::TempDir dir("pool");
  std::string db = dir.Path("p.db");
  ASSERT_TRUE(store::Open(db, {}).ok());
  internal::StorePool pool(db, 1);
  auto first = pool.Acquire();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  store::Store* held = first->get();
  std::atomic<bool> got{false};
  store::Store* second_store = nullptr;
  std::thread waiter([&] {
    auto second = pool.Acquire();
    ASSERT_TRUE(second.ok());
    second_store = second->get();
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(got.load());  // the only connection is leased
  { auto release = std::move(first).value(); }
  waiter.join();
  EXPECT_TRUE(got.load());
  EXPECT_EQ(second_store, held);  // the same connection, not a new one
}

TEST_F(ServerTest, ErrorsTraversalMethodsAndBudgets) {
  EXPECT_EQ(Get("/s/0123456789abcdef")->status, 404);
  EXPECT_EQ(Get("/nope")->status, 404);
  auto api = Get("/api/stories/0123456789abcdef");
  EXPECT_EQ(api->status, 404);
  EXPECT_FALSE(
      json::parse(api->body)["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(Get("/static/style.css")->status, 200);
  for (const char* p :
       {"/static/../../etc/passwd", "/static/%2e%2e/server.h",
        "/static/..%2fserver.cc", "/a/../../etc/passwd", "/o/..%2F..%2Fetc"})
    EXPECT_EQ(Get(p)->status, 404) << p;
  EXPECT_EQ(client_->Delete("/")->status, 405);
  httplib::Headers many;
  for (int i = 0; i < 100; ++i) many.insert({"X-H" + std::to_string(i), "v"});
  EXPECT_EQ(Get("/", many)->status, 431);
  std::string big(64 * 1024, 'x');
  auto post = client_->Post("/s/0123456789abcdef/follow", big, "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 413);
}

TEST_F(ServerTest, FollowCookieOpmlAndReturningReaderMarker) {
  std::string id = StoryId("Kessler Bridge");
  auto f = client_->Post(("/s/" + id + "/follow").c_str());
  ASSERT_EQ(f->status, 303);
  EXPECT_EQ(f->get_header_value("Location"), "/s/" + id);
  std::string cookie = f->get_header_value("Set-Cookie");
  ASSERT_EQ(cookie.rfind("sl_follow=" + id, 0), 0u) << cookie;
  std::string pair = cookie.substr(0, cookie.find(';'));
  auto following = Get("/following", {{"Cookie", pair}});
  EXPECT_NE(following->body.find("/s/" + id), std::string::npos);
  auto opml = Get("/following.opml", {{"Cookie", pair}});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(opml->body.c_str()));
  std::string xml_url = doc.child("opml")
                            .child("body")
                            .child("outline")
                            .attribute("xmlUrl")
                            .value();
  EXPECT_NE(xml_url.find("/s/" + id + ".atom"), std::string::npos);
  auto page = Get("/s/" + id, {{"Cookie", pair}});
  EXPECT_NE(page->body.find("Unfollow this story"), std::string::npos);
  // A form posted from another site is refused; from this one it works.
  std::string self = "127.0.0.1:" + std::to_string(server_->port());
  EXPECT_EQ(client_
                ->Post(("/s/" + id + "/follow").c_str(),
                       {{"Origin", "https://evil.example"}}, "", "text/plain")
                ->status,
            403);
  EXPECT_EQ(client_
                ->Post(("/s/" + id + "/follow").c_str(),
                       {{"Origin", "http://" + self}}, "", "text/plain")
                ->status,
            303);
  EXPECT_EQ(client_
                ->Post(("/s/" + id + "/follow").c_str(),
                       {{"Sec-Fetch-Site", "cross-site"}}, "", "text/plain")
                ->status,
            403);
  // A first visit remembers the version seen.
  auto first = Get("/s/" + id);
  EXPECT_NE(first->get_header_value("Set-Cookie").find("sl_seen=" + id + ":1"),
            std::string::npos);
}

TEST_F(ServerTest, LiveUpdatesRedirectsAndReturningReaders) {
  std::string id = StoryId("Varga Museum");
  ASSERT_FALSE(id.empty());
  auto before = json::parse(Get("/api/stories/" + id)->body);
  ASSERT_GE(before["substories"].size(), 2u);
  // Another process writes: version 2 of the page gains a development, and
  // an old story id now redirects to this one.
  {
    auto db = store::OpenSqlite(db_path_, {});
    ASSERT_TRUE(db.ok());
    auto page = compose::FromJson((*db)->PageJson(id).value()).value();
    auto rows = (*db)->ListStories().value();
    store::StoryRow row;
    for (const auto& r : rows)
      if (r.id == id) row = r;
    compose::SubStory added = page.substories.front();
    added.event_id = "feedfacefeedface";
    added.headline = "Museum reopens its jewel hall";
    page.substories.push_back(added);
    ASSERT_TRUE((*db)->Begin().ok());
    ASSERT_TRUE((*db)->PutPage(row, compose::ToJson(page), 1764000100).ok());
    ASSERT_TRUE((*db)->PutRedirect("00000000000000aa", id).ok());
    ASSERT_TRUE((*db)->Commit().ok());
  }
  // The server notices without a restart (polled; no timing is asserted).
  bool live = false;
  for (int i = 0; i < 200 && !live; ++i) {
    live = Get("/s/" + id)->body.find("Museum reopens its jewel hall") !=
           std::string::npos;
    if (!live) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_TRUE(live);
  auto moved = Get("/s/00000000000000aa");
  EXPECT_EQ(moved->status, 301);
  EXPECT_EQ(moved->get_header_value("Location"), "/s/" + id);
  EXPECT_EQ(Get("/api/stories/00000000000000aa")->status, 301);
  // A reader who saw version 1 is told what is new since then.
  auto back = Get("/s/" + id, {{"Cookie", "sl_seen=" + id + ":1"}});
  EXPECT_NE(back->body.find("New since your last visit"), std::string::npos);
  EXPECT_NE(back->body.find("<span class=\"badge\">new</span>"),
            std::string::npos);
  auto current = Get("/s/" + id, {{"Cookie", "sl_seen=" + id + ":2"}});
  EXPECT_EQ(current->body.find("New since your last visit"), std::string::npos);
  // Cookies with junk are ignored, not trusted.
  EXPECT_EQ(
      Get("/s/" + id, {{"Cookie", "sl_seen=<x>:1|" + id + ":abc"}})->status,
      200);
}

TEST_F(ServerTest, ArticleAndOutletPagesAndApi) {
  json list = json::parse(Get("/api/outlets/Coastline%20Wire")->body);
  ASSERT_FALSE(list["articles"].empty());
  std::string aid = list["articles"][0]["id"];
  auto a = Get("/a/" + aid);
  ASSERT_EQ(a->status, 200);
  EXPECT_NE(a->body.find("Read the original"), std::string::npos);
  EXPECT_NE(a->body.find("href=\"/o/Coastline%20Wire\""), std::string::npos);
  json aj = json::parse(Get("/api/articles/" + aid)->body);
  EXPECT_EQ(aj["outlet"], "Coastline Wire");
  EXPECT_FALSE(aj["text"].get<std::string>().empty());
  auto o = Get("/o/Coastline%20Wire");
  EXPECT_EQ(o->status, 200);
  EXPECT_NE(o->body.find("/a/" + aid), std::string::npos);
  EXPECT_EQ(Get("/o/Nobody%20Times")->status, 404);
}

TEST(StoryScoreTest, RecentGrowingBroadStoriesRankFirst) {
  const int64_t now = 1764000000;
  auto card = [&](int recent, int previous, int outlets, int64_t age_h) {
    internal::StoryCard c;
    c.recent = recent;
    c.previous = previous;
    c.row.outlet_count = outlets;
    c.row.updated = now - age_h * 3600;
    return internal::StoryScore(c, now);
  };
  // More recent articles, more outlets, growth and freshness each raise it.
  EXPECT_GT(card(10, 2, 5, 1), card(2, 2, 5, 1));
  EXPECT_GT(card(5, 2, 8, 1), card(5, 2, 2, 1));
  EXPECT_GT(card(5, 1, 5, 1), card(5, 9, 5, 1));
  EXPECT_GT(card(5, 2, 5, 1), card(5, 2, 5, 48));
  // A day of age halves the score.
  EXPECT_NEAR(card(5, 2, 5, 24) / card(5, 2, 5, 0), 0.5, 1e-9);
  // Breadth counts logarithmically: a wire copy in 20 papers does not
  // outweigh a fresh story by a factor of 20.
  EXPECT_LT(card(5, 2, 20, 1) / card(5, 2, 1, 1), 3.0);
}

}  // namespace
}  // namespace storyline::server
