#include <gtest/gtest.h>

#include "dedupe/dedupe.h"

namespace storyline::dedupe {
namespace {

const char* kText =
    "About 4,200 dockworkers at the Port of Valmera walked off the job on "
    "Tuesday, halting "
    "container traffic at the country's busiest harbour. The union is "
    "demanding a 9 percent pay "
    "rise and an end to mandatory twelve-hour night shifts. The port authority "
    "has offered 4.5 "
    "percent spread over two years.";

TEST(SimHashTest, CopiesAreNearAndOtherTextsFar) {
  uint64_t a = TextSimHash(kText);
  std::string edited = std::string(kText) + " Updated at 6 p.m.";
  EXPECT_EQ(Hamming(a, TextSimHash(kText)), 0);
  EXPECT_LE(Hamming(a, TextSimHash(edited)), 6);
  uint64_t other = TextSimHash(
      "The Boreal Space Agency launched its Aurelia probe from the Skarholm "
      "spaceport, beginning "
      "a seven-year journey to Saturn's icy moon Enceladus, and the first "
      "signal came quickly.");
  EXPECT_GT(Hamming(a, other), 10);
  EXPECT_EQ(TextSimHash("too short"), 0u);
}

TEST(SimHashTest, IndexFindsOnlyNearDuplicates) {
  Index idx(3);
  uint64_t a = TextSimHash(kText);
  idx.Add(a, "orig");
  EXPECT_EQ(idx.Find(a), "orig");
  EXPECT_EQ(idx.Find(a ^ 0x7), "orig");  // 3 bits apart
  EXPECT_EQ(idx.Find(a ^ 0xF), "");      // 4 bits apart
  EXPECT_EQ(idx.Find(0), "");
  EXPECT_EQ(idx.size(), 1u);
}

}  // namespace
}  // namespace storyline::dedupe
