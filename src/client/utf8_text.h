// Character counting for UTF-8 text: column widths, padding and error-marker placement are
// measured in characters (code points), not bytes, as a terminal shows them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warden::client {

// Number of code points in s (a continuation byte 10xxxxxx does not start one).
std::size_t Utf8Length(std::string_view s);

// The first n code points of s.
std::string_view Utf8Prefix(std::string_view s, std::size_t n);

// s padded with spaces to width characters, on the right (left-justified) or the left.
std::string PadRight(std::string_view s, std::size_t width);
std::string PadLeft(std::string_view s, std::size_t width);

// s without trailing spaces (SQL*Plus TRIMOUT ON).
std::string_view TrimTrailingSpaces(std::string_view s);

// s without leading and trailing spaces and tabs.
std::string_view Trim(std::string_view s);

// ASCII upper-case copy of s (SQL*Plus keywords are ASCII).
std::string ToUpperAscii(std::string_view s);

}  // namespace warden::client
