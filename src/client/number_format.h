// How SQL*Plus shows a NUMBER in a column of fixed width (NUMWIDTH, default 10):
//   - no insignificant zeros: 0.5 -> ".5", 1.50 -> "1.5", -0.25 -> "-.25";
//   - a value that does not fit is rounded to the decimals that fit (3.14159265358979 ->
//     "3.14159265"), or shown in scientific notation with the digits that fit
//     (12345678901 -> "1.2346E+10", 0.0000000000123 -> "1.2300E-11");
//   - if even that does not fit, the column is filled with '#'.
// Text that is not a plain decimal (NaN, Infinity, "1e+20") is shown as sent if it fits.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warden::client {

inline constexpr std::size_t kNumWidth = 10;  // SQL*Plus NUMWIDTH default

std::string FormatNumber(std::string_view text, std::size_t width);

}  // namespace warden::client
