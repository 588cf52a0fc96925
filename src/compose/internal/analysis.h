// Per-story sentence analysis shared by the compose steps (internal).
#ifndef STORYLINE_COMPOSE_INTERNAL_ANALYSIS_H_
#define STORYLINE_COMPOSE_INTERNAL_ANALYSIS_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "compose/compose.h"
#include "text/text.h"

namespace storyline::compose::internal {

// Stem ids (interned per Analysis), sorted and unique.
using StemSet = std::vector<uint32_t>;

struct Sent {
  const Article* article = nullptr;
  std::string event_id;
  Span span;         // verbatim span used on the page (dateline cut)
  std::string norm;  // whitespace-collapsed text, for exact matching
  StemSet stems;
  int words = 0;
  int position = 0;     // index of the sentence in its article
  bool usable = false;  // passes the clarity rules for summaries
};

struct Analysis {
  std::vector<std::unique_ptr<Sent>> sents;
  std::vector<const Article*> originals;  // articles that are not copies
  std::map<std::string, std::vector<const Article*>>
      event_articles;  // originals
  std::map<std::string, std::vector<const Article*>>
      copies_of;  // original id → copies
  std::unordered_map<std::string, std::vector<const Sent*>> by_norm;
  std::map<std::string, std::vector<const Sent*>> by_article;
  std::unordered_map<uint32_t, int> story_df;  // stem → articles containing it
  std::map<std::string, std::unique_ptr<text::Tokenizer>> tokenizers;

  text::Tokenizer* TokenizerFor(const std::string& lang);
  std::unordered_map<std::string, uint32_t> stem_ids;
  StemSet Stems(const std::string& lang, std::string_view s);
};

// Splits and scores every sentence of every article in `in`.
void Analyze(const StoryInput& in, const Options& o, Analysis* an);

// Removes a leading dateline ("KYIV (AP) — ", "LONDON — ") from `span`.
Span TrimDateline(std::string_view text, Span span);

// Quoted words in `s` ("…" or “…”) of 2–40 words, marks included; the
// span is relative to `s`. False when there is none.
bool FindQuote(std::string_view s, Span* out);

double Jaccard(const StemSet& a, const StemSet& b);

// Key people, places and organisations named in ≥ 2 articles, most named
// first (names.cc). Non-const: tokenizers are created on demand.
std::vector<KeyName> KeyNames(Analysis* analysis, int max_names);
// |a ∩ b| / min(|a|, |b|): high when one sentence mostly repeats another.
double Overlap(const StemSet& a, const StemSet& b);

}  // namespace storyline::compose::internal

#endif  // STORYLINE_COMPOSE_INTERNAL_ANALYSIS_H_
