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
  // Words: runs of ASCII letters and digits and non-ASCII bytes, lower-cased
  // into one buffer (no allocation per word).
  std::string buf;
  buf.reserve(t.size());
  std::vector<std::string_view> words;
  std::vector<std::pair<size_t, size_t>> spans;  // into buf
  size_t start = std::string::npos;
  for (char c : t) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || u >= 0x80 ||
        (u >= 'A' && u <= 'Z')) {
      if (start == std::string::npos) start = buf.size();
      buf.push_back(
          static_cast<char>(u >= 'A' && u <= 'Z' ? u - 'A' + 'a' : u));
    } else if (start != std::string::npos) {
      spans.push_back({start, buf.size() - start});
      start = std::string::npos;
    }
  }
  if (start != std::string::npos) spans.push_back({start, buf.size() - start});
  words.reserve(spans.size());
  for (auto [b, n] : spans) words.push_back(std::string_view(buf).substr(b, n));
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
  // The most similar entry at or above min_jaccard; ties go to the oldest.
  double best = 0;
  uint64_t best_seq = kNone;
  for (int band = 0; band < kBands; ++band) {
    const uint64_t* head = bands_.Find(BandKey(s, band));
    for (uint64_t seq = head ? *head : kNone;
         seq != kNone && seq >= first_seq_;) {
      const Entry& e = entries_[seq - first_seq_];
      double j = Similarity(s, e.sig);
      if (j >= opts_.min_jaccard &&
          (j > best || (j == best && seq < best_seq))) {
        best = j;
        best_seq = seq;
      }
      seq = e.older[static_cast<size_t>(band)];
    }
  }
  return best_seq == kNone ? "" : entries_[best_seq - first_seq_].id;
}

void Index::Add(const Signature& s, const std::string& id, int64_t time) {
  if (s.empty) return;
  uint64_t seq = first_seq_ + entries_.size();
  Entry e{s, id, time, {}};
  for (int band = 0; band < kBands; ++band) {
    uint64_t key = BandKey(s, band);
    uint64_t* head = bands_.Find(key);
    // (Two bands of one signature hashing to one key would make the entry
    // its own successor: its chain ends there instead.)
    e.older[static_cast<size_t>(band)] = head && *head != seq ? *head : kNone;
    if (head) {
      *head = seq;
    } else {
      bands_[key] = seq;
    }
  }
  entries_.push_back(std::move(e));
}

size_t Index::EvictBefore(int64_t time) {
  size_t dropped = 0;
  while (!entries_.empty() && entries_.front().time < time) {
    // Its band keys go when it is still their newest entry: everything
    // older under them is forgotten too.
    const Entry& e = entries_.front();
    for (int band = 0; band < kBands; ++band) {
      uint64_t key = BandKey(e.sig, band);
      const uint64_t* head = bands_.Find(key);
      if (head && *head == first_seq_) bands_.Erase(key);
    }
    entries_.pop_front();
    ++first_seq_;
    ++dropped;
  }
  return dropped;
}

void Index::Save(serial::Writer* w) const {
  w->U64(first_seq_);
  w->U64(entries_.size());
  for (const Entry& e : entries_) {
    for (uint32_t v : e.sig.min) w->Fixed32(v);
    w->Str(e.id);
    w->I64(e.time);
  }
}

Status Index::Load(serial::Reader* r) {
  if (!entries_.empty())
    return Status::FailedPrecondition("dedupe::Index::Load on a used index");
  first_seq_ = r->U64();
  uint64_t n = r->Count(4 * kHashes + 2);
  Signature s;
  s.empty = false;
  for (uint64_t i = 0; i < n && r->ok(); ++i) {
    for (uint32_t& v : s.min) v = r->Fixed32();
    std::string id = r->Str();
    int64_t time = r->I64();
    if (r->ok()) Add(s, id, time);  // rebuilds the band chains
  }
  return r->status();
}

}  // namespace storyline::dedupe
