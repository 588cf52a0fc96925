// Quotation attribution by pattern: the speech verb next to the closing or
// opening mark, and a capitalised name next to the verb.
#include "text/quotes.h"

#include <re2/re2.h>

#include <set>
#include <string>

#include "common/strings.h"
#include "text/text.h"

namespace storyline::text {
namespace {

// Speech verbs of news writing, present and past.
#define SL_VERBS                                                         \
  "(?:said|says|told [a-zA-Z ]{1,25}?|added|adds|explained|insisted|"    \
  "warned|wrote|writes|declared|stated|argued|noted|recalled|replied|"   \
  "asked|tweeted|posted|announced|admitted|acknowledged|conceded|urged|" \
  "promised|vowed|testified|continued)"
// A name: capitalised words (initials and hyphens allowed), up to five.
#define SL_NAME                                            \
  "((?:[A-Z][\\p{L}'\\x{2019}.\\-]*\\s){0,4}[A-Z][\\p{L}'" \
  "\\x{2019}\\-]*[\\p{L}])"

struct Mark {
  const char* open;
  const char* close;
};

bool IsNotAName(std::string_view n) {
  static const std::set<std::string> kNot = {
      "He",   "She",   "They",   "It",    "We",        "I",       "You",
      "The",  "This",  "That",   "There", "Officials", "Police",  "Some",
      "Many", "Both",  "Others", "One",   "Critics",   "Experts", "Residents",
      "His",  "Their", "Her",    "Its"};
  std::string first(n.substr(0, n.find(' ')));
  return kNot.count(first) > 0;
}

// Drops leading titles ("Mayor Lidia Warnke" → "Lidia Warnke",
// "Mr Alvarez" → "Alvarez").
Span StripTitles(std::string_view s, Span name) {
  for (;;) {
    std::string_view n = s.substr(name.begin, name.size());
    size_t sp = n.find(' ');
    if (sp == std::string_view::npos || !IsTitleWord(n.substr(0, sp))) break;
    name.begin += static_cast<uint32_t>(sp + 1);
  }
  return name;
}

}  // namespace

std::vector<Quotation> FindQuotations(std::string_view s) {
  std::vector<Quotation> out;
  static const RE2 kAfterSaidName("^[,.]?\\s*" SL_VERBS "\\s+" SL_NAME);
  static const RE2 kAfterNameSaid(
      "^[,.]?\\s*(?:[a-z][a-z\\-]*\\s+){0,3}" SL_NAME "\\s+" SL_VERBS "\\b");
  static const RE2 kAfterAccording("^[,.]?\\s*according to\\s+" SL_NAME);
  static const RE2 kBeforeNameSaid(SL_NAME
                                   "(?:,[^,\"\\x{201C}]{1,80},)?\\s+" SL_VERBS
                                   "(?:\\s+that)?\\s*:?\\s*$");
  const Mark marks[] = {{"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\"", "\""}};
  for (const Mark& m : marks) {
    size_t b = s.find(m.open);
    while (b != std::string_view::npos && out.size() < 8) {
      size_t ob = std::string_view(m.open).size();
      size_t e = s.find(m.close, b + ob);
      if (e == std::string_view::npos) break;
      size_t end = e + std::string_view(m.close).size();
      std::string_view quote = s.substr(b, end - b);
      int words = WordCount(quote);
      if (words >= 3 && words <= 60) {
        re2::StringPiece after(s.data() + end, s.size() - end);
        // The speaker stands within 200 bytes before the opening mark.
        size_t from = b > 200 ? b - 200 : 0;
        re2::StringPiece before(s.data() + from, b - from);
        re2::StringPiece name;
        bool found = RE2::PartialMatch(after, kAfterSaidName, &name) ||
                     RE2::PartialMatch(after, kAfterNameSaid, &name) ||
                     RE2::PartialMatch(after, kAfterAccording, &name) ||
                     RE2::PartialMatch(before, kBeforeNameSaid, &name);
        if (found && !IsNotAName(std::string_view(name.data(), name.size()))) {
          Span sp{static_cast<uint32_t>(name.data() - s.data()),
                  static_cast<uint32_t>(name.data() - s.data() + name.size())};
          out.push_back({{static_cast<uint32_t>(b), static_cast<uint32_t>(end)},
                         StripTitles(s, sp)});
        }
      }
      b = s.find(m.open, end);
    }
  }
  return out;
}

}  // namespace storyline::text
