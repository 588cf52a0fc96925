// Short lines of a page that are its metadata, not its text: bylines and
// datelines ("01 Nov 2019, 12:24 by Jo Roe", "Submitted by Frank on
// November 15, 2019 - 1:42pm"), view counters ("прочитано 388 раз",
// "1,204 views"), reading times ("4 min read"), section and kind labels
// ("Opinion", "Noticia") and paragraph labels ("Topline: …").
// Internal to extract/; pure functions, thread-safe.
#ifndef STORYLINE_EXTRACT_INTERNAL_LINES_H_
#define STORYLINE_EXTRACT_INTERNAL_LINES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/model.h"

namespace storyline::extract::internal {

enum class LineKind {
  kText,     // anything else: body text
  kByline,   // a date and an author, or "Submitted/Posted by X on <date>"
  kDate,     // a date and/or a time alone ("15 Nov 2019", "14:30, 02 лис")
  kCounter,  // views, reads, comments counted; reading time
  kLabel,    // a section or kind label ("News", "Opinion", "Publicidade")
};

struct Line {
  LineKind kind = LineKind::kText;
  std::string byline;                      // the author a kByline line names
  ArticleKind label = ArticleKind::kNews;  // what a kLabel says of the page
};

// Classifies one block of normalized text; `lower` is the same text in
// lower case. Blocks over 160 bytes are always kText.
Line ClassifyLine(const std::string& text, const std::string& lower);

// The kind a label line names, `lower` in lower case without trailing
// punctuation: "opinion" → kOpinion, "análisis" → kAnalysis, a section
// label ("news", "noticia") → kNews, page furniture ("advertisement", an
// empty "read time") → kOther. False when the line is no label. (kind.cc,
// beside GuessKind.)
bool LabelKind(std::string_view lower, ArticleKind* kind);

// Bytes of a paragraph label to strip from the start of a paragraph
// ("Topline: ", "Key background: "), 0 when there is none. `lower` is the
// paragraph in lower case (at least its first 40 bytes).
size_t LeadingLabelBytes(const std::string& lower);

// Repairs what a page's own markup got wrong in a block of text (not for
// preformatted blocks): entities escaped twice ("&amp;quot;" shows as
// "&quot;"), markup printed as text ("&lt;blockquote class=…&gt;" shows as
// "<blockquote class=…>"), and sentences whose separating space or
// paragraph break was lost ("make a phone.Vietnamese companies").
// Returns `text` unchanged when there is nothing to repair.
std::string RepairText(std::string text);

// A block that is serialized data, not prose: an image gallery's JSON
// printed into the page (many `":` pairs and quotes), or metadata fields
// in a row with a URL among them ("world | Jo Roe | https://….jpg | Site").
bool LooksLikeData(const std::string& text);

}  // namespace storyline::extract::internal

#endif  // STORYLINE_EXTRACT_INTERNAL_LINES_H_
