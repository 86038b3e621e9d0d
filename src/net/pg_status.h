// PgStatus: the result of decoding PostgreSQL v3 protocol bytes from a client.
// A protocol error always ends the connection (the client is out of step with us, so nothing it
// sends afterwards can be trusted to start on a message boundary). Each kind is distinct so that
// tests and the session loop can tell them apart; ToOraError() turns any of them into the FATAL
// ORA-03137 the client is sent before the connection closes.
// Pure value type; used by every process that speaks the protocol.
#pragma once

#include <string>
#include <utility>

#include "common/ora_error.h"

namespace warden::net {

enum class PgErrorKind {
  kNone,                 // OK
  kInvalidLength,        // a frame announced a length below the minimum for its kind
  kMessageTooLarge,      // a frame announced a length above the configured maximum
  kTruncated,            // a field runs past the end of its frame
  kMalformed,            // the bytes are all there but their layout or values are wrong
  kUnsupportedProtocol,  // a StartupMessage asked for a protocol version other than 3.0
};

class [[nodiscard]] PgStatus {
 public:
  PgStatus() = default;  // OK
  static PgStatus OK() { return PgStatus(); }
  // REQUIRES: kind != PgErrorKind::kNone.
  static PgStatus Error(PgErrorKind kind, std::string message) {
    return PgStatus(kind, std::move(message));
  }

  bool ok() const { return kind_ == PgErrorKind::kNone; }
  PgErrorKind kind() const { return kind_; }
  // What was wrong, for the client and the trace, e.g. "Query message: string not terminated".
  const std::string& message() const { return message_; }

  // ORA-03137: malformed TTC packet from client rejected: [<message>], severity FATAL.
  OraError ToOraError() const;

 private:
  PgStatus(PgErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  PgErrorKind kind_ = PgErrorKind::kNone;
  std::string message_;
};

}  // namespace warden::net
