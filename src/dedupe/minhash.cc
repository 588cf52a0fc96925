// MinHash (Broder 1997): for each of 64 hash functions h_i, the minimum of
// h_i over a text's shingles. The fraction of equal minima estimates the
// Jaccard similarity of the shingle sets. h_i(x) = (a_i * x + b_i) >> 32
// over a 64-bit shingle hash, with fixed odd multipliers.
#include <algorithm>
#include <array>
#include <limits>

#include "common/strings.h"
#include "dedupe/dedupe.h"

namespace storyline::dedupe {
namespace {

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

uint64_t BandKey(const Signature& s, int band) {
  uint64_t h = 0x9e3779b97f4a7c15ull * static_cast<uint64_t>(band + 1);
  const int rows = kHashes / kBands;
  for (int r = 0; r < rows; ++r)
    h = Mix(h ^ s.min[static_cast<size_t>(band * rows + r)]);
  return h;
}

}  // namespace

Signature Sign(std::string_view t, const Options& o) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : t) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || u >= 0x80) {
      cur.push_back(static_cast<char>(u));
    } else if (u >= 'A' && u <= 'Z') {
      cur.push_back(static_cast<char>(u - 'A' + 'a'));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  Signature s;
  if (static_cast<int>(words.size()) < o.min_words) return s;
  s.empty = false;
  s.min.fill(std::numeric_limits<uint32_t>::max());
  // One odd multiplier per hash function, derived once.
  static const std::array<uint64_t, kHashes> kMul = [] {
    std::array<uint64_t, kHashes> m{};
    uint64_t a = 0x9e3779b97f4a7c15ull;
    for (int k = 0; k < kHashes; ++k) {
      a = Mix(a + static_cast<uint64_t>(k)) | 1;
      m[static_cast<size_t>(k)] = a;
    }
    return m;
  }();
  // FNV-1a of "w1 w2 w3" without building the string.
  auto fnv = [](uint64_t h, std::string_view w) {
    for (unsigned char c : w) {
      h ^= c;
      h *= 1099511628211ull;
    }
    return h;
  };
  const uint64_t space = 1099511628211ull;
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    uint64_t h = fnv(14695981039346656037ull, words[i]);
    h = (h ^ ' ') * space;
    h = fnv(h, words[i + 1]);
    h = (h ^ ' ') * space;
    h = fnv(h, words[i + 2]);
    uint64_t x = Mix(h);
    for (size_t k = 0; k < static_cast<size_t>(kHashes); ++k) {
      uint32_t v = static_cast<uint32_t>((kMul[k] * x + k) >> 32);
      s.min[k] = std::min(s.min[k], v);
    }
  }
  return s;
}

double Similarity(const Signature& a, const Signature& b) {
  if (a.empty || b.empty) return 0;
  int same = 0;
  for (int k = 0; k < kHashes; ++k)
    same += a.min[static_cast<size_t>(k)] == b.min[static_cast<size_t>(k)];
  return static_cast<double>(same) / kHashes;
}

std::string Index::Find(const Signature& s) const {
  if (s.empty) return "";
  double best = 0;
  const std::string* best_id = nullptr;
  for (int band = 0; band < kBands; ++band) {
    auto it = bands_.find(BandKey(s, band));
    if (it == bands_.end()) continue;
    for (uint64_t seq : it->second) {
      if (seq < first_seq_) continue;  // forgotten
      const Entry& e = entries_[seq - first_seq_];
      double j = Similarity(s, e.sig);
      if (j >= opts_.min_jaccard && j > best) {
        best = j;
        best_id = &e.id;
      }
    }
  }
  return best_id ? *best_id : "";
}

void Index::Add(const Signature& s, const std::string& id, int64_t time) {
  if (s.empty) return;
  uint64_t seq = first_seq_ + entries_.size();
  entries_.push_back({s, id, time});
  for (int band = 0; band < kBands; ++band)
    bands_[BandKey(s, band)].push_back(seq);
  band_refs_ += kBands;
}

size_t Index::EvictBefore(int64_t time) {
  size_t dropped = 0;
  while (!entries_.empty() && entries_.front().time < time) {
    entries_.pop_front();
    ++first_seq_;
    ++dropped;
  }
  // Compact once forgotten references outnumber live ones.
  if (band_refs_ > 2 * kBands * entries_.size() + 4096) {
    band_refs_ = 0;
    for (auto it = bands_.begin(); it != bands_.end();) {
      std::vector<uint64_t>& v = it->second;
      v.erase(v.begin(), std::lower_bound(v.begin(), v.end(), first_seq_));
      band_refs_ += v.size();
      it = v.empty() ? bands_.erase(it) : std::next(it);
    }
  }
  return dropped;
}

}  // namespace storyline::dedupe
