// SQL*Plus COLUMN ... FORMAT for numbers ("999999", "999.99", "9,999", "0999", "$99.9",
// "999MI", "S999", "B999"): Oracle's number format model as TO_CHAR applies it.
//   - the display width is the mask's length plus one position for the sign (none with S or
//     MI, which place the sign themselves); '$' floats to just before the first digit;
//   - the value is rounded half away from zero to the mask's decimals;
//   - leading zeros show from the leftmost '0' of the mask on; an integer part of zero shows
//     as "0" only when the mask has no decimals (TO_CHAR(.5,'9.99') = '  .50');
//   - a group separator ',' shows only between printed digits;
//   - B shows zero as blanks; a value with more integer digits than the mask holds, or text
//     that is not a number, fills the width with '#'.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace warden::client {

struct NumberMask {
  bool dollar = false;
  bool blank_zero = false;      // B
  bool leading_sign = false;    // S at the start
  bool trailing_minus = false;  // MI at the end
  std::string integer;          // '9', '0' and ',' before the decimal point, in order
  int decimals = 0;             // '9' / '0' after the point
  bool has_point = false;
};

// nullopt if mask is not a number format wsql supports.
std::optional<NumberMask> ParseNumberMask(std::string_view mask);

// Characters a value takes with this mask.
std::size_t MaskWidth(const NumberMask& mask);

// text: the server's decimal text of a NUMBER. Always MaskWidth(mask) characters.
std::string FormatWithMask(std::string_view text, const NumberMask& mask);

}  // namespace warden::client
