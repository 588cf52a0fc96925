// Metadata lines: see internal/lines.h.
//
// A date line is recognised by its shape, not by a list of sites: once the
// dates and times the tagger finds (temporal::Tag), the clock times and the
// numbers are taken away, what is left must be words that only ever
// surround a date ("Updated", "at", "GMT", "Uhr", "обновлено"), at most two
// words the tagger does not know, each beside a number (a month or weekday
// in a language it does not read: "15 ноября", "02 лис") and, for a byline,
// one short name after "by".
#include "extract/internal/lines.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/strings.h"
#include "temporal/temporal.h"
#include "text/text.h"

namespace storyline::extract::internal {
namespace {

constexpr size_t kMaxLineBytes = 160;

// Words that surround dates and bylines, lower case, in the languages we
// read. Month and weekday names are not here: the tagger finds them, or
// they count against the unknown-word allowance.
bool IsDateWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      // English
      "updated", "update", "published", "posted", "submitted", "written",
      "last", "modified", "on", "at", "am", "pm", "a.m", "p.m", "gmt", "utc",
      "bst", "et", "est", "edt", "cst", "cdt", "pst", "pdt", "ist", "cet",
      "cest", "msk", "ago", "date", "time", "the", "of", "and", "hours", "hour",
      "hrs", "mins", "min", "h", "first", "story", "text", "photos",
      // German, French, Spanish, Portuguese, Italian, Dutch
      "aktualisiert", "veröffentlicht", "um", "uhr", "stand", "zuletzt",
      "publié", "mis", "à", "jour", "le", "modifié", "publicado", "actualizado",
      "el", "a", "las", "de", "del", "atualizado", "em", "às", "pubblicato",
      "aggiornato", "il", "alle", "ore", "gepubliceerd", "bijgewerkt", "om",
      "op",
      // Russian, Ukrainian
      "обновлено", "опубликовано", "дата", "публикации", "обновления", "в", "г",
      "года", "год", "сегодня", "вчера", "оновлено", "опубліковано", "о", "р"};
  return kWords.count(w) > 0;
}

// "by X" markers (the name follows), lower case.
bool IsByMarker(std::string_view w) {
  return w == "by" || w == "von" || w == "par" || w == "por" || w == "di" ||
         w == "door" || w == "av" || w == "автор" || w == "author" ||
         w == "autor" || w == "текст";
}

struct Token {
  std::string_view text;  // as written
  size_t begin;
  bool separator;  // punctuation that ends a name: , | • – — -
};

// Splits at whitespace; ASCII punctuation and the dashes, bullets and
// middle dots of UTF-8 become separator tokens.
std::vector<Token> Tokens(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0, start = std::string_view::npos;
  auto close = [&](size_t end) {
    if (start != std::string_view::npos && end > start)
      out.push_back({s.substr(start, end - start), start, false});
    start = std::string_view::npos;
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t sep_len = 0;
    if (c == ' ' || c == '\t' || c == '\n') {
      close(i);
      ++i;
      continue;
    }
    if (c == ',' || c == '|' || c == ';' || c == '(' || c == ')' || c == '[' ||
        c == ']' || c == '/' || c == '*')
      sep_len = 1;
    else if (c == '-' && (i + 1 == s.size() || s[i + 1] == ' ') &&
             (start == std::string_view::npos))
      sep_len = 1;  // a free-standing dash, not "Jean-Luc"
    else if (s.compare(i, 3, "\u2013") == 0 || s.compare(i, 3, "\u2014") == 0 ||
             s.compare(i, 3, "\u2022") == 0)
      sep_len = 3;
    else if (s.compare(i, 2, "\u00b7") == 0)
      sep_len = 2;
    if (sep_len) {
      close(i);
      out.push_back({s.substr(i, sep_len), i, true});
      i += sep_len;
      continue;
    }
    if (start == std::string_view::npos) start = i;
    ++i;
  }
  close(s.size());
  return out;
}

bool HasLetter(std::string_view w) {
  for (unsigned char c : w)
    if (c >= 0x80 || std::isalpha(c)) return true;
  return false;
}

bool HasDigit(std::string_view w) {
  for (char c : w)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// Trailing '.' and ':' of a word ("Updated:", "p.m.", "г.").
std::string_view StripTail(std::string_view w) {
  while (!w.empty() && (w.back() == '.' || w.back() == ':')) w.remove_suffix(1);
  return w;
}

// A date or time the line states: a tagged DATE with a digit, a TIME, a
// year, a clock time or an all-digit date.
bool HasDateSignal(const std::string& text,
                   const std::vector<temporal::Timex>& tx) {
  for (const temporal::Timex& x : tx)
    if (x.type == "TIME" || (x.type == "DATE" && HasDigit(x.text))) return true;
  static const RE2 kSignal(
      "(?:^|[^0-9])(?:(?:19|20)\\d\\d|\\d{1,2}[:h.]\\d\\d|"
      "\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})(?:[^0-9]|$)");
  return RE2::PartialMatch(text, kSignal);
}

Line DateOrByline(const std::string& text) {
  Line none;
  if (!HasDigit(text)) return none;
  std::vector<temporal::Timex> tx = temporal::Tag(text, 0);
  if (!HasDateSignal(text, tx)) return none;
  std::vector<bool> in_date(text.size(), false);
  for (const temporal::Timex& x : tx) {
    if (x.type != "DATE" && x.type != "TIME") continue;
    for (size_t i = x.span.begin; i < x.span.end && i < text.size(); ++i)
      in_date[i] = true;
  }
  std::vector<Token> toks = Tokens(text);
  std::string byline;
  int unknown = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.separator || in_date[t.begin]) continue;
    std::string_view word = StripTail(t.text);
    if (word.empty() || !HasLetter(word)) continue;  // numbers, clock times
    const std::string w = text::ToLower(std::string(word));
    if (IsByMarker(w) && byline.empty()) {
      // The name: up to six words, to a separator, "on" or a number.
      size_t j = i + 1;
      std::string name;
      for (; j < toks.size() && j - i <= 6; ++j) {
        std::string_view n = StripTail(toks[j].text);
        if (toks[j].separator || in_date[toks[j].begin] || HasDigit(n) ||
            n == "on" || n == "am" || n == "le" || n == "el")
          break;
        if (!name.empty()) name += ' ';
        name += toks[j].text;
      }
      if (name.empty() || j - i > 6) return none;
      byline = name;
      i = j - 1;
      continue;
    }
    if (IsDateWord(w)) continue;
    // A word the tagger did not read is a month or a weekday only beside
    // a number ("15 ноября", "Mon 11.11.2019"), not "snowlark Posted …".
    bool beside_number = (i > 0 && HasDigit(toks[i - 1].text)) ||
                         (i + 1 < toks.size() && HasDigit(toks[i + 1].text));
    if (!beside_number || w.size() > 24 || ++unknown > 2) return none;
  }
  Line out;
  out.kind = byline.empty() ? LineKind::kDate : LineKind::kByline;
  out.byline = byline;
  return out;
}

bool IsCounter(const std::string& lower) {
  if (!HasDigit(lower)) return false;  // every counter has its figure
  static const RE2 kCounted(
      "^(?:прочитано|просмотров|просмотры|просмотрено|переглядів|переглядів:|"
      "views?|reads?|visto|visualizações|visualizaciones|aufrufe|vues|"
      "lectures|letture|visualizzazioni)\\s*:?\\s*[0-9][0-9 .,\u00a0]*"
      "(?:\\s*(?:раз|разів|times|veces|vezes|mal|fois|volte))?\\.?$");
  static const RE2 kCount(
      "^[0-9][0-9 .,\u00a0]*[km]?\\s*(?:views?|reads?|просмотр\\w*|"
      "прочтени\\w*|переглядів|visualizações|visualizaciones|aufrufe|vues|"
      "lectures|letture|visualizzazioni|comments?|комментари\\w*|"
      "коментар\\w*|kommentare|commentaires|comentarios|comentários|"
      "commenti|shares?)\\.?$");
  static const RE2 kReadingTime(
      "^(?:(?:reading time|read time|lesezeit|temps de lecture|tempo de "
      "leitura|tiempo de lectura|время чтения|tempo di lettura)\\s*:?\\s*)?"
      "(?:about |ca\\. |~)?[0-9]{1,3}\\s*(?:min|mins|minute|minutes|minuten|"
      "minutos|minuti|минут\\w*|мин)\\.?(?:\\s*(?:read|reading|de lecture|"
      "lesezeit|de leitura|de lectura|чтения|di lettura))?\\.?$");
  return RE2::FullMatch(lower, kCounted) || RE2::FullMatch(lower, kCount) ||
         RE2::FullMatch(lower, kReadingTime);
}

// "By Jo Roe", "by Ana Ruiz / Ivo Marek", "Por Ana Ruiz. Periodista", "By
// Jo Roe and Ann Lee, Staff Writers": a marker, then names (capitalised
// words and connectors) up to the first comma or full stop; no digits.
bool IsPlainByline(const std::string& text) {
  static const char* const kMarkers[] = {"By ",   "by ",  "Por ", "por ",
                                         "Par ",  "par ", "Von ", "von ",
                                         "Door ", "door "};
  size_t start = 0;
  for (const char* m : kMarkers)
    if (StartsWith(text, m)) start = std::strlen(m);
  if (start == 0 || HasDigit(text) || WordCount(text) > 9) return false;
  std::vector<Token> toks = Tokens(std::string_view(text).substr(start));
  int names = 0;
  for (const Token& t : toks) {
    if (t.separator) {
      if (t.text == "/" || t.text == "|") continue;  // between names
      break;                                         // a role follows
    }
    std::string_view w = t.text;
    bool ends = w.back() == '.' && w.size() > 2;  // "Robato." not "J."
    std::string_view core = StripTail(w);
    if (core.empty()) continue;
    if (core == "and" || core == "y" || core == "e" || core == "et" ||
        core == "und" || core == "en" || core == "&") {
      continue;
    }
    std::string s(core);
    if (text::ToLower(s) == s) return false;  // "By the end", "Von der …"
    ++names;
    if (ends) break;
  }
  return names > 0;
}

}  // namespace

Line ClassifyLine(const std::string& text, const std::string& lower) {
  Line out;
  if (text.size() > kMaxLineBytes || lower.empty()) return out;
  std::string_view l = lower;
  while (!l.empty() && (l.back() == ':' || l.back() == '.' || l.back() == ' '))
    l.remove_suffix(1);
  if (LabelKind(l, &out.label)) {
    out.kind = LineKind::kLabel;
    return out;
  }
  if (IsCounter(lower)) {
    out.kind = LineKind::kCounter;
    return out;
  }
  if (IsPlainByline(text)) {
    out.kind = LineKind::kByline;
    out.byline = text;
    return out;
  }
  return DateOrByline(text);
}

size_t LeadingLabelBytes(const std::string& lower) {
  static const char* const kParagraphLabels[] = {"topline:",
                                                 "key background:",
                                                 "key facts:",
                                                 "crucial quote:",
                                                 "key quote:",
                                                 "big number:",
                                                 "tangent:",
                                                 "what to watch for:",
                                                 "surprising fact:",
                                                 "chief critic:",
                                                 "news peg:",
                                                 "what we don't know:",
                                                 "what we don’t know:",
                                                 "contra:",
                                                 "key fact:"};
  for (const char* p : kParagraphLabels) {
    size_t n = std::strlen(p);
    if (lower.size() > n + 1 && lower.compare(0, n, p) == 0 && lower[n] == ' ')
      return n + 1;
  }
  return 0;
}

namespace {

bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Elements whose tags, printed as text, are markup and never words.
bool IsHtmlTagName(std::string_view n) {
  static const std::unordered_set<std::string_view> kTags = {
      "a",      "abbr",    "article", "b",          "blockquote", "br",
      "div",    "em",      "embed",   "figcaption", "figure",     "h1",
      "h2",     "h3",      "h4",      "h5",         "h6",         "i",
      "iframe", "img",     "li",      "noscript",   "ol",         "p",
      "script", "section", "small",   "span",       "strong",     "style",
      "sub",    "sup",     "table",   "td",         "time",       "tr",
      "u",      "ul",      "video",   "svg",        "g",          "path",
      "circle", "rect",    "polygon", "defs",       "use"};
  return kTags.count(n) > 0;
}

// Decodes the entities a double escape leaves visible.
std::string DecodeStrayEntities(const std::string& t) {
  static const struct {
    const char* entity;
    const char* text;
  } kEntities[] = {{"&quot;", "\""}, {"&amp;", "&"}, {"&lt;", "<"},
                   {"&gt;", ">"},    {"&#39;", "'"}, {"&apos;", "'"},
                   {"&nbsp;", " "},  {"&#34;", "\""}};
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    bool done = false;
    if (t[i] == '&') {
      for (const auto& e : kEntities) {
        size_t n = std::strlen(e.entity);
        if (t.compare(i, n, e.entity) == 0) {
          out += e.text;
          i += n;
          done = true;
          break;
        }
      }
    }
    if (!done) out.push_back(t[i++]);
  }
  return out;
}

// Drops "<tag …>" and "</tag>" of known elements printed as text.
std::string DropPrintedTags(const std::string& t) {
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    if (t[i] == '<') {
      size_t j = i + 1;
      if (j < t.size() && t[j] == '/') ++j;
      size_t name = j;
      while (j < t.size() && std::isalnum(static_cast<unsigned char>(t[j])))
        ++j;
      std::string lname = t.substr(name, j - name);
      for (char& c : lname) c = static_cast<char>(std::tolower(c));
      if (IsHtmlTagName(lname) && j < t.size() &&
          (t[j] == '>' || t[j] == ' ' || t[j] == '/')) {
        size_t close = t.find('>', j);
        if (close != std::string::npos && close - i <= 2000) {
          if (!out.empty() && out.back() != ' ') out.push_back(' ');
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(t[i++]);
  }
  return out;
}

// "phone.Vietnamese" → "phone. Vietnamese": a sentence end after two
// lower-case letters, straight before a capitalised word, in a token that
// is no address ("example.Com" in a URL or an e-mail stays).
void SpaceGluedSentences(std::string* text) {
  const std::string& t = *text;
  std::vector<size_t> at;
  size_t token_start = 0;
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    char c = t[i];
    if (c == ' ' || c == '\n') {
      token_start = i + 1;
      continue;
    }
    if ((c == '.' || c == '!' || c == '?') && i >= 2 &&
        IsAsciiUpper(t[i + 1]) && IsAsciiLower(t[i + 2]) &&
        IsAsciiLower(t[i - 1]) && IsAsciiLower(t[i - 2])) {
      size_t token_end = t.find_first_of(" \n", i);
      if (token_end == std::string::npos) token_end = t.size();
      std::string_view token(t.data() + token_start, token_end - token_start);
      if (token.find_first_of("@/:") == std::string_view::npos &&
          token.find("www") == std::string_view::npos)
        at.push_back(i + 1);
    }
  }
  if (at.empty()) return;  // the common case: no copy
  std::string out;
  out.reserve(t.size() + at.size());
  size_t from = 0;
  for (size_t p : at) {
    out.append(t, from, p - from);
    out.push_back(' ');
    from = p;
  }
  out.append(t, from, std::string::npos);
  *text = std::move(out);
}

}  // namespace

std::string RepairText(std::string text) {
  if (text.find('&') != std::string::npos) text = DecodeStrayEntities(text);
  if (text.find('<') != std::string::npos) {
    text = DropPrintedTags(text);
    text.erase(std::unique(text.begin(), text.end(),
                           [](char a, char b) { return a == ' ' && b == ' '; }),
               text.end());
  }
  SpaceGluedSentences(&text);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

bool LooksLikeData(const std::string& text) {
  // Metadata fields printed in a row: "international | Jo Roe |
  // https://cdn.example/a.jpg | Harbour Post".
  if (text.size() <= 600 && text.find("http") != std::string::npos) {
    size_t bars = 0;
    for (size_t at = text.find(" | "); at != std::string::npos;
         at = text.find(" | ", at + 3))
      ++bars;
    if (bars >= 2) return true;
  }
  size_t pairs = 0, quotes = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      ++quotes;
      if (i + 1 < text.size() && text[i + 1] == ':') ++pairs;
    }
  }
  return pairs >= 3 && quotes * 20 > text.size();
}

}  // namespace storyline::extract::internal
