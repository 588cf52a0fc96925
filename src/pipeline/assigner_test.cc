#include "pipeline/assigner.h"

#include <gtest/gtest.h>

namespace storyline::pipeline {
namespace {

// Our own fictional reports.
Article Make(const std::string& id, int64_t t, const std::string& title,
             const std::string& text, const std::string& lang = "en") {
  Article a;
  a.id = id;
  a.url = "https://" + id + ".example/a";
  a.published = t;
  a.title = title;
  a.text = text;
  a.language = lang;
  return a;
}

const char* kStrike =
    "Dockworkers at the Port of Valmera walked out on Tuesday over pay, "
    "halting every crane on the eastern quay. The Harbour Workers' Union "
    "demands a 9 percent rise and shorter night shifts, and says the strike "
    "will last until the port authority returns to the table.";

TEST(AssignerTest, CopyJoinsItsOriginal) {
  Assigner as(AssignerOptions{});
  Decision a =
      as.Add(Make("a", 1000, "Dockworkers strike at Valmera", kStrike));
  Decision b = as.Add(Make("b", 2000, "Valmera dock strike", kStrike));
  EXPECT_TRUE(a.duplicate_of.empty());
  EXPECT_EQ(b.duplicate_of, "a");
  EXPECT_EQ(b.event_id, a.event_id);
  EXPECT_EQ(b.story_id, a.story_id);
  auto found = as.Find("b");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->first, a.event_id);
}

TEST(AssignerTest, NotNewsIsAloneAndNothingJoinsIt) {
  Assigner as(AssignerOptions{});
  Decision deal =
      as.Add(Make("d", 1000, "Save $40 on Valmera port tours", kStrike));
  EXPECT_FALSE(deal.news);
  EXPECT_EQ(deal.event_id, "d");
  EXPECT_EQ(deal.story_id, "d");
  // Same words, but news: never a copy of the deal page nor in its event.
  Decision news =
      as.Add(Make("n", 1100, "Dockworkers strike at Valmera", kStrike));
  EXPECT_TRUE(news.news);
  EXPECT_TRUE(news.duplicate_of.empty());
  EXPECT_NE(news.event_id, "d");
  EXPECT_NE(news.story_id, "d");
}

TEST(AssignerTest, ForgetsOriginalsBeyondTheHorizon) {
  AssignerOptions o;
  o.dedupe_horizon = 86400;
  Assigner as(o);
  as.Add(Make("a", 0, "Dockworkers strike at Valmera", kStrike));
  // Keep stream time moving so the horizon sweeps run.
  for (int i = 1; i <= 8; ++i)
    as.Add(Make("f" + std::to_string(i), i * 43200,
                "Filler " + std::to_string(i),
                "Unrelated filler text number " + std::to_string(i) +
                    " about gardens and orchards."));
  Decision late = as.Add(Make("b", 5 * 86400, "Valmera strike", kStrike));
  EXPECT_TRUE(late.duplicate_of.empty());
  EXPECT_FALSE(as.Find("a").has_value());
}

TEST(AssignerTest, RestoreReplaysWithoutDeciding) {
  Assigner as(AssignerOptions{});
  as.Restore(Make("a", 1000, "Dockworkers strike at Valmera", kStrike), "ev1",
             "st1");
  Decision copy = as.Add(Make("b", 2000, "Valmera dock strike", kStrike));
  EXPECT_EQ(copy.duplicate_of, "a");
  EXPECT_EQ(copy.event_id, "ev1");
  EXPECT_EQ(copy.story_id, "st1");
}

// Bad input: no text, a title alone, no language, 5 MB of text, and pages
// in a script we have no word lists for that share only function words.
TEST(AssignerTest, OddArticlesAreDecidedAndNeverJoinOnFunctionWords) {
  Assigner as(AssignerOptions{});
  EXPECT_EQ(as.Add(Make("empty", 1000, "", "", "")).event_id, "empty");
  EXPECT_EQ(as.Add(Make("title", 1001, "Valmera port strike", "")).event_id,
            "title");
  std::string big;
  while (big.size() < 5u << 20) big += "Dockworkers at the Port of Valmera ";
  EXPECT_EQ(as.Add(Make("big", 1002, "Valmera", big, "")).news, true);
  // Two pages in an undetected language (our own made-up words): their
  // function words ("ko", "na", "ri") are on both; nothing else is.
  const std::string fw = " ko na ri ko na ri ko na ri ";
  Decision a = as.Add(Make("u1", 2000, "talam ovira",
                           "talam" + fw + "ovira" + fw + "mesek" + fw, ""));
  Decision b = as.Add(Make("u2", 2100, "bruno kestal",
                           "bruno" + fw + "kestal" + fw + "pavik" + fw, ""));
  EXPECT_EQ(a.event_id, "u1");
  EXPECT_EQ(b.event_id, "u2");
  EXPECT_NE(b.story_id, a.story_id);
}

}  // namespace
}  // namespace storyline::pipeline
