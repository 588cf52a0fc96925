// Status formatting.
#include "common/status.h"

#include <string_view>

namespace storyline {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kCorruption:
      return "corruption";
    case StatusCode::kIoError:
      return "I/O error";
    case StatusCode::kResourceExhausted:
      return "resource exhausted";
    case StatusCode::kFailedPrecondition:
      return "failed precondition";
    case StatusCode::kUnimplemented:
      return "unimplemented";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = std::string(StatusCodeName(code_)) + ": " + message_;
  if (!trace_.empty()) s += " [" + trace_ + "]";
  return s;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  Status s(code_, context + ": " + message_);
  s.trace_ = trace_;
  return s;
}

Status& Status::AddTrace(const char* file, int line) {
  if (ok()) return *this;
  constexpr int kMaxSteps = 8;
  int steps = trace_.empty() ? 0 : 1;
  for (char c : trace_) steps += c == '<';
  if (steps >= kMaxSteps) return *this;
  std::string_view f(file);
  if (size_t p = f.rfind("/src/"); p != std::string_view::npos)
    f.remove_prefix(p + 5);
  if (!trace_.empty()) trace_ += " < ";
  trace_.append(f);
  trace_ += ":" + std::to_string(line);
  return *this;
}

}  // namespace storyline
