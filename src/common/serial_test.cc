#include "common/serial.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace storyline::serial {
namespace {

TEST(SerialTest, EveryKindRoundTrips) {
  Writer w;
  const uint64_t u[] = {0, 1, 127, 128, 300, UINT32_MAX, UINT64_MAX};
  const int64_t i[] = {0, -1, 1, INT64_MIN, INT64_MAX, -300};
  for (uint64_t x : u) w.U64(x);
  for (int64_t x : i) w.I64(x);
  w.Fixed32(0xdeadbeef);
  w.F32(-0.25f);
  w.F64(std::numeric_limits<double>::infinity());
  w.Bool(true);
  w.Str(std::string("a\0b", 3));
  w.Str("");
  std::string bytes = w.Finish();
  Reader r(bytes);
  for (uint64_t x : u) EXPECT_EQ(r.U64(), x);
  for (int64_t x : i) EXPECT_EQ(r.I64(), x);
  EXPECT_EQ(r.Fixed32(), 0xdeadbeefu);
  EXPECT_EQ(r.F32(), -0.25f);
  EXPECT_TRUE(std::isinf(r.F64()));
  EXPECT_TRUE(r.Bool());
  EXPECT_EQ(r.Str(), std::string("a\0b", 3));
  EXPECT_EQ(r.Str(), "");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r.done());
}

TEST(SerialTest, DamageIsCaughtBeforeAnythingIsRead) {
  Writer w;
  w.Str("some state");
  w.U64(42);
  const std::string good = w.Finish();
  for (size_t at = 0; at < good.size(); ++at) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    Reader r(bad);
    EXPECT_FALSE(r.ok()) << "flipped byte " << at;
    EXPECT_EQ(r.Str(), "");  // reads after a failure give nothing
  }
  Reader empty("");
  EXPECT_EQ(empty.status().code(), StatusCode::kCorruption);
}

// Payloads with a valid checksum but wrong contents: the reader stops at
// the end of the data and refuses counts the data cannot hold.
TEST(SerialTest, ReadsStayInsideTheData) {
  {
    Writer w;
    w.U64(1u << 30);  // a string length far past the end
    std::string b = w.Finish();
    Reader r(b);
    EXPECT_EQ(r.Str(), "");
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
  {
    Writer w;
    w.U64(1000000);  // a count of items that are not there
    w.U64(1);
    std::string b = w.Finish();
    Reader r(b);
    EXPECT_EQ(r.Count(4), 0u);
    EXPECT_FALSE(r.ok());
  }
  {
    Writer w;
    w.U64(7);
    std::string b = w.Finish();
    Reader r(b);
    EXPECT_EQ(r.U64(), 7u);
    EXPECT_EQ(r.F64(), 0.0);  // truncated
    EXPECT_NE(r.status().message().find("truncated"), std::string::npos);
  }
  {
    Writer w;  // twelve 0xff bytes: a varint that never ends
    for (int i = 0; i < 3; ++i) w.Fixed32(0xffffffffu);
    std::string b = w.Finish();
    Reader r(b);
    EXPECT_EQ(r.U64(), 0u);
    EXPECT_NE(r.status().message().find("longer than 64 bits"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace storyline::serial
