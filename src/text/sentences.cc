// Sentence splitting by rule: a terminator (. ! ? …) plus any closing quotes
// or brackets, then whitespace, then something that can start a sentence
// (an upper-case letter, a digit or an opening quote). A period after a
// known abbreviation or an initial is not a terminator unless the next word
// is one that typically opens a sentence. Newlines always end a sentence.
#include <unicode/uchar.h>

#include <cctype>
#include <set>
#include <string>

#include "common/strings.h"
#include "common/time.h"
#include "text/text.h"

namespace storyline::text {
namespace {

// Abbreviations that (almost) never end a sentence.
const std::set<std::string>& NonFinalAbbrev() {
  static const std::set<std::string> k = {
      "Mr",  "Mrs",  "Ms",   "Dr",   "Prof", "Sen",    "Rep",  "Gov",   "Gen",
      "Col", "Lt",   "Sgt",  "Capt", "Cmdr", "Adm",    "Maj",  "St",    "Mt",
      "Ft",  "Rev",  "Hon",  "Pres", "Supt", "Det",    "Insp", "vs",    "v",
      "No",  "Nos",  "Vol",  "Fig",  "pp",   "approx", "e.g",  "i.e",   "cf",
      "Ave", "Blvd", "Rd",   "Dept", "Univ", "Assn",   "Bros", "Calif", "Conn",
      "Fla", "Ga",   "Ill",  "Mass", "Mich", "Minn",   "Penn", "Tenn",  "Tex",
      "Va",  "Wash", "Wis",  "Ariz", "Colo", "Ky",     "La",   "Md",    "Mo",
      "Nev", "Okla", "Ore",  "Pa",   "Wyo",  "Ala",    "Ark",  "Del",   "Kan",
      "Neb", "Ind",  "Miss", "Hr",   "Fr",   "Sr",     "Sra",  "Mme",   "Mlle",
      "bzw", "z.B",  "usw",  "ca"};
  return k;
}

// "Jan", "Sept", "Tues": capitalised month and weekday abbreviations.
bool CalendarAbbrev(const std::string& w) {
  return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])) &&
         (EnglishMonth(w, NameForm::kAbbreviated) ||
          EnglishWeekday(w, NameForm::kAbbreviated) >= 0);
}

// Abbreviations that may end a sentence ("… in the U.S. The next …").
const std::set<std::string>& MaybeFinalAbbrev() {
  static const std::set<std::string> k = {
      "U.S", "U.K", "U.N", "E.U", "Inc", "Ltd", "Co",  "Corp",
      "Jr",  "etc", "a.m", "p.m", "D.C", "S.A", "N.Y", "L.A"};
  return k;
}

}  // namespace

bool IsSentenceOpener(std::string_view word) {
  static const std::set<std::string, std::less<>> k = {
      "The",     "He",        "She",   "It",     "They",  "We",
      "I",       "In",        "But",   "A",      "An",    "This",
      "That",    "These",     "Those", "On",     "At",    "Meanwhile",
      "However", "Officials", "His",   "Her",    "Their", "Its",
      "There",   "When",      "After", "Before", "And",   "As",
      "If",      "While",     "For",   "Some",   "Many",  "Most",
      "Earlier", "Later",     "Last"};
  return k.count(word) > 0;
}

namespace {

bool IsOpenQuote(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == '(' ||
         cp == '[' || cp == 0xAB || cp == 0x201E;
}
bool IsCloseQuote(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == ')' ||
         cp == ']' || cp == 0xBB;
}

// The word (letters and inner periods) that ends right before `pos`.
std::string WordBefore(std::string_view t, size_t pos) {
  size_t b = pos;
  while (b > 0) {
    unsigned char c = t[b - 1];
    if (c == ' ' || c == '\n' || c == '(' || c == '"' || c == '\'') break;
    --b;
  }
  std::string w(t.substr(b, pos - b));
  // Strip leading opening punctuation in UTF-8 (“ ‘).
  while (StartsWith(w, "\xE2\x80\x9C") || StartsWith(w, "\xE2\x80\x98"))
    w = w.substr(3);
  return w;
}

std::string WordAfter(std::string_view t, size_t pos) {
  size_t e = pos;
  while (e < t.size() && t[e] != ' ' && t[e] != '\n' && t[e] != ',' &&
         t[e] != '.')
    ++e;
  return std::string(t.substr(pos, e - pos));
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view t) {
  std::vector<Span> out;
  auto emit = [&](size_t b, size_t e) {
    while (b < e && (t[b] == ' ' || t[b] == '\n')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n')) --e;
    if (e > b)
      out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  };
  size_t start = 0;
  size_t i = 0;
  while (i < t.size()) {
    size_t cp_begin = i;
    uint32_t cp = DecodeUtf8(t, &i);
    if (cp == '\n') {
      emit(start, cp_begin);
      start = i;
      continue;
    }
    bool term = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
    if (!term) continue;
    // Absorb runs of terminators and closing quotes.
    size_t j = i;
    while (j < t.size()) {
      size_t k = j;
      uint32_t c2 = DecodeUtf8(t, &k);
      if (c2 == '.' || c2 == '!' || c2 == '?' || c2 == 0x2026 ||
          IsCloseQuote(c2)) {
        j = k;
      } else {
        break;
      }
    }
    if (j < t.size() && t[j] != ' ' && t[j] != '\n') continue;  // "3.5", "U.S."
    size_t next = j;
    while (next < t.size() && t[next] == ' ') ++next;
    if (next < t.size() && t[next] != '\n') {
      size_t k = next;
      uint32_t n = DecodeUtf8(t, &k);
      bool opens = u_isupper(static_cast<UChar32>(n)) ||
                   u_isdigit(static_cast<UChar32>(n)) || IsOpenQuote(n) ||
                   n == 0x2014 || n == '-';
      if (!opens) continue;
      if (cp == '.' && j == i) {  // plain period directly after a word
        std::string w = WordBefore(t, cp_begin);
        bool initial = w.size() == 1 && u_isupper(static_cast<UChar32>(w[0]));
        if (initial || NonFinalAbbrev().count(w) || CalendarAbbrev(w)) continue;
        if (MaybeFinalAbbrev().count(w) &&
            !IsSentenceOpener(WordAfter(t, next)))
          continue;
      }
    }
    emit(start, j);
    start = j;
    i = j;
  }
  emit(start, t.size());
  return out;
}

}  // namespace storyline::text
