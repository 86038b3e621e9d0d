// Oracle number format models for TO_CHAR(number, fmt) and TO_NUMBER(text, fmt).
// Elements: 9 0 , G . D $ L U C S (first or last) MI PR (last) B FM V EEEE, X (hex, only
// after 0s or FM), TM TM9 TME (text minimum). As Oracle:
//  - positive values get a leading blank where a negative one gets '-' (unless S, MI or
//    PR says where the sign goes); FM drops every padding blank and the trailing zeros
//    that 9s (not 0s) stand for after the decimal point;
//  - the value is rounded to the model's decimal places; when its integer part needs more
//    digits than the model has, the result is all '#' (the model's width plus one);
//  - leading zeros print as blanks, except where a 0 in the model asks for them; a zero
//    integer part prints as '0' only when the model has no decimal places ('9999' -> '0',
//    '99.99' -> '.00');
//  - hex (X) takes non-negative integers after rounding; negative or too wide gives '#'s.
// A malformed model is ORA-01481; text that does not match the model is ORA-01722.
#pragma once

#include <string>
#include <string_view>

#include "sql/number.h"

namespace warden::sql {

std::string FormatNumber(const Number& n, std::string_view format);
Number ParseNumber(std::string_view text, std::string_view format);

}  // namespace warden::sql
