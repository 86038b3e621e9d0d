// Copying text into the fixed-size char arrays of SGA structures (no std::string lives there).
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace warden {

// Copies at most cap-1 bytes of src into dst and NUL-fills the rest (so readers in other
// processes never see stale bytes after the terminator).
inline void CopyToFixed(char* dst, std::size_t cap, std::string_view src) {
  std::size_t n = src.size() < cap - 1 ? src.size() : cap - 1;
  std::memcpy(dst, src.data(), n);
  std::memset(dst + n, 0, cap - n);
}

}  // namespace warden
