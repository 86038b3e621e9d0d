// Hex encoding of RAW values (see raw.h).
#include "sql/raw.h"

#include "common/ora_error.h"

namespace warden::sql {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string HexOf(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

std::string BytesOfHex(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2 + 1);
  size_t i = 0;
  int high = -1;
  if (hex.size() % 2 == 1) high = 0;  // the implied leading '0'
  for (; i < hex.size(); ++i) {
    const int d = HexDigit(hex[i]);
    if (d < 0) throw OraError::Make(1465);
    if (high < 0) {
      high = d;
    } else {
      out.push_back(static_cast<char>(high * 16 + d));
      high = -1;
    }
  }
  return out;
}

}  // namespace warden::sql
