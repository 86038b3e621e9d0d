// PgFrameReader: bounded framing of the client byte stream.
#include "net/pg_frame_reader.h"

#include "net/pg_buffer.h"
#include "net/pg_frontend_messages.h"

namespace warden::net {

void PgFrameReader::Feed(std::string_view bytes) {
  // Drop returned bytes once they are the larger part of the buffer, so a long session's
  // buffer does not grow and compaction costs O(1) amortised per byte.
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  buffer_.append(bytes);
}

uint32_t PgFrameReader::MaxLengthFor(char type) const {
  switch (type) {
    case 'Q':
    case 'P':
    case 'B':
      return limits_.max_large_message_length;
    default:
      return limits_.max_small_message_length;
  }
}

PgStatus PgFrameReader::Next(std::optional<PgFrame>* frame) {
  frame->reset();
  if (!error_.ok()) return error_;

  const std::size_t header_size = startup_phase_ ? 4 : 5;
  if (buffered_bytes() < header_size) return PgStatus::OK();

  const char* header = buffer_.data() + pos_;
  const char type = startup_phase_ ? kPgStartupFrame : header[0];
  const uint32_t length = LoadBigEndian32(header + header_size - 4);
  // A startup packet holds at least its 4-byte protocol code after the length word.
  const uint32_t min_length = startup_phase_ ? 8 : 4;
  const uint32_t max_length = startup_phase_ ? limits_.max_startup_length : MaxLengthFor(type);
  if (length < min_length || length > max_length) {
    const std::string what = startup_phase_ ? std::string("startup packet")
                                            : "message of type '" + std::string(1, type) + "'";
    error_ = length < min_length
                 ? PgStatus::Error(PgErrorKind::kInvalidLength,
                                   what + " has invalid length " + std::to_string(length))
                 : PgStatus::Error(PgErrorKind::kMessageTooLarge,
                                   what + " length " + std::to_string(length) +
                                       " exceeds the limit " + std::to_string(max_length));
    return error_;
  }

  const std::size_t frame_size = header_size - 4 + std::size_t{length};
  if (buffered_bytes() < frame_size) return PgStatus::OK();

  PgFrame out;
  out.type = type;
  out.payload.assign(buffer_, pos_ + header_size, frame_size - header_size);
  pos_ += frame_size;
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
  if (startup_phase_) {
    // length >= 8, so the payload holds at least the 4-byte code.
    const auto code = static_cast<int32_t>(LoadBigEndian32(out.payload.data()));
    if (code == kPgSslRequestCode || code == kPgGssEncRequestCode) {
      bool& seen = code == kPgSslRequestCode ? ssl_request_seen_ : gss_request_seen_;
      if (seen) {
        error_ = PgStatus::Error(PgErrorKind::kMalformed, code == kPgSslRequestCode
                                                              ? "SSLRequest sent twice"
                                                              : "GSSENCRequest sent twice");
        return error_;
      }
      seen = true;
    } else {
      startup_phase_ = false;
    }
  }
  *frame = std::move(out);
  return PgStatus::OK();
}

}  // namespace warden::net
