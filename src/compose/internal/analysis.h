// Per-story sentence analysis shared by the compose steps (internal).
#ifndef STORYLINE_COMPOSE_INTERNAL_ANALYSIS_H_
#define STORYLINE_COMPOSE_INTERNAL_ANALYSIS_H_

#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "compose/compose.h"
#include "text/text.h"

namespace storyline::compose::internal {

// Stem ids (interned per AnalysisCache), sorted and unique.
using StemSet = std::vector<uint32_t>;

// A DATE the temporal tagger finds in a sentence.
struct DateMention {
  std::string value, value_end;
};

// A capitalised name run in an article ("Lidia Warnke"), title dropped.
struct NameOcc {
  std::string name;
  Span span;  // bytes in Article::text
  // What the words around it say about it (any occurrence in the article).
  enum Cue : uint8_t { kPerson = 1, kPlace = 2 };
  uint8_t cues = 0;
};

// What a sentence is, independent of the story it is shown in.
struct SentFacts {
  Span span;         // verbatim span used on the page (dateline cut)
  std::string norm;  // whitespace-collapsed text, for exact matching
  StemSet stems;
  int words = 0;
  int position = 0;      // index of the sentence in its article
  bool usable = false;   // passes the clarity rules for summaries
  bool comment = false;  // a reader comment's line (never on the page)
  std::vector<DateMention> dates;  // only for 5..max_sentence_words words
};

// A quotation with a named speaker (text::FindQuotations), in article bytes.
struct QuoteOcc {
  Span quote, speaker;
  int sentence = 0;  // index into ArticleFacts::sents
};

struct ArticleFacts {
  std::vector<QuoteOcc> quotes;
  std::vector<SentFacts> sents;
  StemSet title_stems;
  StemSet all_stems;           // title and every sentence
  std::vector<NameOcc> names;  // each name's first occurrence
};

// A sentence as used in one composition.
struct Sent {
  const Article* article = nullptr;
  const SentFacts* f = nullptr;  // held by the Analysis
  // Copied from `f` (hot in the scoring loops).
  Span span;
  std::string_view norm;           // f->norm
  const StemSet* stems = nullptr;  // &f->stems (not copied: a recompose
                                   // would copy every sentence's set)
  int words = 0;
  int position = 0;
  bool usable = false;
};

// What an AnalysisCache holds (compose.h keeps it opaque).
struct CacheState {
  size_t max_articles = 50000;
  size_t max_stems = 2000000;          // interner bound: past it, start afresh
  int min_words = -1, max_words = -1;  // the Options the entries assume
  std::unordered_map<std::string, uint32_t> stem_ids;
  std::map<std::string, std::unique_ptr<text::Tokenizer>> tokenizers;
  struct Entry {
    uint64_t key = 0;  // content hash and publication time
    std::shared_ptr<const ArticleFacts> facts;
    std::list<std::string>::iterator lru;
  };
  std::unordered_map<std::string, Entry> entries;
  std::list<std::string> lru;  // most recent first

  text::Tokenizer* TokenizerFor(const std::string& lang);
  StemSet Stems(const std::string& lang, std::string_view s);
  // Starts a composition: drops everything when options changed or the
  // interner grew past its bound.
  void Begin(const Options& o);
  std::shared_ptr<const ArticleFacts> Get(const Article& a, const Options& o);
};

struct Analysis {
  CacheState* cache = nullptr;
  std::vector<std::shared_ptr<const ArticleFacts>> held;  // keeps facts alive
  std::map<std::string, const ArticleFacts*> facts;       // article id →
  std::deque<Sent> sents;  // stable addresses: the maps below point in
  std::vector<const Article*> originals;  // articles that are not copies
  std::map<std::string, std::vector<const Article*>>
      event_articles;  // originals
  std::map<std::string, std::vector<const Article*>>
      copies_of;  // original id → copies
  std::unordered_map<std::string_view, std::vector<const Sent*>> by_norm;
  std::map<std::string, std::vector<const Sent*>> by_article;
  std::unordered_map<uint32_t, int> story_df;  // stem → articles containing it
  // The page's language: the most common among the originals (ties: the
  // first in code order). The headline, headings, summary and key names
  // come from articles in it; the others are listed, not summarised.
  std::string page_language;
  // AllNames' lists, made once per composition: [0] from every article,
  // [1] from the page's language when the story has articles in others.
  mutable std::optional<std::vector<KeyName>> all_names[2];

  StemSet Stems(const std::string& lang, std::string_view s) {
    return cache->Stems(lang, s);
  }
};

// Splits and scores every sentence of every article in `in`.
void Analyze(const StoryInput& in, const Options& o, Analysis* an);

// Removes a leading dateline ("KYIV (AP) — ", "LONDON — ") from `span`.
Span TrimDateline(std::string_view text, Span span);

// Quoted words in `s` ("…" or “…”) of 2–40 words, marks included; the
// span is relative to `s`. False when there is none.
bool FindQuote(std::string_view s, Span* out);

// Clear enough to stand alone in a summary (no dangling pronoun, no "he
// said" without a name, a complete sentence of o's word range).
bool Usable(std::string_view s, int words, const Options& o);
// A line of a reader-comment thread ("Posted by: … | Report abuse").
bool LooksLikeComment(std::string_view s);

double Jaccard(const StemSet& a, const StemSet& b);

// Capitalised name runs in one tokenised sentence at `base` (names.cc).
void SentenceNames(std::string_view sentence,
                   const std::vector<text::Token>& toks, uint32_t base,
                   std::vector<NameOcc>* out);
// Every name of the story with its variants merged, most named first
// (names.cc), from every article or from those in the page's language;
// KeyNames keeps those of the page's language named in ≥ 2 articles, at
// most `max_names`.
const std::vector<KeyName>& AllNames(const Analysis& analysis,
                                     bool page_language_only = false);
std::vector<KeyName> KeyNames(const Analysis& analysis, int max_names);
// |a ∩ b| / min(|a|, |b|): high when one sentence mostly repeats another.
double Overlap(const StemSet& a, const StemSet& b);
// How central a sentence or title is to a set of `n` articles whose
// document frequencies are `df`: the summed frequencies of its stems over
// n·√|stems| (0 when either is empty). Summed as integers, so the value
// does not depend on the order of the stem ids (which an AnalysisCache
// assigns as it meets them): a page never depends on what the cache saw
// before.
double Centrality(const StemSet& stems,
                  const std::unordered_map<uint32_t, int>& df, double n);

}  // namespace storyline::compose::internal

#endif  // STORYLINE_COMPOSE_INTERNAL_ANALYSIS_H_
