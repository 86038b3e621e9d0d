// Oracle number format models for COLUMN FORMAT (see number_mask.h).
#include "client/number_mask.h"

#include "client/utf8_text.h"

namespace warden::client {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A decimal as an integer digit string and a fraction digit string (no sign).
struct Plain {
  bool negative = false;
  std::string integer;   // no leading zeros; "" for zero
  std::string fraction;  // as many digits as the text has
};

std::optional<Plain> ParsePlain(std::string_view text) {
  Plain p;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) p.negative = text[i++] == '-';
  bool point = false;
  bool any = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (IsDigit(c)) {
      any = true;
      (point ? p.fraction : p.integer).push_back(c);
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  std::size_t lead = p.integer.find_first_not_of('0');
  p.integer = lead == std::string::npos ? "" : p.integer.substr(lead);
  return p;
}

// Rounds p to `decimals` fraction digits, half away from zero.
void RoundTo(Plain* p, int decimals) {
  std::size_t keep = static_cast<std::size_t>(decimals);
  bool up = p->fraction.size() > keep && p->fraction[keep] >= '5';
  p->fraction.resize(keep, '0');
  if (!up) return;
  std::string digits = p->integer + p->fraction;
  int k = static_cast<int>(digits.size()) - 1;
  for (; k >= 0; --k) {  // carry; bounded by the digit count
    std::size_t u = static_cast<std::size_t>(k);
    if (digits[u] == '9') {
      digits[u] = '0';
    } else {
      ++digits[u];
      break;
    }
  }
  if (k < 0) digits.insert(digits.begin(), '1');
  p->integer = digits.substr(0, digits.size() - keep);
  p->fraction = digits.substr(digits.size() - keep);
  std::size_t lead = p->integer.find_first_not_of('0');
  p->integer = lead == std::string::npos ? "" : p->integer.substr(lead);
}

}  // namespace

std::optional<NumberMask> ParseNumberMask(std::string_view mask) {
  std::string m = ToUpperAscii(mask);
  NumberMask out;
  std::string_view rest = m;
  // Prefixes in any order, each once.
  for (int pass = 0; pass < 3 && !rest.empty(); ++pass) {
    if (rest[0] == '$' && !out.dollar) {
      out.dollar = true;
    } else if (rest[0] == 'B' && !out.blank_zero) {
      out.blank_zero = true;
    } else if (rest[0] == 'S' && !out.leading_sign) {
      out.leading_sign = true;
    } else {
      break;
    }
    rest.remove_prefix(1);
  }
  if (rest.ends_with("MI")) {
    if (out.leading_sign) return std::nullopt;
    out.trailing_minus = true;
    rest.remove_suffix(2);
  }
  bool any_digit = false;
  for (char c : rest) {
    if (c == '9' || c == '0') {
      any_digit = true;
      if (out.has_point) {
        ++out.decimals;
      } else {
        out.integer.push_back(c);
      }
    } else if (c == ',' && !out.has_point && any_digit) {
      out.integer.push_back(c);
    } else if (c == '.' && !out.has_point) {
      out.has_point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit || out.integer.ends_with(',')) return std::nullopt;
  return out;
}

std::size_t MaskWidth(const NumberMask& mask) {
  std::size_t w = mask.integer.size() + static_cast<std::size_t>(mask.decimals);
  if (mask.has_point) ++w;
  if (mask.dollar) ++w;
  ++w;  // the sign: leading blank or '-', S's '+'/'-', or MI's trailing ' '/'-'
  return w;
}

std::string FormatWithMask(std::string_view text, const NumberMask& mask) {
  const std::size_t width = MaskWidth(mask);
  std::optional<Plain> parsed = ParsePlain(text);
  if (!parsed) return std::string(width, '#');
  Plain p = *parsed;
  RoundTo(&p, mask.decimals);
  bool zero = p.integer.empty() && p.fraction.find_first_not_of('0') == std::string::npos;
  if (zero) p.negative = false;
  if (zero && mask.blank_zero) return std::string(width, ' ');
  std::size_t positions = 0;
  for (char c : mask.integer) positions += c != ',' ? 1 : 0;
  if (p.integer.size() > positions) return std::string(width, '#');
  // An integer part of zero shows as "0" only without decimals.
  std::string int_digits = p.integer;
  if (int_digits.empty() && mask.decimals == 0) int_digits = "0";
  std::size_t first_zero = mask.integer.find('0');
  // Fill the integer positions from the right.
  std::string body;
  std::size_t digit_index = int_digits.size();     // digits not yet placed
  std::size_t printed_from = mask.integer.size();  // leftmost mask index printed
  for (std::size_t k = mask.integer.size(); k-- > 0;) {
    char m = mask.integer[k];
    char shown = ' ';
    if (m == ',') {
      shown = ',';  // kept only if a digit is printed to its left (fixed below)
    } else if (digit_index > 0) {
      shown = int_digits[--digit_index];
      printed_from = k;
    } else if (first_zero != std::string::npos && k >= first_zero) {
      shown = '0';
      printed_from = k;
    }
    body.insert(body.begin(), shown);
  }
  for (std::size_t k = 0; k < printed_from && k < body.size(); ++k) body[k] = ' ';
  if (mask.has_point) body.append(".").append(p.fraction);
  // The sign and '$' go just before the first printed character.
  std::size_t first = body.find_first_not_of(' ');
  if (first == std::string::npos) first = body.size();
  std::string lead;
  if (mask.leading_sign) {
    lead = p.negative ? "-" : "+";
  } else if (!mask.trailing_minus && p.negative) {
    lead = "-";
  }
  if (mask.dollar) lead += "$";
  std::string out = std::string(body, 0, first) + lead + body.substr(first);
  if (mask.trailing_minus) out += p.negative ? "-" : " ";
  return PadLeft(out, width);
}

}  // namespace warden::client
