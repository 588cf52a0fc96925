#include "extract/internal/inert.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "extract/extract.h"

namespace storyline::extract::internal {
namespace {

struct Row {
  const char* html;
  const char* stripped;
};

const Row kRows[] = {
    {"<p>a</p><script>var x = '<p>';</script><p>b</p>",
     "<p>a</p><script></script><p>b</p>"},
    {"<STYLE type=\"text/css\">p{}</STYLE>x",
     "<STYLE type=\"text/css\"></STYLE>x"},
    {"<svg viewBox=\"0 0 1 1\"><title>icon</title><path d=\"M0\"/></svg>t",
     "<svg viewBox=\"0 0 1 1\"></svg>t"},
    // JSON-LD is metadata: kept whole.
    {"<script type=\"application/ld+json\">{\"a\":1}</script>",
     "<script type=\"application/ld+json\">{\"a\":1}</script>"},
    // A '>' inside a quoted attribute does not end the tag.
    {"<script data-x=\"a>b\">code()</script>z",
     "<script data-x=\"a>b\"></script>z"},
    // Inside a comment "<script" is not an element.
    {"<!-- <script> --><p>kept</p><script>x</script>",
     "<!-- <script> --><p>kept</p><script></script>"},
    // Unclosed: left to the parser as it is.
    {"<p>a</p><script>never closed", "<p>a</p><script>never closed"},
    // Not the element: "<scripture>", "<stylesheet>".
    {"<scripture>a</scripture><stylesheet>b",
     "<scripture>a</scripture><stylesheet>b"},
    // Raw-text elements written self-closed (XHTML): the tag goes, so what
    // follows stays markup instead of the element's text.
    {"<iframe src=\"https://v.example/e/1\" width=\"640\"/><p>kept</p>",
     "<p>kept</p>"},
    {"<p>a</p><script src=\"x.js\"/><p>b</p><script>c</script>",
     "<p>a</p><p>b</p><script></script>"},
    {"<TEXTAREA name=\"q\"/><p>after</p>", "<p>after</p>"},
    // A raw-text element with content is left to the parser.
    {"<iframe src=\"a\">fallback</iframe><p>x</p>",
     "<iframe src=\"a\">fallback</iframe><p>x</p>"},
    {"", ""},
};

TEST(InertTest, BodiesGoTagsStay) {
  for (const Row& r : kRows) {
    Stripped s = StripInert(r.html);
    EXPECT_EQ(s.html, r.stripped) << r.html;
  }
}

TEST(InertTest, OffsetsMapBackToTheOriginal) {
  const std::string html =
      "<p>one</p><script>12345</script><p>two</p><style>abc</style><p>3</p>";
  Stripped s = StripInert(html);
  for (const char* word : {"<p>one", "<p>two", "<p>3"}) {
    size_t at = s.html.find(word);
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(html.compare(s.ToOriginal(static_cast<uint32_t>(at)),
                           std::strlen(word), word),
              0)
        << word;
  }
  EXPECT_EQ(s.ToOriginal(0), 0u);
}

TEST(InertTest, ExtractedBlocksPointIntoTheOriginalPage) {
  std::string filler(20000, 'x');
  const std::string page =
      "<html><head><title>Dam report</title><script>var a='" + filler +
      "';</script><style>p{color:red}</style></head><body><article>"
      "<p>The dam held through the night, engineers said on Tuesday.</p>"
      "<script>track('" +
      filler +
      "');</script><svg><path d=\"M0 0\"/></svg>"
      "<p>Water levels fell by two metres before dawn, officials said.</p>"
      "</article></body></html>";
  Result<Extraction> r = ExtractPage(page, "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->utf8_html, page);
  ASSERT_EQ(r->article.blocks.size(), 2u);
  for (const Block& b : r->article.blocks) {
    std::string text =
        r->article.text.substr(b.text.begin, b.text.end - b.text.begin);
    std::string src =
        page.substr(b.source.begin, b.source.end - b.source.begin);
    EXPECT_EQ(src.find(text.substr(0, 20)), 0u) << src;
    EXPECT_EQ(src.find("xxxx"), std::string::npos);  // no script inside
  }
}

}  // namespace
}  // namespace storyline::extract::internal

namespace storyline::extract::internal {
namespace {

TEST(MarkupDepthTest, CountsNestingNotElements) {
  EXPECT_EQ(MarkupDepth("<html><body><div><p>a<p>b<br><img src=x></div>"
                        "</body></html>",
                        100),
            3);
  // Implied end tags and void elements never nest; comments are skipped.
  std::string list = "<ul>";
  for (int i = 0; i < 10000; ++i) list += "<li>item<br>";
  EXPECT_EQ(MarkupDepth(list + "<!-- <div><div> --></ul>", 100), 1);
  // A million nested elements: counting stops past the limit.
  std::string deep;
  for (int i = 0; i < 1000000; ++i) deep += "<div>";
  EXPECT_EQ(MarkupDepth(deep, 5000), 5001);
  EXPECT_EQ(MarkupDepth("<div/><span/>", 10), 0);
}

}  // namespace
}  // namespace storyline::extract::internal
