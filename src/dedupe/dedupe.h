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
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "common/flat_map.h"
#include "common/serial.h"
#include "common/status.h"

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
  // `time` (e.g. publication, Unix seconds) is what EvictBefore compares.
  void Add(const Signature& s, const std::string& id, int64_t time = 0);
  // Forgets texts added with a time before `time` (a copy of them is then
  // an original again), keeping memory bounded on an endless stream. Texts
  // are forgotten in the order they were added: on a stream that is not in
  // time order, an old text added after a newer one stays until that one
  // goes. Amortised O(1) per forgotten text. Returns how many were dropped.
  size_t EvictBefore(int64_t time);
  size_t size() const { return entries_.size(); }
  // The remembered texts; Load() into a fresh Index gives one that finds
  // what this one finds. Corruption on damaged data.
  void Save(serial::Writer* w) const;
  Status Load(serial::Reader* r);

 private:
  static constexpr uint64_t kNone = ~0ull;
  struct Entry {
    Signature sig;
    std::string id;
    int64_t time;
    // Per band, the sequence number of the next older entry with the same
    // band key (kNone at the end of the chain).
    std::array<uint64_t, kBands> older;
  };
  Options opts_;
  std::deque<Entry> entries_;
  uint64_t first_seq_ = 0;  // sequence number of entries_.front()
  // Band key → sequence number of the newest entry under it; older ones
  // follow Entry::older. A key whose newest entry is forgotten is erased,
  // so every chain ends at or before the first forgotten entry.
  FlatMap<uint64_t, uint64_t> bands_;
};

}  // namespace storyline::dedupe

#endif  // STORYLINE_DEDUPE_DEDUPE_H_
