// Character counting for UTF-8 text (see utf8_text.h).
#include "client/utf8_text.h"

namespace warden::client {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if (!IsContinuationByte(c)) ++n;
  }
  return n;
}

std::string_view Utf8Prefix(std::string_view s, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsContinuationByte(s[i])) {
      if (chars == n) return s.substr(0, i);
      ++chars;
    }
  }
  return s;
}

std::string PadRight(std::string_view s, std::size_t width) {
  std::string out(s);
  std::size_t len = Utf8Length(s);
  if (len < width) out.append(width - len, ' ');
  return out;
}

std::string PadLeft(std::string_view s, std::size_t width) {
  std::size_t len = Utf8Length(s);
  std::string out;
  if (len < width) out.assign(width - len, ' ');
  out.append(s);
  return out;
}

std::string_view TrimTrailingSpaces(std::string_view s) {
  std::size_t end = s.find_last_not_of(' ');
  return end == std::string_view::npos ? std::string_view() : s.substr(0, end + 1);
}

std::string_view Trim(std::string_view s) {
  std::size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  std::size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace warden::client
