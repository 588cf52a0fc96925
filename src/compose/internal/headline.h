// Headline and heading lines (internal): what a title or a lead sentence
// may be cut to, and the rule Verify re-checks.
//
// A line is a byte span of an article's title or text. Two kinds of cut
// are allowed, both in-order deletions that leave a statement the source
// makes:
//   - a title loses a kicker ("Exclusive: ", "WATCH LIVE: ") or the
//     outlet's suffix (" - The Daily Ledger", " | Ledger");
//   - a title or a sentence keeps its main clause and drops a trailing one
//     that starts at a clause boundary (", with …", " as …", " amid …",
//     " — …"), never a conditional ("if", "unless") and never a tail that
//     holds the attribution ("…, officials said").
// A line never ends mid-phrase: where it stops the source has the end of
// the title or sentence, a clause boundary or an outlet separator
// (`EndsAtBoundary`, the same test Verify runs).
#ifndef STORYLINE_COMPOSE_INTERNAL_HEADLINE_H_
#define STORYLINE_COMPOSE_INTERNAL_HEADLINE_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "compose/internal/analysis.h"

namespace storyline::compose::internal {

// How good a title is as a headline: 0 when it must not be one (empty, a
// question, cut by its source, an explainer or list, a live-page or video
// label, longer than a headline), else a factor ≤ 1 (short titles and
// non-news kinds weigh less). `span` receives the title with its kicker
// and outlet suffix removed.
double TitleLine(const Article& a, Span* span);

// The longest prefix of `text[sentence]` that ends at an allowed clause
// boundary and has between `min_words` and `max_words` words (the whole
// sentence, its final full stop dropped, when it fits). False when none.
bool ClauseLine(std::string_view text, Span sentence, int min_words,
                int max_words, Span* out);

// True when `s[span]` may stand as a line: non-empty, and where it stops
// `s` ends, or continues with a clause boundary or an outlet separator;
// and when it stops inside a sentence, the rest of that sentence names no
// attribution ("said", "according to").
bool EndsAtBoundary(std::string_view s, Span span);

// A chosen line: `text` is `span` of the article's title or text.
struct Line {
  const Article* article = nullptr;
  Span span;
  bool in_title = true;
  std::string text;
};

// The line for a headline (`focus` null) or a section heading (`focus`: the
// stems of the section's sentences), among `arts`: the title that scores
// best on quality (TitleLine) times relevance (how central its stems are
// to the story, and for a heading how many of them the section's
// sentences hold), cut to its main clause when longer than `max_words`;
// only when no title qualifies, the main clause of a lead sentence. Lines
// whose folded text is in `taken` (the headline, earlier headings) are
// skipped. False when nothing qualifies.
bool PickLine(Analysis& an, const std::vector<const Article*>& arts,
              int max_words, const StemSet* focus,
              const std::set<std::string>& taken, Line* out);

// `s` lower-cased with whitespace collapsed (the key of `taken`).
std::string LineKey(std::string_view s);

}  // namespace storyline::compose::internal

#endif  // STORYLINE_COMPOSE_INTERNAL_HEADLINE_H_
