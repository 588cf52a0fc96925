// SimHash (Charikar 2002): each shingle votes ±1 on each of 64 bits by its
// hash; the sign of the tally is the fingerprint bit.
#include <array>

#include "common/strings.h"
#include "dedupe/dedupe.h"
#include "text/text.h"

namespace storyline::dedupe {

uint64_t TextSimHash(std::string_view t) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : t) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  if (words.size() < 8) return 0;
  std::array<int, 64> v{};
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    uint64_t h = Fnv1a64(words[i] + " " + words[i + 1] + " " + words[i + 2]);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    for (int b = 0; b < 64; ++b) v[b] += (h >> b) & 1 ? 1 : -1;
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b)
    if (v[b] > 0) out |= 1ull << b;
  return out == 0 ? 1 : out;
}

int Hamming(uint64_t a, uint64_t b) { return __builtin_popcountll(a ^ b); }

std::string Index::Find(uint64_t h) const {
  if (h == 0) return "";
  for (uint32_t band = 0; band < 4; ++band) {
    uint32_t key =
        (band << 16) | static_cast<uint32_t>((h >> (16 * band)) & 0xFFFF);
    auto it = bands_.find(key);
    if (it == bands_.end()) continue;
    for (uint32_t idx : it->second) {
      if (Hamming(ids_[idx].first, h) <= max_distance_) return ids_[idx].second;
    }
  }
  return "";
}

void Index::Add(uint64_t h, const std::string& id) {
  if (h == 0) return;
  uint32_t idx = static_cast<uint32_t>(ids_.size());
  ids_.emplace_back(h, id);
  for (uint32_t band = 0; band < 4; ++band) {
    uint32_t key =
        (band << 16) | static_cast<uint32_t>((h >> (16 * band)) & 0xFFFF);
    bands_[key].push_back(idx);
  }
}

}  // namespace storyline::dedupe
