// SQL*Plus's display of NUMBER values (see number_format.h).
#include "client/number_format.h"

#include <cstdio>

namespace warden::client {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A decimal value as significant digits and the position of the decimal point:
// value = 0.<digits> * 10^point, digits without leading or trailing zeros ("" for zero).
// 123.45 -> {"12345", 3}; 0.0012 -> {"12", -2}.
struct Decimal {
  bool negative = false;
  std::string digits;
  int point = 0;
};

bool ParseDecimal(std::string_view text, Decimal* out) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    out->negative = text[i] == '-';
    ++i;
  }
  std::string all;  // every digit, integer part first
  int int_digits = 0;
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (IsDigit(c)) {
      all.push_back(c);
      any_digit = true;
      if (!seen_point) ++int_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return false;
    }
  }
  if (!any_digit) return false;
  std::size_t lead = all.find_first_not_of('0');
  if (lead == std::string::npos) {  // zero
    out->negative = false;
    out->digits.clear();
    out->point = 0;
    return true;
  }
  std::size_t last = all.find_last_not_of('0');
  out->digits = all.substr(lead, last - lead + 1);
  out->point = int_digits - static_cast<int>(lead);
  return true;
}

// Rounds d to keep significant digits (half away from zero, as Oracle's ROUND).
void RoundSignificant(Decimal* d, int keep) {
  if (keep >= static_cast<int>(d->digits.size())) return;
  if (keep < 0) {
    d->digits.clear();
    return;
  }
  bool round_up = d->digits[static_cast<std::size_t>(keep)] >= '5';
  d->digits.resize(static_cast<std::size_t>(keep));
  if (round_up) {
    int i = keep - 1;
    for (; i >= 0; --i) {  // propagate the carry; bounded by the digit count
      std::size_t k = static_cast<std::size_t>(i);
      if (d->digits[k] == '9') {
        d->digits[k] = '0';
      } else {
        ++d->digits[k];
        break;
      }
    }
    if (i < 0) {  // 999 -> 1000
      d->digits.insert(d->digits.begin(), '1');
      d->point += 1;
    }
  }
  std::size_t last = d->digits.find_last_not_of('0');
  d->digits.resize(last == std::string::npos ? 0 : last + 1);
  if (d->digits.empty()) d->point = 0;
}

// Plain notation without insignificant zeros: "12.5", ".05", "-3", "0".
std::string RenderFixed(const Decimal& d) {
  if (d.digits.empty()) return "0";
  std::string out = d.negative ? "-" : "";
  int n = static_cast<int>(d.digits.size());
  if (d.point <= 0) {
    out.push_back('.');
    out.append(static_cast<std::size_t>(-d.point), '0');
    out.append(d.digits);
  } else if (d.point >= n) {
    out.append(d.digits);
    out.append(static_cast<std::size_t>(d.point - n), '0');
  } else {
    out.append(d.digits, 0, static_cast<std::size_t>(d.point));
    out.push_back('.');
    out.append(d.digits, static_cast<std::size_t>(d.point), std::string::npos);
  }
  return out;
}

// Scientific notation d.dddE+nn filling width, or "" if it cannot fit.
std::string RenderScientific(Decimal d, std::size_t width) {
  int sign = d.negative ? 1 : 0;
  // Try with a two-digit exponent, then three (the rounding may change the exponent).
  for (int exp_digits = 2; exp_digits <= 3; ++exp_digits) {
    int mantissa_width = static_cast<int>(width) - sign - 2 - exp_digits;  // "E+" + digits
    if (mantissa_width < 1) return "";
    // "d" or "d.ddd": the point needs a digit after it to be worth showing.
    int frac = mantissa_width >= 3 ? mantissa_width - 2 : 0;
    Decimal r = d;
    RoundSignificant(&r, frac + 1);
    int exponent = r.point - 1;
    int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude >= (exp_digits == 2 ? 100 : 1000)) continue;
    std::string mantissa = r.digits;
    mantissa.resize(static_cast<std::size_t>(frac + 1), '0');
    std::string out = d.negative ? "-" : "";
    out.push_back(mantissa[0]);
    if (frac > 0) {
      out.push_back('.');
      out.append(mantissa, 1, std::string::npos);
    }
    char exp[16];  // "E+" and up to 11 characters of an int: never truncated
    std::snprintf(exp, sizeof exp, "E%c%0*d", exponent < 0 ? '-' : '+', exp_digits, magnitude);
    out.append(exp);
    return out;
  }
  return "";
}

}  // namespace

std::string FormatNumber(std::string_view text, std::size_t width) {
  Decimal d;
  if (!ParseDecimal(text, &d)) {
    return text.size() <= width ? std::string(text) : std::string(width, '#');
  }
  std::string fixed = RenderFixed(d);
  if (fixed.size() <= width) return fixed;
  // Too long: keep the integer digits and as many decimals as fit, if the integer part fits
  // and the rounded value keeps a significant digit.
  int sign = d.negative ? 1 : 0;
  int int_digits = d.point > 0 ? d.point : 0;
  if (sign + int_digits <= static_cast<int>(width)) {
    int room = static_cast<int>(width) - sign - int_digits - 1;  // after the point
    int decimals = room > 0 ? room : 0;
    Decimal r = d;
    RoundSignificant(&r, d.point + decimals);
    if (!r.digits.empty()) {
      std::string rounded = RenderFixed(r);
      if (rounded.size() <= width) return rounded;
    }
  }
  std::string scientific = RenderScientific(d, width);
  return scientific.empty() ? std::string(width, '#') : scientific;
}

}  // namespace warden::client
