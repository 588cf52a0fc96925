// Tokens are maximal runs of letters and digits (numbers may keep inner
// "," and "."), with apostrophes inside words kept ("don't"). Each token is
// lower-cased with ICU and stemmed with the Snowball stemmer of the
// tokenizer's language.
#include <libstemmer.h>
#include <unicode/uchar.h>

#include "common/strings.h"
#include "text/internal/stopwords.h"
#include "text/text.h"

namespace storyline::text {

Tokenizer::Tokenizer(const std::string& language)
    : language_(language), stopwords_(internal::Stopwords(language)) {
  if (!language.empty()) stemmer_ = sb_stemmer_new(language.c_str(), "UTF_8");
}

Tokenizer::~Tokenizer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

bool Tokenizer::IsStopword(std::string_view lower) const {
  return stopwords_ && stopwords_->count(std::string(lower));
}

const std::string& Tokenizer::Stem(const std::string& lower) {
  auto it = stems_.find(lower);
  if (it != stems_.end()) return it->second;
  if (stems_.size() >= kMaxCachedStems) stems_.clear();
  std::string stem;
  if (!IsStopword(lower)) {
    const sb_symbol* s =
        stemmer_
            ? sb_stemmer_stem(stemmer_,
                              reinterpret_cast<const sb_symbol*>(lower.data()),
                              static_cast<int>(lower.size()))
            : nullptr;
    stem = s ? std::string(reinterpret_cast<const char*>(s),
                           static_cast<size_t>(sb_stemmer_length(stemmer_)))
             : lower;
  }
  return stems_.emplace(lower, std::move(stem)).first->second;
}

namespace {

// Character classes with an ASCII fast path (ICU for the rest).
inline bool IsAlnum(uint32_t c) {
  if (c < 0x80)
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_isalnum(static_cast<UChar32>(c));
}
inline bool IsDigit(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(static_cast<UChar32>(c));
}
inline bool IsAlpha(uint32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(c));
}
inline bool IsCapital(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) ||
         u_istitle(static_cast<UChar32>(c));
}
inline uint32_t Next(std::string_view t, size_t* i) {
  unsigned char b = static_cast<unsigned char>(t[*i]);
  if (b < 0x80) {
    ++*i;
    return b;
  }
  return DecodeUtf8(t, i);
}

}  // namespace

std::vector<Token> Tokenizer::Tokenize(std::string_view t, bool stem) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < t.size()) {
    size_t begin = i;
    uint32_t cp = Next(t, &i);
    if (!IsAlnum(cp)) continue;
    bool all_digits = IsDigit(cp);
    bool cap = IsCapital(cp);
    size_t end = i;
    while (end < t.size()) {
      size_t k = end;
      uint32_t c = Next(t, &k);
      if (IsAlnum(c)) {
        all_digits &= IsDigit(c);
        end = k;
        continue;
      }
      // Inner punctuation: 1,000 / 3.5 / don't / l'état.
      bool inner = false;
      if (k < t.size()) {
        size_t k2 = k;
        uint32_t nx = Next(t, &k2);
        if ((c == ',' || c == '.') && all_digits && IsDigit(nx)) inner = true;
        if ((c == '\'' || c == 0x2019) && IsAlpha(nx) && !all_digits)
          inner = true;
      }
      if (!inner) break;
      end = k;
    }
    i = end;
    Token tok;
    tok.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    tok.lower = ToLower(t.substr(begin, end - begin));
    tok.capitalized = cap;
    tok.number = all_digits;
    if (!stem) {
      // left to the caller
    } else if (tok.number) {
      if (!IsStopword(tok.lower)) tok.stem = tok.lower;
    } else {
      tok.stem = Stem(tok.lower);
    }
    out.push_back(std::move(tok));
  }
  return out;
}

}  // namespace storyline::text
