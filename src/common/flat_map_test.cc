#include "common/flat_map.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

namespace storyline {
namespace {

TEST(FlatMapTest, InsertFindErase) {
  FlatMap<uint32_t, std::string> m;
  EXPECT_EQ(m.Find(7), nullptr);
  EXPECT_FALSE(m.Erase(7));
  m[7] = "seven";
  m[0] = "zero";  // key 0 is an ordinary key
  ASSERT_NE(m.Find(7), nullptr);
  EXPECT_EQ(*m.Find(7), "seven");
  EXPECT_EQ(*m.Find(0), "zero");
  EXPECT_EQ(m.size(), 2u);
  EXPECT_TRUE(m.Erase(7));
  EXPECT_EQ(m.Find(7), nullptr);
  EXPECT_EQ(m[7], "");  // value-initialised again
  EXPECT_EQ(m.size(), 2u);
}

// Random inserts, erases and lookups against std::unordered_map, over a
// small key range so probe runs collide, wrap around and shift back.
TEST(FlatMapTest, AgreesWithUnorderedMap) {
  for (uint32_t range : {8u, 64u, 5000u}) {
    std::mt19937 rng(range);
    FlatMap<uint32_t, int> m;
    std::unordered_map<uint32_t, int> ref;
    for (int step = 0; step < 200000; ++step) {
      uint32_t k = rng() % range;
      switch (rng() % 4) {
        case 0:
        case 1:
          m[k] = step;
          ref[k] = step;
          break;
        case 2:
          EXPECT_EQ(m.Erase(k), ref.erase(k) == 1) << k;
          break;
        default: {
          const int* v = m.Find(k);
          auto it = ref.find(k);
          ASSERT_EQ(v != nullptr, it != ref.end()) << k;
          if (v) {
            EXPECT_EQ(*v, it->second);
          }
        }
      }
      ASSERT_EQ(m.size(), ref.size());
    }
    size_t seen = 0;
    m.ForEach([&](uint32_t k, int& v) {
      ++seen;
      EXPECT_EQ(ref.at(k), v);
    });
    EXPECT_EQ(seen, ref.size());
  }
}

TEST(FlatMapTest, EraseIfKeepsTheRest) {
  FlatMap<uint64_t, uint64_t> m;
  for (uint64_t k = 0; k < 1000; ++k) m[k * 0x9e3779b97f4a7c15ull] = k;
  m.EraseIf([](uint64_t, uint64_t& v) { return v % 3 == 0; });
  EXPECT_EQ(m.size(), 666u);
  for (uint64_t k = 0; k < 1000; ++k) {
    const uint64_t* v = m.Find(k * 0x9e3779b97f4a7c15ull);
    if (k % 3 == 0) {
      EXPECT_EQ(v, nullptr);
    } else {
      ASSERT_NE(v, nullptr);
      EXPECT_EQ(*v, k);
    }
  }
}

}  // namespace
}  // namespace storyline
