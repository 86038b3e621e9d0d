// Backend (server -> client) messages of the PostgreSQL v3 protocol: one type per message,
// each with EncodeTo(out) appending its exact bytes (type, int32 length, fields) to *out, so
// the session loop can batch several messages into one send().
// Strings are written up to their first NUL (see PgWriter::CString).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/ora_error.h"
#include "net/pg_frontend_messages.h"

namespace warden::net {

// The one-byte, unframed answer to SSLRequest and GSSENCRequest: "not supported, go on in clear".
inline constexpr char kPgEncryptionRefused = 'N';

// The only SASL mechanism offered (no -PLUS variant: Warden offers no TLS to bind to).
inline constexpr char kScramSha256Mechanism[] = "SCRAM-SHA-256";

// ---- Authentication ('R') ----

struct PgAuthenticationOk {
  void EncodeTo(std::string* out) const;
};

// Offers SASL with the mechanism list {"SCRAM-SHA-256"}.
struct PgAuthenticationSasl {
  void EncodeTo(std::string* out) const;
};

struct PgAuthenticationSaslContinue {
  std::string data;  // server-first-message
  void EncodeTo(std::string* out) const;
};

struct PgAuthenticationSaslFinal {
  std::string data;  // server-final-message
  void EncodeTo(std::string* out) const;
};

// ---- Session start ----

struct PgParameterStatus {  // 'S'
  std::string name;
  std::string value;
  void EncodeTo(std::string* out) const;
};

struct PgBackendKeyData {  // 'K'
  int32_t process_id = 0;
  int32_t secret_key = 0;
  void EncodeTo(std::string* out) const;
};

enum class PgTransactionStatus : char {
  kIdle = 'I',           // not in a transaction block
  kInTransaction = 'T',  // in a transaction block
  kFailed = 'E',         // in a failed transaction block (queries rejected until it ends)
};

struct PgReadyForQuery {  // 'Z'
  PgTransactionStatus status = PgTransactionStatus::kIdle;
  void EncodeTo(std::string* out) const;
};

// ---- Query results ----

// One column of a RowDescription. The table OID and column number are always sent as 0
// (Warden has no PostgreSQL catalog to point into).
struct PgFieldDescription {
  std::string name;
  PgOid type_oid = 0;
  int16_t type_size = 0;       // pg_type.typlen: -1 = varlena, -2 = C string
  int32_t type_modifier = -1;  // pg_attribute.atttypmod; -1 = none
  int16_t format = kPgTextFormat;
};

struct PgRowDescription {  // 'T'
  // REQUIRES: at most 32767 fields.
  std::vector<PgFieldDescription> fields;
  void EncodeTo(std::string* out) const;
};

struct PgDataRow {  // 'D'
  // nullopt = SQL NULL (sent as length -1). REQUIRES: at most 32767 values.
  std::vector<std::optional<std::string>> values;
  void EncodeTo(std::string* out) const;
};

struct PgCommandComplete {  // 'C'
  std::string tag;          // e.g. "SELECT 3", "INSERT 0 1", "COMMIT"
  void EncodeTo(std::string* out) const;
};

struct PgEmptyQueryResponse {  // 'I'
  void EncodeTo(std::string* out) const;
};

// ---- Errors and notices ----

// The severity sent both as S (localized; Warden sends English) and V (never localized).
enum class PgSeverity { kError, kFatal, kPanic, kWarning, kNotice, kInfo };
const char* PgSeverityName(PgSeverity severity);  // "ERROR", "FATAL", ...

// Fields sent, in PostgreSQL's order: S, V, C, M, D (if not empty), H (if not empty),
// P (if > 0).
struct PgErrorFields {
  PgSeverity severity = PgSeverity::kError;
  std::string sqlstate;  // five characters
  std::string message;
  std::string detail;
  std::string hint;
  int position = 0;  // 1-based character position in the statement; 0 = none

  // Severity, SQLSTATE, "ORA-nnnnn: text" and position of an OraError.
  static PgErrorFields FromOraError(const OraError& error);
};

struct PgErrorResponse {  // 'E'
  PgErrorFields fields;
  void EncodeTo(std::string* out) const;
};

struct PgNoticeResponse {  // 'N'
  PgErrorFields fields;
  void EncodeTo(std::string* out) const;
};

// ---- Extended query protocol ----

struct PgParseComplete {  // '1'
  void EncodeTo(std::string* out) const;
};

struct PgBindComplete {  // '2'
  void EncodeTo(std::string* out) const;
};

struct PgCloseComplete {  // '3'
  void EncodeTo(std::string* out) const;
};

struct PgNoData {  // 'n'
  void EncodeTo(std::string* out) const;
};

// Execute stopped at its row limit; the portal can be executed again for more rows.
struct PgPortalSuspended {  // 's'
  void EncodeTo(std::string* out) const;
};

struct PgParameterDescription {  // 't'
  // REQUIRES: at most 65535 entries.
  std::vector<PgOid> type_oids;
  void EncodeTo(std::string* out) const;
};

}  // namespace warden::net
