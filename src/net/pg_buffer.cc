// PgWriter, message framing and PgPayloadReader: bounds-checked network-order fields.
#include "net/pg_buffer.h"

namespace warden::net {

void PgWriter::Int16(int16_t v) {
  const auto u = static_cast<uint16_t>(v);
  out_->push_back(static_cast<char>(u >> 8));
  out_->push_back(static_cast<char>(u & 0xff));
}

void PgWriter::Int32(int32_t v) {
  const auto u = static_cast<uint32_t>(v);
  out_->push_back(static_cast<char>(u >> 24));
  out_->push_back(static_cast<char>((u >> 16) & 0xff));
  out_->push_back(static_cast<char>((u >> 8) & 0xff));
  out_->push_back(static_cast<char>(u & 0xff));
}

void PgWriter::CString(std::string_view s) {
  out_->append(s.substr(0, s.find('\0')));
  out_->push_back('\0');
}

void PatchPgLength(std::string* out, std::size_t length_offset) {
  const auto length = static_cast<uint32_t>(out->size() - length_offset);
  char* p = out->data() + length_offset;
  p[0] = static_cast<char>(length >> 24);
  p[1] = static_cast<char>((length >> 16) & 0xff);
  p[2] = static_cast<char>((length >> 8) & 0xff);
  p[3] = static_cast<char>(length & 0xff);
}

uint32_t LoadBigEndian32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

PgStatus PgPayloadReader::Fail(PgErrorKind kind, std::string_view what) const {
  std::string text(name_);
  text.append(" message: ");
  text.append(what);
  return PgStatus::Error(kind, std::move(text));
}

PgStatus PgPayloadReader::Need(std::size_t n, std::string_view what) const {
  if (remaining() < n) {
    return Fail(PgErrorKind::kTruncated, std::string(what) + " runs past the end of the message");
  }
  return PgStatus::OK();
}

PgStatus PgPayloadReader::Byte(char* out) {
  if (PgStatus s = Need(1, "byte field"); !s.ok()) return s;
  *out = data_[pos_++];
  return PgStatus::OK();
}

PgStatus PgPayloadReader::UInt16(uint16_t* out) {
  if (PgStatus s = Need(2, "int16 field"); !s.ok()) return s;
  const auto* u = reinterpret_cast<const unsigned char*>(data_.data() + pos_);
  *out = static_cast<uint16_t>((u[0] << 8) | u[1]);
  pos_ += 2;
  return PgStatus::OK();
}

PgStatus PgPayloadReader::Int16(int16_t* out) {
  uint16_t u = 0;
  if (PgStatus s = UInt16(&u); !s.ok()) return s;
  *out = static_cast<int16_t>(u);
  return PgStatus::OK();
}

PgStatus PgPayloadReader::Int32(int32_t* out) {
  if (PgStatus s = Need(4, "int32 field"); !s.ok()) return s;
  *out = static_cast<int32_t>(LoadBigEndian32(data_.data() + pos_));
  pos_ += 4;
  return PgStatus::OK();
}

PgStatus PgPayloadReader::CString(std::string* out) {
  const std::size_t nul = data_.find('\0', pos_);
  if (nul == std::string_view::npos) {
    return Fail(PgErrorKind::kTruncated, "string is not NUL-terminated");
  }
  out->assign(data_.substr(pos_, nul - pos_));
  pos_ = nul + 1;
  return PgStatus::OK();
}

PgStatus PgPayloadReader::Bytes(std::size_t n, std::string* out) {
  if (PgStatus s = Need(n, "byte string"); !s.ok()) return s;
  out->assign(data_.substr(pos_, n));
  pos_ += n;
  return PgStatus::OK();
}

std::string_view PgPayloadReader::Rest() {
  std::string_view rest = data_.substr(pos_);
  pos_ = data_.size();
  return rest;
}

PgStatus PgPayloadReader::ExpectEnd() const {
  if (remaining() != 0) {
    return Fail(PgErrorKind::kMalformed,
                std::to_string(remaining()) + " unexpected bytes after the last field");
  }
  return PgStatus::OK();
}

}  // namespace warden::net
