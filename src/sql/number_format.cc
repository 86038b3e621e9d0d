// Number format models (see number_format.h): the model is parsed into a Model once, then
// used to render or to read a number.
#include "sql/number_format.h"

#include "common/ora_error.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

enum class SignStyle { kDefault, kLeadingS, kTrailingS, kMi, kPr };

struct Model {
  bool fill = false;        // FM
  bool blank_zero = false;  // B
  SignStyle sign = SignStyle::kDefault;
  std::string currency;    // $ L U C, printed just before the digits
  std::string int_tokens;  // '9' '0' ',' left of the point (V digits appended)
  bool has_point = false;
  std::string dec_tokens;   // '9' '0' right of the point
  int scale_digits = 0;     // V: digits after V, the value is multiplied by 10^this
  bool scientific = false;  // EEEE
  int hex_digits = 0;       // X count; hex_zeros '0's before them
  int hex_zeros = 0;
  bool hex_upper = true;
  enum class Text { kNone, kTm9, kTme } text = Text::kNone;  // TM, TM9, TME

  int IntDigits() const {
    int n = 0;
    for (char c : int_tokens) n += c != ',' ? 1 : 0;
    return n;
  }
  // Width of the rendered field without FM (before '#' overflow or padding).
  int Width() const {
    if (hex_digits > 0) return hex_zeros > 0 ? hex_zeros + hex_digits : hex_digits + 1;
    int w = static_cast<int>(int_tokens.size() + dec_tokens.size() + currency.size()) +
            (has_point ? 1 : 0) + (scientific ? 4 : 0);
    w += sign == SignStyle::kPr ? 2 : 1;
    return w;
  }
};

[[noreturn]] void BadModel() { throw OraError::Make(1481); }

Model ParseModel(std::string_view f) {
  Model m;
  const std::string u = AsciiUpper(f);
  size_t i = 0;
  bool in_scale = false;
  auto at_end = [&](size_t after) { return after == u.size(); };
  auto any_digits = [&] { return !m.int_tokens.empty() || m.has_point || m.hex_digits > 0; };
  if (u.compare(0, 2, "FM") == 0) {
    m.fill = true;
    i = 2;
  }
  if (u.compare(i, 2, "TM") == 0) {
    const std::string rest = u.substr(i + 2);
    if (rest.empty() || rest == "9") {
      m.text = Model::Text::kTm9;
    } else if (rest == "E") {
      m.text = Model::Text::kTme;
    } else {
      BadModel();
    }
    return m;
  }
  // Each pass consumes at least one character of the model.
  while (i < u.size()) {
    const char c = u[i];
    if (u.compare(i, 4, "EEEE") == 0) {
      if (m.scientific || !any_digits() || m.hex_digits > 0) BadModel();
      m.scientific = true;
      i += 4;
      continue;
    }
    if (u.compare(i, 2, "MI") == 0 || u.compare(i, 2, "PR") == 0) {
      if (!at_end(i + 2) || m.sign != SignStyle::kDefault) BadModel();
      m.sign = c == 'M' ? SignStyle::kMi : SignStyle::kPr;
      i += 2;
      continue;
    }
    if (c == 'X') {
      if (m.hex_digits == 0) m.hex_upper = f[i] == 'X';
      ++m.hex_digits;
      ++i;
      continue;
    }
    if (m.hex_digits > 0) BadModel();  // nothing may follow the X's
    switch (c) {
      case 'S':
        if (m.sign != SignStyle::kDefault) BadModel();
        if (!any_digits() && m.currency.empty() && !m.blank_zero) {
          m.sign = SignStyle::kLeadingS;
        } else if (at_end(i + 1)) {
          m.sign = SignStyle::kTrailingS;
        } else {
          BadModel();
        }
        break;
      case '$':
        m.currency = "$";
        break;
      case 'L':
      case 'U':
        m.currency = "$";
        break;
      case 'C':
        m.currency = "USD";
        break;
      case 'B':
        m.blank_zero = true;
        break;
      case '9':
      case '0':
        if (in_scale) {
          ++m.scale_digits;
          m.int_tokens.push_back(c);
        } else if (m.has_point) {
          m.dec_tokens.push_back(c);
        } else {
          m.int_tokens.push_back(c);
        }
        break;
      case ',':
      case 'G':
        if (m.has_point || in_scale || m.int_tokens.empty()) BadModel();
        m.int_tokens.push_back(',');
        break;
      case '.':
      case 'D':
        if (m.has_point || in_scale) BadModel();
        m.has_point = true;
        break;
      case 'V':
        if (m.has_point || in_scale) BadModel();
        in_scale = true;
        break;
      default:
        BadModel();
    }
    if (m.scientific && c != 'S') BadModel();  // only a sign may follow EEEE
    ++i;
  }
  if (m.hex_digits > 0) {
    // X may follow only 0s (leading zeros) and FM.
    for (char t : m.int_tokens) {
      if (t != '0') BadModel();
    }
    if (m.has_point || !m.currency.empty() || m.blank_zero || m.sign != SignStyle::kDefault)
      BadModel();
    m.hex_zeros = static_cast<int>(m.int_tokens.size());
    m.int_tokens.clear();
  }
  return m;
}

std::string Hashes(const Model& m) { return std::string(m.Width(), '#'); }

// Places the sign and pads to the model's width plus `extra` (unless FM).
std::string Finish(const Model& m, const std::string& body, bool negative, int extra = 0) {
  std::string core;
  switch (m.sign) {
    case SignStyle::kDefault:
      core = (negative ? "-" : "") + body;
      break;
    case SignStyle::kLeadingS:
      core = (negative ? "-" : "+") + body;
      break;
    case SignStyle::kTrailingS:
      core = body + (negative ? "-" : "+");
      break;
    case SignStyle::kMi:
      core = body + (negative ? "-" : (m.fill ? "" : " "));
      break;
    case SignStyle::kPr:
      core = negative ? "<" + body + ">" : (m.fill ? body : " " + body + " ");
      break;
  }
  const size_t width = static_cast<size_t>(m.Width() + extra);
  if (!m.fill && core.size() < width) core.insert(0, width - core.size(), ' ');
  return core;
}

std::string FormatHex(const Model& m, const Number& n) {
  const Number v = n.Round(0);
  if (v.is_negative()) return Hashes(m);
  std::string digits;
  const char* const kDigits = m.hex_upper ? "0123456789ABCDEF" : "0123456789abcdef";
  const Number sixteen = Number::FromInt64(16);
  Number rest = v;
  // One hex digit per pass; more than the model holds is an overflow.
  for (int k = 0; k <= m.hex_digits + m.hex_zeros && !rest.is_zero(); ++k) {
    int64_t d = 0;
    Number::Mod(rest, sixteen).ToInt64(&d);
    digits.insert(digits.begin(), kDigits[d]);
    rest = Number::Divide(rest, sixteen).Trunc(0);
  }
  if (!rest.is_zero() || static_cast<int>(digits.size()) > m.hex_digits + m.hex_zeros) {
    return Hashes(m);
  }
  if (digits.empty()) digits = "0";
  if (m.hex_zeros > 0) {
    const size_t total = static_cast<size_t>(m.hex_zeros + m.hex_digits);
    if (digits.size() < total) digits.insert(0, total - digits.size(), '0');
    return digits;
  }
  if (m.fill) return digits;
  return std::string(static_cast<size_t>(m.hex_digits) + 1 - digits.size(), ' ') + digits;
}

// The fraction part: FM drops the trailing zeros that 9s stand for.
std::string Fraction(const Model& m, std::string fp) {
  if (m.fill) {
    const size_t last_zero = m.dec_tokens.find_last_of('0');
    const size_t keep = last_zero == std::string::npos ? 0 : last_zero + 1;
    while (fp.size() > keep && fp.back() == '0') fp.pop_back();
  }
  return fp;
}

// Integer digits and d fraction digits of |v|, which is rounded to d places.
void SplitDigits(const Number& v, size_t d, std::string* ip, std::string* fp) {
  const std::string digits = v.is_zero() ? "" : v.Digits();
  const int64_t exp = v.is_zero() ? 0 : v.exponent();
  // value = digits x 10^exp; write it with d fraction digits.
  std::string all = digits;
  int64_t frac_have = -exp;  // digits right of the point in `all`
  if (frac_have < 0) {
    all.append(static_cast<size_t>(-frac_have), '0');
    frac_have = 0;
  }
  if (static_cast<size_t>(frac_have) < d) all.append(d - static_cast<size_t>(frac_have), '0');
  frac_have = std::max<int64_t>(frac_have, static_cast<int64_t>(d));
  if (static_cast<int64_t>(all.size()) < frac_have) {
    all.insert(0, static_cast<size_t>(frac_have) - all.size(), '0');
  }
  *ip = all.substr(0, all.size() - static_cast<size_t>(frac_have));
  *fp = all.substr(all.size() - static_cast<size_t>(frac_have), d);
  const size_t nz = ip->find_first_not_of('0');
  *ip = nz == std::string::npos ? "" : ip->substr(nz);
}

std::string FormatScientific(const Model& m, const Number& n) {
  const size_t d = m.dec_tokens.size();
  Number mag = n.Abs();
  int64_t e = 0;
  std::string ip;
  std::string fp;
  if (!mag.is_zero()) {
    e = mag.exponent() + static_cast<int64_t>(mag.Digits().size()) - 1;
    Number mant = Number::Multiply(mag, Number::PowerInt(Number::FromInt64(10), -e))
                      .Round(static_cast<int64_t>(d));
    if (Number::Compare(mant, Number::FromInt64(10)) >= 0) {  // rounding carried: 9.99 -> 10.0
      ++e;
      mant = Number::Multiply(mag, Number::PowerInt(Number::FromInt64(10), -e))
                 .Round(static_cast<int64_t>(d));
    }
    SplitDigits(mant, d, &ip, &fp);
  } else {
    SplitDigits(mag, d, &ip, &fp);
  }
  if (ip.empty()) ip = "0";
  std::string body = m.currency + ip;
  fp = Fraction(m, fp);
  if (m.has_point) body += "." + fp;
  const int64_t ae = e < 0 ? -e : e;
  body += e < 0 ? "E-" : "E+";
  if (ae < 10) body += '0';
  body += std::to_string(ae);
  // A three-digit exponent widens the field by one.
  return Finish(m, body, n.is_negative() && !n.Round(static_cast<int64_t>(d) - e).is_zero(),
                ae >= 100 ? 1 : 0);
}

std::string FormatFixed(const Model& m, const Number& n) {
  Number v = n;
  if (m.scale_digits > 0)
    v = Number::Multiply(v, Number::PowerInt(Number::FromInt64(10), m.scale_digits));
  const size_t d = m.dec_tokens.size();
  v = v.Round(static_cast<int64_t>(d));
  const bool negative = v.is_negative();
  std::string ip;
  std::string fp;
  SplitDigits(v.Abs(), d, &ip, &fp);
  const int int_digits = m.IntDigits();
  if (static_cast<int>(ip.size()) > int_digits) return Hashes(m);
  if (m.blank_zero && v.is_zero()) return m.fill ? "" : std::string(m.Width(), ' ');
  // Digits printed left of the point: the value's, or more where a 0 asks for zeros.
  const size_t first_zero = m.int_tokens.find('0');
  int min_digits = 0;
  if (first_zero != std::string::npos) {
    for (size_t k = first_zero; k < m.int_tokens.size(); ++k)
      min_digits += m.int_tokens[k] != ',' ? 1 : 0;
  }
  int printed = std::max(static_cast<int>(ip.size()), min_digits);
  if (printed == 0 && d == 0 && int_digits > 0) printed = 1;  // a zero value prints 0
  const std::string padded = std::string(static_cast<size_t>(printed) - ip.size(), '0') + ip;
  std::string int_part;
  int placed = 0;  // digits placed so far, from the right
  for (size_t k = m.int_tokens.size(); k-- > 0;) {
    if (placed >= printed) break;  // the rest is leading blank space
    if (m.int_tokens[k] == ',') {
      int_part.insert(int_part.begin(), ',');
    } else {
      int_part.insert(int_part.begin(), padded[static_cast<size_t>(printed - 1 - placed)]);
      ++placed;
    }
  }
  std::string body = m.currency + int_part;
  if (m.has_point) body += "." + Fraction(m, fp);
  return Finish(m, body, negative);
}

Number ParseHex(std::string_view text, const Model& m) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (t.empty() || static_cast<int>(t.size()) > m.hex_digits + m.hex_zeros)
    throw OraError::Make(1722);
  Number v;
  const Number sixteen = Number::FromInt64(16);
  for (char c : t) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (d < 0) throw OraError::Make(1722);
    v = Number::Add(Number::Multiply(v, sixteen), Number::FromInt64(d));
  }
  return v;
}

}  // namespace

std::string FormatNumber(const Number& n, std::string_view format) {
  const Model m = ParseModel(format);
  if (m.text == Model::Text::kTm9) return n.ToOracleText();
  if (m.text == Model::Text::kTme) {
    Model sci;
    sci.fill = true;
    sci.int_tokens = "9";
    sci.has_point = true;
    const std::string digits = n.is_zero() ? "0" : n.Digits();
    sci.dec_tokens = std::string(digits.size() > 1 ? digits.size() - 1 : 0, '9');
    sci.scientific = true;
    return FormatScientific(sci, n);
  }
  if (m.hex_digits > 0) return FormatHex(m, n);
  if (m.int_tokens.empty() && m.dec_tokens.empty()) BadModel();
  if (m.scientific) return FormatScientific(m, n);
  return FormatFixed(m, n);
}

Number ParseNumber(std::string_view text, std::string_view format) {
  const Model m = ParseModel(format);
  if (m.text != Model::Text::kNone) return Number::ParseOrThrow(text);
  if (m.hex_digits > 0) return ParseHex(text, m);
  std::string t(text);
  while (!t.empty() && t.front() == ' ') t.erase(t.begin());
  while (!t.empty() && t.back() == ' ') t.pop_back();
  bool negative = false;
  if (m.sign == SignStyle::kPr && t.size() >= 2 && t.front() == '<' && t.back() == '>') {
    negative = true;
    t = t.substr(1, t.size() - 2);
  } else if ((m.sign == SignStyle::kMi || m.sign == SignStyle::kTrailingS) && !t.empty() &&
             (t.back() == '-' || t.back() == '+')) {
    negative = t.back() == '-';
    t.pop_back();
  } else if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
    negative = t.front() == '-';
    t.erase(t.begin());
  }
  if (!m.currency.empty() && t.compare(0, m.currency.size(), m.currency) == 0) {
    t.erase(0, m.currency.size());
  }
  // Group separators only where the model has them; digits no more than it holds.
  std::string digits;
  int int_count = 0;
  int dec_count = 0;
  bool point = false;
  for (char c : t) {
    if (c == ',' && !point && m.int_tokens.find(',') != std::string::npos) continue;
    if (c == '.' && !point && m.has_point) {
      point = true;
    } else if (c >= '0' && c <= '9') {
      (point ? dec_count : int_count) += 1;
    } else if (!(m.scientific && (c == 'E' || c == 'e' || c == '+' || c == '-'))) {
      throw OraError::Make(1722);
    }
    digits.push_back(c);
  }
  if (!m.scientific &&
      (int_count > m.IntDigits() || dec_count > static_cast<int>(m.dec_tokens.size()))) {
    throw OraError::Make(1722);
  }
  Number v = Number::ParseOrThrow(digits);
  if (m.scale_digits > 0)
    v = Number::Divide(v, Number::PowerInt(Number::FromInt64(10), m.scale_digits));
  return negative ? v.Negate() : v;
}

}  // namespace warden::sql
