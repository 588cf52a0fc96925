#include "common/url.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline {
namespace {

TEST(UrlTest, ResolveNormalizeHost) {
  struct Case {
    const char* base;
    const char* href;
    const char* want;
  };
  const Case cases[] = {
      {"https://a.example/x/y.html", "z.html", "https://a.example/x/z.html"},
      {"https://a.example/x/y.html", "../up.html", "https://a.example/up.html"},
      {"https://a.example/x/", "/root?q=1#frag",
       "https://a.example/root?q=1#frag"},
      {"https://a.example/x/", "//cdn.example/p", "https://cdn.example/p"},
      {"https://a.example/x/", "javascript:alert(1)", ""},
      {"https://a.example/x/", "mailto:a@b.c", ""},
      {"https://a.example/x/", "HTTPS://B.Example/P", "https://b.example/P"},
      // Only the fragment or the query: the base document, not its folder.
      {"https://a.example/x/doc", "#part", "https://a.example/x/doc#part"},
      {"https://a.example/x/doc?p=1#top", "#2_1",
       "https://a.example/x/doc?p=1#2_1"},
      {"https://a.example/x/doc?p=1#top", "?p=2",
       "https://a.example/x/doc?p=2"},
      {"https://a.example/x/doc", "", ""},
      {"https://a.example/item/x", "/item/\xE8\x94\xA1 y",
       "https://a.example/item/%E8%94%A1%20y"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(url::Resolve(c.base, c.href), c.want) << c.href;
  EXPECT_EQ(url::Normalize(
                "HTTPS://WWW.Ex.example:443/a?utm_source=x&id=3&fbclid=9#top"),
            "https://www.ex.example/a?id=3");
  EXPECT_EQ(url::HostOf("https://www.ex.example/a"), "ex.example");
  EXPECT_EQ(url::HostOf("not a url"), "");
  EXPECT_EQ(url::Normalize("https://twitter.com/jo/status/12?ref_src=twsrc&"
                           "ref_url=https%3A%2F%2Fx.example&s=20"),
            "https://twitter.com/jo/status/12?s=20");
  EXPECT_EQ(url::Normalize("https://ex.example/story?id=7&cid=3&p=2"),
            "https://ex.example/story?id=7&cid=3&p=2");
  // One article behind eight spellings of its address (a feed's items):
  // one URL, so one fetch.
  for (const char* v : {"https://news.example/art/harbour-strike",
                        "https://news.example/art/"
                        "harbour-strike?utm_source=rss&utm_medium=feed",
                        "https://news.example/art/harbour-strike?fbclid=IwAR0x",
                        "https://news.example/art/harbour-strike?gclid=abc123",
                        "https://news.example/art/harbour-strike#comments",
                        "https://news.example/art/harbour-strike?",
                        "https://news.example/art/../art/harbour-strike",
                        "HTTPS://News.Example:443/art/./harbour-strike"}) {
    EXPECT_EQ(url::Normalize(v), "https://news.example/art/harbour-strike")
        << v;
  }
}

TEST(UrlTest, NormalFormOfHostsPathsAndEncodings) {
  struct Case {
    const char* in;
    const char* want;  // url::Normalize
  };
  const Case cases[] = {
      // IDNA: a host that is not ASCII is written in punycode.
      {"https://www.b\xC3\xBC"
       "cher.de/x",
       "https://www.xn--bcher-kva.de/x"},
      // Bytes outside ASCII and spaces in the path are percent-encoded,
      // so both spellings of one address are one URL.
      {"https://ex.example/caf\xC3\xA9 au lait",
       "https://ex.example/caf%C3%A9%20au%20lait"},
      {"https://ex.example/caf%C3%A9%20au%20lait",
       "https://ex.example/caf%C3%A9%20au%20lait"},
      // User and password are dropped; default ports too; others kept.
      {"https://jo:secret@ex.example/a", "https://ex.example/a"},
      {"http://ex.example:80/a", "http://ex.example/a"},
      {"http://ex.example:8080/a", "http://ex.example:8080/a"},
      // Dot segments, an empty path, a bare "?".
      {"https://ex.example/a/./b/../c", "https://ex.example/a/c"},
      {"https://ex.example", "https://ex.example/"},
      {"https://ex.example/a?", "https://ex.example/a"},
      // Not web URLs.
      {"ftp://ex.example/a", ""},
      {"javascript:alert(1)", ""},
      {"ex.example/a", ""},
      {"https:///a", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(url::Normalize(c.in), c.want) << c.in;
  EXPECT_EQ(url::DisplayHost("https://www.b\xC3\xBC"
                             "cher.de/x"),
            "b\xC3\xBC"
            "cher.de");
  EXPECT_EQ(url::DisplayHost("https://www.ex.example/x"), "ex.example");
  EXPECT_EQ(url::HostOf("https://www.b\xC3\xBC"
                        "cher.de/x"),
            "xn--bcher-kva.de");
}

TEST(UrlTest, HostileInputIsRefusedOrBounded) {
  std::string huge = "https://ex.example/" + std::string(100000, 'a');
  EXPECT_EQ(url::Normalize(huge), "");
  EXPECT_EQ(url::Resolve("https://ex.example/", std::string(100000, 'a')), "");
  url::Parts p;
  EXPECT_FALSE(url::Parse("https://ex.example\n.evil/", &p));
  EXPECT_EQ(url::Resolve("not a base", "a.html"), "");
  EXPECT_EQ(url::Resolve("https://ex.example/", "data:text/html,<b>"), "");
}

}  // namespace
}  // namespace storyline
