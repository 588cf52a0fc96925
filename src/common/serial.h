// serial: a compact binary encoding for in-memory state that is saved and
// read back by the same program (the assigner's snapshot,
// docs/design/scale.md).
//
//   serial::Writer w;
//   w.U64(n); w.Str("abc"); w.F64(0.5);
//   std::string bytes = w.Finish();          // payload + checksum
//
//   serial::Reader r(bytes);                  // checks the checksum
//   uint64_t n = r.U64(); std::string s = r.Str(); double d = r.F64();
//   if (!r.ok()) ...                          // r.status() says why
//
// Integers are LEB128 varints (signed ones zigzag-encoded), floats their
// IEEE bits little-endian, strings a length then the bytes. Finish()
// appends a 64-bit FNV-1a checksum of the payload, which the Reader checks
// before anything is read. The Reader never reads past the end and never
// allocates more than the bytes left could hold: a count larger than that
// fails (`Count`), and after the first failure every read returns zero and
// ok() stays false. Not a format for exchange: no schema, no versioning
// beyond what callers write themselves.
// Thread-compatible.
#ifndef STORYLINE_COMMON_SERIAL_H_
#define STORYLINE_COMMON_SERIAL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace storyline::serial {

class Writer {
 public:
  void U64(uint64_t v);
  void I64(int64_t v);
  void Fixed32(uint32_t v);  // 4 bytes: for hash values, which varints grow
  void F32(float v);
  void F64(double v);
  void Bool(bool v) { U64(v ? 1 : 0); }
  void Str(std::string_view s);
  size_t size() const { return out_.size(); }
  // The payload followed by its checksum; the Writer is empty afterwards.
  std::string Finish();

 private:
  std::string out_;
};

class Reader {
 public:
  // `data` must outlive the Reader (strings are copied out of it).
  explicit Reader(std::string_view data);

  uint64_t U64();
  int64_t I64();
  uint32_t Fixed32();
  float F32();
  double F64();
  bool Bool() { return U64() != 0; }
  std::string Str();
  // A count of items that each take at least `min_bytes` bytes: fails when
  // the bytes left could not hold that many (a corrupt count never makes
  // the caller allocate gigabytes).
  uint64_t Count(size_t min_bytes = 1);
  // Fails the reader with `why` (a value read is out of range).
  void Fail(const std::string& why);

  bool ok() const { return status_.ok(); }
  // Corruption naming what failed and at which byte; ok at the end.
  const Status& status() const { return status_; }
  // True when every payload byte was read.
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;  // the payload, checksum removed
  size_t pos_ = 0;
  Status status_;
};

}  // namespace storyline::serial

#endif  // STORYLINE_COMMON_SERIAL_H_
