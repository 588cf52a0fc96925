// The web front against clients that try to stall or bloat it, through a
// real server on loopback and raw sockets: slow senders (slowloris),
// endless or oversized bodies, header floods, range amplification, and
// pipelined requests. No check depends on how fast the machine is: each
// states an order of events or a size.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "server/server.h"
#include "testing/newsroom_store.h"
#include "testing/temp_dir.h"

namespace storyline::server {
namespace {

using Clock_ = std::chrono::steady_clock;

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// Reads until the peer closes, `want` bytes arrived, or `limit_ms` passed
// (a generous safety net so a broken server fails the test, not hangs it).
std::string Read(int fd, size_t want, int limit_ms) {
  std::string out;
  auto end = Clock_::now() + std::chrono::milliseconds(limit_ms);
  char buf[65536];
  while (out.size() < want && Clock_::now() < end) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Whether the server still holds `fd` open: nothing to read and not closed.
bool StillOpen(int fd) {
  char c;
  ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

size_t RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  return 0;
}

// One plain GET on a fresh connection; returns the whole response.
std::string Get(int port, const std::string& path,
                const std::string& extra_headers = "", int limit_ms = 30000) {
  int fd = Connect(port);
  if (fd < 0) return "";
  SendAll(fd, "GET " + path + " HTTP/1.1\r\nHost: t\r\n" + extra_headers +
                  "Connection: close\r\n\r\n");
  std::string r = Read(fd, SIZE_MAX, limit_ms);
  close(fd);
  return r;
}

class HostileClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir("hostile");
    std::string db_path = dir_->Path("h.db");
    static FixedClock clock(1764000000);
    auto r = testing::FillNewsroomStore(db_path, &clock);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    Options o;
    o.port = 0;
    o.threads = 2;  // fewer threads than attackers, on purpose
    auto s = Server::Open(db_path, o, &clock);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = s->release();
    thread_ = new std::thread([] { EXPECT_TRUE(server_->Listen().ok()); });
  }
  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete dir_;
  }
  static int port() { return server_->port(); }

  static testing::TempDir* dir_;
  static Server* server_;
  static std::thread* thread_;
};
testing::TempDir* HostileClientTest::dir_;
Server* HostileClientTest::server_;
std::thread* HostileClientTest::thread_;

TEST_F(HostileClientTest, SlowSendersDoNotStallOthers) {
  // 200 connections that send a request one byte at a time and never
  // finish it, far more than the server's threads.
  constexpr int kSlow = 200;
  std::vector<int> slow;
  for (int i = 0; i < kSlow; ++i) {
    int fd = Connect(port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(SendAll(fd, "G"));
    slow.push_back(fd);
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    const std::string rest = "ET / HTTP/1.1\r\nHost: t\r\nX-Slow: ";
    size_t i = 0;
    while (!done) {
      char c = i < rest.size() ? rest[i] : 'a';
      for (int fd : slow) send(fd, &c, 1, MSG_NOSIGNAL);
      ++i;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  });
  // Normal readers are answered while every slow connection is held.
  double worst_ms = 0;
  int answered = 0;
  for (int i = 0; i < 20; ++i) {
    auto t0 = Clock_::now();
    std::string r = Get(port(), "/", "", 10000);
    worst_ms = std::max(
        worst_ms,
        std::chrono::duration<double, std::milli>(Clock_::now() - t0).count());
    if (r.rfind("HTTP/1.1 200", 0) != 0) break;  // stalled: no use going on
    ++answered;
  }
  int open = 0;
  for (int fd : slow) open += StillOpen(fd);
  done = true;
  trickle.join();
  for (int fd : slow) close(fd);
  EXPECT_EQ(answered, 20);
  // The answers came while the attack was still on: the server had not
  // dropped the slow connections to make room.
  EXPECT_EQ(open, kSlow);
  printf("slowest of 20 requests beside %d slow senders: %.1f ms\n", kSlow,
         worst_ms);
}

TEST_F(HostileClientTest, EndlessChunkedBodyIsRefusedUnread) {
  size_t rss0 = RssKb();
  int fd = Connect(port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd,
                      "POST /s/0123456789abcdef/follow HTTP/1.1\r\nHost: t\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n"));
  // Keep sending 1 MB chunks until the server stops taking them (300 MB at
  // most, the size of the attack).
  std::string chunk = "100000\r\n" + std::string(1 << 20, 'x') + "\r\n";
  size_t sent = 0;
  while (sent < (300u << 20) && SendAll(fd, chunk)) sent += chunk.size();
  std::string r = Read(fd, SIZE_MAX, 30000);
  close(fd);
  EXPECT_LT(sent, 300u << 20) << "the server read the whole endless body";
  EXPECT_EQ(r.rfind("HTTP/1.1 411", 0), 0u) << r.substr(0, 200);
  EXPECT_LT(RssKb(), rss0 + 20 * 1024);
}

TEST_F(HostileClientTest, OversizedBodyIsRefusedBeforeItIsRead) {
  int fd = Connect(port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd,
                      "POST /s/0123456789abcdef/follow HTTP/1.1\r\nHost: t\r\n"
                      "Content-Length: 314572800\r\n\r\n"));
  // The answer arrives without a byte of the body sent.
  std::string r = Read(fd, 12, 30000);
  close(fd);
  EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r.substr(0, 200);
}

TEST_F(HostileClientTest, HeaderFloodIsCutShort) {
  size_t rss0 = RssKb();
  int fd = Connect(port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, "GET / HTTP/1.1\r\nHost: t\r\n"));
  // 40,000 headers of 8 KB each (320 MB), unless the server stops us.
  std::string value(8 * 1024 - 16, 'v');
  size_t sent = 0;
  int i = 0;
  for (; i < 40000; ++i) {
    if (!SendAll(fd, "X-H" + std::to_string(i) + ": " + value + "\r\n")) break;
    sent += value.size();
  }
  std::string r = Read(fd, SIZE_MAX, 30000);
  close(fd);
  EXPECT_LT(i, 40000) << "the server took all " << sent << " bytes";
  EXPECT_TRUE(r.rfind("HTTP/1.1 431", 0) == 0 ||
              r.rfind("HTTP/1.1 413", 0) == 0)
      << r.substr(0, 200);
  EXPECT_LT(RssKb(), rss0 + 20 * 1024);
  // Many small headers: counted, 431.
  std::string many;
  for (int k = 0; k < 100; ++k) many += "X-M" + std::to_string(k) + ": v\r\n";
  EXPECT_EQ(Get(port(), "/", many).rfind("HTTP/1.1 431", 0), 0u);
}

TEST_F(HostileClientTest, RangesAreIgnored) {
  std::string whole = Get(port(), "/static/style.css");
  ASSERT_EQ(whole.rfind("HTTP/1.1 200", 0), 0u);
  std::string ranges = "Range: bytes=0-";
  for (int k = 1; k < 1000; ++k) ranges += ",0-";
  std::string r = Get(port(), "/static/style.css", ranges + "\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r.substr(0, 200);
  // One copy of the body, not a thousand.
  EXPECT_LT(r.size(), whole.size() + 1024);
}

TEST_F(HostileClientTest, PipelinedRequestsAreAllAnsweredInOrder) {
  int fd = Connect(port());
  ASSERT_GE(fd, 0);
  std::string three =
      "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /static/style.css HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  ASSERT_TRUE(SendAll(fd, three));  // one write
  std::string r = Read(fd, SIZE_MAX, 30000);
  close(fd);
  size_t a = r.find("HTTP/1.1 200");
  size_t b = r.find("HTTP/1.1 200", a + 1);
  size_t c = r.find("HTTP/1.1 404");
  ASSERT_NE(a, std::string::npos) << r.substr(0, 300);
  ASSERT_NE(b, std::string::npos) << r.substr(0, 300);
  ASSERT_NE(c, std::string::npos) << r.substr(0, 300);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_NE(r.find("text/css", b), std::string::npos);
}

// Requests that are malformed or refused get an answer that says so, and
// the server keeps serving.
TEST_F(HostileClientTest, MalformedRequestsGetAClearStatus) {
  struct Case {
    std::string request;
    const char* status;
  } cases[] = {
      {"GET /" + std::string(100000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n",
       "414"},
      {"GET / HTTP/1.1\r\nHost: t\r\nno colon here\r\n\r\n", "400"},
      {"GET / HTTP/9.9\r\nHost: t\r\n\r\n", "505"},
      {"BREW / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", "405"},
      {"GET /s/%00abc HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", "404"},
      // Both framings at once (request smuggling): refused.
      {"POST /s/0123456789abcdef/follow HTTP/1.1\r\nHost: t\r\n"
       "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       "411"},
      {"POST /s/0123456789abcdef/follow HTTP/1.1\r\nHost: t\r\n"
       "Expect: 100-continue\r\nContent-Length: 999999999\r\n\r\n",
       "413"},
      {"GET /healthz HTTP/1.0\r\n\r\n", "200"},
  };
  for (const Case& c : cases) {
    int fd = Connect(port());
    ASSERT_GE(fd, 0);
    SendAll(fd, c.request);
    std::string r = Read(fd, 12, 30000);
    close(fd);
    EXPECT_EQ(r.substr(0, 12), std::string("HTTP/1.1 ") + c.status)
        << c.request.substr(0, 60);
  }
  EXPECT_EQ(Get(port(), "/healthz").rfind("HTTP/1.1 200", 0), 0u);
}

}  // namespace
}  // namespace storyline::server
