// Decoders of frontend messages, following PostgreSQL's own checks (postmaster.c
// ProcessStartupPacket, postgres.c exec_*_message, auth.c SASL handling).
#include "net/pg_frontend_messages.h"

#include "net/pg_buffer.h"

namespace warden::net {
namespace {

// Returns early from the enclosing decoder when a read fails.
#define RETURN_IF_PG_ERROR(expr)          \
  do {                                    \
    if (PgStatus s_ = (expr); !s_.ok()) { \
      return s_;                          \
    }                                     \
  } while (false)

PgStatus DecodeStartupMessage(PgPayloadReader& in, PgStartupMessage* out) {
  // Pairs of NUL-terminated strings, ended by one extra NUL that must be the last byte.
  // Each iteration consumes at least one byte, so the loop ends within remaining() steps.
  PgStartupMessage msg;
  while (true) {
    std::string key;
    RETURN_IF_PG_ERROR(in.CString(&key));
    if (key.empty()) break;
    std::string value;
    RETURN_IF_PG_ERROR(in.CString(&value));
    msg.parameters.emplace_back(std::move(key), std::move(value));
  }
  if (in.remaining() != 0) {
    return in.Fail(PgErrorKind::kMalformed, "invalid layout: expected terminator as last byte");
  }
  const std::string* user = msg.Find("user");
  if (user == nullptr || user->empty()) {
    return in.Fail(PgErrorKind::kMalformed, "no user name specified");
  }
  msg.user = *user;
  const std::string* database = msg.Find("database");
  msg.database = database == nullptr || database->empty() ? msg.user : *database;
  *out = std::move(msg);
  return PgStatus::OK();
}

// Reads a uint16 count followed by that many int16 format codes, each 0 or 1.
PgStatus ReadFormatCodes(PgPayloadReader& in, std::vector<int16_t>* out) {
  uint16_t count = 0;
  RETURN_IF_PG_ERROR(in.UInt16(&count));
  out->clear();
  for (uint16_t i = 0; i < count; ++i) {
    int16_t code = 0;
    RETURN_IF_PG_ERROR(in.Int16(&code));
    if (code != kPgTextFormat && code != kPgBinaryFormat) {
      return in.Fail(PgErrorKind::kMalformed, "unsupported format code " + std::to_string(code));
    }
    out->push_back(code);
  }
  return PgStatus::OK();
}

PgStatus ReadTarget(PgPayloadReader& in, PgTarget* out) {
  char c = 0;
  RETURN_IF_PG_ERROR(in.Byte(&c));
  if (c != static_cast<char>(PgTarget::kStatement) && c != static_cast<char>(PgTarget::kPortal)) {
    return in.Fail(PgErrorKind::kMalformed, "invalid target type '" + std::string(1, c) + "'");
  }
  *out = static_cast<PgTarget>(c);
  return PgStatus::OK();
}

PgStatus DecodeEmpty(std::string_view payload, std::string_view name) {
  return PgPayloadReader(payload, name).ExpectEnd();
}

}  // namespace

const std::string* PgStartupMessage::Find(std::string_view key) const {
  const std::string* found = nullptr;
  for (const auto& [k, v] : parameters) {
    if (k == key) found = &v;
  }
  return found;
}

PgStatus DecodeStartupPacket(std::string_view payload, PgStartupPacket* out) {
  PgPayloadReader in(payload, "startup");
  int32_t code = 0;
  RETURN_IF_PG_ERROR(in.Int32(&code));
  switch (code) {
    case kPgSslRequestCode:
      RETURN_IF_PG_ERROR(in.ExpectEnd());
      *out = PgSslRequest{};
      return PgStatus::OK();
    case kPgGssEncRequestCode:
      RETURN_IF_PG_ERROR(in.ExpectEnd());
      *out = PgGssEncRequest{};
      return PgStatus::OK();
    case kPgCancelRequestCode: {
      PgCancelRequest cancel;
      RETURN_IF_PG_ERROR(in.Int32(&cancel.process_id));
      RETURN_IF_PG_ERROR(in.Int32(&cancel.secret_key));
      RETURN_IF_PG_ERROR(in.ExpectEnd());
      *out = cancel;
      return PgStatus::OK();
    }
    case kPgProtocolVersion30: {
      PgStartupMessage msg;
      RETURN_IF_PG_ERROR(DecodeStartupMessage(in, &msg));
      *out = std::move(msg);
      return PgStatus::OK();
    }
    default: {
      const auto version = static_cast<uint32_t>(code);
      return PgStatus::Error(PgErrorKind::kUnsupportedProtocol,
                             "unsupported frontend protocol " + std::to_string(version >> 16) +
                                 "." + std::to_string(version & 0xffff) +
                                 ": server supports 3.0 to 3.0");
    }
  }
}

PgStatus PgQuery::Decode(std::string_view payload, PgQuery* out) {
  PgPayloadReader in(payload, "Query");
  RETURN_IF_PG_ERROR(in.CString(&out->sql));
  return in.ExpectEnd();
}

PgStatus PgTerminate::Decode(std::string_view payload) { return DecodeEmpty(payload, "Terminate"); }
PgStatus PgSync::Decode(std::string_view payload) { return DecodeEmpty(payload, "Sync"); }
PgStatus PgFlush::Decode(std::string_view payload) { return DecodeEmpty(payload, "Flush"); }

PgStatus PgPasswordMessage::Decode(std::string_view payload, PgPasswordMessage* out) {
  PgPayloadReader in(payload, "PasswordMessage");
  RETURN_IF_PG_ERROR(in.CString(&out->password));
  return in.ExpectEnd();
}

PgStatus PgSaslInitialResponse::Decode(std::string_view payload, PgSaslInitialResponse* out) {
  PgPayloadReader in(payload, "SASLInitialResponse");
  RETURN_IF_PG_ERROR(in.CString(&out->mechanism));
  int32_t length = 0;
  RETURN_IF_PG_ERROR(in.Int32(&length));
  if (length == -1) {
    out->data.reset();
  } else if (length < 0) {
    return in.Fail(PgErrorKind::kMalformed, "invalid data length " + std::to_string(length));
  } else {
    std::string data;
    RETURN_IF_PG_ERROR(in.Bytes(static_cast<std::size_t>(length), &data));
    out->data = std::move(data);
  }
  return in.ExpectEnd();
}

PgStatus PgSaslResponse::Decode(std::string_view payload, PgSaslResponse* out) {
  out->data.assign(payload);
  return PgStatus::OK();
}

PgStatus PgParse::Decode(std::string_view payload, PgParse* out) {
  PgPayloadReader in(payload, "Parse");
  RETURN_IF_PG_ERROR(in.CString(&out->statement_name));
  RETURN_IF_PG_ERROR(in.CString(&out->query));
  uint16_t count = 0;
  RETURN_IF_PG_ERROR(in.UInt16(&count));
  out->param_type_oids.clear();
  for (uint16_t i = 0; i < count; ++i) {
    int32_t oid = 0;
    RETURN_IF_PG_ERROR(in.Int32(&oid));
    out->param_type_oids.push_back(static_cast<PgOid>(oid));
  }
  return in.ExpectEnd();
}

PgStatus PgBind::Decode(std::string_view payload, PgBind* out) {
  PgPayloadReader in(payload, "Bind");
  RETURN_IF_PG_ERROR(in.CString(&out->portal_name));
  RETURN_IF_PG_ERROR(in.CString(&out->statement_name));
  RETURN_IF_PG_ERROR(ReadFormatCodes(in, &out->param_formats));
  uint16_t count = 0;
  RETURN_IF_PG_ERROR(in.UInt16(&count));
  if (out->param_formats.size() > 1 && out->param_formats.size() != count) {
    return in.Fail(PgErrorKind::kMalformed, std::to_string(out->param_formats.size()) +
                                                " parameter formats but " + std::to_string(count) +
                                                " parameters");
  }
  out->params.clear();
  for (uint16_t i = 0; i < count; ++i) {
    int32_t length = 0;
    RETURN_IF_PG_ERROR(in.Int32(&length));
    if (length == -1) {
      out->params.emplace_back(std::nullopt);
      continue;
    }
    if (length < 0) {
      return in.Fail(PgErrorKind::kMalformed, "invalid parameter length " + std::to_string(length));
    }
    std::string value;
    RETURN_IF_PG_ERROR(in.Bytes(static_cast<std::size_t>(length), &value));
    out->params.emplace_back(std::move(value));
  }
  RETURN_IF_PG_ERROR(ReadFormatCodes(in, &out->result_formats));
  return in.ExpectEnd();
}

PgStatus PgDescribe::Decode(std::string_view payload, PgDescribe* out) {
  PgPayloadReader in(payload, "Describe");
  RETURN_IF_PG_ERROR(ReadTarget(in, &out->target));
  RETURN_IF_PG_ERROR(in.CString(&out->name));
  return in.ExpectEnd();
}

PgStatus PgExecute::Decode(std::string_view payload, PgExecute* out) {
  PgPayloadReader in(payload, "Execute");
  RETURN_IF_PG_ERROR(in.CString(&out->portal_name));
  RETURN_IF_PG_ERROR(in.Int32(&out->max_rows));
  return in.ExpectEnd();
}

PgStatus PgClose::Decode(std::string_view payload, PgClose* out) {
  PgPayloadReader in(payload, "Close");
  RETURN_IF_PG_ERROR(ReadTarget(in, &out->target));
  RETURN_IF_PG_ERROR(in.CString(&out->name));
  return in.ExpectEnd();
}

#undef RETURN_IF_PG_ERROR

}  // namespace warden::net
