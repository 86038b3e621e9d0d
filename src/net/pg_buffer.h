// Byte-level building blocks of the PostgreSQL v3 protocol: PgWriter appends network-order
// fields to a message being encoded, AppendPgMessage frames one message (type byte + int32
// length that counts itself), and PgPayloadReader walks a received payload with a bounds check
// on every read, so a malformed message yields a PgStatus and never a read past its end.
// No I/O: callers own the buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/pg_status.h"

namespace warden::net {

// Appends fields, in network byte order, to the end of *out.
class PgWriter {
 public:
  explicit PgWriter(std::string* out) : out_(out) {}

  void Byte(char c) { out_->push_back(c); }
  void Int16(int16_t v);
  void Int32(int32_t v);
  // Writes s up to (not including) its first NUL, then a NUL: like PostgreSQL's
  // pq_sendstring, an embedded NUL truncates the string instead of desynchronising the stream.
  void CString(std::string_view s);
  void Bytes(std::string_view s) { out_->append(s); }

 private:
  std::string* out_;
};

// Appends one typed message to *out: the type byte, a length placeholder, whatever
// write_body(PgWriter&) writes, then patches the length (body + 4).
// REQUIRES: the body is shorter than 2 GiB - 4.
void PatchPgLength(std::string* out, std::size_t length_offset);
template <typename WriteBody>
void AppendPgMessage(std::string* out, char type, WriteBody&& write_body) {
  out->push_back(type);
  const std::size_t length_offset = out->size();
  out->append(4, '\0');
  PgWriter writer(out);
  write_body(writer);
  PatchPgLength(out, length_offset);
}

// Reads fields from one message payload. Every read checks the remaining length first; a
// failed read leaves the cursor where it was. `message_name` prefixes error texts.
// REQUIRES: the payload and name outlive the reader (it keeps views of them).
class PgPayloadReader {
 public:
  PgPayloadReader(std::string_view payload, std::string_view message_name)
      : data_(payload), name_(message_name) {}

  PgStatus Byte(char* out);
  PgStatus Int16(int16_t* out);
  PgStatus UInt16(uint16_t* out);
  PgStatus Int32(int32_t* out);
  // A NUL-terminated string; the NUL must lie inside the payload.
  PgStatus CString(std::string* out);
  PgStatus Bytes(std::size_t n, std::string* out);
  // Everything not read yet (may be empty).
  std::string_view Rest();
  // kMalformed unless the whole payload has been read (PostgreSQL's pq_getmsgend).
  PgStatus ExpectEnd() const;

  std::size_t remaining() const { return data_.size() - pos_; }
  // An error of the given kind whose text starts with this message's name.
  PgStatus Fail(PgErrorKind kind, std::string_view what) const;

 private:
  PgStatus Need(std::size_t n, std::string_view what) const;

  std::string_view data_;
  std::string_view name_;
  std::size_t pos_ = 0;  // invariant: pos_ <= data_.size()
};

// Network-order integer load from 4 bytes. REQUIRES: p points to at least 4 readable bytes.
uint32_t LoadBigEndian32(const char* p);

}  // namespace warden::net
