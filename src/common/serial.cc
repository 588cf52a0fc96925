#include "common/serial.h"

#include <cstring>

#include "common/strings.h"

namespace storyline::serial {
namespace {

constexpr size_t kChecksumBytes = 8;

void PutFixed64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

uint64_t GetFixed64(std::string_view s) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (8 * i);
  return v;
}

}  // namespace

void Writer::U64(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void Writer::I64(int64_t v) {
  U64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

void Writer::Fixed32(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
}

void Writer::F32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  Fixed32(bits);
}

void Writer::F64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  PutFixed64(&out_, bits);
}

void Writer::Str(std::string_view s) {
  U64(s.size());
  out_.append(s);
}

std::string Writer::Finish() {
  PutFixed64(&out_, Fnv1a64(out_));
  std::string r;
  r.swap(out_);
  return r;
}

Reader::Reader(std::string_view data) {
  if (data.size() < kChecksumBytes) {
    status_ = Status::Corruption("snapshot shorter than its checksum");
    return;
  }
  data_ = data.substr(0, data.size() - kChecksumBytes);
  if (GetFixed64(data.substr(data_.size())) != Fnv1a64(data_))
    status_ = Status::Corruption("snapshot checksum does not match");
}

void Reader::Fail(const std::string& why) {
  if (status_.ok())
    status_ = Status::Corruption(why + " at byte " + std::to_string(pos_));
}

uint64_t Reader::U64() {
  if (!ok()) return 0;
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) {
      Fail("truncated integer");
      return 0;
    }
    uint8_t b = static_cast<uint8_t>(data_[pos_++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  Fail("integer longer than 64 bits");
  return 0;
}

int64_t Reader::I64() {
  uint64_t u = U64();
  return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

uint32_t Reader::Fixed32() {
  if (!ok()) return 0;
  if (data_.size() - pos_ < 4) {
    Fail("truncated 32-bit value");
    return 0;
  }
  uint32_t bits = 0;
  for (int i = 0; i < 4; ++i)
    bits |= static_cast<uint32_t>(static_cast<unsigned char>(data_[pos_ + i]))
            << (8 * i);
  pos_ += 4;
  return bits;
}

float Reader::F32() {
  uint32_t bits = Fixed32();
  float v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

double Reader::F64() {
  if (!ok()) return 0;
  if (data_.size() - pos_ < 8) {
    Fail("truncated double");
    return 0;
  }
  uint64_t bits = GetFixed64(data_.substr(pos_));
  pos_ += 8;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string Reader::Str() {
  uint64_t n = U64();
  if (!ok()) return "";
  if (n > data_.size() - pos_) {
    Fail("string longer than the data left");
    return "";
  }
  std::string s(data_.substr(pos_, n));
  pos_ += n;
  return s;
}

uint64_t Reader::Count(size_t min_bytes) {
  uint64_t n = U64();
  if (!ok()) return 0;
  if (min_bytes == 0) min_bytes = 1;
  if (n > (data_.size() - pos_) / min_bytes) {
    Fail("count larger than the data left");
    return 0;
  }
  return n;
}

}  // namespace storyline::serial
