// text: Unicode normalisation, sentences, tokens, stems and language, every
// unit carrying byte offsets into the text it came from.
//
//   std::string t = text::Normalize(raw);              // NFC, spaces folded
//   for (Span s : text::SplitSentences(t)) ...         // offsets into t
//   text::Tokenizer tok("en");
//   for (const text::Token& k : tok.Tokenize(t)) ...   // k.stem, k.span
//   std::string lang = text::DetectLanguage(t);        // "en", "de", or ""
//
// Thread-safety: free functions are thread-safe. A Tokenizer owns a
// libstemmer instance and must not be shared between threads.
#ifndef STORYLINE_TEXT_TEXT_H_
#define STORYLINE_TEXT_TEXT_H_

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"

struct sb_stemmer;

namespace storyline::text {

// NFC-normalises `s` (ICU), maps NBSP and other Unicode spaces to ' ',
// removes zero-width and control characters, folds runs of spaces inside a
// line, and keeps "\n" line structure. Ill-formed UTF-8 is repaired first.
std::string Normalize(std::string_view s);

// Sentence boundaries in `text`. Abbreviation-aware ("U.S.", "Dr.",
// "Dec. 6", initials), keeps closing quotes and brackets with their
// sentence, and always breaks at blank lines. Spans exclude surrounding
// whitespace and are in text order.
std::vector<Span> SplitSentences(std::string_view text);

struct Token {
  Span span;                 // bytes in the tokenised text
  std::string lower;         // lower-cased surface form
  std::string stem;          // libstemmer stem of `lower` ("" for stopwords)
  bool capitalized = false;  // first letter upper case in the source
  bool number = false;       // all digits (with , or .)
};

class Tokenizer {
 public:
  // `language` is ISO 639-1; languages libstemmer lacks fall back to no
  // stemming and no stopwords.
  explicit Tokenizer(const std::string& language);
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Not thread-safe (the stemmer and the stem cache are per instance).
  // With stem=false every Token::stem is left empty (callers that memoise
  // per word call Stem() themselves).
  std::vector<Token> Tokenize(std::string_view text, bool stem = true);
  bool IsStopword(std::string_view lower) const;
  // Whether the language has a built-in stopword list.
  bool HasStopwords() const { return stopwords_ != nullptr; }
  const std::string& language() const { return language_; }
  // The stem of a lower-cased word ("" for a stopword), memoised: news text
  // repeats its words, and Snowball costs more than a hash lookup. The
  // reference is valid until the next call.
  const std::string& Stem(const std::string& lower);

 private:
  std::string language_;
  sb_stemmer* stemmer_ = nullptr;
  const std::set<std::string>* stopwords_ = nullptr;
  // Bounded: cleared when it reaches kMaxCachedStems entries.
  static constexpr size_t kMaxCachedStems = 1 << 17;
  std::unordered_map<std::string, std::string> stems_;
};

// True for a title or honorific written before a person's name ("Mayor",
// "Dr.", "Sen.", "Prime", "Foreign"): the name finders of composition and
// quotations drop it from the name and take it as a sign of a person.
bool IsTitleWord(std::string_view word);

// True for a capitalised English word that often opens a sentence without
// naming anything ("The", "However", "Officials", "Later"): the sentence
// splitter starts a sentence at it after "U.S.", and the name finder drops
// it from the front of a capitalised run.
bool IsSentenceOpener(std::string_view word);

// A script-neutral key for a name (a stem or word written capitalised):
// transliterated to Latin ASCII (ICU), spellings that differ between
// romanisations folded ("ch"/"c"/"k", "sh"/"sch", "w"/"v"), vowels and
// glides dropped, doubled letters folded, digits kept — so "Трамп" and "Trump",
// "Байден" and "Biden", "Зеленск" and "zelenski" share a key. "" when fewer
// than 3 letters remain (too short to tell names apart) or `name` is longer
// than 64 bytes. Thread-safe.
std::string NameKey(std::string_view name);

// Best-guess ISO 639-1 code for `text` via CLD2, "" when unreliable.
std::string DetectLanguage(std::string_view text);

// Lower-cases one UTF-8 string with full Unicode case mapping (ICU).
std::string ToLower(std::string_view s);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_TEXT_H_
