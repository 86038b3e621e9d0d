// Number: Oracle's NUMBER, an exact decimal of up to 38 significant digits.
// A value is coefficient x 10^exponent with |coefficient| < 10^38, kept normalized (no
// trailing zeros in the coefficient, zero has exponent 0), so equal values have equal
// representations. Arithmetic is exact where the result fits in 38 digits and otherwise
// rounds half away from zero, as Oracle does; no binary floating point is ever involved.
// Magnitudes from 1e-130 up to (but excluding) 1e126 are representable: anything smaller
// becomes 0, anything larger raises ORA-01426 numeric overflow.
// Plain value type; any thread or process may use it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warden::sql {

class Number {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxExponent = 125;   // largest power of ten of the leading digit
  static constexpr int kMinExponent = -130;  // smallest power of ten of the leading digit

  Number() = default;  // zero

  static Number FromInt64(int64_t v);
  // Parses numeric text: optional blanks, sign, digits with at most one '.', optional
  // exponent (e/E, sign, digits), optional blanks. "12.50", "-3", "1e5", ".5", "5.".
  // Returns false when the text is not a number; throws ORA-01426 when it overflows.
  static bool Parse(std::string_view text, Number* out);
  // As Parse, but raises ORA-01722 invalid number for text that is not a number.
  static Number ParseOrThrow(std::string_view text);

  bool is_zero() const { return coef_ == 0; }
  bool is_negative() const { return negative_; }
  bool is_integer() const { return exp_ >= 0; }
  // -1, 0 or 1.
  int sign() const { return is_zero() ? 0 : (negative_ ? -1 : 1); }

  // True and *out set when the value is an integer that fits in int64.
  bool ToInt64(int64_t* out) const;
  // The value truncated toward zero and clamped to the int64 range (for SUBSTR positions
  // and similar integer arguments).
  int64_t ToInt64Saturating() const;

  // Canonical text that every PostgreSQL driver parses: "-0.5", "0.5", "12.5", "100";
  // scientific ("1.5E+40") only beyond 38 digits of magnitude or below 1e-38.
  std::string ToString() const;
  // The text Oracle's implicit conversion and TO_CHAR(n) produce: no leading zero before
  // the point (".5", "-.5"), scientific only when the plain text would exceed 64 characters.
  std::string ToOracleText() const;

  Number Negate() const;
  Number Abs() const;
  static Number Add(const Number& a, const Number& b);
  static Number Subtract(const Number& a, const Number& b);
  static Number Multiply(const Number& a, const Number& b);
  // Raises ORA-01476 divisor is equal to zero.
  static Number Divide(const Number& a, const Number& b);
  // Oracle MOD: a - b * TRUNC(a / b); a when b is 0.
  static Number Mod(const Number& a, const Number& b);
  // Round half away from zero / truncate toward zero at 10^-places (places may be negative).
  Number Round(int64_t places) const;
  Number Trunc(int64_t places) const;
  Number Floor() const;
  Number Ceil() const;

  // -1, 0, 1.
  static int Compare(const Number& a, const Number& b);

  // Fixed-size binary form for stored rows (sql/row_codec.h): kBinaryBytes bytes.
  static constexpr int kBinaryBytes = 21;
  void AppendBinary(std::string* out) const;
  static Number FromBinary(const char* p);
  friend bool operator==(const Number& a, const Number& b) {
    return a.negative_ == b.negative_ && a.exp_ == b.exp_ && a.coef_ == b.coef_;
  }

 private:
  // Builds a normalized number; REQUIRES coef < 10^38.
  static Number Make(bool negative, unsigned __int128 coef, int64_t exp);
  // Digits of coef_ in decimal, most significant first ("0" for zero).
  std::string Digits() const;
  // Power of ten of the leading digit; REQUIRES !is_zero().
  int64_t Adjusted() const;
  std::string Render(bool oracle_style) const;

  unsigned __int128 coef_ = 0;
  int32_t exp_ = 0;
  bool negative_ = false;

  friend class NumberBuilder;
};

}  // namespace warden::sql
