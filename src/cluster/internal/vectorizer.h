// Sparse weighted feature vectors for articles (internal to cluster/).
#ifndef STORYLINE_CLUSTER_INTERNAL_VECTORIZER_H_
#define STORYLINE_CLUSTER_INTERNAL_VECTORIZER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/flat_map.h"
#include "common/model.h"
#include "common/serial.h"
#include "common/status.h"
#include "text/text.h"

namespace storyline::cluster::internal {

using FeatureId = uint32_t;
// Sorted by feature id; weights L2-normalised.
using SparseVec = std::vector<std::pair<FeatureId, float>>;

// Calls f(feature, wa, wb) for every feature present in both (sorted)
// vectors.
template <typename F>
void ForEachSharedFeature(const SparseVec& a, const SparseVec& b, F f) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      f(a[i].first, a[i].second, b[j].second);
      ++i;
      ++j;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
}

// Calls f(wa, wb) for every feature present in both (sorted) vectors.
template <typename F>
void ForEachShared(const SparseVec& a, const SparseVec& b, F f) {
  ForEachSharedFeature(a, b, [&](FeatureId, float x, float y) { f(x, y); });
}

float Dot(const SparseVec& a, const SparseVec& b);
// Number of features present in both.
int SharedFeatures(const SparseVec& a, const SparseVec& b);

// Keeps the `max_terms` heaviest entries of `v`, L2-normalises them and
// sorts by feature id, making `v` a SparseVec.
void PruneAndNormalize(size_t max_terms,
                       std::vector<std::pair<FeatureId, float>>* v);

// The outlet an article comes from, as a hash of its URL's host (without
// "www."), else of its outlet name; 0 when neither is known.
uint64_t OutletKey(const Article& a);

// An article's vectors, each L2-normalised.
struct Vectors {
  SparseVec all;    // stems, names and numbers; title terms boosted
  SparseVec title;  // the title's stems and names
  SparseVec names;  // the names and numbers of `all` (language-neutral)
};

// One token of an article's title or lead as AddAndVectorize reads it:
// what is a pure function of the text and its language.
struct PreparedToken {
  text::Token token;            // token.stem is Stem(lower) when resolved
  bool sentence_start = false;  // the first token, or after ". " or a line
  bool all_caps = false;        // written in capitals ("NATO"), for names
  std::string name_key;         // NameKey(stem) of a name, when resolved
};
struct PreparedText {
  // Stems and name keys filled in (else the vectorizer finds them, once
  // per word, with its own tokenizer).
  bool resolved = false;
  std::vector<PreparedToken> title, lead;
};

// Prepares articles for AddAndVectorize away from the vectorizer (another
// thread): the same tokenizers, its own instances and memo. Not
// thread-safe: one per thread.
class TextPreparer {
 public:
  PreparedText Prepare(const Article& a);

 private:
  std::map<std::string, std::unique_ptr<text::Tokenizer>> tokenizers_;
  std::unordered_map<std::string, std::string> name_keys_;  // bounded memo
};

// Turns articles into sublinear TF-IDF vectors over stems, names ("n:") and
// numbers ("#:"), with document frequencies updated as articles arrive.
//
// Stems are features of their language, and their document frequencies are
// counted among that language's articles: in a stream where Persian is 2% of
// the articles a Persian function word is common among Persian articles,
// not rare overall. A stem in at least `kStopShare` of a language's articles
// (once it has `kStopMinDocs`) is a learned stopword and contributes
// nothing. Names and numbers are shared by every language.
//
// Until a language has `idf_min_docs` articles its idf is computed as if it
// had that many: in the first few articles of a stream (or of a language
// in it) the plain idf makes every shared word near worthless against the
// words only one article has, so two reports of one happening share none
// of their 48 kept features and never meet.
//
// What an outlet repeats on most of its pages (its name, bylines, section
// labels, its region) is no evidence that two articles match: per outlet
// (the URL's host, else the outlet name) the share of its recent articles
// holding each feature is kept, and a feature on at least `kOutletShare` of
// them (once the outlet has `kOutletMinDocs` and the stream has
// `kOutletMinOutlets` outlets to contrast it with) is dropped from that
// outlet's vectors. Per-outlet state is bounded (features per outlet, outlets).
class Vectorizer {
 public:
  Vectorizer(double title_boost, double name_boost, size_t max_terms,
             double idf_min_docs);
  // Counts the article's features into the document frequencies, then
  // returns its vectors weighted by the updated idf. `prepared` (from any
  // TextPreparer, for this article as it is now) saves the tokenising and
  // gives the same vectors.
  Vectors AddAndVectorize(const Article& a,
                          const PreparedText* prepared = nullptr);
  // The language-neutral features of `v` — names ("n:…") and numbers
  // ("#:…") — re-normalised.
  SparseVec NamesOnly(const SparseVec& v) const;
  // True for names and numbers (features of every language).
  bool IsNeutral(FeatureId f) const { return lang_[f] == 0; }
  // Whether the words of `lang` can be trusted as evidence: the language
  // has a stopword list, or enough articles to have learned its own.
  bool WordsTrusted(const std::string& lang);
  // True for numbers.
  bool IsNumber(FeatureId f) const { return number_[f]; }
  // True for names and numbers, and for stems written capitalised in most
  // of their mid-sentence occurrences (a place's or a person's name).
  bool IsNameLike(FeatureId f) const {
    if (lang_[f] == 0) return true;
    uint16_t c = case_[f];
    return (c >> 8) * 2 > (c & 0xff);
  }

  // True for names written in capitals in most of their body occurrences
  // ("ДТП", "МВД", "OPEC"): mostly institutions and common abbreviations,
  // on every page of a kind of news, so weaker evidence of one story than
  // a person's or a place's name.
  bool IsAcronym(FeatureId f) const {
    if (lang_[f] != 0 || number_[f]) return false;
    uint16_t c = case_[f];
    return (c >> 8) * 2 > (c & 0xff);
  }

  // True for the name features of months and weekdays ("September"):
  // evidence of one happening's dates (they stay in the vectors), not of
  // one story's people and places.
  bool IsCalendarName(FeatureId f) const { return calendar_[f]; }

  // The document frequencies, features, languages and outlets (the word
  // cache is a memo and is rebuilt). Load() is for a fresh Vectorizer made
  // with the same parameters; it fails on damaged data.
  void Save(serial::Writer* w) const;
  Status Load(serial::Reader* r);
  size_t feature_count() const { return df_.size(); }

  static constexpr double kStopShare = 0.25;
  static constexpr int64_t kStopMinDocs = 30;
  static constexpr double kOutletShare = 0.5;
  static constexpr uint32_t kOutletMinDocs = 8;
  static constexpr size_t kOutletMinOutlets = 5;

 private:
  static constexpr FeatureId kNoFeature = ~FeatureId{0};
  // What one lower-cased word of one language contributes: its stem's
  // feature (kNoFeature for stopwords and one-letter words) and, once seen
  // capitalised, its name feature. Memoised per language so a word costs
  // one lookup.
  struct WordFeatures {
    FeatureId stem = kNoFeature;
    FeatureId name = kNoFeature;
    bool calendar = false;  // a month or weekday (temporal::IsCalendarWord)
  };
  struct Language {
    uint16_t index = 0;  // 1-based; 0 is "every language" (names, numbers)
    std::unique_ptr<text::Tokenizer> tokenizer;
    std::unordered_map<std::string, WordFeatures> words;  // bounded
  };
  // Recent feature counts of one outlet; halved every kOutletHalfLife
  // articles so they follow what the outlet repeats now.
  struct Outlet {
    uint32_t docs = 0;
    FlatMap<FeatureId, uint32_t> df;
  };
  static constexpr size_t kMaxCachedWords = 1 << 18;
  static constexpr uint32_t kOutletHalfLife = 64;
  static constexpr size_t kMaxOutletFeatures = 4096;
  static constexpr size_t kMaxOutlets = 1 << 14;
  Language* LanguageFor(const std::string& lang);
  FeatureId Intern(const std::string& f, uint16_t lang);
  // Counts one mid-sentence body occurrence of `f` into case_, `marked`
  // when written capitalised (stems) or in capitals (names).
  void CountCase(FeatureId f, bool marked);
  Outlet* OutletFor(const Article& a);

  double title_boost_, name_boost_;
  size_t max_terms_;
  double idf_min_docs_;
  int64_t docs_ = 0;
  std::vector<int64_t> lang_docs_{0};  // by Language::index
  std::unordered_map<std::string, FeatureId> ids_;
  std::vector<uint32_t> df_;
  std::vector<uint16_t> lang_;  // of each feature (0: names, numbers)
  std::vector<bool> number_;    // of each feature
  // Per feature, mid-sentence body occurrences: capitalised (stems) or in
  // capitals (names) in the high byte, all in the low byte, both halved
  // when either would overflow.
  std::vector<uint16_t> case_;
  std::vector<bool> calendar_;  // of each feature (names of months, days)
  std::map<std::string, Language> languages_;
  std::unordered_map<std::string, Outlet> outlets_;
};

}  // namespace storyline::cluster::internal

#endif  // STORYLINE_CLUSTER_INTERNAL_VECTORIZER_H_
