// Quotations and who said them, within one sentence of English news text.
//
//   for (const text::Quotation& q : text::FindQuotations(sentence)) {
//     sentence.substr(q.quote.begin, q.quote.size());     // “…” marks included
//     sentence.substr(q.speaker.begin, q.speaker.size()); // "Ines Duarte"
//   }
//
// Recognised: “…,” NAME said / “…,” said NAME / “…,” a role NAME said /
// NAME said: “…” / NAME told reporters: “…” / “…”, according to NAME.
// NAME is a run of capitalised words (titles such as "Mayor" left out);
// a pronoun is not a speaker, so "“…,” he said" yields no quotation.
// Pure function over the input; thread-safe.
#ifndef STORYLINE_TEXT_QUOTES_H_
#define STORYLINE_TEXT_QUOTES_H_

#include <string_view>
#include <vector>

#include "common/model.h"

namespace storyline::text {

struct Quotation {
  Span quote;    // the quoted words with their marks, bytes in the sentence
  Span speaker;  // the speaker's name as written there
};

// Quotations of 3–60 words with a named speaker; at most 8 per call.
std::vector<Quotation> FindQuotations(std::string_view sentence);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_QUOTES_H_
