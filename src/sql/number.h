// Number: Oracle's NUMBER, an exact decimal.
// Oracle keeps a NUMBER as an exponent of 100 and up to 20 base-100 digits (DUMP shows
// them: 1/3*3 is Typ=2 Len=21: 192,100,100,...), so a value holds 39 or 40 significant
// decimal digits depending on where its leading digit falls within a base-100 digit:
// 1/3 = .3333333333333333333333333333333333333333 (40 digits), 10/3 = 3.333...3 (39 digits),
// 41 nines become 1E+41. Every result (literals, arithmetic) is rounded half away from
// zero at that position, which is what RoundToOracle does: the last kept decimal position
// is 10^(2*floor(adj/2) - 38) for a leading digit at 10^adj. So 1/3*3 is
// .9999999999999999999999999999999999999999 (40 nines), not 1, and 1/3*3 = 1 is false, as
// in Oracle (SQL*Plus shows 1 only because its NUMWIDTH 10 display rounds).
// A value is coefficient x 10^exponent with coefficient < 10^40, kept normalized (no
// trailing zeros in the coefficient, zero has exponent 0), so equal values have equal
// representations; no binary floating point is ever involved.
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
  static constexpr int kMaxDigits = 40;      // at most; 39 when the leading digit is odd-placed
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

  bool is_zero() const { return coef_[0] == 0 && coef_[1] == 0 && coef_[2] == 0; }
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
  // Rounded to `digits` significant digits.
  Number RoundSignificant(int digits) const;
  Number Floor() const;
  Number Ceil() const;

  // POWER(x, n) for an integer n (|n| <= 100000, else ORA-01426 or 0 as the magnitude
  // says), by repeated squaring, each product rounded as any product. 0 to a negative
  // power is ORA-01476.
  static Number PowerInt(const Number& x, int64_t n);
  // SQRT(x), correctly rounded; ORA-01428 for x < 0.
  static Number Sqrt(const Number& x);
  // POWER(x, y): PowerInt for an integer y, x^n * SQRT(x) for y = n + 1/2, otherwise
  // EXP(y * LN(x)) (ORA-01428 for a negative x). The series results are accurate to about
  // 37 digits and are rounded to 36 significant digits, so exact results print exactly.
  static Number Power(const Number& x, const Number& y);
  // EXP(x) and LN(x) (LN: ORA-01428 for x <= 0), rounded to 36 significant digits.
  static Number Exp(const Number& x);
  static Number Ln(const Number& x);

  // The significant digits, most significant first ("0" for zero), and the power of ten of
  // the last one: the value is digits x 10^exponent(). For number format models.
  std::string Digits() const;
  int exponent() const { return exp_; }

  // -1, 0, 1.
  static int Compare(const Number& a, const Number& b);

  // Fixed-size binary form for stored rows (sql/row_codec.h): kBinaryBytes bytes.
  static constexpr int kBinaryBytes = 29;
  void AppendBinary(std::string* out) const;
  static Number FromBinary(const char* p);
  friend bool operator==(const Number& a, const Number& b) {
    return a.negative_ == b.negative_ && a.exp_ == b.exp_ && a.coef_[0] == b.coef_[0] &&
           a.coef_[1] == b.coef_[1] && a.coef_[2] == b.coef_[2];
  }

 private:
  // Power of ten of the leading digit; REQUIRES !is_zero().
  int64_t Adjusted() const;
  std::string Render(bool oracle_style) const;

  // The coefficient, three 64-bit limbs, least significant first (10^40 < 2^192).
  uint64_t coef_[3] = {0, 0, 0};
  int32_t exp_ = 0;
  bool negative_ = false;

  friend class NumberBuilder;
};

}  // namespace warden::sql
