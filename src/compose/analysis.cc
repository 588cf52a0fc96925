// Sentence analysis: every sentence of every article becomes a Sent with
// its verbatim span, its stems and whether it is clear enough to stand
// alone in a summary (no dangling pronoun, no "he said" without a name,
// a complete sentence).
#include "compose/internal/analysis.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "common/strings.h"
#include "temporal/temporal.h"
#include "text/quotes.h"

namespace storyline::compose::internal {

namespace {
size_t Intersection(const StemSet& a, const StemSet& b) {
  size_t inter = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++inter;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return inter;
}
}  // namespace

double Jaccard(const StemSet& a, const StemSet& b) {
  if (a.empty() || b.empty()) return 0;
  size_t inter = Intersection(a, b);
  return static_cast<double>(inter) /
         static_cast<double>(a.size() + b.size() - inter);
}

double Overlap(const StemSet& a, const StemSet& b) {
  if (a.empty() || b.empty()) return 0;
  return static_cast<double>(Intersection(a, b)) /
         static_cast<double>(std::min(a.size(), b.size()));
}

double Centrality(const StemSet& stems,
                  const std::unordered_map<uint32_t, int>& df, double n) {
  if (stems.empty() || n <= 0) return 0;
  int64_t sum = 0;
  for (uint32_t x : stems)
    if (auto it = df.find(x); it != df.end()) sum += it->second;
  return static_cast<double>(sum) /
         (n * std::sqrt(static_cast<double>(stems.size())));
}

Span TrimDateline(std::string_view text, Span span) {
  // "KYIV (AP) — ", "LONDON — ", "WASHINGTON, DC, United States (AFP) — ",
  // "WASHINGTON (Nov 15): ", "Dornholt (Coastline Wire) - ".
  static const RE2 kDateline(
      "^((?:[A-Z][A-Z.'\\- ]{1,30}(?:, ?[A-Za-z. "
      "]{1,25}){0,2}\\s*(?:\\([A-Za-z0-9. ]{1,20}\\))?|"
      "[A-Z][A-Za-z.' ]{1,30}(?:, ?[A-Za-z. ]{1,25}){0,2}\\s*\\([A-Za-z0-9. "
      "]{1,20}\\))"
      "\\s*(?:\xE2\x80\x94|\xE2\x80\x93|--|-|:)\\s+)");
  re2::StringPiece s(text.data() + span.begin, span.size());
  re2::StringPiece m;
  if (RE2::PartialMatch(s, kDateline, &m) && m.size() < span.size()) {
    span.begin += static_cast<uint32_t>(m.size());
  }
  return span;
}

bool FindQuote(std::string_view s, Span* out) {
  struct Pair {
    const char* open;
    const char* close;
  };
  const Pair pairs[] = {{"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\"", "\""}};
  for (const Pair& p : pairs) {
    size_t b = s.find(p.open);
    while (b != std::string_view::npos) {
      size_t ob = std::string_view(p.open).size();
      size_t e = s.find(p.close, b + ob);
      if (e == std::string_view::npos) break;
      size_t end = e + std::string_view(p.close).size();
      int words = WordCount(s.substr(b, end - b));
      if (words >= 2 && words <= 40) {
        *out = {static_cast<uint32_t>(b), static_cast<uint32_t>(end)};
        return true;
      }
      b = s.find(p.open, end);
    }
  }
  return false;
}

bool LooksLikeComment(std::string_view s) {
  // Reader-comment bylines and moderation links of comment threads.
  return s.find("Report abuse") != std::string_view::npos ||
         s.find("Posted by") != std::string_view::npos ||
         s.find("posted by") != std::string_view::npos;
}

bool Usable(std::string_view s, int words, const Options& o) {
  if (LooksLikeComment(s)) return false;
  if (words < o.min_sentence_words || words > o.max_sentence_words)
    return false;
  unsigned char first = static_cast<unsigned char>(s[0]);
  if (first >= 'a' && first <= 'z') return false;
  // Must end like a sentence.
  std::string_view tail = s.substr(s.size() >= 4 ? s.size() - 4 : 0);
  bool ends = tail.find_first_of(".!") != std::string_view::npos ||
              EndsWith(s, "\xE2\x80\x9D") || EndsWith(s, "\"");
  if (!ends || EndsWith(s, "?") || EndsWith(s, "?\"") || EndsWith(s, ":"))
    return false;
  // Openers that point at an earlier sentence, in the languages whose
  // pronouns are not also articles ("Il" is "the" in Italian).
  static const char* const kDangling[] = {
      "He ", "She ", "It ", "They ", "This ", "That ", "These ", "Those ",
      "His ", "Her ", "Their ", "Its ", "We ", "I ", "But ", "And ", "So ",
      "Also ", "Such ", "There ", "Here ", "It's ", "It\xE2\x80\x99s ",
      "That's ", "That\xE2\x80\x99s ", "There's ", "There\xE2\x80\x99s ",
      "He's ", "He\xE2\x80\x99s ", "She's ", "She\xE2\x80\x99s ", "We've ",
      "We\xE2\x80\x99ve ", "They're ", "They\xE2\x80\x99re ", "The move ",
      "The latter ", "The former ", "The decision ", "The same ",
      // Russian, Ukrainian
      "\xD0\x9E\xD0\xBD ",                          // Он
      "\xD0\x9E\xD0\xBD\xD0\xB0 ",                  // Она
      "\xD0\x9E\xD0\xBD\xD0\xB8 ",                  // Они
      "\xD0\xAD\xD1\x82\xD0\xBE ",                  // Это
      "\xD0\xA2\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5 ",  // Также
      "\xD0\x98 ",                                  // И
      "\xD0\x9D\xD0\xBE ",                          // Но
      "\xD0\x92\xD1\x96\xD0\xBD ",                  // Він
      "\xD0\x92\xD0\xBE\xD0\xBD\xD0\xB0 ",          // Вона
      "\xD0\x92\xD0\xBE\xD0\xBD\xD0\xB8 ",          // Вони
      "\xD0\xA6\xD0\xB5 ",                          // Це
      // Spanish, Portuguese, German, French
      "\xC3\x89l ", "Ella ", "Ellos ", "Pero ", "Ele ", "Ela ", "Eles ", "Mas ",
      "Er ", "Aber ", "Elle ", "Ils ", "Mais ", "But, ", "And, ", "So, ",
      "We, ", "They, ", "He, ", "She, "};
  for (const char* d : kDangling)
    if (StartsWith(s, d)) return false;
  static const RE2 kBareSaid(
      "\\b(?:he|she|they|it) (?:said|says|added|told|noted)\\b");
  if (RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), kBareSaid))
    return false;
  // Lines that are really captions, credits or calls to action.
  std::string l = AsciiLower(s.substr(0, 40));
  for (const char* p : {"photo", "image", "click", "subscribe", "sign up",
                        "read more", "follow us", "copyright"}) {
    if (StartsWith(l, p)) return false;
  }
  return true;
}

}  // namespace storyline::compose::internal

namespace storyline::compose {

AnalysisCache::AnalysisCache(size_t max_articles)
    : impl_(std::make_unique<internal::CacheState>()) {
  impl_->max_articles = std::max<size_t>(1, max_articles);
}
AnalysisCache::~AnalysisCache() = default;
size_t AnalysisCache::size() const { return impl_->entries.size(); }

text::Tokenizer* internal::CacheState::TokenizerFor(const std::string& lang) {
  std::string l = lang.empty() ? "en" : lang;
  auto it = tokenizers.find(l);
  if (it == tokenizers.end())
    it = tokenizers.emplace(l, std::make_unique<text::Tokenizer>(l)).first;
  return it->second.get();
}

namespace {
internal::StemSet StemsOf(const std::vector<text::Token>& toks,
                          std::unordered_map<std::string, uint32_t>* ids) {
  internal::StemSet out;
  for (const text::Token& t : toks) {
    if (t.stem.empty() || t.lower.size() <= 1) continue;
    // find() first: emplace() builds (and frees) a node for every token.
    auto it = ids->find(t.stem);
    if (it == ids->end())
      it = ids->emplace(t.stem, static_cast<uint32_t>(ids->size())).first;
    out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
}  // namespace

internal::StemSet internal::CacheState::Stems(const std::string& lang,
                                              std::string_view s) {
  return StemsOf(TokenizerFor(lang)->Tokenize(s), &stem_ids);
}

void internal::CacheState::Begin(const Options& o) {
  if (min_words != o.min_sentence_words || max_words != o.max_sentence_words ||
      stem_ids.size() > max_stems) {
    entries.clear();
    lru.clear();
    stem_ids.clear();
    min_words = o.min_sentence_words;
    max_words = o.max_sentence_words;
  }
}

std::shared_ptr<const internal::ArticleFacts> internal::CacheState::Get(
    const Article& a, const Options& o) {
  uint64_t key = Fnv1a64(a.content_hash) ^
                 static_cast<uint64_t>(a.published) * 0x9E3779B97F4A7C15ull;
  auto it = entries.find(a.id);
  if (it != entries.end() && it->second.key == key) {
    lru.splice(lru.begin(), lru, it->second.lru);
    return it->second.facts;
  }
  auto f = std::make_shared<internal::ArticleFacts>();
  text::Tokenizer* tok = TokenizerFor(a.language);
  int pos = 0;
  for (const Block& b : a.blocks) {
    if (b.kind == "h") continue;
    std::string_view block(a.text.data() + b.text.begin, b.text.size());
    for (Span s : text::SplitSentences(block)) {
      Span abs{s.begin + b.text.begin, s.end + b.text.begin};
      abs = internal::TrimDateline(a.text, abs);
      internal::SentFacts sf;
      sf.span = abs;
      std::string_view st(a.text.data() + abs.begin, abs.size());
      sf.norm = CollapseWhitespace(st);
      sf.words = WordCount(st);
      sf.position = pos++;
      std::vector<text::Token> toks = tok->Tokenize(st);
      sf.stems = StemsOf(toks, &stem_ids);
      sf.usable = !st.empty() && internal::Usable(st, sf.words, o);
      sf.comment = internal::LooksLikeComment(st);
      internal::SentenceNames(st, toks, abs.begin, &f->names);
      if (!internal::LooksLikeComment(st)) {
        for (const text::Quotation& q : text::FindQuotations(st)) {
          f->quotes.push_back(
              {{abs.begin + q.quote.begin, abs.begin + q.quote.end},
               {abs.begin + q.speaker.begin, abs.begin + q.speaker.end},
               static_cast<int>(f->sents.size())});
        }
      }
      if (sf.words >= 5 && sf.words <= o.max_sentence_words && !sf.comment) {
        for (const temporal::Timex& t : temporal::Tag(st, a.published)) {
          if (t.type != "DATE") continue;
          // Without a publication date ("Tuesday", "today", "6 January")
          // only resolves against the day it was read: keep dates whose
          // year the sentence itself writes.
          if (a.published_guessed &&
              (t.value.size() < 4 ||
               st.find(t.value.substr(0, 4)) == std::string_view::npos))
            continue;
          sf.dates.push_back({t.value, t.value_end});
        }
      }
      f->sents.push_back(std::move(sf));
    }
  }
  // Each name once per article (its first occurrence): counts are by
  // article.
  std::vector<internal::NameOcc> firsts;
  std::unordered_map<std::string, size_t> at;
  for (internal::NameOcc& n : f->names) {
    auto [it, fresh] = at.emplace(n.name, firsts.size());
    if (fresh)
      firsts.push_back(std::move(n));
    else
      firsts[it->second].cues |= n.cues;
  }
  f->names = std::move(firsts);
  f->title_stems = Stems(a.language, a.title);
  f->all_stems = f->title_stems;
  for (const internal::SentFacts& sf : f->sents)
    f->all_stems.insert(f->all_stems.end(), sf.stems.begin(), sf.stems.end());
  std::sort(f->all_stems.begin(), f->all_stems.end());
  f->all_stems.erase(std::unique(f->all_stems.begin(), f->all_stems.end()),
                     f->all_stems.end());
  if (it != entries.end()) {
    lru.erase(it->second.lru);
    entries.erase(it);
  }
  lru.push_front(a.id);
  entries[a.id] = {key, f, lru.begin()};
  while (entries.size() > max_articles) {
    entries.erase(lru.back());
    lru.pop_back();
  }
  return f;
}

}  // namespace storyline::compose

namespace storyline::compose::internal {

void Analyze(const StoryInput& in, const Options& o, Analysis* an) {
  std::set<std::string> ids;
  for (const StoryArticle& sa : in.articles) ids.insert(sa.article->id);
  for (const StoryArticle& sa : in.articles) {
    const Article* a = sa.article;
    bool copy = !a->duplicate_of.empty() && ids.count(a->duplicate_of);
    if (copy) {
      an->copies_of[a->duplicate_of].push_back(a);
      continue;
    }
    an->originals.push_back(a);
    an->event_articles[sa.event_id].push_back(a);
    std::shared_ptr<const ArticleFacts> facts = an->cache->Get(*a, o);
    an->held.push_back(facts);
    an->facts[a->id] = facts.get();
    std::vector<const Sent*>& mine = an->by_article[a->id];
    for (const SentFacts& sf : facts->sents) {
      Sent* sent = &an->sents.emplace_back();
      sent->article = a;
      sent->f = &sf;
      sent->span = sf.span;
      sent->norm = sf.norm;
      sent->stems = &sf.stems;
      sent->words = sf.words;
      sent->position = sf.position;
      sent->usable = sf.usable;
      an->by_norm[sent->norm].push_back(sent);
      mine.push_back(sent);
    }
    for (uint32_t s : facts->all_stems) ++an->story_df[s];
  }
  std::map<std::string, int> langs;
  for (const Article* a : an->originals) ++langs[a->language];
  int most = 0;
  for (const auto& [l, n] : langs)
    if (n > most) most = n, an->page_language = l;
}

}  // namespace storyline::compose::internal
