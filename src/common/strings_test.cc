#include "common/strings.h"

#include <gtest/gtest.h>

namespace storyline {
namespace {

TEST(StringsTest, CollapseWhitespace) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"", ""},
      {"  a  b  ", "a b"},
      {"a\n\t b", "a b"},
      {"a\xC2\xA0"
       "b",
       "a b"},  // NBSP
      {"\xC2\xA0", ""},
  };
  for (const Case& c : cases)
    EXPECT_EQ(CollapseWhitespace(c.in), c.out) << c.in;
}

TEST(StringsTest, HtmlEscapeNeutralisesMarkup) {
  EXPECT_EQ(HtmlEscape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
}

TEST(StringsTest, DecodeHtmlEntities) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"Tom &amp; Jerry", "Tom & Jerry"},
      {"Rock&#8217;n&#x2019;roll", "Rock\u2019n\u2019roll"},
      {"Create &#038; Market", "Create & Market"},
      {"a &ndash; b&hellip;", "a \u2013 b\u2026"},
      {"&amp;#8217;", "&#8217;"},  // one pass only
      {"AT&T; R&D", "AT&T; R&D"},  // unknown names stay
      {"&#0; &#xD800; &#99999999; &#x;", "&#0; &#xD800; &#99999999; &#x;"},
      {"& ; &;", "& ; &;"},
      {"trailing &amp", "trailing &amp"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(DecodeHtmlEntities(c.in), c.out) << c.in;
}

TEST(StringsTest, JsonEscape) {
  EXPECT_EQ(JsonEscape("a\"b\\c\n<"), "a\\\"b\\\\c\\n\\u003c");
  EXPECT_EQ(JsonEscape(std::string("\x01", 1)), "\\u0001");
}

TEST(StringsTest, Utf8ValidationAndRepair) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("K\xC3\xBCstenbote"));
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));  // a real U+FFFD
  EXPECT_FALSE(IsValidUtf8("bad \xFF byte"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_TRUE(IsValidUtf8(SanitizeUtf8("\xF0\x9F\x98")));
}

TEST(StringsTest, SplitJoinWordCount) {
  EXPECT_EQ(Split("a,b,,c", ','),
            (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(Join({"x", "y"}, ", "), "x, y");
  EXPECT_EQ(WordCount("  one two\nthree "), 3);
  EXPECT_EQ(WordCount(""), 0);
}

TEST(StringsTest, HashIsStable) {
  // Ids are persisted: the hash must never change.
  EXPECT_EQ(Hex64(Fnv1a64("")), "cbf29ce484222325");
  EXPECT_EQ(Hex64(Fnv1a64("storyline")).size(), 16u);
}

}  // namespace
}  // namespace storyline
