// Character functions: CHR, ASCII, UPPER, LOWER, INITCAP, LENGTH, SUBSTR, INSTR, LTRIM, RTRIM,
// TRIM, LPAD, RPAD, REPLACE, CONCAT. Positions and lengths count characters; NULL in gives NULL out
// except where noted (REPLACE, CONCAT), as in Oracle.
#include <algorithm>

#include "common/ora_error.h"
#include "sql/function_util.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

using Chars = std::vector<std::string_view>;

std::string Join(const Chars& chars, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < chars.size(); ++i) out.append(chars[i]);
  return out;
}

Value Upper(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Varchar(AsciiUpper(ArgText(a, 0)));
}

Value Lower(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Varchar(AsciiLower(ArgText(a, 0)));
}

Value Initcap(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ArgText(a, 0);
  bool word_start = true;
  for (char& c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       static_cast<unsigned char>(c) >= 0x80;
    if (c >= 'A' && c <= 'Z' && !word_start) c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z' && word_start) c = static_cast<char>(c - 'a' + 'A');
    word_start = !alnum;
  }
  return Value::Varchar(std::move(s));
}

Value Length(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::FromInt(static_cast<int64_t>(Utf8Length(ArgText(a, 0))));
}

// SUBSTR(s, position [, length]): position 0 is 1, negative counts from the end.
Value Substr(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const std::string s = ArgText(a, 0);
  const Chars chars = Utf8Chars(s);
  const int64_t n = static_cast<int64_t>(chars.size());
  int64_t pos = ArgInt(a, 1);
  if (pos == 0) pos = 1;
  if (pos < 0) pos = n + pos + 1;
  if (pos < 1 || pos > n) return Value::Null();
  int64_t count = n - pos + 1;
  if (a.size() > 2) {
    const int64_t len = ArgInt(a, 2);
    if (len < 1) return Value::Null();
    count = std::min(count, len);
  }
  return Value::Varchar(Join(chars, pos - 1, pos - 1 + count));
}

// INSTR(s, sub [, position [, occurrence]]): 1-based character index of the occurrence-th
// match (overlapping), searching backward from the end for a negative position; 0 if none.
Value Instr(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const std::string s = ArgText(a, 0);
  const std::string sub = ArgText(a, 1);
  const int64_t pos = a.size() > 2 ? ArgInt(a, 2) : 1;
  const int64_t occurrence = a.size() > 3 ? ArgInt(a, 3) : 1;
  if (occurrence < 1) throw OraError::Make(1428, {std::to_string(occurrence)});
  if (pos == 0) return Value::FromInt(0);
  const Chars hay = Utf8Chars(s);
  const Chars needle = Utf8Chars(sub);
  const int64_t n = static_cast<int64_t>(hay.size());
  const int64_t m = static_cast<int64_t>(needle.size());
  auto matches_at = [&](int64_t i) {
    if (i < 0 || i + m > n) return false;
    for (int64_t k = 0; k < m; ++k) {
      if (hay[i + k] != needle[k]) return false;
    }
    return true;
  };
  int64_t found = 0;
  if (pos > 0) {
    for (int64_t i = pos - 1; i + m <= n; ++i) {
      if (matches_at(i) && ++found == occurrence) return Value::FromInt(i + 1);
    }
  } else {
    for (int64_t i = std::min(n + pos, n - m); i >= 0; --i) {
      if (matches_at(i) && ++found == occurrence) return Value::FromInt(i + 1);
    }
  }
  return Value::FromInt(0);
}

bool InSet(const Chars& set, std::string_view c) {
  return std::find(set.begin(), set.end(), c) != set.end();
}

// Removes characters in `set` from the left and/or right of s.
std::string TrimSet(const std::string& s, const std::string& set, bool left, bool right) {
  const Chars chars = Utf8Chars(s);
  const Chars set_chars = Utf8Chars(set);
  size_t from = 0;
  size_t to = chars.size();
  if (left) {
    while (from < to && InSet(set_chars, chars[from])) ++from;
  }
  if (right) {
    while (to > from && InSet(set_chars, chars[to - 1])) --to;
  }
  return Join(chars, from, to);
}

Value Ltrim(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Varchar(TrimSet(ArgText(a, 0), a.size() > 1 ? ArgText(a, 1) : " ", true, false));
}

Value Rtrim(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Varchar(TrimSet(ArgText(a, 0), a.size() > 1 ? ArgText(a, 1) : " ", false, true));
}

// TRIM([mode] [c FROM] s): args = [s] or [s, c]; c must be one character (ORA-30001).
Value TrimWith(FunctionArgs& a, bool left, bool right) {
  if (AnyNull(a)) return Value::Null();
  std::string c = " ";
  if (a.size() > 1) {
    c = ArgText(a, 1);
    if (Utf8Length(c) != 1) throw OraError::Make(30001);
  }
  return Value::Varchar(TrimSet(ArgText(a, 0), c, left, right));
}
Value TrimBoth(FunctionArgs& a, ExecContext&) { return TrimWith(a, true, true); }
Value TrimLeading(FunctionArgs& a, ExecContext&) { return TrimWith(a, true, false); }
Value TrimTrailing(FunctionArgs& a, ExecContext&) { return TrimWith(a, false, true); }

// LPAD/RPAD(s, n [, pad]): s cut or padded to n characters.
Value Pad(FunctionArgs& a, bool left) {
  if (AnyNull(a)) return Value::Null();
  const int64_t width = ArgInt(a, 1);
  if (width < 1) return Value::Null();
  const std::string s = ArgText(a, 0);
  const std::string pad = a.size() > 2 ? ArgText(a, 2) : " ";
  const Chars chars = Utf8Chars(s);
  const size_t n = static_cast<size_t>(std::min<int64_t>(width, 32767));  // VARCHAR2 limit
  if (chars.size() >= n) return Value::Varchar(Join(chars, 0, n));
  const Chars pad_chars = Utf8Chars(pad);
  std::string fill;
  for (size_t i = 0; i < n - chars.size(); ++i) fill.append(pad_chars[i % pad_chars.size()]);
  return Value::Varchar(left ? fill + s : s + fill);
}
Value Lpad(FunctionArgs& a, ExecContext&) { return Pad(a, true); }
Value Rpad(FunctionArgs& a, ExecContext&) { return Pad(a, false); }

// REPLACE(s, search [, replacement]): a NULL search leaves s alone, a NULL replacement
// removes every occurrence.
Value Replace(FunctionArgs& a, ExecContext&) {
  if (a[0].is_null()) return Value::Null();
  std::string s = ArgText(a, 0);
  if (a[1].is_null()) return Value::Varchar(std::move(s));
  const std::string search = ArgText(a, 1);
  const std::string with = a.size() > 2 && !a[2].is_null() ? ArgText(a, 2) : "";
  std::string out;
  size_t from = 0;
  // Each pass consumes at least search.size() >= 1 bytes.
  for (size_t hit = s.find(search); hit != std::string::npos; hit = s.find(search, from)) {
    out.append(s, from, hit - from);
    out.append(with);
    from = hit + search.size();
  }
  out.append(s, from, std::string::npos);
  return Value::Varchar(std::move(out));
}

// CONCAT(a, b): as a || b, NULL counting as ''.
Value Concat(FunctionArgs& a, ExecContext&) {
  std::string s = a[0].is_null() ? "" : ArgText(a, 0);
  if (!a[1].is_null()) s += ArgText(a, 1);
  return Value::Varchar(std::move(s));
}

// CHR(n): the character whose code in the database character set (UTF-8) is n, the
// argument truncated to an integer as Oracle does: n's bytes, most significant first.
Value Chr(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  int64_t n = ArgInt(a, 0);
  if (n < 0 || n > 0xFFFFFFFFLL) throw OraError::Make(1722);
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>(n & 0xFF));
    n >>= 8;
  } while (n > 0);
  return Value::Varchar(out);
}

// ASCII(s): the code of the first character of s (its UTF-8 bytes as one number).
Value Ascii(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const std::string s = ArgText(a, 0);
  const auto lead = static_cast<unsigned char>(s[0]);
  const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  int64_t code = 0;
  for (size_t i = 0; i < len && i < s.size(); ++i) {
    code = code * 256 + static_cast<unsigned char>(s[i]);
  }
  return Value::FromInt(code);
}

constexpr FunctionDef kFunctions[] = {
    {"CHR", 1, 1, ReturnsVarchar2, Chr},
    {"ASCII", 1, 1, ReturnsNumber, Ascii},
    {"UPPER", 1, 1, ReturnsVarchar2, Upper},
    {"LOWER", 1, 1, ReturnsVarchar2, Lower},
    {"INITCAP", 1, 1, ReturnsVarchar2, Initcap},
    {"LENGTH", 1, 1, ReturnsNumber, Length},
    {"SUBSTR", 2, 3, ReturnsVarchar2, Substr},
    {"INSTR", 2, 4, ReturnsNumber, Instr},
    {"LTRIM", 1, 2, ReturnsVarchar2, Ltrim},
    {"RTRIM", 1, 2, ReturnsVarchar2, Rtrim},
    {"TRIM", 1, 1, ReturnsVarchar2, TrimBoth},
    {"TRIM BOTH", 1, 2, ReturnsVarchar2, TrimBoth, false, true},
    {"TRIM LEADING", 1, 2, ReturnsVarchar2, TrimLeading, false, true},
    {"TRIM TRAILING", 1, 2, ReturnsVarchar2, TrimTrailing, false, true},
    {"LPAD", 2, 3, ReturnsVarchar2, Lpad},
    {"RPAD", 2, 3, ReturnsVarchar2, Rpad},
    {"REPLACE", 2, 3, ReturnsVarchar2, Replace},
    {"CONCAT", 2, 2, ReturnsVarchar2, Concat},
};

}  // namespace

std::span<const FunctionDef> StringFunctions() { return kFunctions; }

}  // namespace warden::sql
