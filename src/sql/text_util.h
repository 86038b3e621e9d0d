// Character-level helpers for VARCHAR2 values, which hold UTF-8: Oracle's string
// functions count characters, not bytes. Invalid UTF-8 is treated byte by byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace warden::sql {

// Number of characters.
size_t Utf8Length(std::string_view s);
// The characters, each as a view into s.
std::vector<std::string_view> Utf8Chars(std::string_view s);
// ASCII case mapping; other characters unchanged.
std::string AsciiUpper(std::string_view s);
std::string AsciiLower(std::string_view s);

}  // namespace warden::sql
