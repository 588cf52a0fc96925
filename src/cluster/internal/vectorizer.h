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

#include "common/model.h"
#include "text/text.h"

namespace storyline::cluster::internal {

using FeatureId = uint32_t;
// Sorted by feature id; weights L2-normalised.
using SparseVec = std::vector<std::pair<FeatureId, float>>;

// Calls f(wa, wb) for every feature present in both (sorted) vectors.
template <typename F>
void ForEachShared(const SparseVec& a, const SparseVec& b, F f) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      f(a[i].second, b[j].second);
      ++i;
      ++j;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
}

float Dot(const SparseVec& a, const SparseVec& b);
// Number of features present in both.
int SharedFeatures(const SparseVec& a, const SparseVec& b);

// Keeps the `max_terms` heaviest entries of `v`, L2-normalises them and
// sorts by feature id, making `v` a SparseVec.
void PruneAndNormalize(size_t max_terms,
                       std::vector<std::pair<FeatureId, float>>* v);

// Turns articles into sublinear TF-IDF vectors over stems, names ("n:")
// and numbers ("#:"), with document frequencies updated incrementally.
class Vectorizer {
 public:
  Vectorizer(double title_boost, double name_boost, size_t max_terms);
  // Counts the article's features into the document frequencies, then
  // returns its vector weighted by the updated idf.
  SparseVec AddAndVectorize(const Article& a);
  // The language-neutral features of `v` — names ("n:…") and numbers
  // ("#:…") — re-normalised.
  SparseVec NamesOnly(const SparseVec& v) const;

 private:
  static constexpr FeatureId kNoFeature = ~FeatureId{0};
  // What one lower-cased word of one language contributes: its stem's
  // feature (kNoFeature for stopwords and one-letter words) and, once seen
  // capitalised, its name feature. Memoised per language so a word costs
  // one lookup.
  struct WordFeatures {
    FeatureId stem = kNoFeature;
    FeatureId name = kNoFeature;
  };
  struct Language {
    std::unique_ptr<text::Tokenizer> tokenizer;
    std::unordered_map<std::string, WordFeatures> words;  // bounded
  };
  static constexpr size_t kMaxCachedWords = 1 << 18;
  Language* LanguageFor(const std::string& lang);
  FeatureId Intern(const std::string& f);

  double title_boost_, name_boost_;
  size_t max_terms_;
  int64_t docs_ = 0;
  std::unordered_map<std::string, FeatureId> ids_;
  std::vector<uint32_t> df_;
  std::vector<bool> is_name_;
  std::map<std::string, Language> languages_;
};

}  // namespace storyline::cluster::internal

#endif  // STORYLINE_CLUSTER_INTERNAL_VECTORIZER_H_
