// Text helpers of the PostgreSQL store (internal): the text-search
// configuration for an article's language, user words as a tsquery, and
// keeping a connection URL's password out of messages.
#ifndef STORYLINE_STORE_INTERNAL_PG_TEXT_H_
#define STORYLINE_STORE_INTERNAL_PG_TEXT_H_

#include <string>
#include <vector>

namespace storyline::store::internal {

// PostgreSQL's built-in configuration for an ISO 639-1 code ("ru" ->
// "russian"), "simple" for any other language or none.
std::string TextSearchConfig(const std::string& language);

// True for a name TextSearchConfig can return (safe to put in SQL text).
bool IsKnownConfig(const std::string& name);

// "'w1' & 'w2':*" for to_tsquery: every word must match, the last as a
// prefix; quotes and backslashes inside a word are escaped, so no word
// is read as an operator.
std::string TsQueryText(const std::vector<std::string>& words);

// `message` with the password of `url` (user:password@ or password=)
// replaced by "***" wherever it appears.
std::string RedactSecrets(const std::string& url, const std::string& message);

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_PG_TEXT_H_
