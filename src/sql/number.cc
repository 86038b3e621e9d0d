// Number arithmetic (see number.h). Coefficients are below 10^40 and live in three 64-bit
// limbs; every operation works on WideUint, a fixed 448-bit unsigned integer (room for
// 130 decimal digits: a 40-digit coefficient scaled by up to 10^90), and Build rounds the
// result to Oracle's 20 base-100 digits and normalizes it. Operands whose coefficients fit
// in 64 bits (every integer up to 19 digits) take u128 fast paths in Add and Multiply.
#include "sql/number.h"

#include <cstring>

#include <array>
#include <limits>

#include "common/ora_error.h"

namespace warden::sql {
namespace {

using u128 = unsigned __int128;

constexpr std::array<u128, 39> MakePow10() {
  std::array<u128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<u128, 39> kPow10 = MakePow10();  // 10^0 .. 10^38
constexpr uint64_t kTen19 = 10000000000000000000ULL;

int64_t FloorDiv2(int64_t a) { return a >= 0 ? a / 2 : -((-a + 1) / 2); }

// Unsigned integer of kLimbs 64-bit limbs, least significant first.
class WideUint {
 public:
  static constexpr int kLimbs = 7;

  WideUint() = default;
  static WideUint FromU128(u128 v) {
    WideUint w;
    w.limb_[0] = static_cast<uint64_t>(v);
    w.limb_[1] = static_cast<uint64_t>(v >> 64);
    return w;
  }
  static WideUint FromLimbs(const uint64_t (&c)[3]) {
    WideUint w;
    for (int i = 0; i < 3; ++i) w.limb_[i] = c[i];
    return w;
  }
  // REQUIRES: the value fits in three limbs.
  void ToLimbs(uint64_t (&c)[3]) const {
    for (int i = 0; i < 3; ++i) c[i] = limb_[i];
  }

  bool IsZero() const { return BitLength() == 0; }
  bool FitsU64() const { return BitLength() <= 64; }
  uint64_t Low64() const { return limb_[0]; }
  bool FitsU128() const { return BitLength() <= 128; }
  u128 ToU128() const { return (static_cast<u128>(limb_[1]) << 64) | limb_[0]; }

  // Decimal digits (1 for zero).
  int DigitCount() const {
    if (FitsU128()) {
      const u128 v = ToU128();
      for (int n = 1; n < 39; ++n) {
        if (v < kPow10[n]) return n;
      }
      return 39;  // 10^38 <= v < 2^128 < 10^39
    }
    return static_cast<int>(ToDecimal().size());
  }

  std::string ToDecimal() const {
    WideUint v = *this;
    std::string out;
    // Each pass removes 19 digits; 448 bits hold at most 135.
    for (int pass = 0; pass < 10; ++pass) {
      uint64_t chunk = v.DivSmall(kTen19);
      const bool last = v.IsZero();
      for (int k = 0; k < 19 && (!last || chunk != 0); ++k) {
        out.insert(out.begin(), static_cast<char>('0' + chunk % 10));
        chunk /= 10;
      }
      if (last) break;
    }
    return out.empty() ? "0" : out;
  }

  // REQUIRES: the product fits in kLimbs limbs.
  void MulSmall(uint64_t m) {
    u128 carry = 0;
    for (uint64_t& l : limb_) {
      const u128 cur = static_cast<u128>(l) * m + carry;
      l = static_cast<uint64_t>(cur);
      carry = cur >> 64;
    }
  }
  void MulPow10(int64_t n) {
    for (; n >= 19; n -= 19) MulSmall(kTen19);
    if (n > 0) MulSmall(static_cast<uint64_t>(kPow10[n]));
  }
  void AddSmall(uint64_t a) {
    u128 carry = a;
    for (int i = 0; i < kLimbs && carry != 0; ++i) {
      const u128 cur = static_cast<u128>(limb_[i]) + carry;
      limb_[i] = static_cast<uint64_t>(cur);
      carry = cur >> 64;
    }
  }
  void Add(const WideUint& o) {
    u128 carry = 0;
    for (int i = 0; i < kLimbs; ++i) {
      const u128 cur = static_cast<u128>(limb_[i]) + o.limb_[i] + carry;
      limb_[i] = static_cast<uint64_t>(cur);
      carry = cur >> 64;
    }
  }
  // REQUIRES: *this >= o.
  void Sub(const WideUint& o) {
    uint64_t borrow = 0;
    for (int i = 0; i < kLimbs; ++i) {
      const uint64_t before = limb_[i];
      const uint64_t sub = o.limb_[i] + borrow;
      const uint64_t next_borrow = (sub < o.limb_[i]) || (before < sub) ? 1 : 0;
      limb_[i] = before - sub;
      borrow = next_borrow;
    }
  }
  // Divides in place; returns the remainder.
  uint64_t DivSmall(uint64_t d) {
    u128 rem = 0;
    for (int i = kLimbs - 1; i >= 0; --i) {
      const u128 cur = (rem << 64) | limb_[i];
      limb_[i] = static_cast<uint64_t>(cur / d);
      rem = cur % d;
    }
    return static_cast<uint64_t>(rem);
  }
  // Removes the n >= 1 lowest decimal digits; returns the most significant removed one.
  int DropDigits(int64_t n) {
    int64_t rest = n - 1;
    for (; rest >= 19; rest -= 19) DivSmall(kTen19);
    if (rest > 0) DivSmall(static_cast<uint64_t>(kPow10[rest]));
    return static_cast<int>(DivSmall(10));
  }
  static int Compare(const WideUint& a, const WideUint& b) {
    for (int i = kLimbs - 1; i >= 0; --i) {
      if (a.limb_[i] != b.limb_[i]) return a.limb_[i] < b.limb_[i] ? -1 : 1;
    }
    return 0;
  }
  // REQUIRES: the product fits in kLimbs limbs.
  static WideUint Mul(const WideUint& a, const WideUint& b) {
    WideUint r;
    for (int i = 0; i < kLimbs; ++i) {
      if (a.limb_[i] == 0) continue;
      u128 carry = 0;
      for (int j = 0; i + j < kLimbs; ++j) {
        const u128 t = static_cast<u128>(a.limb_[i]) * b.limb_[j] + r.limb_[i + j] + carry;
        r.limb_[i + j] = static_cast<uint64_t>(t);
        carry = t >> 64;
      }
    }
    return r;
  }
  // Binary long division: n / d, *rem the remainder. REQUIRES: d != 0.
  static WideUint Divide(const WideUint& n, const WideUint& d, WideUint* rem) {
    WideUint q;
    WideUint r;
    for (int i = n.BitLength() - 1; i >= 0; --i) {
      r.ShiftLeft1();
      if (n.Bit(i)) r.limb_[0] |= 1;
      if (Compare(r, d) >= 0) {
        r.Sub(d);
        q.limb_[i / 64] |= uint64_t{1} << (i % 64);
      }
    }
    *rem = r;
    return q;
  }

 private:
  int BitLength() const {
    for (int i = kLimbs - 1; i >= 0; --i) {
      if (limb_[i] != 0) return i * 64 + 64 - __builtin_clzll(limb_[i]);
    }
    return 0;
  }
  bool Bit(int i) const { return (limb_[i / 64] >> (i % 64)) & 1; }
  void ShiftLeft1() {
    for (int i = kLimbs - 1; i > 0; --i) limb_[i] = (limb_[i] << 1) | (limb_[i - 1] >> 63);
    limb_[0] <<= 1;
  }

  uint64_t limb_[kLimbs] = {};
};

}  // namespace

// Rounds a wide coefficient to Oracle's precision (number.h), normalizes and range-checks.
class NumberBuilder {
 public:
  static Number Build(bool negative, WideUint c, int64_t exp) {
    Number n;
    if (c.FitsU64()) return BuildSmall(negative, c.Low64(), exp);
    if (c.IsZero()) return n;
    const int64_t adj = exp + c.DigitCount() - 1;
    const int64_t last_kept = 2 * FloorDiv2(adj) - 38;
    if (exp < last_kept) {
      if (c.DropDigits(last_kept - exp) >= 5) c.AddSmall(1);  // a carry gives 10^k: exact
      exp = last_kept;
      if (c.IsZero()) return n;
    }
    // Strip trailing zeros; bounded by the 41 digits the coefficient can have here.
    for (int i = 0; i < 45; ++i) {
      WideUint q = c;
      if (q.DivSmall(10) != 0) break;
      c = q;
      ++exp;
    }
    const int64_t adjusted = exp + c.DigitCount() - 1;
    if (adjusted > Number::kMaxExponent) throw OraError::Make(1426);
    if (adjusted < Number::kMinExponent) return n;  // underflow: Oracle rounds to zero
    c.ToLimbs(n.coef_);
    n.exp_ = static_cast<int32_t>(exp);
    n.negative_ = negative;
    return n;
  }
  // Build for a coefficient below 2^64 (every integer of up to 19 digits): no rounding is
  // needed unless the value has more than 20 fraction digits below its leading digit's pair.
  static Number BuildSmall(bool negative, uint64_t c, int64_t exp) {
    Number n;
    if (c == 0) return n;
    int digits = 1;
    while (digits < 20 && c >= static_cast<uint64_t>(kPow10[digits])) ++digits;
    const int64_t adj = exp + digits - 1;
    if (exp < 2 * FloorDiv2(adj) - 38) return RoundThenBuild(negative, WideUint::FromU128(c), exp);
    // Strip trailing zeros; at most 19.
    for (int i = 0; i < 20 && c % 10 == 0; ++i) {
      c /= 10;
      ++exp;
    }
    if (adj > Number::kMaxExponent) throw OraError::Make(1426);
    if (adj < Number::kMinExponent) return n;
    n.coef_[0] = c;
    n.exp_ = static_cast<int32_t>(exp);
    n.negative_ = negative;
    return n;
  }
  // Rounds at Oracle's position, then builds (a carry may move the position: Build checks
  // again, and the digits it would drop then are zeros).
  static Number RoundThenBuild(bool negative, WideUint c, int64_t exp) {
    Number n;
    if (c.IsZero()) return n;
    const int64_t adj = exp + c.DigitCount() - 1;
    const int64_t last_kept = 2 * FloorDiv2(adj) - 38;
    if (exp < last_kept) {
      if (c.DropDigits(last_kept - exp) >= 5) c.AddSmall(1);
      exp = last_kept;
      if (c.IsZero()) return n;
    }
    return Build(negative, c, exp);
  }
  static WideUint Wide(const Number& n) { return WideUint::FromLimbs(n.coef_); }
  static bool Small(const Number& n) { return n.coef_[1] == 0 && n.coef_[2] == 0; }
};

namespace {
using B = NumberBuilder;
}  // namespace

Number Number::FromInt64(int64_t v) {
  // Magnitude without overflowing on INT64_MIN.
  const u128 mag = v < 0 ? static_cast<u128>(-(v + 1)) + 1 : static_cast<u128>(v);
  return B::Build(v < 0, WideUint::FromU128(mag), 0);
}

bool Number::Parse(std::string_view text, Number* out) {
  auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  // Significant digits kept before rounding: more than the 41 the rounding decision needs.
  constexpr int kKeptDigits = 45;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n && is_blank(text[i])) ++i;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  WideUint coef;
  int digits = 0;   // significant digits in coef
  int64_t exp = 0;  // value = coef * 10^exp (before the exponent part)
  bool any_digit = false;
  bool seen_point = false;
  for (; i < n; ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return false;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    if (digits < kKeptDigits) {
      coef.MulSmall(10);
      coef.AddSmall(static_cast<uint64_t>(c - '0'));
      if (!coef.IsZero()) ++digits;
      if (seen_point) --exp;
    } else if (!seen_point) {
      ++exp;  // a dropped digit before the point still scales the value
    }
  }
  if (!any_digit) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    int64_t e = 0;
    bool any_exp_digit = false;
    for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) {
      any_exp_digit = true;
      if (e < 1000000) e = e * 10 + (text[i] - '0');  // beyond any range; clamp
    }
    if (!any_exp_digit) return false;
    exp += exp_negative ? -e : e;
  }
  while (i < n && is_blank(text[i])) ++i;
  if (i != n) return false;
  *out = B::Build(negative, coef, exp);
  return true;
}

Number Number::ParseOrThrow(std::string_view text) {
  Number n;
  if (!Parse(text, &n)) throw OraError::Make(1722);
  return n;
}

bool Number::ToInt64(int64_t* out) const {
  if (!is_integer()) return false;
  if (!B::Small(*this) || B::Wide(*this).DigitCount() + exp_ > 19) return false;
  const u128 mag = static_cast<u128>(coef_[0]) * kPow10[exp_];
  const u128 max_mag = static_cast<u128>(std::numeric_limits<int64_t>::max()) + (negative_ ? 1 : 0);
  if (mag > max_mag) return false;
  *out = negative_ ? static_cast<int64_t>(-static_cast<__int128>(mag)) : static_cast<int64_t>(mag);
  return true;
}

int64_t Number::ToInt64Saturating() const {
  int64_t v = 0;
  if (Trunc(0).ToInt64(&v)) return v;
  return negative_ ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
}

std::string Number::Digits() const { return B::Wide(*this).ToDecimal(); }

int64_t Number::Adjusted() const { return exp_ + B::Wide(*this).DigitCount() - 1; }

std::string Number::Render(bool oracle_style) const {
  if (is_zero()) return "0";
  const std::string d = Digits();
  const int64_t n = static_cast<int64_t>(d.size());
  const int64_t adj = exp_ + n - 1;
  const std::string sign = negative_ ? "-" : "";
  // Oracle (TM format): plain whenever it fits in 64 characters. Canonical: plain within
  // 38 digits of magnitude either side of the point.
  const bool try_plain = oracle_style ? (adj < 64 && adj > -64) : (adj < 38 && adj >= -38);
  if (try_plain) {
    std::string p;
    if (exp_ >= 0) {
      p = d + std::string(exp_, '0');
    } else if (adj >= 0) {
      p = d.substr(0, n + exp_) + "." + d.substr(n + exp_);
    } else {
      p = std::string(oracle_style ? "." : "0.") + std::string(-adj - 1, '0') + d;
    }
    if (!oracle_style || sign.size() + p.size() <= 64) return sign + p;
  }
  std::string out = sign;
  out += d[0];
  if (n > 1) out += "." + d.substr(1);
  out += adj < 0 ? "E-" : "E+";
  const int64_t a = adj < 0 ? -adj : adj;
  if (a < 10) out += '0';
  out += std::to_string(a);
  return out;
}

std::string Number::ToString() const { return Render(false); }

std::string Number::ToOracleText() const { return Render(true); }

Number Number::Negate() const {
  Number n = *this;
  if (!n.is_zero()) n.negative_ = !n.negative_;
  return n;
}

Number Number::Abs() const {
  Number n = *this;
  n.negative_ = false;
  return n;
}

Number Number::Add(const Number& a, const Number& b) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  const Number* hi = &a;  // the operand with the larger exponent
  const Number* lo = &b;
  if (hi->exp_ < lo->exp_) std::swap(hi, lo);
  const int64_t shift = static_cast<int64_t>(hi->exp_) - lo->exp_;
  // lo lies more than 50 places below hi's last kept digit: the rounded result is hi.
  if (shift > 90) return *hi;
  WideUint x;
  WideUint y;
  if (B::Small(*hi) && B::Small(*lo) && shift <= 19) {
    // Fast path: (< 2^64 * 10^19) + (< 2^64) fits in 128 bits.
    const u128 xs = static_cast<u128>(hi->coef_[0]) * kPow10[shift];
    const u128 ys = lo->coef_[0];
    if (hi->negative_ == lo->negative_ && ((xs + ys) >> 64) == 0) {
      return B::BuildSmall(hi->negative_, static_cast<uint64_t>(xs + ys), lo->exp_);
    }
    if (hi->negative_ != lo->negative_ && xs != ys && ((xs > ys ? xs - ys : ys - xs) >> 64) == 0) {
      return xs > ys ? B::BuildSmall(hi->negative_, static_cast<uint64_t>(xs - ys), lo->exp_)
                     : B::BuildSmall(lo->negative_, static_cast<uint64_t>(ys - xs), lo->exp_);
    }
    x = WideUint::FromU128(xs);
    y = WideUint::FromU128(lo->coef_[0]);
  } else {
    x = B::Wide(*hi);
    x.MulPow10(shift);
    y = B::Wide(*lo);
  }
  if (hi->negative_ == lo->negative_) {
    x.Add(y);
    return B::Build(hi->negative_, x, lo->exp_);
  }
  const int c = WideUint::Compare(x, y);
  if (c == 0) return Number();
  if (c > 0) {
    x.Sub(y);
    return B::Build(hi->negative_, x, lo->exp_);
  }
  y.Sub(x);
  return B::Build(lo->negative_, y, lo->exp_);
}

Number Number::Subtract(const Number& a, const Number& b) { return Add(a, b.Negate()); }

Number Number::Multiply(const Number& a, const Number& b) {
  if (a.is_zero() || b.is_zero()) return Number();
  const bool negative = a.negative_ != b.negative_;
  const int64_t exp = static_cast<int64_t>(a.exp_) + b.exp_;
  if (B::Small(a) && B::Small(b)) {
    const u128 p = static_cast<u128>(a.coef_[0]) * b.coef_[0];
    if ((p >> 64) == 0) return B::BuildSmall(negative, static_cast<uint64_t>(p), exp);
    return B::Build(negative, WideUint::FromU128(p), exp);
  }
  return B::Build(negative, WideUint::Mul(B::Wide(a), B::Wide(b)), exp);
}

Number Number::Divide(const Number& a, const Number& b) {
  if (b.is_zero()) throw OraError::Make(1476);
  if (a.is_zero()) return Number();
  const bool negative = a.negative_ != b.negative_;
  const int64_t exp = static_cast<int64_t>(a.exp_) - b.exp_;
  if (B::Small(a) && B::Small(b) && a.coef_[0] % b.coef_[0] == 0) {
    return B::Build(negative, WideUint::FromU128(a.coef_[0] / b.coef_[0]), exp);  // exact
  }
  // Scale the dividend so the quotient has at least 42 digits: the rounding position lies
  // within its first 41, and everything below the first dropped digit is only truncated.
  const WideUint wa = B::Wide(a);
  const WideUint wb = B::Wide(b);
  int64_t k = 42 + wb.DigitCount() - wa.DigitCount();
  if (k < 0) k = 0;
  WideUint n = wa;
  n.MulPow10(k);
  if (wb.FitsU64()) {  // one pass of 128-by-64 divisions
    n.DivSmall(wb.Low64());
    return B::Build(negative, n, exp - k);
  }
  WideUint rem;
  return B::Build(negative, WideUint::Divide(n, wb, &rem), exp - k);
}

Number Number::Mod(const Number& a, const Number& b) {
  if (b.is_zero()) return a;
  int64_t x = 0;
  int64_t y = 0;
  if (a.ToInt64(&x) && b.ToInt64(&y) && y != -1)
    return FromInt64(x % y);  // exact, C++ = Oracle sign rule
  return Subtract(a, Multiply(b, Divide(a, b).Trunc(0)));
}

Number Number::Round(int64_t places) const {
  if (is_zero()) return *this;
  if (places > 400) places = 400;  // far beyond any representable digit
  if (places < -400) places = -400;
  const int64_t drop = -places - exp_;  // low digits to remove
  if (drop <= 0) return *this;
  WideUint c = B::Wide(*this);
  if (drop > c.DigitCount()) return Number();
  if (c.DropDigits(drop) >= 5) c.AddSmall(1);
  return B::Build(negative_, c, exp_ + drop);
}

Number Number::Trunc(int64_t places) const {
  if (is_zero()) return *this;
  if (places > 400) places = 400;
  if (places < -400) places = -400;
  const int64_t drop = -places - exp_;
  if (drop <= 0) return *this;
  WideUint c = B::Wide(*this);
  if (drop > c.DigitCount()) return Number();
  c.DropDigits(drop);
  return B::Build(negative_, c, exp_ + drop);
}

Number Number::RoundSignificant(int digits) const {
  if (is_zero()) return *this;
  return Round(digits - 1 - Adjusted());
}

Number Number::Floor() const {
  Number t = Trunc(0);
  if (negative_ && !(t == *this)) return Subtract(t, FromInt64(1));
  return t;
}

Number Number::Ceil() const {
  Number t = Trunc(0);
  if (!negative_ && !(t == *this)) return Add(t, FromInt64(1));
  return t;
}

Number Number::PowerInt(const Number& x, int64_t n) {
  if (n == 0) return FromInt64(1);
  if (x.is_zero()) {
    if (n < 0) throw OraError::Make(1476);
    return x;
  }
  const uint64_t mag = n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
  const Number one = FromInt64(1);
  const Number ax = x.Abs();
  if (ax == one) return x.negative_ && (mag % 2 == 1) ? x : one;
  if (mag > 100000) {
    // |x| != 1 to such a power is out of range one way or the other.
    const bool grows = (Compare(ax, one) > 0) == (n > 0);
    if (grows) throw OraError::Make(1426);
    return Number();
  }
  Number result = one;
  Number base = x;
  // Square-and-multiply over the 17 bits of mag.
  for (uint64_t m = mag; m != 0; m >>= 1) {
    if (m & 1) result = Multiply(result, base);
    if (m > 1) base = Multiply(base, base);
  }
  return n < 0 ? Divide(one, result) : result;
}

Number Number::Sqrt(const Number& x) {
  if (x.is_zero()) return x;
  if (x.negative_) throw OraError::Make(1428, {x.ToOracleText()});
  // Integer square root of the coefficient scaled to an even exponent and 84+ digits, so
  // the root has 42+ digits; Build then rounds it at Oracle's position.
  WideUint c = B::Wide(x);
  int64_t exp = x.exp_;
  int64_t scale = 84 - c.DigitCount();
  if (scale < 0) scale = 0;
  if ((exp - scale) % 2 != 0) ++scale;
  c.MulPow10(scale);
  exp -= scale;
  // Newton's iteration from above on integers: r' = (r + c / r) / 2 until it stops falling.
  WideUint r;
  r.AddSmall(1);
  r.MulPow10((c.DigitCount() + 1) / 2);  // >= sqrt(c)
  for (int i = 0; i < 400; ++i) {
    WideUint rem;
    WideUint next = WideUint::Divide(c, r, &rem);
    next.Add(r);
    next.DivSmall(2);
    if (WideUint::Compare(next, r) >= 0) break;
    r = next;
  }
  return B::Build(false, r, exp / 2);
}

namespace {

// ln(10) to 50 digits.
const char kLn10[] = "2.3025850929940456840179914546843642076011014886288";
constexpr int kSeriesDigits = 36;  // significant digits kept from the series functions

// e^r for |r| < 1.2: r / 2^8 by the Taylor series, then squared 8 times.
Number ExpSmall(const Number& r) {
  constexpr int kHalvings = 8;
  const Number x = Number::Divide(r, Number::FromInt64(1 << kHalvings));
  Number sum = Number::FromInt64(1);
  Number term = sum;
  // |x| < 0.005: 30 terms are far beyond 40 digits.
  for (int n = 1; n <= 30; ++n) {
    term = Number::Divide(Number::Multiply(term, x), Number::FromInt64(n));
    if (term.is_zero()) break;
    sum = Number::Add(sum, term);
  }
  for (int i = 0; i < kHalvings; ++i) sum = Number::Multiply(sum, sum);
  return sum;
}

// ln(m) for 1 <= m < 10: six square roots bring m below 1.04, then
// ln(m) = 2 * atanh((m - 1) / (m + 1)) by its series, times 2^6.
Number LnMantissa(const Number& m) {
  constexpr int kRoots = 6;
  Number v = m;
  for (int i = 0; i < kRoots; ++i) v = Number::Sqrt(v);
  const Number one = Number::FromInt64(1);
  const Number z = Number::Divide(Number::Subtract(v, one), Number::Add(v, one));
  const Number z2 = Number::Multiply(z, z);
  Number sum = z;
  Number power = z;
  // z < 0.02, z^2 < 4e-4: 20 terms reach far below 1e-40.
  for (int n = 3; n <= 41; n += 2) {
    power = Number::Multiply(power, z2);
    const Number term = Number::Divide(power, Number::FromInt64(n));
    if (term.is_zero()) break;
    sum = Number::Add(sum, term);
  }
  return Number::Multiply(sum, Number::FromInt64(2 << kRoots));
}

}  // namespace

Number Number::Ln(const Number& x) {
  if (x.sign() <= 0) throw OraError::Make(1428, {x.ToOracleText()});
  const int64_t k = x.Adjusted();
  const Number m = Multiply(x, PowerInt(FromInt64(10), -k));  // exact: a shift
  const Number ln = Add(LnMantissa(m), Multiply(FromInt64(k), ParseOrThrow(kLn10)));
  return ln.RoundSignificant(kSeriesDigits);
}

Number Number::Exp(const Number& x) {
  if (x.is_zero()) return FromInt64(1);
  // x = k * ln(10) + r with |r| <= ln(10) / 2; e^x = 10^k * e^r.
  const Number ln10 = ParseOrThrow(kLn10);
  const Number k = Divide(x, ln10).Round(0);
  int64_t ki = 0;
  if (!k.ToInt64(&ki) || ki > 200 || ki < -200) {
    if (x.is_negative()) return Number();
    throw OraError::Make(1426);
  }
  const Number r = Subtract(x, Multiply(k, ln10));
  return Multiply(ExpSmall(r), PowerInt(FromInt64(10), ki)).RoundSignificant(kSeriesDigits);
}

Number Number::Power(const Number& x, const Number& y) {
  if (y.is_integer()) return PowerInt(x, y.ToInt64Saturating());  // huge n saturates there
  if (x.is_negative()) throw OraError::Make(1428, {x.ToOracleText()});
  if (x.is_zero()) {
    if (y.is_negative()) throw OraError::Make(1476);
    return x;
  }
  if (Multiply(y, FromInt64(2)).is_integer()) {  // y = n + 1/2: x^n * sqrt(x)
    return Multiply(PowerInt(x, y.Floor().ToInt64Saturating()), Sqrt(x));
  }
  return Exp(Multiply(y, Ln(x)));
}

int Number::Compare(const Number& a, const Number& b) {
  const int sa = a.sign();
  const int sb = b.sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  if (a.exp_ == b.exp_ && B::Small(a) && B::Small(b)) {  // fast path: integers, same scale
    const int m = a.coef_[0] == b.coef_[0] ? 0 : (a.coef_[0] < b.coef_[0] ? -1 : 1);
    return sa < 0 ? -m : m;
  }
  int magnitude = 0;
  const int64_t adj_a = a.Adjusted();
  const int64_t adj_b = b.Adjusted();
  if (adj_a != adj_b) {
    magnitude = adj_a < adj_b ? -1 : 1;
  } else {
    // Same leading power: compare coefficients scaled to 41 digits.
    WideUint x = B::Wide(a);
    WideUint y = B::Wide(b);
    x.MulPow10(41 - x.DigitCount());
    y.MulPow10(41 - y.DigitCount());
    magnitude = WideUint::Compare(x, y);
  }
  return sa < 0 ? -magnitude : magnitude;
}

void Number::AppendBinary(std::string* out) const {
  char buf[kBinaryBytes];
  std::memcpy(buf, coef_, 24);
  std::memcpy(buf + 24, &exp_, 4);
  buf[28] = negative_ ? 1 : 0;
  out->append(buf, kBinaryBytes);
}

Number Number::FromBinary(const char* p) {
  Number n;
  std::memcpy(n.coef_, p, 24);
  std::memcpy(&n.exp_, p + 24, 4);
  n.negative_ = p[28] != 0;
  return n;
}

}  // namespace warden::sql
