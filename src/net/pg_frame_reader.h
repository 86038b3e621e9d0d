// PgFrameReader: splits the byte stream a client sends into protocol frames, with no I/O of its
// own (the session loop feeds it whatever recv() returned).
//
// Framing (PostgreSQL protocol 3.0):
//   startup phase   int32 length (counts itself) + payload          -> PgFrame{type =
//   kPgStartupFrame} afterwards      type byte + int32 length (counts itself) + payload ->
//   PgFrame{type = that byte}
// The reader starts in the startup phase and stays there while the frames it returns are
// SSLRequest or GSSENCRequest (the client follows a refusal with another untyped packet); any
// other startup frame (StartupMessage, CancelRequest, or garbage) ends the phase. Each of the
// two requests may come once (as in PostgreSQL); a repeat is kMalformed, so the startup phase
// lasts at most three frames.
//
// Invariants:
//  1. A length is checked as soon as its header is complete: a frame announcing more than its
//     limit is rejected before any of its payload is buffered, so a client cannot make us
//     allocate what it announces.
//  2. Errors are sticky: after one, every Next() returns it again (the stream has lost its
//     message boundaries; the connection must close).
//  3. Bytes beyond a returned frame stay buffered for the next Next(); nothing is dropped.
// Per-type limits follow PostgreSQL: messages that carry SQL text or parameter values
// (Query, Parse, Bind) may be large; every other frontend message is small.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "net/pg_status.h"

namespace warden::net {

// PgFrame::type of an untyped startup-phase frame (no real message type is NUL).
inline constexpr char kPgStartupFrame = '\0';

struct PgFrame {
  char type = kPgStartupFrame;
  std::string payload;  // the bytes after the length word
};

// Limits on the announced length (which counts the 4 length bytes themselves, not the type).
struct PgFrameLimits {
  // PostgreSQL's MAX_STARTUP_PACKET_LENGTH.
  uint32_t max_startup_length = 10000;
  // Query, Parse and Bind.
  uint32_t max_large_message_length = 64u << 20;
  // Every other typed message (PostgreSQL's PQ_SMALL_MESSAGE_LIMIT).
  uint32_t max_small_message_length = 10000;
};

class PgFrameReader {
 public:
  explicit PgFrameReader(PgFrameLimits limits = {}) : limits_(limits) {}

  // Appends bytes received from the client.
  void Feed(std::string_view bytes);

  // OK with *frame set: the next complete frame. OK with *frame empty: more bytes are needed.
  // Error: kInvalidLength, kMessageTooLarge, or kMalformed for a repeated SSLRequest or
  // GSSENCRequest (sticky, see invariant 2).
  PgStatus Next(std::optional<PgFrame>* frame);

  bool in_startup_phase() const { return startup_phase_; }
  // Bytes received but not yet returned in a frame.
  std::size_t buffered_bytes() const { return buffer_.size() - pos_; }

 private:
  uint32_t MaxLengthFor(char type) const;

  PgFrameLimits limits_;
  bool startup_phase_ = true;
  bool ssl_request_seen_ = false;
  bool gss_request_seen_ = false;
  std::string buffer_;
  std::size_t pos_ = 0;  // start of the first unreturned byte; invariant: pos_ <= buffer_.size()
  PgStatus error_;       // first error; OK until then
};

}  // namespace warden::net
