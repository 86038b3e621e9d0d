// Strict base64 encoding and decoding.
#include "net/base64.h"

#include <cstdint>

namespace warden::net {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The 6-bit value of an alphabet character, or -1.
int SextetOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                       (uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                       uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  uint32_t v = uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
  if (rest == 2) v |= uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
  out.push_back(kAlphabet[v >> 18]);
  out.push_back(kAlphabet[(v >> 12) & 63]);
  out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
  out.push_back('=');
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last_group = i + 4 == text.size();
    const std::size_t data_chars = last_group ? 4 - padding : 4;
    uint32_t v = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      int sextet = 0;
      if (j < data_chars) {
        sextet = SextetOf(text[i + j]);
        if (sextet < 0) return std::nullopt;  // includes a '=' before the final padding
      }
      v = (v << 6) | static_cast<uint32_t>(sextet);
    }
    out.push_back(static_cast<char>(v >> 16));
    if (data_chars >= 3) out.push_back(static_cast<char>((v >> 8) & 0xff));
    if (data_chars == 4) out.push_back(static_cast<char>(v & 0xff));
    // Canonical form: bits of the last character that encode no output byte must be zero.
    if (data_chars == 2 && (v & 0xffff) != 0) return std::nullopt;
    if (data_chars == 3 && (v & 0xff) != 0) return std::nullopt;
  }
  return out;
}

}  // namespace warden::net
