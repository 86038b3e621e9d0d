// Status: the result of OS, IPC and storage operations (LevelDB's include/leveldb/status.h).
// OK costs nothing; an error carries a short message, including errno's text where there is one.
// Query-level failures use OraError instead (common/ora_error.h).
#pragma once

#include <string>
#include <utility>

namespace warden {

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status Error(std::string msg) { return Status(std::move(msg)); }
  // msg + ": " + strerror(err)
  static Status FromErrno(const std::string& msg, int err);

  bool ok() const { return msg_.empty(); }
  const std::string& message() const { return msg_; }
  std::string ToString() const { return ok() ? "OK" : msg_; }

 private:
  explicit Status(std::string msg) : msg_(std::move(msg)) {
    if (msg_.empty()) msg_ = "unknown error";
  }
  std::string msg_;
};

}  // namespace warden
