// Names across the pipeline: titles before a name, and script-neutral keys
// that let "Трамп" in a Russian report and "Trump" in an English one count
// as the same name.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "text/text.h"

namespace storyline::text {
namespace {

// One transliterator per thread: ICU's are costly to build and not meant
// to be shared between threads. Null when ICU lacks the rules.
icu::Transliterator* ToAscii() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> r(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, err));
    return U_SUCCESS(err) ? std::move(r) : nullptr;
  }();
  return t.get();
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ||
         c == 'j' || c == 'h';
}

}  // namespace

bool IsTitleWord(std::string_view word) {
  static const std::set<std::string, std::less<>> kTitles = {
      "Admiral",      "Ambassador", "Bishop",   "Captain",   "Chairman",
      "Chancellor",   "Chief",      "Coach",    "Colonel",   "Commander",
      "Commissioner", "Defence",    "Defense",  "Detective", "Director",
      "Dr",           "Dr.",        "Envoy",    "Finance",   "Foreign",
      "Gen.",         "General",    "Governor", "Health",    "Inspector",
      "Interior",     "Judge",      "King",     "Leader",    "Lieutenant",
      "Lord",         "Mayor",      "Mediator", "Minister",  "Mr",
      "Mr.",          "Mrs",        "Mrs.",     "Ms",        "Ms.",
      "Pope",         "President",  "Prime",    "Prof",      "Prof.",
      "Professor",    "Prosecutor", "Queen",    "Rep.",      "Secretary",
      "Sen.",         "Senator",    "Sergeant", "Sir",       "Spokesman",
      "Spokeswoman",  "Transport"};
  return kTitles.count(word) > 0;
}

std::string NameKey(std::string_view name) {
  if (name.empty() || name.size() > 64) return "";
  std::string ascii;
  bool plain = true;
  for (unsigned char c : name) plain &= c < 0x80;
  if (plain) {
    ascii = ToLower(name);
  } else {
    icu::Transliterator* t = ToAscii();
    if (!t) return "";
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    t->transliterate(u);
    u.toUTF8String(ascii);
  }
  // Letters and digits only, with the spellings that differ between
  // romanisations folded: "tch"/"ch"/"c"/"k"/"q" are one sound, "sch"/"sh"
  // another, "zh" is "z", "ph" is "f", "w" is "v", "x" is "ks".
  std::string s;
  for (size_t i = 0; i < ascii.size(); ++i) {
    char c = ascii[i];
    if (c >= '0' && c <= '9') {  // "X019", "Place7": digits tell apart
      s.push_back(c);
      continue;
    }
    if (c < 'a' || c > 'z') continue;
    auto next = [&](size_t k) {
      return i + k < ascii.size() ? ascii[i + k] : 0;
    };
    if (c == 't' && next(1) == 'c' && next(2) == 'h') {
      s.push_back('k');
      i += 2;
    } else if (c == 's' && next(1) == 'c' && next(2) == 'h') {
      s.push_back('s');
      i += 2;
    } else if ((c == 'c' || c == 's' || c == 'z' || c == 'p' || c == 'k') &&
               next(1) == 'h') {
      s.push_back(c == 'c' ? 'k' : c == 'p' ? 'f' : c);
      ++i;
    } else if (c == 'c' || c == 'q') {
      s.push_back('k');
    } else if (c == 'w') {
      s.push_back('v');
    } else if (c == 'x') {
      s += "ks";
    } else {
      s.push_back(c);
    }
  }
  // The consonant skeleton: vowels and glides go (they are where
  // romanisations and case endings differ most), doubled letters fold.
  std::string key;
  for (char c : s) {
    if (IsVowel(c)) continue;
    if (!key.empty() && key.back() == c) continue;
    key.push_back(c);
  }
  return key.size() >= 3 ? key : "";
}

}  // namespace storyline::text
