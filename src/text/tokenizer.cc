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

Tokenizer::Tokenizer(const std::string& language) : language_(language) {
  if (!language.empty()) stemmer_ = sb_stemmer_new(language.c_str(), "UTF_8");
}

Tokenizer::~Tokenizer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

bool Tokenizer::IsStopword(std::string_view lower) const {
  const auto* sw = internal::Stopwords(language_);
  return sw && sw->count(std::string(lower));
}

std::vector<Token> Tokenizer::Tokenize(std::string_view t) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < t.size()) {
    size_t begin = i;
    uint32_t cp = DecodeUtf8(t, &i);
    if (!u_isalnum(static_cast<UChar32>(cp))) continue;
    bool digits = u_isdigit(static_cast<UChar32>(cp));
    bool all_digits = digits;
    bool cap = u_isupper(static_cast<UChar32>(cp)) ||
               u_istitle(static_cast<UChar32>(cp));
    size_t end = i;
    while (end < t.size()) {
      size_t k = end;
      uint32_t c = DecodeUtf8(t, &k);
      if (u_isalnum(static_cast<UChar32>(c))) {
        all_digits &= u_isdigit(static_cast<UChar32>(c)) != 0;
        end = k;
        continue;
      }
      // Inner punctuation: 1,000 / 3.5 / don't / l'état.
      bool inner = false;
      if (k < t.size()) {
        size_t k2 = k;
        uint32_t nx = DecodeUtf8(t, &k2);
        if ((c == ',' || c == '.') && all_digits &&
            u_isdigit(static_cast<UChar32>(nx)))
          inner = true;
        if ((c == '\'' || c == 0x2019) && u_isalpha(static_cast<UChar32>(nx)) &&
            !all_digits)
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
    if (!IsStopword(tok.lower)) {
      if (stemmer_ && !tok.number) {
        const sb_symbol* s = sb_stemmer_stem(
            stemmer_, reinterpret_cast<const sb_symbol*>(tok.lower.data()),
            static_cast<int>(tok.lower.size()));
        tok.stem =
            s ? std::string(reinterpret_cast<const char*>(s),
                            static_cast<size_t>(sb_stemmer_length(stemmer_)))
              : tok.lower;
      } else {
        tok.stem = tok.lower;
      }
    }
    out.push_back(std::move(tok));
  }
  return out;
}

}  // namespace storyline::text
