#include "store/internal/search.h"

#include <algorithm>

namespace storyline::store::internal {
namespace {

bool WordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c >= 0x80;
}

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

constexpr size_t kMaxWords = 16;
constexpr size_t kMaxWordBytes = 64;

}  // namespace

std::vector<std::string> QueryWords(const std::string& query) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < query.size() && out.size() < kMaxWords) {
    while (i < query.size() && !WordByte(static_cast<unsigned char>(query[i])))
      ++i;
    size_t b = i;
    while (i < query.size() && WordByte(static_cast<unsigned char>(query[i])))
      ++i;
    if (i == b) break;
    std::string w = query.substr(b, std::min(i - b, kMaxWordBytes));
    // Do not cut inside a UTF-8 sequence.
    while (!w.empty() && (static_cast<unsigned char>(w.back()) & 0xC0) == 0xC0)
      w.pop_back();
    for (char& c : w) c = Lower(c);
    // FTS5 keywords are harmless inside quotes; skip them anyway so that
    // "a AND b" means the two words.
    if (w == "and" || w == "or" || w == "not" || w == "near") continue;
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

std::string MatchExpression(const std::vector<std::string>& words) {
  std::string m;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) m += ' ';
    m += '"' + words[i] + '"';  // words never contain '"'
    if (i + 1 == words.size()) m += '*';
  }
  return m;
}

std::string Snippet(const std::string& text,
                    const std::vector<std::string>& words, int max_words) {
  std::string lower = text;
  for (char& c : lower) c = Lower(c);
  size_t hit = std::string::npos;
  for (const std::string& w : words) {
    size_t p = lower.find(w);
    while (p != std::string::npos && p > 0 &&
           WordByte(static_cast<unsigned char>(lower[p - 1])))
      p = lower.find(w, p + 1);
    if (p < hit) hit = p;
  }
  if (hit == std::string::npos) hit = 0;
  // Start a third of the window before the hit, at a word boundary.
  size_t start = hit;
  int back = max_words / 3;
  while (start > 0 && back > 0) {
    --start;
    if (text[start] == ' ' || text[start] == '\n') --back;
  }
  while (start > 0 && start < text.size() && text[start] != ' ' &&
         text[start] != '\n')
    --start;
  size_t end = start;
  int n = 0;
  while (end < text.size() && n < max_words) {
    while (end < text.size() && (text[end] == ' ' || text[end] == '\n')) ++end;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    ++n;
  }
  std::string out;
  size_t s = start;
  while (s < end && (text[s] == ' ' || text[s] == '\n')) ++s;
  if (s > 0) out += "\xE2\x80\xA6 ";
  for (size_t k = s; k < end; ++k) out += text[k] == '\n' ? ' ' : text[k];
  if (end < text.size()) out += " \xE2\x80\xA6";
  return out;
}

}  // namespace storyline::store::internal
