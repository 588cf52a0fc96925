// Small string helpers used across stages. All functions are pure and
// thread-safe. Inputs are treated as UTF-8 bytes; nothing here allocates
// more than a copy of its input.
#ifndef STORYLINE_COMMON_STRINGS_H_
#define STORYLINE_COMMON_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storyline {

std::string_view Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Collapses every run of ASCII whitespace (and U+00A0) to one space, trims.
std::string CollapseWhitespace(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
// Replaces every ill-formed sequence by U+FFFD. Valid input is returned as is.
std::string SanitizeUtf8(std::string_view s);
// Decodes one code point at s[*i], advancing *i; returns 0xFFFD on bad bytes.
uint32_t DecodeUtf8(std::string_view s, size_t* i);
void AppendUtf8(uint32_t cp, std::string* out);

// Decodes HTML character references left in text that was already
// decoded once (a JSON-LD headline or a meta value written with
// "&#8217;" or "&amp;"): decimal and hex references and the common named
// ones. One pass; unknown or malformed references stay as they are.
std::string DecodeHtmlEntities(std::string_view s);

// Escaping for output contexts.
std::string HtmlEscape(std::string_view s);  // text and quoted attributes
std::string JsonEscape(std::string_view s);  // without the surrounding quotes

// 64-bit FNV-1a, and its 16-hex-digit form.
uint64_t Fnv1a64(std::string_view s);
std::string Hex64(uint64_t v);

// Counts whitespace-separated words.
int WordCount(std::string_view s);

}  // namespace storyline

#endif  // STORYLINE_COMMON_STRINGS_H_
