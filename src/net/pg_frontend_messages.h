// Frontend (client -> server) messages of the PostgreSQL v3 protocol: one type per message,
// each decoded from the payload of a PgFrame (pg_frame_reader.h) with every field bounds-checked.
// The session loop chooses the decoder from the frame's type byte (and, for 'p', from its
// authentication state: the same type byte carries three different layouts).
// Decoders never read past the payload; any layout error is a PgStatus (see pg_status.h), and
// after an error the contents of *out are unspecified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "net/pg_status.h"

namespace warden::net {

using PgOid = uint32_t;

// Codes in the first int32 of an untyped startup-phase frame.
inline constexpr int32_t kPgProtocolVersion30 = 196608;  // 3 << 16 | 0
inline constexpr int32_t kPgCancelRequestCode = 80877102;
inline constexpr int32_t kPgSslRequestCode = 80877103;
inline constexpr int32_t kPgGssEncRequestCode = 80877104;

// ---- Startup phase (untyped frames) ----

// Answer: the single byte kPgEncryptionRefused (pg_backend_messages.h); the client then sends
// another startup packet in clear.
struct PgSslRequest {};
struct PgGssEncRequest {};

// Sent on a new connection to cancel the query of the session with this key; no reply.
struct PgCancelRequest {
  int32_t process_id = 0;
  int32_t secret_key = 0;
};

struct PgStartupMessage {
  std::string user;      // required
  std::string database;  // defaults to user when absent, as PostgreSQL does
  // Every key/value pair in the order sent (user and database included), e.g.
  // application_name, client_encoding, options, DateStyle. Keys are not unique-checked.
  std::vector<std::pair<std::string, std::string>> parameters;

  // The value of the last pair with this key, or nullptr.
  const std::string* Find(std::string_view key) const;
};

using PgStartupPacket =
    std::variant<PgSslRequest, PgGssEncRequest, PgCancelRequest, PgStartupMessage>;

// Decodes the payload of a kPgStartupFrame frame. kUnsupportedProtocol for a StartupMessage
// of any protocol version other than 3.0; kMalformed for a missing user, a missing final
// terminator or trailing bytes; kTruncated for a string without its NUL.
PgStatus DecodeStartupPacket(std::string_view payload, PgStartupPacket* out);

// ---- Simple query protocol and session end ----

struct PgQuery {  // 'Q'
  std::string sql;
  static PgStatus Decode(std::string_view payload, PgQuery* out);
};

struct PgTerminate {  // 'X'
  // The payload must be empty.
  static PgStatus Decode(std::string_view payload);
};

// ---- Authentication ('p': three layouts, chosen by the authentication state) ----

// Cleartext or MD5 password (not offered by Warden; decoded so it can be refused precisely).
struct PgPasswordMessage {
  std::string password;
  static PgStatus Decode(std::string_view payload, PgPasswordMessage* out);
};

// First 'p' after AuthenticationSASL: the chosen mechanism and the client-first-message.
struct PgSaslInitialResponse {
  std::string mechanism;
  std::optional<std::string> data;  // absent when the client sent length -1
  static PgStatus Decode(std::string_view payload, PgSaslInitialResponse* out);
};

// Later 'p' messages of a SASL exchange: the whole payload is mechanism data.
struct PgSaslResponse {
  std::string data;
  static PgStatus Decode(std::string_view payload, PgSaslResponse* out);
};

// ---- Extended query protocol ----

// Format codes of Bind parameters and results.
inline constexpr int16_t kPgTextFormat = 0;
inline constexpr int16_t kPgBinaryFormat = 1;

struct PgParse {               // 'P'
  std::string statement_name;  // empty = the unnamed statement
  std::string query;
  std::vector<PgOid> param_type_oids;  // 0 = let the server infer
  static PgStatus Decode(std::string_view payload, PgParse* out);
};

struct PgBind {  // 'B'
  std::string portal_name;
  std::string statement_name;
  // Empty: all text; one entry: applies to every parameter; else one per parameter
  // (checked). Every code is kPgTextFormat or kPgBinaryFormat (checked).
  std::vector<int16_t> param_formats;
  std::vector<std::optional<std::string>> params;  // nullopt = SQL NULL (length -1)
  std::vector<int16_t> result_formats;             // same conventions as param_formats
  static PgStatus Decode(std::string_view payload, PgBind* out);
};

// What Describe and Close refer to.
enum class PgTarget : char { kStatement = 'S', kPortal = 'P' };

struct PgDescribe {  // 'D'
  PgTarget target = PgTarget::kStatement;
  std::string name;
  static PgStatus Decode(std::string_view payload, PgDescribe* out);
};

struct PgExecute {  // 'E'
  std::string portal_name;
  int32_t max_rows = 0;  // 0 (or negative) = no limit
  static PgStatus Decode(std::string_view payload, PgExecute* out);
};

struct PgClose {  // 'C'
  PgTarget target = PgTarget::kStatement;
  std::string name;
  static PgStatus Decode(std::string_view payload, PgClose* out);
};

struct PgSync {  // 'S'
  // The payload must be empty.
  static PgStatus Decode(std::string_view payload);
};

struct PgFlush {  // 'H'
  // The payload must be empty.
  static PgStatus Decode(std::string_view payload);
};

}  // namespace warden::net
