// Status and Result<T>: errors as values at module boundaries.
//
//   Result<Article> r = extract::Extract(html, url, options);
//   if (!r.ok()) return r.status().WithContext("page.html");
//   Article a = std::move(r).value();
//
// A Status is cheap to copy when ok. Thread-compatible (no shared state).
#ifndef STORYLINE_COMMON_STATUS_H_
#define STORYLINE_COMMON_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace storyline {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument = 1,
  kNotFound = 2,
  kCorruption = 3,
  kIoError = 4,
  kResourceExhausted = 5,
  kFailedPrecondition = 6,
  kUnimplemented = 7,
  kInternal = 8,
};

const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(StatusCode::kInvalidArgument, std::move(m));
  }
  static Status NotFound(std::string m) {
    return Status(StatusCode::kNotFound, std::move(m));
  }
  static Status Corruption(std::string m) {
    return Status(StatusCode::kCorruption, std::move(m));
  }
  static Status IoError(std::string m) {
    return Status(StatusCode::kIoError, std::move(m));
  }
  static Status ResourceExhausted(std::string m) {
    return Status(StatusCode::kResourceExhausted, std::move(m));
  }
  static Status FailedPrecondition(std::string m) {
    return Status(StatusCode::kFailedPrecondition, std::move(m));
  }
  static Status Internal(std::string m) {
    return Status(StatusCode::kInternal, std::move(m));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "code: message", then where the error passed when it was recorded:
  // "not found: no page [store/sqlite_store.cc:120 < pipeline/site.cc:57]".
  std::string ToString() const;
  // Returns a copy whose message is prefixed with "context: ".
  Status WithContext(const std::string& context) const;
  // Where the error passed on its way up, innermost first, as
  // "file.cc:line < file.cc:line" (paths from src/); SL_RETURN_IF_ERROR
  // adds each step. At most 8 steps are kept. Empty when ok.
  const std::string& trace() const { return trace_; }
  Status& AddTrace(const char* file, int line);

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string trace_;
};

// Holds either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design.
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) {
      v_ = Status::Internal("Result constructed from ok Status");
    }
  }
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  // By value: a reference into a temporary Result would dangle.
  T value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &std::get<T>(v_); }
  T* operator->() { return &std::get<T>(v_); }

 private:
  std::variant<T, Status> v_;
};

// Returns the error of `expr` from the enclosing function, recording this
// file and line in its trace().
#define SL_RETURN_IF_ERROR(expr)                           \
  do {                                                     \
    ::storyline::Status _st = (expr);                      \
    if (!_st.ok()) return _st.AddTrace(__FILE__, __LINE__); \
  } while (0)

}  // namespace storyline

#endif  // STORYLINE_COMMON_STATUS_H_
