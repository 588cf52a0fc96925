// dedupe: near-duplicate detection (wire copies, re-posted updates) with
// MinHash signatures over word shingles and LSH banding.
//
//   dedupe::Index idx;
//   dedupe::Signature s = dedupe::Sign(article.text);
//   std::string orig = idx.Find(s);   // "" when no near-duplicate
//   idx.Add(s, article.id);
//
// Two texts are near-duplicates when the estimated Jaccard similarity of
// their 3-word shingle sets is at least Options::min_jaccard (default
// 0.75): a verbatim copy scores 1.0, a report re-posted with a paragraph
// added about 0.85, two rewrites of the same facts 0.3–0.6.
// Lookups touch only texts sharing one of 16 bands of 4 MinHash values,
// so cost per lookup does not grow with the number of distinct texts.
// Not thread-safe: one writer.
#ifndef STORYLINE_DEDUPE_DEDUPE_H_
#define STORYLINE_DEDUPE_DEDUPE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace storyline::dedupe {

inline constexpr int kHashes = 64;
inline constexpr int kBands = 16;  // kHashes / kBands values per band

struct Signature {
  std::array<uint32_t, kHashes> min{};
  bool empty = true;  // fewer than Options::min_words words: never a duplicate
};

struct Options {
  double min_jaccard = 0.75;
  int min_words = 12;
};

// MinHash of the lower-cased 3-word shingles of `text`.
Signature Sign(std::string_view text, const Options& options = Options());
// Estimated Jaccard similarity of the two shingle sets (0 if either is empty).
double Similarity(const Signature& a, const Signature& b);

class Index {
 public:
  explicit Index(const Options& options = Options()) : opts_(options) {}
  // Id of the most similar indexed text at or above min_jaccard, or "".
  std::string Find(const Signature& s) const;
  void Add(const Signature& s, const std::string& id);
  size_t size() const { return entries_.size(); }

 private:
  Options opts_;
  std::vector<std::pair<Signature, std::string>> entries_;
  std::unordered_map<uint64_t, std::vector<uint32_t>>
      bands_;  // band key → entries_
};

}  // namespace storyline::dedupe

#endif  // STORYLINE_DEDUPE_DEDUPE_H_
