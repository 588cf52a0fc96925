// FlatMap: an open-addressing hash map from unsigned integer keys to
// values, for the hot indexes of the clustering stage (feature postings,
// MinHash bands) where std::unordered_map's one allocation per node and
// pointer chase per lookup dominate.
//
// Linear probing over a power-of-two table kept at most half full, so a
// probe sequence stays short; erasure shifts later entries
// of the same run back (no tombstones), so lookups never slow down as keys
// come and go. Keys are spread with a 64-bit finaliser, so sequential ids
// are fine. References returned by Find/operator[] are invalidated by the
// next insertion or erasure. Iteration order is unspecified. Not
// thread-safe: one writer, no concurrent readers during writes.
#ifndef STORYLINE_COMMON_FLAT_MAP_H_
#define STORYLINE_COMMON_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace storyline {

template <typename K, typename V>
class FlatMap {
  static_assert(std::is_unsigned_v<K>, "FlatMap keys are unsigned integers");

 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The value under `k`, or nullptr.
  V* Find(K k) {
    if (size_ == 0) return nullptr;
    for (size_t i = Home(k);; i = (i + 1) & mask_) {
      if (!slots_[i].used) return nullptr;
      if (slots_[i].key == k) return &slots_[i].value;
    }
  }
  const V* Find(K k) const { return const_cast<FlatMap*>(this)->Find(k); }

  // Hints the CPU to load `k`'s home slot: issue for a batch of keys
  // before looking them up, and their cache misses overlap.
  void Prefetch(K k) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(k)]);
  }

  // The value under `k`, value-initialised when absent.
  V& operator[](K k) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    size_t i = Home(k);
    for (; slots_[i].used; i = (i + 1) & mask_)
      if (slots_[i].key == k) return slots_[i].value;
    slots_[i].used = true;
    slots_[i].key = k;
    slots_[i].value = V();
    ++size_;
    return slots_[i].value;
  }

  // Removes `k`; false when absent.
  bool Erase(K k) {
    if (size_ == 0) return false;
    size_t i = Home(k);
    for (;; i = (i + 1) & mask_) {
      if (!slots_[i].used) return false;
      if (slots_[i].key == k) break;
    }
    // Backward shift: move each later entry of the run whose home is not
    // between the hole and itself into the hole.
    for (size_t j = (i + 1) & mask_; slots_[j].used; j = (j + 1) & mask_) {
      size_t h = Home(slots_[j].key);
      bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (stays) continue;
      slots_[i].key = slots_[j].key;
      slots_[i].value = std::move(slots_[j].value);
      i = j;
    }
    slots_[i].used = false;
    slots_[i].value = V();
    --size_;
    return true;
  }

  // Calls f(key, value&) for every entry and removes those for which it
  // returns true. O(capacity).
  template <typename F>
  void EraseIf(F f) {
    std::vector<Slot> old;
    old.swap(slots_);
    size_ = 0;
    slots_.resize(old.size());
    for (Slot& s : old)
      if (s.used && !f(s.key, s.value)) Insert(s.key, std::move(s.value));
  }

  // Calls f(key, value&) for every entry.
  template <typename F>
  void ForEach(F f) {
    for (Slot& s : slots_)
      if (s.used) f(s.key, s.value);
  }
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& s : slots_)
      if (s.used) f(s.key, s.value);
  }

 private:
  struct Slot {
    K key{};
    bool used = false;
    V value{};
  };

  size_t Home(K k) const {
    uint64_t h = static_cast<uint64_t>(k);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return static_cast<size_t>(h) & mask_;
  }

  void Insert(K k, V&& v) {
    size_t i = Home(k);
    while (slots_[i].used) i = (i + 1) & mask_;
    slots_[i].used = true;
    slots_[i].key = k;
    slots_[i].value = std::move(v);
    ++size_;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.resize(old.empty() ? 16 : 2 * old.size());
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (Slot& s : old)
      if (s.used) Insert(s.key, std::move(s.value));
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_FLAT_MAP_H_
