// Turning user search text into a safe FTS5 query, and article snippets
// (internal).
#ifndef STORYLINE_STORE_INTERNAL_SEARCH_H_
#define STORYLINE_STORE_INTERNAL_SEARCH_H_

#include <string>
#include <vector>

namespace storyline::store::internal {

// Words of `query`: maximal runs of ASCII letters/digits and non-ASCII
// bytes (UTF-8), lower-cased (ASCII). At most 16 words of at most 64 bytes;
// FTS5 operators and punctuation are dropped, never interpreted.
std::vector<std::string> QueryWords(const std::string& query);

// `"w1" "w2"*`: every word must match, the last one as a prefix.
std::string MatchExpression(const std::vector<std::string>& words);

// About `max_words` words of `text` around the first occurrence of any of
// `words` (case-insensitive, ASCII), with "…" where cut.
std::string Snippet(const std::string& text,
                    const std::vector<std::string>& words, int max_words);

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_SEARCH_H_
