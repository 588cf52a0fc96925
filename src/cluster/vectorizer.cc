// Feature extraction for clustering. A token contributes its stem; a
// capitalised token that does not open a sentence also contributes a
// language-neutral name feature, and multi-digit numbers a number feature,
// which is what lets a German report join its English event.
#include "cluster/internal/vectorizer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace storyline::cluster::internal {

float Dot(const SparseVec& a, const SparseVec& b) {
  float s = 0;
  ForEachShared(a, b, [&](float x, float y) { s += x * y; });
  return s;
}

int SharedFeatures(const SparseVec& a, const SparseVec& b) {
  int n = 0;
  ForEachShared(a, b, [&](float, float) { ++n; });
  return n;
}

void PruneAndNormalize(size_t max_terms,
                       std::vector<std::pair<FeatureId, float>>* v) {
  if (v->size() > max_terms) {
    std::nth_element(
        v->begin(), v->begin() + static_cast<std::ptrdiff_t>(max_terms),
        v->end(), [](auto& x, auto& y) { return x.second > y.second; });
    v->resize(max_terms);
  }
  double norm = 0;
  for (auto& p : *v) norm += p.second * p.second;
  norm = std::sqrt(norm);
  for (auto& p : *v)
    p.second = static_cast<float>(p.second / (norm > 0 ? norm : 1));
  std::sort(v->begin(), v->end());
}

Vectorizer::Vectorizer(double title_boost, double name_boost, size_t max_terms)
    : title_boost_(title_boost),
      name_boost_(name_boost),
      max_terms_(max_terms) {}

Vectorizer::Language* Vectorizer::LanguageFor(const std::string& lang) {
  std::string l = lang.empty() ? "en" : lang;
  auto it = languages_.find(l);
  if (it == languages_.end()) {
    it = languages_.emplace(l, Language{}).first;
    it->second.tokenizer = std::make_unique<text::Tokenizer>(l);
  }
  return &it->second;
}

FeatureId Vectorizer::Intern(const std::string& f) {
  // find() first: emplace() would build (and free) a node for every token.
  auto found = ids_.find(f);
  if (found != ids_.end()) return found->second;
  auto [it, inserted] = ids_.emplace(f, static_cast<FeatureId>(df_.size()));
  if (inserted) {
    df_.push_back(0);
    is_name_.push_back(f.size() > 2 && (f[0] == 'n' || f[0] == '#') &&
                       f[1] == ':');
  }
  return it->second;
}

SparseVec Vectorizer::NamesOnly(const SparseVec& v) const {
  SparseVec out;
  double norm = 0;
  for (const auto& p : v) {
    if (is_name_[p.first]) {
      out.push_back(p);
      norm += p.second * p.second;
    }
  }
  norm = std::sqrt(norm);
  for (auto& p : out)
    p.second = static_cast<float>(p.second / (norm > 0 ? norm : 1));
  return out;
}

SparseVec Vectorizer::AddAndVectorize(const Article& a) {
  Language* lang = LanguageFor(a.language);
  // Every occurrence, folded per feature after sorting (cheaper than a
  // hash map for a few hundred distinct features).
  std::vector<std::pair<FeatureId, double>> hits;
  auto count = [&](std::string_view body, double boost) {
    std::vector<text::Token> toks = lang->tokenizer->Tokenize(body, false);
    for (size_t i = 0; i < toks.size(); ++i) {
      const text::Token& t = toks[i];
      if (t.lower.size() < 2) continue;
      if (t.number) {
        if (lang->tokenizer->IsStopword(t.lower)) continue;
        // Language-neutral number: "40,000" and "40.000" are one feature.
        std::string digits;
        for (char c : t.lower)
          if (c >= '0' && c <= '9') digits.push_back(c);
        if (digits.size() >= 2) hits.emplace_back(Intern("#:" + digits), boost);
        continue;
      }
      auto w = lang->words.find(t.lower);
      if (w == lang->words.end()) {
        if (lang->words.size() >= kMaxCachedWords) lang->words.clear();
        WordFeatures f;
        const std::string& stem = lang->tokenizer->Stem(t.lower);
        if (!stem.empty()) f.stem = Intern(stem);
        w = lang->words.emplace(t.lower, f).first;
      }
      if (w->second.stem == kNoFeature) continue;  // stopword
      hits.emplace_back(w->second.stem, boost);
      bool sentence_start =
          i == 0 || (t.span.begin >= 2 && (body[t.span.begin - 2] == '.' ||
                                           body[t.span.begin - 1] == '\n'));
      if (t.capitalized && !sentence_start && t.lower.size() >= 3) {
        if (w->second.name == kNoFeature)
          w->second.name = Intern("n:" + t.lower);
        hits.emplace_back(w->second.name, boost * name_boost_);
      }
    }
  };
  count(a.title, 1.0 + title_boost_);
  // The lead matters most; cap the body so long pieces do not drown names.
  count(
      std::string_view(a.text).substr(0, std::min<size_t>(a.text.size(), 6000)),
      1.0);
  std::sort(hits.begin(), hits.end());
  std::vector<std::pair<FeatureId, double>> tf;
  for (const auto& [f, w] : hits) {
    if (!tf.empty() && tf.back().first == f)
      tf.back().second += w;
    else
      tf.emplace_back(f, w);
  }
  ++docs_;
  for (auto& [f, w] : tf) ++df_[f];
  std::vector<std::pair<FeatureId, float>> v;
  v.reserve(tf.size());
  for (auto& [f, w] : tf) {
    double idf = std::log((docs_ + 1.0) / (df_[f] + 0.5));
    if (idf <= 0) continue;
    v.emplace_back(f, static_cast<float>((1.0 + std::log(w)) * idf));
  }
  PruneAndNormalize(max_terms_, &v);
  return v;
}

}  // namespace storyline::cluster::internal
