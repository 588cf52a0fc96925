// The engine-independent request and response helpers, table-driven.
#include "server/internal/http.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "common/time.h"

namespace storyline::server::internal {
namespace {

TEST(HttpTest, ParseQuery) {
  struct Case {
    const char* in;
    std::multimap<std::string, std::string> want;
  } cases[] = {
      {"", {}},
      {"q=a+b%20c", {{"q", "a b c"}}},
      {"a=1&a=2&&b", {{"a", "1"}, {"a", "2"}, {"b", ""}}},
      {"x=%zz%4", {{"x", "%zz%4"}}},  // malformed escapes kept
      {"k%3D=v%26w", {{"k=", "v&w"}}},
      {"=v", {{"", "v"}}},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseQuery(c.in), c.want) << c.in;
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "f=1&";
  EXPECT_EQ(ParseQuery(many).size(), 256u);  // bounded
}

TEST(HttpTest, PercentDecodeKeepsPlus) {
  EXPECT_EQ(PercentDecode("/s/a%2Fb+c%"), "/s/a/b+c%");
}

TEST(HttpTest, AcceptsGzip) {
  struct Case {
    const char* header;
    bool want;
  } cases[] = {
      {"", false},
      {"gzip", true},
      {"deflate, gzip;q=0.5", true},
      {"gzip;q=0", false},
      {"gzip;q=0.000", false},
      {"br, *", true},
      {"identity", false},
      {"x-gzip", true},
  };
  for (const Case& c : cases)
    EXPECT_EQ(AcceptsGzip(c.header), c.want) << c.header;
}

TEST(HttpTest, GzipRoundTripsAndSkipsSmallOrBinaryBodies) {
  std::string body;
  for (int i = 0; i < 400; ++i) body += "<p>Kessler Bridge reopens</p>\n";
  std::string z = Gzip(body);
  ASSERT_GT(z.size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>(z[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(z[1]), 0x8b);
  z_stream s{};
  ASSERT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
  std::string back(body.size() + 16, '\0');
  s.next_in = reinterpret_cast<Bytef*>(z.data());
  s.avail_in = static_cast<uInt>(z.size());
  s.next_out = reinterpret_cast<Bytef*>(back.data());
  s.avail_out = static_cast<uInt>(back.size());
  EXPECT_EQ(inflate(&s, Z_FINISH), Z_STREAM_END);
  back.resize(s.total_out);
  inflateEnd(&s);
  EXPECT_EQ(back, body);

  Response page;
  page.body = body;
  AddGzipBody(&page);
  ASSERT_TRUE(page.gzip_body);
  EXPECT_LT(page.gzip_body->size(), body.size() / 4);
  Response small;
  small.body = "ok";
  AddGzipBody(&small);
  EXPECT_FALSE(small.gzip_body);
  Response png;
  png.content_type = "image/png";
  png.body = body;
  AddGzipBody(&png);
  EXPECT_FALSE(png.gzip_body);
}

TEST(HttpTest, HttpDatesRoundTripThroughTheOneRfc822Parser) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  for (int64_t t : {int64_t{0}, int64_t{784111777}, int64_t{1764928800}}) {
    int64_t back = -1;
    ASSERT_TRUE(ParseRfc822Date(FormatHttpDate(t), &back)) << t;
    EXPECT_EQ(back, t);
  }
  int64_t t = 0;
  EXPECT_FALSE(ParseRfc822Date("Sun, 06 Nov 1994 08:49:37 GMT; length=3", &t));
}

}  // namespace
}  // namespace storyline::server::internal
