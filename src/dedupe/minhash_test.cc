#include <gtest/gtest.h>

#include "dedupe/dedupe.h"

namespace storyline::dedupe {
namespace {

const std::string kText =
    "About 4,200 dockworkers at the Port of Valmera walked off the job on "
    "Tuesday, halting "
    "container traffic at the country's busiest harbour. The union is "
    "demanding a 9 percent pay "
    "rise and an end to mandatory twelve-hour night shifts. The port authority "
    "has offered 4.5 "
    "percent spread over two years. At least 38 container ships were waiting "
    "at anchor outside "
    "the harbour by Tuesday evening, and fuel distributors warned of "
    "shortages.";

TEST(MinHashTest, EstimatesJaccard) {
  Signature a = Sign(kText);
  EXPECT_FALSE(a.empty);
  EXPECT_DOUBLE_EQ(Similarity(a, Sign(kText)), 1.0);
  // Case and punctuation do not matter.
  std::string shouted = kText;
  for (char& c : shouted)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_DOUBLE_EQ(Similarity(a, Sign(shouted)), 1.0);
  // An update with a paragraph added stays near.
  Signature upd =
      Sign(kText +
           " The transport minister said the government was considering "
           "asking a court to order a return to work.");
  EXPECT_GE(Similarity(a, upd), 0.75);
  // A different text is far.
  Signature other = Sign(
      "The Boreal Space Agency launched its Aurelia probe from the Skarholm "
      "spaceport, beginning "
      "a seven-year journey to Saturn's icy moon Enceladus, and the first "
      "signal came quickly "
      "after separation from the rocket's upper stage.");
  EXPECT_LT(Similarity(a, other), 0.1);
  EXPECT_TRUE(Sign("too short to judge").empty);
  EXPECT_EQ(Similarity(a, Sign("too short")), 0.0);
}

TEST(MinHashTest, IndexFindsCopiesAndUpdatesNotRewrites) {
  Index idx;
  idx.Add(Sign(kText), "orig");
  EXPECT_EQ(idx.Find(Sign(kText)), "orig");
  EXPECT_EQ(idx.Find(Sign("VALMERA (Coastline Wire) - " + kText)), "orig");
  // A rewrite sharing one sentence is a different article.
  EXPECT_EQ(
      idx.Find(Sign(
          "Container traffic at the Port of Valmera came to a standstill after "
          "the Harbour Workers' Union called its members out on strike. The "
          "union is demanding a 9 percent pay rise and an end to mandatory "
          "twelve-hour night shifts. Ships queued outside.")),
      "");
  EXPECT_EQ(idx.Find(Signature()), "");
  EXPECT_EQ(idx.size(), 1u);
}

TEST(MinHashTest, EvictionForgetsOldTextsAndKeepsNewOnes) {
  Index idx;
  const std::string other =
      "The Boreal Space Agency launched the Aurelia probe from Skarholm on "
      "an Ardent-5 rocket; the probe is bound for Saturn's moon Enceladus "
      "and will arrive in nine years.";
  idx.Add(Sign(kText), "old", 100);
  idx.Add(Sign(other), "new", 200);
  EXPECT_EQ(idx.EvictBefore(50), 0u);  // nothing that old
  EXPECT_EQ(idx.EvictBefore(150), 1u);
  EXPECT_EQ(idx.size(), 1u);
  EXPECT_EQ(idx.Find(Sign(kText)), "");     // forgotten: an original again
  EXPECT_EQ(idx.Find(Sign(other)), "new");  // bands rebuilt for the rest
  idx.Add(Sign(kText), "again", 300);
  EXPECT_EQ(idx.Find(Sign(kText)), "again");
}

// Copies share every band, so each band key chains several entries: the
// newest is found through the older ones, ties go to the oldest live one,
// and forgetting the oldest leaves the chain's newer entries reachable.
TEST(MinHashTest, CopiesUnderOneBandKeyChainAndSurviveEviction) {
  Index idx;
  const std::string update =
      kText +
      " The transport minister said the government was considering "
      "asking a court to order a return to work.";
  idx.Add(Sign(kText), "first", 100);
  idx.Add(Sign(update), "update", 200);
  idx.Add(Sign(kText), "copy", 300);
  EXPECT_EQ(idx.Find(Sign(kText)), "first");  // exact tie: the oldest
  EXPECT_EQ(idx.Find(Sign(update)), "update");
  EXPECT_EQ(idx.EvictBefore(150), 1u);
  EXPECT_EQ(idx.Find(Sign(kText)), "copy");
  EXPECT_EQ(idx.Find(Sign(update)), "update");
  EXPECT_EQ(idx.EvictBefore(250), 1u);
  EXPECT_EQ(idx.Find(Sign(kText)), "copy");
  EXPECT_EQ(idx.Find(Sign(update)), "copy");  // the update's nearest left
  EXPECT_EQ(idx.EvictBefore(400), 1u);
  EXPECT_EQ(idx.Find(Sign(kText)), "");
  EXPECT_EQ(idx.size(), 0u);
  // A fresh start after everything was forgotten.
  idx.Add(Sign(update), "later", 500);
  EXPECT_EQ(idx.Find(Sign(kText)), "later");
}

// Saved after an eviction and loaded into a fresh index: the same texts
// are found (chains rebuilt), evictions continue from the same place.
TEST(MinHashTest, SavedIndexFindsWhatTheOriginalFinds) {
  const std::string update =
      kText + " The transport minister said a court may order a return.";
  Index idx;
  idx.Add(Sign(kText), "first", 100);
  idx.Add(Sign(update), "update", 200);
  idx.Add(Sign(kText), "copy", 300);
  idx.EvictBefore(150);
  serial::Writer w;
  idx.Save(&w);
  std::string bytes = w.Finish();
  Index loaded;
  serial::Reader r(bytes);
  ASSERT_TRUE(loaded.Load(&r).ok()) << r.status().ToString();
  EXPECT_EQ(loaded.size(), 2u);
  for (Index* x : {&idx, &loaded}) {
    EXPECT_EQ(x->Find(Sign(kText)), "copy");
    EXPECT_EQ(x->Find(Sign(update)), "update");
    EXPECT_EQ(x->EvictBefore(250), 1u);
    EXPECT_EQ(x->Find(Sign(update)), "copy");
  }
  serial::Reader again(bytes);
  EXPECT_EQ(loaded.Load(&again).code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace storyline::dedupe
