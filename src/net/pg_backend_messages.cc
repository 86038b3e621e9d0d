// Encoders of backend messages (layouts from PostgreSQL's protocol-message-formats).
#include "net/pg_backend_messages.h"

#include "net/pg_buffer.h"

namespace warden::net {
namespace {

// AuthenticationRequest codes (the int32 after 'R').
constexpr int32_t kAuthOk = 0;
constexpr int32_t kAuthSasl = 10;
constexpr int32_t kAuthSaslContinue = 11;
constexpr int32_t kAuthSaslFinal = 12;

void EncodeAuthentication(std::string* out, int32_t code, const std::string& data) {
  AppendPgMessage(out, 'R', [&](PgWriter& w) {
    w.Int32(code);
    w.Bytes(data);
  });
}

void EncodeEmpty(std::string* out, char type) {
  AppendPgMessage(out, type, [](PgWriter&) {});
}

void EncodeErrorFields(std::string* out, char type, const PgErrorFields& f) {
  AppendPgMessage(out, type, [&](PgWriter& w) {
    const char* severity = PgSeverityName(f.severity);
    w.Byte('S');
    w.CString(severity);
    w.Byte('V');
    w.CString(severity);
    w.Byte('C');
    w.CString(f.sqlstate);
    w.Byte('M');
    w.CString(f.message);
    if (!f.detail.empty()) {
      w.Byte('D');
      w.CString(f.detail);
    }
    if (!f.hint.empty()) {
      w.Byte('H');
      w.CString(f.hint);
    }
    if (f.position > 0) {
      w.Byte('P');
      w.CString(std::to_string(f.position));
    }
    w.Byte('\0');
  });
}

}  // namespace

void PgAuthenticationOk::EncodeTo(std::string* out) const {
  EncodeAuthentication(out, kAuthOk, "");
}

void PgAuthenticationSasl::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'R', [](PgWriter& w) {
    w.Int32(kAuthSasl);
    w.CString(kScramSha256Mechanism);
    w.Byte('\0');  // end of the mechanism list
  });
}

void PgAuthenticationSaslContinue::EncodeTo(std::string* out) const {
  EncodeAuthentication(out, kAuthSaslContinue, data);
}

void PgAuthenticationSaslFinal::EncodeTo(std::string* out) const {
  EncodeAuthentication(out, kAuthSaslFinal, data);
}

void PgParameterStatus::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'S', [this](PgWriter& w) {
    w.CString(name);
    w.CString(value);
  });
}

void PgBackendKeyData::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'K', [this](PgWriter& w) {
    w.Int32(process_id);
    w.Int32(secret_key);
  });
}

void PgReadyForQuery::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'Z', [this](PgWriter& w) { w.Byte(static_cast<char>(status)); });
}

void PgRowDescription::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'T', [this](PgWriter& w) {
    w.Int16(static_cast<int16_t>(fields.size()));
    for (const PgFieldDescription& f : fields) {
      w.CString(f.name);
      w.Int32(0);  // table OID
      w.Int16(0);  // column attribute number
      w.Int32(static_cast<int32_t>(f.type_oid));
      w.Int16(f.type_size);
      w.Int32(f.type_modifier);
      w.Int16(f.format);
    }
  });
}

void PgDataRow::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'D', [this](PgWriter& w) {
    w.Int16(static_cast<int16_t>(values.size()));
    for (const std::optional<std::string>& v : values) {
      if (!v.has_value()) {
        w.Int32(-1);
        continue;
      }
      w.Int32(static_cast<int32_t>(v->size()));
      w.Bytes(*v);
    }
  });
}

void PgCommandComplete::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 'C', [this](PgWriter& w) { w.CString(tag); });
}

void PgEmptyQueryResponse::EncodeTo(std::string* out) const { EncodeEmpty(out, 'I'); }

const char* PgSeverityName(PgSeverity severity) {
  switch (severity) {
    case PgSeverity::kError:
      return "ERROR";
    case PgSeverity::kFatal:
      return "FATAL";
    case PgSeverity::kPanic:
      return "PANIC";
    case PgSeverity::kWarning:
      return "WARNING";
    case PgSeverity::kNotice:
      return "NOTICE";
    case PgSeverity::kInfo:
      return "INFO";
  }
  return "ERROR";  // unreachable: every enumerator is handled above
}

PgErrorFields PgErrorFields::FromOraError(const OraError& error) {
  PgErrorFields f;
  switch (error.severity()) {
    case Severity::kError:
      f.severity = PgSeverity::kError;
      break;
    case Severity::kFatal:
      f.severity = PgSeverity::kFatal;
      break;
    case Severity::kPanic:
      f.severity = PgSeverity::kPanic;
      break;
  }
  f.sqlstate = error.sqlstate();
  f.message = error.message();
  f.position = error.position();
  return f;
}

void PgErrorResponse::EncodeTo(std::string* out) const { EncodeErrorFields(out, 'E', fields); }

void PgNoticeResponse::EncodeTo(std::string* out) const { EncodeErrorFields(out, 'N', fields); }

void PgParseComplete::EncodeTo(std::string* out) const { EncodeEmpty(out, '1'); }
void PgBindComplete::EncodeTo(std::string* out) const { EncodeEmpty(out, '2'); }
void PgCloseComplete::EncodeTo(std::string* out) const { EncodeEmpty(out, '3'); }
void PgNoData::EncodeTo(std::string* out) const { EncodeEmpty(out, 'n'); }
void PgPortalSuspended::EncodeTo(std::string* out) const { EncodeEmpty(out, 's'); }

void PgParameterDescription::EncodeTo(std::string* out) const {
  AppendPgMessage(out, 't', [this](PgWriter& w) {
    w.Int16(static_cast<int16_t>(type_oids.size()));
    for (PgOid oid : type_oids) w.Int32(static_cast<int32_t>(oid));
  });
}

}  // namespace warden::net
