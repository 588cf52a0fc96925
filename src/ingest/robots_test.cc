#include "ingest/robots.h"

#include <gtest/gtest.h>

#include "ingest/fetch.h"

namespace storyline::ingest {
namespace {

TEST(RobotsTest, GroupsLongestMatchWildcardsAndDelay) {
  const char* txt =
      "# comment\n"
      "User-agent: *\n"
      "Disallow: /private/\n"
      "Allow: /private/open\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /search*q=\n"
      "\n"
      "User-agent: OtherBot\n"
      "User-agent: StoryLine\n"
      "Disallow: /only-for-us/\n"
      "Crawl-delay: 2.5\n";
  Robots star = ParseRobots(txt, "somebot");
  struct Case {
    const char* path;
    bool allowed;
  };
  const Case star_cases[] = {
      {"/", true},
      {"/news/a.html", true},
      {"/private/x", false},
      {"/private/open/x", true},  // longer Allow wins
      {"/doc.pdf", false},
      {"/doc.pdf?x=1", true},  // '$' anchors the end
      {"/search?a=1&q=x", false},
      {"/only-for-us/x", true},
  };
  for (const Case& c : star_cases)
    EXPECT_EQ(star.Allowed(c.path), c.allowed) << c.path;
  EXPECT_EQ(star.crawl_delay, 0);
  // Our own group replaces "*" entirely.
  Robots mine = ParseRobots(txt, "storyline");
  EXPECT_FALSE(mine.Allowed("/only-for-us/x"));
  EXPECT_TRUE(mine.Allowed("/private/x"));
  EXPECT_DOUBLE_EQ(mine.crawl_delay, 2.5);
  // Nothing relevant: everything allowed; policies for failures.
  EXPECT_TRUE(
      ParseRobots("User-agent: x\nDisallow: /\n", "storyline").Allowed("/a"));
  EXPECT_TRUE(ParseRobots("garbage\n\0\xff", "storyline").Allowed("/a"));
  EXPECT_FALSE(Robots::AllowNone().Allowed("/a"));
  // Pathological patterns stay linear.
  std::string many =
      "User-agent: *\nDisallow: /" + std::string(5000, '*') + "x$\n";
  EXPECT_TRUE(
      ParseRobots(many, "storyline").Allowed("/" + std::string(5000, 'a')));
}

TEST(SsrfGuardTest, PrivateRangesAreRefused) {
  struct Case {
    const char* ip;
    bool refused;
  };
  const Case cases[] = {
      {"127.0.0.1", true},
      {"10.0.0.5", true},
      {"172.16.3.4", true},
      {"172.32.0.1", false},
      {"192.168.1.1", true},
      {"169.254.169.254", true},
      {"100.64.0.1", true},
      {"0.0.0.0", true},
      {"224.0.0.1", true},
      {"255.255.255.255", true},
      {"8.8.8.8", false},
      {"93.184.216.34", false},
      {"::1", true},
      {"::", true},
      {"fe80::1", true},
      {"fd00::1", true},
      {"ff02::1", true},
      {"::ffff:192.168.0.1", true},
      {"::ffff:8.8.8.8", false},
      {"64:ff9b::a00:1", true},
      {"2001:db8::1", true},
      {"2a00:1450:4001::200e", false},
      {"not an ip", true},
  };
  for (const Case& c : cases)
    EXPECT_EQ(IsPrivateAddress(c.ip), c.refused) << c.ip;
}

}  // namespace
}  // namespace storyline::ingest
