// Result<T>: a value or an Error. Expected failures are values, never exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace wardline {

// A subset of the canonical error codes (abseil's set).
enum class ErrorCode {
  kInvalidArgument,   // the caller's input is wrong; do not retry unchanged
  kNotFound,          // the thing asked for does not exist
  kAlreadyExists,     // a unique key already holds this value (duplicate)
  kFailedPrecondition,// the system is not in a state for this (illegal transition)
  kPermissionDenied,  // authenticated but not allowed, or a bad signature
  kUnauthenticated,   // no or invalid credentials
  kResourceExhausted, // rate limited or too large
  kUnavailable,       // transient: database down, network error; retry may help
  kDeadlineExceeded,  // timed out; retry may help
  kInternal,          // a bug or an unexpected failure of a dependency
  kAborted,           // a concurrent change won (stale version); re-read and retry
};

const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

inline Error InvalidArgument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Error AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Error FailedPrecondition(std::string m) { return {ErrorCode::kFailedPrecondition, std::move(m)}; }
inline Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
inline Error PermissionDenied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }
inline Error Unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m)}; }
inline Error ResourceExhausted(std::string m) { return {ErrorCode::kResourceExhausted, std::move(m)}; }
inline Error Aborted(std::string m) { return {ErrorCode::kAborted, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace wardline
