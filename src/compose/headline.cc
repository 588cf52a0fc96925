// Headline and heading lines: titles cleaned of kickers and outlet
// suffixes, main clauses of titles and lead sentences, and the boundary
// rule Verify re-checks (internal/headline.h).
#include "compose/internal/headline.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "common/strings.h"

namespace storyline::compose::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Letters by case, in every cased script (Latin, Cyrillic, Greek…);
// caseless scripts (Arabic, Persian, CJK) have neither.
template <typename F>
bool AnyLetter(std::string_view s, F pred) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0 && pred(c)) return true;
  }
  return false;
}
// The first code point of `w` (-1 when empty or not UTF-8).
UChar32 First(std::string_view w) {
  if (w.empty()) return -1;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(w.data(), i, static_cast<int32_t>(w.size()), c);
  return c;
}
bool StartsUpper(std::string_view w) {
  UChar32 c = First(w);
  return c >= 0 && u_isupper(c);
}
bool StartsLower(std::string_view w) {
  UChar32 c = First(w);
  return c >= 0 && u_islower(c);
}
// "EXCLUSIVE", "WATCH LIVE": upper-case letters and no lower-case one.
bool AllCaps(std::string_view s) {
  return AnyLetter(s, [](UChar32 c) { return u_isupper(c) != 0; }) &&
         !AnyLetter(s, [](UChar32 c) { return u_islower(c) != 0; });
}

Span TrimSpan(std::string_view s, Span sp) {
  while (sp.begin < sp.end && IsSpace(s[sp.begin])) ++sp.begin;
  while (sp.end > sp.begin && IsSpace(s[sp.end - 1])) --sp.end;
  return sp;
}

std::string_view View(std::string_view s, Span sp) {
  return s.substr(sp.begin, sp.size());
}

std::string LastWord(std::string_view s) {
  size_t p = s.find_last_of(' ');
  std::string_view w = p == std::string_view::npos ? s : s.substr(p + 1);
  return AsciiLower(w);
}

// Words a phrase does not end on ("… rest of season and", "… ahead of",
// a text cut off at "… por minuto y"): conjunctions, articles and
// prepositions of the languages the stream carries most (not those that
// are also English words a headline may end on: "do", "die", "MIT").
bool IsFunctionWord(const std::string& w) {
  static const std::array<const char*, 59> k = {
      "and", "or", "but", "of", "the", "a", "an", "to", "for", "with", "in",
      "on", "at", "by", "from", "as", "that", "which", "who", "than", "into",
      "over", "amid", "after", "while", "its", "his", "her",
      // es, pt, it, fr
      "y", "e", "o", "ou", "de", "del", "da", "el", "la", "los", "las", "les",
      "le", "et", "en", "con", "per", "di", "che", "que", "com", "para", "por",
      // de
      "und", "oder", "der", "das", "von",
      // ru, uk
      "\xD0\xB8", "\xD0\xB2", "\xD0\xBD\xD0\xB0"};  // и, в, на
  for (const char* f : k)
    if (w == f) return true;
  return false;
}

// What starts a trailing clause that can go without changing what the
// main clause says (never "if", "unless", "until", "but", "not").
constexpr std::array<const char*, 22> kClauseCues = {
    ", with ",      ", as ",       ", after ",       ", amid ",
    ", following ", ", while ",    ", which ",       ", despite ",
    ", including ", ", bringing ", ", leaving ",     ", raising ",
    ", marking ",   ", sending ",  " as ",           " after ",
    " amid ",       " following ", " \xE2\x80\x94 ", " \xE2\x80\x93 ",
    "; ",           " despite "};

// A tail that holds the attribution keeps the claim someone's: it stays.
bool HasAttribution(std::string_view tail) {
  std::string l = AsciiLower(tail);
  for (const char* w : {" said", " says", " told", " tells", "according to",
                        " reported", " reports", " stated", " claimed",
                        " claims", " announced", " added", " warned"}) {
    if (l.find(w) != std::string::npos) return true;
  }
  return false;
}

// Quote marks and brackets opened in `s` and not closed there.
bool Unbalanced(std::string_view s) {
  int straight = 0, curly = 0, paren = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') ++straight;
    if (s[i] == '(') ++paren;
    if (s[i] == ')') --paren;
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0) ++curly;
    if (s.compare(i, 3, "\xE2\x80\x9D") == 0) --curly;
  }
  return straight % 2 != 0 || curly != 0 || paren != 0;
}

// End of the sentence holding byte `from` (the next ". ", "! ", "? ",
// newline or the end of `s`).
size_t SentenceEnd(std::string_view s, size_t from) {
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] == '\n') return i;
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
        (i + 1 == s.size() || IsSpace(s[i + 1])))
      return i + 1;
  }
  return s.size();
}

}  // namespace

double TitleLine(const Article& a, Span* span) {
  std::string_view t = a.title;
  Span sp = TrimSpan(t, {0, static_cast<uint32_t>(t.size())});
  // A bracketed label first ("[Reportage] ", "[VIDEO] ").
  if (sp.size() > 2 && t[sp.begin] == '[') {
    size_t close = t.find(']', sp.begin);
    if (close != std::string_view::npos && close < sp.begin + 30u)
      sp = TrimSpan(t, {static_cast<uint32_t>(close + 1), sp.end});
  }
  // A kicker: "Exclusive: ", "WATCH LIVE: ", "The Latest: ".
  size_t colon = View(t, sp).find(": ");
  if (colon != std::string_view::npos && colon < 24) {
    std::string_view k = View(t, sp).substr(0, colon);
    std::string kl = AsciiLower(k);
    // Only a label: "Gakharia: …" names who said what follows.
    bool caps = AllCaps(k);
    static const std::array<const char*, 16> kKickers = {
        "exclusive",  "breaking",  "breaking news", "watch",
        "watch live", "live",      "the latest",    "update",
        "updated",    "video",     "photos",        "opinion",
        "analysis",   "editorial", "explainer",     "column"};
    bool known = false;
    for (const char* x : kKickers) known |= kl == x;
    // "Trump news: …", "Election live: …", "Brexit latest: …".
    for (const char* x : {" news", " live", " latest", " updates"})
      known |= WordCount(k) <= 3 && EndsWith(kl, x);
    if (known || (caps && WordCount(k) <= 3))
      sp = TrimSpan(t, {sp.begin + static_cast<uint32_t>(colon + 2), sp.end});
  }
  // The outlet's suffix: " | Ledger", " - The Daily Ledger".
  for (const char* sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    std::string_view v = View(t, sp);
    size_t p = v.rfind(sep);
    if (p == std::string_view::npos) continue;
    std::string_view tail = v.substr(p + std::string_view(sep).size());
    bool outlet = !a.outlet.empty() && AsciiLower(tail) == AsciiLower(a.outlet);
    // Every word capitalised: a name ("The Daily Ledger"), not a clause
    // ("– ex-ambassador says", which holds the attribution).
    bool named = WordCount(tail) <= 4;
    for (const std::string& w : Split(std::string(tail), ' '))
      named &= w.empty() || StartsUpper(w) ||
               !AnyLetter(w, [](UChar32 c) { return u_isalpha(c) != 0; });
    // "…, – Prystaiko": a comma before the dash makes the tail the
    // attribution, which stays.
    bool attribution = p > 0 && v[p - 1] == ',';
    if ((outlet || named || std::string_view(sep) == " | ") && !attribution &&
        WordCount(v.substr(0, p)) >= 4)
      sp.end = sp.begin + static_cast<uint32_t>(p);
  }
  *span = sp;
  std::string_view v = View(t, sp);
  int words = WordCount(v);
  if (words < 3 || words > 22) return 0;
  // A question (also in Arabic script), or a title its source cut: an
  // ellipsis, or a character cut in half (U+FFFD after decoding).
  if (v.find('?') != std::string_view::npos ||
      v.find("\xD8\x9F") != std::string_view::npos || EndsWith(v, "...") ||
      EndsWith(v, "\xE2\x80\xA6") ||
      v.find("\xEF\xBF\xBD") != std::string_view::npos)
    return 0;
  {
    int32_t i = static_cast<int32_t>(v.size());
    UChar32 c;
    U8_PREV(v.data(), 0, i, c);
    if (c < 0) return 0;
  }
  std::string last = LastWord(v);
  if (IsFunctionWord(last)) return 0;
  // A word cut by the source's length limit ("… and p", "… with h").
  if (last.size() <= 2 && std::islower(static_cast<unsigned char>(last[0])) &&
      last != "up" && last != "in" && last != "on" && last != "us")
    return 0;
  // Explainers, lists, live pages, galleries: about the story, not it.
  std::string l = AsciiLower(v);
  for (const char* p :
       {"how ", "why ", "what ", "who ", "where ", "here's ", "here is ",
        "everything ", "watch", "live:", "listen", "quiz", "the key moments",
        "in pictures", "in photos", "timeline:"}) {
    if (StartsWith(l, p)) return 0;
  }
  for (const char* p :
       {"explained", "what we know", "things to know", "live updates",
        "live blog", "what to watch", "need to know"}) {
    if (l.find(p) != std::string::npos) return 0;
  }
  if (!l.empty() && l[0] >= '0' && l[0] <= '9' &&
      l.find(" things") != std::string::npos)
    return 0;
  double q = 1.0;
  // A line opening in lower case is the rest of something.
  if (StartsLower(v)) q *= 0.3;
  switch (a.kind) {
    case ArticleKind::kOpinion:
    case ArticleKind::kAnalysis:
    case ArticleKind::kReview:
    case ArticleKind::kExplainer:
      q = 0.3;
      break;
    case ArticleKind::kLiveBlog:
    case ArticleKind::kOther:
      q = 0.5;
      break;
    default:
      break;
  }
  if (words < 5) q *= 0.6;
  if (words > 16) q *= 0.8;
  if (Unbalanced(v)) q *= 0.5;
  return q;
}

bool ClauseLine(std::string_view text, Span sentence, int min_words,
                int max_words, Span* out) {
  Span sp = TrimSpan(text, sentence);
  std::string_view s = View(text, sp);
  if (s.empty() || EndsWith(s, "?") || EndsWith(s, "?\"") ||
      EndsWith(s, "?\xE2\x80\x9D"))
    return false;
  Span whole = sp;
  if (EndsWith(s, ".") && !EndsWith(s, "..")) --whole.end;
  int words = WordCount(View(text, whole));
  if (words >= min_words && words <= max_words &&
      !Unbalanced(View(text, whole))) {
    *out = whole;
    return true;
  }
  // The longest main clause that fits.
  size_t best = std::string_view::npos;
  for (const char* cue : kClauseCues) {
    for (size_t p = s.find(cue); p != std::string_view::npos;
         p = s.find(cue, p + 1)) {
      int w = WordCount(s.substr(0, p));
      if (w < min_words || w > max_words) continue;
      if (best != std::string_view::npos && p <= best) continue;
      Span cand{sp.begin, sp.begin + static_cast<uint32_t>(p)};
      if (Unbalanced(s.substr(0, p)) || !EndsAtBoundary(text, cand)) continue;
      best = p;
    }
  }
  if (best == std::string_view::npos) return false;
  *out = {sp.begin, sp.begin + static_cast<uint32_t>(best)};
  return true;
}

bool EndsAtBoundary(std::string_view s, Span span) {
  if (span.end > s.size() || span.begin >= span.end) return false;
  std::string_view v = View(s, span);
  if (IsSpace(v.front()) || IsSpace(v.back())) return false;
  // A line does not end on a comma, a colon or a dash.
  if (v.back() == ',' || v.back() == ';' || v.back() == ':' ||
      v.back() == '-' || EndsWith(v, "\xE2\x80\x93") ||
      EndsWith(v, "\xE2\x80\x94"))
    return false;
  if (IsFunctionWord(LastWord(v))) return false;
  // It starts where the title, a paragraph or a sentence starts.
  size_t i = span.begin;
  bool paragraph = false;
  while (i > 0 && IsSpace(s[i - 1])) paragraph |= s[--i] == '\n';
  if (i > 0 && !paragraph) {
    char c = s[i - 1];
    bool mark = i >= 3 && (s.compare(i - 3, 3, "\xE2\x80\x9D") == 0 ||
                           s.compare(i - 3, 3, "\xE2\x80\x94") == 0 ||
                           s.compare(i - 3, 3, "\xE2\x80\x93") == 0);
    if (!(c == '.' || c == '!' || c == '?' || c == ':' || c == ']' ||
          c == ')' || c == '|' || c == '-' || c == '"' || mark))
      return false;
  }
  std::string_view rest = s.substr(span.end);
  if (rest.empty() || rest.find_first_not_of(" \t\n") == std::string::npos)
    return true;
  // The sentence or title ends here.
  if (rest[0] == '.' || rest[0] == '!' || rest[0] == '\n') return true;
  bool boundary = rest[0] == ',' || rest[0] == ';' || rest[0] == ':';
  for (const char* sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "})
    boundary |= StartsWith(rest, sep);
  for (const char* cue : kClauseCues) {
    std::string_view c(cue);
    if (c[0] == ',') c.remove_prefix(1);
    boundary |= StartsWith(rest, c) && c[0] == ' ';
  }
  if (!boundary) return false;
  // The dropped rest of the sentence must not hold its attribution.
  size_t end = SentenceEnd(s, span.end);
  return !HasAttribution(s.substr(span.end, end - span.end));
}

std::string LineKey(std::string_view s) {
  return AsciiLower(CollapseWhitespace(s));
}

bool PickLine(Analysis& an, const std::vector<const Article*>& arts,
              int max_words, const StemSet* focus,
              const std::set<std::string>& taken, Line* out) {
  const double n =
      static_cast<double>(std::max<size_t>(1, an.originals.size()));
  auto relevance = [&](const StemSet& st) {
    if (st.empty()) return 0.0;
    double central = Centrality(st, an.story_df, n);
    if (!focus) return central;
    size_t in = 0;
    for (uint32_t x : st)
      in += std::binary_search(focus->begin(), focus->end(), x);
    return 0.3 * central +
           static_cast<double>(in) / static_cast<double>(st.size());
  };
  double best = 0;
  // Relevance is judged on the stems already analysed (the whole title,
  // the whole sentence): a kicker or a dropped clause changes little, and
  // no line is tokenised again.
  auto consider = [&](const Article* a, Span sp, bool in_title, double q,
                      const StemSet& stems) {
    std::string_view src = in_title ? std::string_view(a->title) : a->text;
    std::string text(src.substr(sp.begin, sp.size()));
    if (taken.count(LineKey(text))) return;
    if (a->language != an.page_language) q *= 0.8;
    double s = q * relevance(stems);
    if (s > best) {
      best = s;
      *out = {a, sp, in_title, std::move(text)};
    }
  };
  for (const Article* a : arts) {
    Span sp;
    double q = TitleLine(*a, &sp);
    if (q <= 0) continue;
    if (WordCount(std::string_view(a->title).substr(sp.begin, sp.size())) >
            max_words &&
        !ClauseLine(a->title, sp, 3, max_words, &sp))
      continue;
    if (!EndsAtBoundary(a->title, sp)) continue;
    auto f = an.facts.find(a->id);
    if (f == an.facts.end()) continue;
    consider(a, sp, true, q, f->second->title_stems);
  }
  if (best > 0) return true;
  // No title will do: the main clause of a lead sentence.
  for (const Article* a : arts) {
    auto it = an.by_article.find(a->id);
    if (it == an.by_article.end()) continue;
    for (const Sent* s : it->second) {
      if (s->position > 2) break;
      if (s->words < 6 || s->f->comment) continue;
      Span sp;
      if (!ClauseLine(a->text, s->span, 5, max_words, &sp) ||
          !EndsAtBoundary(a->text, sp))
        continue;
      bool opinion =
          a->kind == ArticleKind::kOpinion || a->kind == ArticleKind::kAnalysis;
      consider(a, sp, false, (opinion ? 0.3 : 1.0) / (1 + s->position),
               *s->stems);
    }
  }
  return best > 0;
}

}  // namespace storyline::compose::internal
