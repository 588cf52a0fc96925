// dedupe: near-duplicate detection with 64-bit SimHash over word shingles.
//
//   dedupe::Index idx;
//   uint64_t h = dedupe::TextSimHash(article.text);
//   std::string orig = idx.Find(h);   // "" when no near-duplicate
//   idx.Add(h, article.id);
//
// Two texts are near-duplicates when their hashes differ in at most
// Options::max_distance bits (default 3). The index splits hashes into four
// 16-bit bands, so any hash within distance 3 shares a band exactly
// (pigeonhole) and lookups stay O(band bucket size).
// Not thread-safe: one writer.
#ifndef STORYLINE_DEDUPE_DEDUPE_H_
#define STORYLINE_DEDUPE_DEDUPE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace storyline::dedupe {

// SimHash of the lower-cased 3-word shingles of `text`; 0 for texts with
// fewer than 8 words (too short to call anything a copy).
uint64_t TextSimHash(std::string_view text);
int Hamming(uint64_t a, uint64_t b);

class Index {
 public:
  explicit Index(int max_distance = 3) : max_distance_(max_distance) {}
  // Id of the first indexed text within max_distance of `h`, or "".
  std::string Find(uint64_t h) const;
  void Add(uint64_t h, const std::string& id);
  size_t size() const { return ids_.size(); }

 private:
  int max_distance_;
  std::vector<std::pair<uint64_t, std::string>> ids_;
  std::unordered_map<uint32_t, std::vector<uint32_t>>
      bands_;  // band key → ids_ index
};

}  // namespace storyline::dedupe

#endif  // STORYLINE_DEDUPE_DEDUPE_H_
