// Number arithmetic (see number.h). Coefficients live in an unsigned 128-bit integer
// (10^38 < 2^128); intermediate results that need more (products, aligned sums, scaled
// dividends) use WideUint, a fixed 448-bit unsigned integer, and are then rounded back to
// 38 digits by NumberBuilder::FromWide.
#include "sql/number.h"

#include <array>
#include <cstring>
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
constexpr std::array<u128, 39> kPow10 = MakePow10();
const u128 kCoefLimit = kPow10[Number::kMaxDigits];  // every coefficient is below this

// Decimal digits of v (1 for 0).
int DigitCount(u128 v) {
  for (int n = 1; n < Number::kMaxDigits + 1; ++n) {
    if (v < kPow10[n]) return n;
  }
  return Number::kMaxDigits + 1;
}

// Unsigned integer of kLimbs 64-bit limbs, least significant first. Large enough for
// 10^115 (a 38-digit coefficient scaled by 10^77, the most any operation needs).
class WideUint {
 public:
  static constexpr int kLimbs = 7;

  WideUint() = default;
  explicit WideUint(u128 v) {
    limb_[0] = static_cast<uint64_t>(v);
    limb_[1] = static_cast<uint64_t>(v >> 64);
  }

  bool FitsU128() const {
    for (int i = 2; i < kLimbs; ++i) {
      if (limb_[i] != 0) return false;
    }
    return true;
  }
  u128 ToU128() const { return (static_cast<u128>(limb_[1]) << 64) | limb_[0]; }

  // REQUIRES: the product fits in kLimbs limbs.
  void MulSmall(uint64_t m) {
    u128 carry = 0;
    for (uint64_t& l : limb_) {
      u128 cur = static_cast<u128>(l) * m + carry;
      l = static_cast<uint64_t>(cur);
      carry = cur >> 64;
    }
  }
  void MulPow10(int64_t n) {
    constexpr uint64_t kTen19 = 10000000000000000000ULL;
    for (; n >= 19; n -= 19) MulSmall(kTen19);
    if (n > 0) MulSmall(static_cast<uint64_t>(kPow10[n]));
  }
  void AddSmall(uint64_t a) {
    u128 carry = a;
    for (int i = 0; i < kLimbs && carry != 0; ++i) {
      u128 cur = static_cast<u128>(limb_[i]) + carry;
      limb_[i] = static_cast<uint64_t>(cur);
      carry = cur >> 64;
    }
  }
  void Add(const WideUint& o) {
    u128 carry = 0;
    for (int i = 0; i < kLimbs; ++i) {
      u128 cur = static_cast<u128>(limb_[i]) + o.limb_[i] + carry;
      limb_[i] = static_cast<uint64_t>(cur);
      carry = cur >> 64;
    }
  }
  // REQUIRES: *this >= o.
  void Sub(const WideUint& o) {
    uint64_t borrow = 0;
    for (int i = 0; i < kLimbs; ++i) {
      uint64_t before = limb_[i];
      uint64_t sub = o.limb_[i] + borrow;
      // borrow out when o.limb + borrow wrapped or exceeds this limb
      uint64_t next_borrow = (sub < o.limb_[i]) || (before < sub) ? 1 : 0;
      limb_[i] = before - sub;
      borrow = next_borrow;
    }
  }
  // Divides in place; returns the remainder.
  uint64_t DivSmall(uint64_t d) {
    u128 rem = 0;
    for (int i = kLimbs - 1; i >= 0; --i) {
      u128 cur = (rem << 64) | limb_[i];
      limb_[i] = static_cast<uint64_t>(cur / d);
      rem = cur % d;
    }
    return static_cast<uint64_t>(rem);
  }
  static int Compare(const WideUint& a, const WideUint& b) {
    for (int i = kLimbs - 1; i >= 0; --i) {
      if (a.limb_[i] != b.limb_[i]) return a.limb_[i] < b.limb_[i] ? -1 : 1;
    }
    return 0;
  }
  static WideUint Mul(u128 a, u128 b) {
    const uint64_t x[2] = {static_cast<uint64_t>(a), static_cast<uint64_t>(a >> 64)};
    const uint64_t y[2] = {static_cast<uint64_t>(b), static_cast<uint64_t>(b >> 64)};
    WideUint r;
    for (int i = 0; i < 2; ++i) {
      u128 carry = 0;
      for (int j = 0; j < 2; ++j) {
        u128 t = static_cast<u128>(x[i]) * y[j] + r.limb_[i + j] + carry;
        r.limb_[i + j] = static_cast<uint64_t>(t);
        carry = t >> 64;
      }
      r.limb_[i + 2] = static_cast<uint64_t>(carry);
    }
    return r;
  }
  // Binary long division: *q = n / d, remainder discarded. REQUIRES: d != 0.
  static WideUint Divide(const WideUint& n, const WideUint& d) {
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

// Rounds a wide coefficient back to 38 digits (half away from zero) and normalizes.
class NumberBuilder {
 public:
  static Number FromWide(bool negative, WideUint c, int64_t exp) {
    const WideUint limit(kCoefLimit);
    int last_dropped = 0;
    // At most ~115 digits can exceed the limit (WideUint's capacity), so this ends.
    for (int i = 0; i < 140 && WideUint::Compare(c, limit) >= 0; ++i) {
      last_dropped = static_cast<int>(c.DivSmall(10));
      ++exp;
    }
    if (last_dropped >= 5) {
      c.AddSmall(1);
      if (WideUint::Compare(c, limit) >= 0) {
        c.DivSmall(10);
        ++exp;
      }
    }
    return Number::Make(negative, c.ToU128(), exp);
  }
};

Number Number::Make(bool negative, u128 coef, int64_t exp) {
  Number n;
  if (coef == 0) return n;
  // Strip trailing zeros; bounded by the 38 digits of coef.
  for (int i = 0; i < kMaxDigits && coef % 10 == 0; ++i) {
    coef /= 10;
    ++exp;
  }
  const int64_t adjusted = exp + DigitCount(coef) - 1;
  if (adjusted > kMaxExponent) throw OraError::Make(1426);
  if (adjusted < kMinExponent) return n;  // underflow: Oracle rounds to zero
  n.coef_ = coef;
  n.exp_ = static_cast<int32_t>(exp);
  n.negative_ = negative;
  return n;
}

Number Number::FromInt64(int64_t v) {
  // Magnitude without overflowing on INT64_MIN.
  u128 mag = v < 0 ? static_cast<u128>(-(v + 1)) + 1 : static_cast<u128>(v);
  return Make(v < 0, mag, 0);
}

bool Number::Parse(std::string_view text, Number* out) {
  auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t i = 0;
  const size_t n = text.size();
  while (i < n && is_blank(text[i])) ++i;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  u128 coef = 0;
  int digits = 0;        // significant digits in coef
  int64_t exp = 0;       // value = coef * 10^exp (before the exponent part)
  int round_digit = -1;  // first significant digit that did not fit in 38
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
    const int d = c - '0';
    if (digits < kMaxDigits) {
      coef = coef * 10 + d;
      if (coef != 0) ++digits;
      if (seen_point) --exp;
    } else {
      if (round_digit < 0) round_digit = d;
      if (!seen_point) ++exp;
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
  if (coef == 0) {
    *out = Number();
    return true;
  }
  WideUint wide(coef);
  if (round_digit >= 5) wide.AddSmall(1);
  *out = NumberBuilder::FromWide(negative, wide, exp);
  return true;
}

Number Number::ParseOrThrow(std::string_view text) {
  Number n;
  if (!Parse(text, &n)) throw OraError::Make(1722);
  return n;
}

bool Number::ToInt64(int64_t* out) const {
  if (!is_integer()) return false;
  if (DigitCount(coef_) + exp_ > 19) return false;
  const u128 mag = coef_ * kPow10[exp_];
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

std::string Number::Digits() const {
  char buf[48];
  int pos = sizeof buf;
  u128 v = coef_;
  do {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  return std::string(buf + pos, sizeof buf - pos);
}

int64_t Number::Adjusted() const { return exp_ + DigitCount(coef_) - 1; }

std::string Number::Render(bool oracle_style) const {
  if (is_zero()) return "0";
  const std::string d = Digits();
  const int64_t n = static_cast<int64_t>(d.size());
  const int64_t adj = Adjusted();
  const std::string sign = negative_ ? "-" : "";
  // Oracle (TM format): plain whenever it fits in 64 characters. Canonical: plain within
  // 38 digits of magnitude either side of the point.
  const bool try_plain = oracle_style ? (adj < 64 && adj > -64)
                                      : (adj < kMaxDigits && adj >= -kMaxDigits);
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
  const int hi_digits = DigitCount(hi->coef_);
  if (hi_digits + shift <= kMaxDigits) {
    // Fast path: both aligned coefficients are below 10^38, so the sum fits in 128 bits.
    const u128 x = hi->coef_ * kPow10[shift];
    const u128 y = lo->coef_;
    if (hi->negative_ == lo->negative_) {
      return NumberBuilder::FromWide(hi->negative_, WideUint(x + y), lo->exp_);
    }
    if (x == y) return Number();
    return x > y ? Make(hi->negative_, x - y, lo->exp_) : Make(lo->negative_, y - x, lo->exp_);
  }
  // lo lies entirely below half a unit in the 38th digit of hi: the rounded result is hi.
  if (hi_digits + shift > 100) return *hi;
  WideUint x(hi->coef_);
  x.MulPow10(shift);
  WideUint y(lo->coef_);
  if (hi->negative_ == lo->negative_) {
    x.Add(y);
    return NumberBuilder::FromWide(hi->negative_, x, lo->exp_);
  }
  const int c = WideUint::Compare(x, y);
  if (c == 0) return Number();
  if (c > 0) {
    x.Sub(y);
    return NumberBuilder::FromWide(hi->negative_, x, lo->exp_);
  }
  y.Sub(x);
  return NumberBuilder::FromWide(lo->negative_, y, lo->exp_);
}

Number Number::Subtract(const Number& a, const Number& b) { return Add(a, b.Negate()); }

Number Number::Multiply(const Number& a, const Number& b) {
  if (a.is_zero() || b.is_zero()) return Number();
  const bool negative = a.negative_ != b.negative_;
  const int64_t exp = static_cast<int64_t>(a.exp_) + b.exp_;
  if ((a.coef_ >> 64) == 0 && (b.coef_ >> 64) == 0) {
    // Fast path: two 64-bit coefficients multiply exactly in 128 bits.
    const u128 p = static_cast<u128>(static_cast<uint64_t>(a.coef_)) *
                   static_cast<uint64_t>(b.coef_);
    if (p < kCoefLimit) return Make(negative, p, exp);
    return NumberBuilder::FromWide(negative, WideUint(p), exp);
  }
  return NumberBuilder::FromWide(negative, WideUint::Mul(a.coef_, b.coef_), exp);
}

Number Number::Divide(const Number& a, const Number& b) {
  if (b.is_zero()) throw OraError::Make(1476);
  if (a.is_zero()) return Number();
  const bool negative = a.negative_ != b.negative_;
  const int64_t exp = static_cast<int64_t>(a.exp_) - b.exp_;
  if (a.coef_ % b.coef_ == 0) return Make(negative, a.coef_ / b.coef_, exp);  // exact
  // Scale the dividend so the quotient has at least 40 digits: the 39th and later are only
  // needed to round the 38th, and half-away-from-zero only looks at the first one dropped.
  int64_t k = 40 + DigitCount(b.coef_) - DigitCount(a.coef_);
  if (k < 0) k = 0;
  WideUint n(a.coef_);
  n.MulPow10(k);
  return NumberBuilder::FromWide(negative, WideUint::Divide(n, WideUint(b.coef_)), exp - k);
}

Number Number::Mod(const Number& a, const Number& b) {
  if (b.is_zero()) return a;
  return Subtract(a, Multiply(b, Divide(a, b).Trunc(0)));
}

Number Number::Round(int64_t places) const {
  if (is_zero()) return *this;
  if (places > 400) places = 400;  // far beyond any representable digit
  if (places < -400) places = -400;
  const int64_t drop = -places - exp_;  // low digits to remove
  if (drop <= 0) return *this;
  if (drop > DigitCount(coef_)) return Number();
  u128 c = coef_ / kPow10[drop - 1];
  const int digit = static_cast<int>(c % 10);
  c /= 10;
  if (digit >= 5) ++c;
  return Make(negative_, c, exp_ + drop);
}

Number Number::Trunc(int64_t places) const {
  if (is_zero()) return *this;
  if (places > 400) places = 400;
  if (places < -400) places = -400;
  const int64_t drop = -places - exp_;
  if (drop <= 0) return *this;
  if (drop > DigitCount(coef_)) return Number();
  return Make(negative_, coef_ / kPow10[drop], exp_ + drop);
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

int Number::Compare(const Number& a, const Number& b) {
  const int sa = a.sign();
  const int sb = b.sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int magnitude = 0;
  const int64_t adj_a = a.Adjusted();
  const int64_t adj_b = b.Adjusted();
  if (adj_a != adj_b) {
    magnitude = adj_a < adj_b ? -1 : 1;
  } else {
    // Same leading power: compare coefficients scaled to 38 digits.
    const u128 x = a.coef_ * kPow10[kMaxDigits - DigitCount(a.coef_)];
    const u128 y = b.coef_ * kPow10[kMaxDigits - DigitCount(b.coef_)];
    magnitude = x == y ? 0 : (x < y ? -1 : 1);
  }
  return sa < 0 ? -magnitude : magnitude;
}

void Number::AppendBinary(std::string* out) const {
  char buf[kBinaryBytes];
  std::memcpy(buf, &coef_, 16);
  std::memcpy(buf + 16, &exp_, 4);
  buf[20] = negative_ ? 1 : 0;
  out->append(buf, kBinaryBytes);
}

Number Number::FromBinary(const char* p) {
  Number n;
  std::memcpy(&n.coef_, p, 16);
  std::memcpy(&n.exp_, p + 16, 4);
  n.negative_ = p[20] != 0;
  return n;
}

}  // namespace warden::sql
