// Stopword lists per language (internal to text/).
#ifndef STORYLINE_TEXT_INTERNAL_STOPWORDS_H_
#define STORYLINE_TEXT_INTERNAL_STOPWORDS_H_

#include <set>
#include <string>

namespace storyline::text::internal {
// nullptr when the language has no list. The sets live forever.
const std::set<std::string>* Stopwords(const std::string& lang);
}  // namespace storyline::text::internal

#endif  // STORYLINE_TEXT_INTERNAL_STOPWORDS_H_
