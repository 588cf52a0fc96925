// Dropping inert bytes before parsing (internal to extract/).
//
// Over half of a typical page is the body of <script>, <style> and <svg>
// elements, which extraction never reads but an HTML5 tokenizer still walks
// character by character. StripInert copies the page without those bodies
// (the tags stay, so the tree is the same minus their text; JSON-LD scripts
// are kept whole for the metadata), and remembers each cut so an offset in
// the stripped text maps back to the original.
#ifndef STORYLINE_EXTRACT_INTERNAL_INERT_H_
#define STORYLINE_EXTRACT_INTERNAL_INERT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storyline::extract::internal {

struct Stripped {
  std::string html;
  // (offset in `html` where bytes were cut, total bytes cut up to there),
  // ascending.
  std::vector<std::pair<uint32_t, uint32_t>> cuts;
  // The offset in the original page of offset `at` in `html`.
  uint32_t ToOriginal(uint32_t at) const;
};

// Linear in the page; comments are copied as they are (a "<script" inside
// one is not an element), an element left unclosed is kept to the end.
Stripped StripInert(std::string_view html);

// How deep the page's elements nest, counted on the markup before parsing
// (start tags minus end tags, leaving out void elements and those whose end
// tag may be omitted: p, li, td…); stops counting once past `limit`. Linear.
// The HTML parser's time grows with the square of the depth, so a page
// past the limit is refused before it is parsed.
int MarkupDepth(std::string_view html, int limit);

}  // namespace storyline::extract::internal

#endif  // STORYLINE_EXTRACT_INTERNAL_INERT_H_
