// Date format models (see date_format.h). A format is first split into elements, then
// rendered or used to parse; both walk the element list once.
#include "sql/date_format.h"

#include <cstdio>
#include <vector>

#include "common/ora_error.h"
#include "sql/date_time.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

constexpr const char* kMonths[12] = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",
                                     "MAY",     "JUNE",     "JULY",      "AUGUST",
                                     "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
constexpr const char* kDays[7] = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                  "THURSDAY", "FRIDAY", "SATURDAY"};
constexpr const char* kRoman[12] = {"I", "II", "III", "IV", "V", "VI",
                                    "VII", "VIII", "IX", "X", "XI", "XII"};

enum class Case { kUpper, kInitcap, kLower };

struct Element {
  std::string code;     // upper-cased element code, "" for literal text
  std::string literal;  // punctuation or quoted text
  Case text_case = Case::kUpper;
  bool fill_mode = false;  // FM in effect: no padding
};

// Element codes, longest first so that a prefix never shadows a longer code.
constexpr std::string_view kCodes[] = {
    "SYYYY", "SSSSS", "MONTH", "A.M.", "P.M.", "YYYY", "RRRR", "HH24", "HH12", "YYY", "MON",
    "DAY", "DDD", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "FF7", "FF8", "FF9", "YY", "RR",
    "MM", "RM", "DD", "DY", "HH", "MI", "SS", "AM", "PM", "IW", "WW", "FF", "Y", "D", "J",
    "Q", "X"};

bool StartsWithCi(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

std::vector<Element> Split(std::string_view f) {
  std::vector<Element> out;
  bool fill = false;
  size_t i = 0;
  while (i < f.size()) {
    const char c = f[i];
    if (c == '"') {
      const size_t close = f.find('"', i + 1);
      if (close == std::string_view::npos) throw OraError::Make(1821);
      out.push_back({"", std::string(f.substr(i + 1, close - i - 1)), Case::kUpper, fill});
      i = close + 1;
      continue;
    }
    if (c == '-' || c == '/' || c == ',' || c == '.' || c == ';' || c == ':' || c == ' ') {
      out.push_back({"", std::string(1, c), Case::kUpper, fill});
      ++i;
      continue;
    }
    if (StartsWithCi(f.substr(i), "FM")) {
      fill = !fill;
      i += 2;
      continue;
    }
    bool matched = false;
    for (std::string_view code : kCodes) {
      if (!StartsWithCi(f.substr(i), code)) continue;
      Case text_case = Case::kUpper;
      if (f[i] >= 'a' && f[i] <= 'z') {
        text_case = Case::kLower;
      } else if (code.size() > 1 && f[i + 1] >= 'a' && f[i + 1] <= 'z') {
        text_case = Case::kInitcap;
      }
      out.push_back({std::string(code), "", text_case, fill});
      i += code.size();
      matched = true;
      break;
    }
    if (!matched) throw OraError::Make(1821);
  }
  return out;
}

std::string ApplyCase(std::string upper, Case c) {
  if (c == Case::kLower) return AsciiLower(upper);
  if (c == Case::kInitcap && !upper.empty()) return upper.substr(0, 1) + AsciiLower(upper.substr(1));
  return upper;
}

std::string Num(int64_t v, int width, bool fill) {
  char buf[32];
  if (fill) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  }
  return buf;
}

std::string PadName(std::string name, size_t width, bool fill) {
  if (!fill && name.size() < width) name.append(width - name.size(), ' ');
  return name;
}

int64_t DayOfYear(const CivilTime& t) {
  return (FromCivil(CivilTime{t.year, t.month, t.day, 0, 0, 0}) -
          FromCivil(CivilTime{t.year, 1, 1, 0, 0, 0})) / kSecondsPerDay + 1;
}

// Julian day number (day 1 = 4712-01-01 BC); 1970-01-01 is Julian day 2440588.
int64_t JulianDay(int64_t date_seconds) {
  int64_t days = date_seconds / kSecondsPerDay;
  if (date_seconds % kSecondsPerDay < 0) --days;
  return days + 2440588;
}

// ISO 8601 week number.
int64_t IsoWeek(int64_t date_seconds) {
  const CivilTime t = ToCivil(date_seconds);
  const int wd = (DayOfWeek(date_seconds) + 6) % 7;  // Monday = 0
  const int64_t doy = DayOfYear(t);
  int64_t week = (doy - wd + 9) / 7;
  if (week < 1) return IsoWeek(date_seconds - doy * kSecondsPerDay);  // last week of last year
  if (week == 53) {
    const int64_t jan1_next_wd = (wd + (DaysInMonth(t.year, 2) == 29 ? 366 : 365) - doy + 1) % 7;
    if (jan1_next_wd <= 3) week = 1;  // Jan 1 of next year is Mon..Thu
  }
  return week;
}

// `micros` is the fraction of a TIMESTAMP; FF on a DATE (timestamp false) is ORA-01821.
std::string Render(const Element& e, int64_t date, int64_t micros, bool timestamp) {
  if (e.code.empty()) return e.literal;
  if (e.code.compare(0, 2, "FF") == 0) {
    if (!timestamp) throw OraError::Make(1821);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06lld000", static_cast<long long>(micros));
    const size_t digits = e.code.size() == 2 ? 6 : static_cast<size_t>(e.code[2] - '0');
    return std::string(buf, digits);  // truncated, as Oracle's FFn
  }
  if (e.code == "X") return ".";
  const CivilTime t = ToCivil(date);
  const std::string& c = e.code;
  const bool fm = e.fill_mode;
  const int64_t year = t.year;
  if (c == "SYYYY") return (year < 0 ? "-" : " ") + Num(year < 0 ? -year : year, 4, fm);
  if (c == "YYYY" || c == "RRRR") return Num(year < 0 ? -year : year, 4, fm);
  if (c == "YYY") return Num((year < 0 ? -year : year) % 1000, 3, fm);
  if (c == "YY" || c == "RR") return Num((year < 0 ? -year : year) % 100, 2, fm);
  if (c == "Y") return Num((year < 0 ? -year : year) % 10, 1, fm);
  if (c == "MONTH") return PadName(ApplyCase(kMonths[t.month - 1], e.text_case), 9, fm);
  if (c == "MON") return ApplyCase(std::string(kMonths[t.month - 1]).substr(0, 3), e.text_case);
  if (c == "MM") return Num(t.month, 2, fm);
  if (c == "RM") return PadName(ApplyCase(kRoman[t.month - 1], e.text_case), 4, fm);
  if (c == "DDD") return Num(DayOfYear(t), 3, fm);
  if (c == "DD") return Num(t.day, 2, fm);
  if (c == "D") return Num(DayOfWeek(date) + 1, 1, fm);
  if (c == "DAY") return PadName(ApplyCase(kDays[DayOfWeek(date)], e.text_case), 9, fm);
  if (c == "DY") return ApplyCase(std::string(kDays[DayOfWeek(date)]).substr(0, 3), e.text_case);
  if (c == "J") return Num(JulianDay(date), 7, fm);
  if (c == "HH" || c == "HH12") return Num(t.hour % 12 == 0 ? 12 : t.hour % 12, 2, fm);
  if (c == "HH24") return Num(t.hour, 2, fm);
  if (c == "MI") return Num(t.minute, 2, fm);
  if (c == "SS") return Num(t.second, 2, fm);
  if (c == "SSSSS") return Num(t.hour * 3600 + t.minute * 60 + t.second, 5, fm);
  if (c == "AM" || c == "PM") return ApplyCase(t.hour < 12 ? "AM" : "PM", e.text_case);
  if (c == "A.M." || c == "P.M.") return ApplyCase(t.hour < 12 ? "A.M." : "P.M.", e.text_case);
  if (c == "Q") return Num((t.month - 1) / 3 + 1, 1, fm);
  if (c == "WW") return Num((DayOfYear(t) - 1) / 7 + 1, 2, fm);
  if (c == "IW") return Num(IsoWeek(date), 2, fm);
  throw OraError::Make(1821);
}

// ---- parsing ----

class DateParser {
 public:
  DateParser(std::string_view text, int64_t now) : s_(text) {
    const CivilTime n = ToCivil(now);
    t_.year = n.year;
    t_.month = n.month;
    current_year_ = n.year;
  }

  // The fraction read by FF, in microseconds.
  int64_t micros() const { return micros_; }

  int64_t Run(const std::vector<Element>& elements) {
    for (const Element& e : elements) {
      if (e.code.empty()) {
        Literal(e.literal);
      } else {
        Field(e);
      }
    }
    SkipBlanks();
    if (i_ < s_.size()) throw OraError::Make(1830);
    if (pm_ && t_.hour < 12) t_.hour += 12;
    if (am_ && t_.hour == 12) t_.hour = 0;
    if (t_.day > DaysInMonth(t_.year, t_.month)) throw OraError::Make(1839);
    if (t_.year == 0 || t_.year < -4712 || t_.year > 9999) throw OraError::Make(1841);
    int64_t result = FromCivil(t_);
    if (julian_ >= 0) result = (julian_ - 2440588) * kSecondsPerDay + TimeOfDay();
    if (day_of_year_ > 0) {
      result = FromCivil(CivilTime{t_.year, 1, 1, 0, 0, 0}) + (day_of_year_ - 1) * kSecondsPerDay +
               TimeOfDay();
    }
    return result;
  }

 private:
  int64_t TimeOfDay() const { return t_.hour * 3600 + t_.minute * 60 + t_.second; }

  void SkipBlanks() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }

  // Punctuation in the format matches any run of punctuation or blanks (Oracle is lenient).
  void Literal(std::string_view lit) {
    const bool punct = lit.size() == 1 && std::string_view("-/,.;: ").find(lit[0]) != std::string_view::npos;
    if (punct) {
      while (i_ < s_.size() && std::string_view("-/,.;: ").find(s_[i_]) != std::string_view::npos) ++i_;
      return;
    }
    if (s_.substr(i_, lit.size()) != lit) throw OraError::Make(1861);
    i_ += lit.size();
  }

  int64_t Digits(size_t max_digits, bool allow_sign = false) {
    SkipBlanks();
    bool negative = false;
    if (allow_sign && i_ < s_.size() && (s_[i_] == '-' || s_[i_] == '+')) negative = s_[i_++] == '-';
    if (i_ >= s_.size()) throw OraError::Make(1840);
    int64_t v = 0;
    size_t n = 0;
    while (i_ < s_.size() && n < max_digits && s_[i_] >= '0' && s_[i_] <= '9') {
      v = v * 10 + (s_[i_++] - '0');
      ++n;
    }
    if (n == 0) throw OraError::Make(1858);
    return negative ? -v : v;
  }

  // Index of the name in `names` whose first `len` letters (all if len == 0) start the input.
  int Name(const char* const* names, int count, size_t len) {
    SkipBlanks();
    for (int k = 0; k < count; ++k) {
      std::string_view name(names[k]);
      if (len > 0) name = name.substr(0, len);
      if (StartsWithCi(s_.substr(i_), name)) {
        i_ += name.size();
        return k;
      }
    }
    return -1;
  }

  void Field(const Element& e) {
    const std::string& c = e.code;
    if (c == "YYYY" || c == "RRRR" || c == "SYYYY") {
      t_.year = Digits(4, c == "SYYYY");
    } else if (c == "YYY" || c == "YY" || c == "Y") {
      const int64_t digits = static_cast<int64_t>(c.size());
      int64_t mod = 1;
      for (int64_t k = 0; k < digits; ++k) mod *= 10;
      t_.year = current_year_ - current_year_ % mod + Digits(c.size());
    } else if (c == "RR") {
      const size_t start = i_;
      int64_t v = Digits(4);
      if (i_ - start <= 2) {  // two digits: the RR century rule
        const int64_t cur2 = current_year_ % 100;
        int64_t century = current_year_ - cur2;
        if (v < 50 && cur2 >= 50) century += 100;
        if (v >= 50 && cur2 < 50) century -= 100;
        v += century;
      }
      t_.year = v;
    } else if (c == "MM") {
      t_.month = static_cast<int>(Digits(2));
      if (t_.month < 1 || t_.month > 12) throw OraError::Make(1843);
    } else if (c == "MON" || c == "MONTH") {
      int k = Name(kMonths, 12, 0);  // the full name is accepted for MON and vice versa
      if (k < 0) k = Name(kMonths, 12, 3);
      if (k < 0) throw OraError::Make(1843);
      t_.month = k + 1;
    } else if (c == "RM") {
      // Longest numerals first so that "VIII" is not read as "V".
      static constexpr const char* kRomanByLength[12] = {"VIII", "VII", "III", "XII", "II", "IV",
                                                         "VI", "IX", "XI", "I", "V", "X"};
      static constexpr int kRomanValue[12] = {8, 7, 3, 12, 2, 4, 6, 9, 11, 1, 5, 10};
      const int k = Name(kRomanByLength, 12, 0);
      if (k < 0) throw OraError::Make(1843);
      t_.month = kRomanValue[k];
    } else if (c == "DD") {
      t_.day = static_cast<int>(Digits(2));
      if (t_.day < 1 || t_.day > 31) throw OraError::Make(1847);
    } else if (c == "DDD") {
      day_of_year_ = Digits(3);
    } else if (c == "DAY" || c == "DY") {
      int k = Name(kDays, 7, 0);
      if (k < 0) k = Name(kDays, 7, 3);
      if (k < 0) throw OraError::Make(1846);
    } else if (c == "D") {
      Digits(1);
    } else if (c == "J") {
      julian_ = Digits(7);
    } else if (c == "HH" || c == "HH12") {
      t_.hour = static_cast<int>(Digits(2));
      if (t_.hour < 1 || t_.hour > 12) throw OraError::Make(1849);
      if (!pm_) am_ = true;  // HH12 without a meridian reads as AM
    } else if (c == "HH24") {
      t_.hour = static_cast<int>(Digits(2));
      if (t_.hour > 23) throw OraError::Make(1850);
    } else if (c == "MI") {
      t_.minute = static_cast<int>(Digits(2));
      if (t_.minute > 59) throw OraError::Make(1851);
    } else if (c == "SS") {
      t_.second = static_cast<int>(Digits(2));
      if (t_.second > 59) throw OraError::Make(1852);
    } else if (c == "SSSSS") {
      const int64_t v = Digits(5);
      if (v > 86399) throw OraError::Make(1853);
      t_.hour = static_cast<int>(v / 3600);
      t_.minute = static_cast<int>(v / 60 % 60);
      t_.second = static_cast<int>(v % 60);
    } else if (c.compare(0, 2, "FF") == 0) {
      SkipBlanks();
      int64_t nanos = 0;
      size_t n = 0;
      while (i_ < s_.size() && n < 9 && s_[i_] >= '0' && s_[i_] <= '9') {
        nanos = nanos * 10 + (s_[i_++] - '0');
        ++n;
      }
      if (n == 0) throw OraError::Make(1858);
      for (size_t k = n; k < 9; ++k) nanos *= 10;
      micros_ = nanos / 1000;
    } else if (c == "X") {
      Literal(".");
    } else if (c == "AM" || c == "PM" || c == "A.M." || c == "P.M.") {
      static constexpr const char* kMeridians[4] = {"A.M.", "P.M.", "AM", "PM"};
      const int k = Name(kMeridians, 4, 0);
      if (k < 0) throw OraError::Make(1855);
      pm_ = k % 2 == 1;
      am_ = !pm_;
    } else {
      throw OraError::Make(1821);  // Q, WW, IW cannot be parsed (Oracle: ORA-01820..)
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  CivilTime t_{};
  int64_t current_year_ = 1970;
  int64_t julian_ = -1;
  int64_t day_of_year_ = 0;
  bool am_ = false;
  bool pm_ = false;
  int64_t micros_ = 0;
};

std::string UnitOf(std::string_view unit) { return AsciiUpper(unit); }

bool IsAny(const std::string& u, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (u == n) return true;
  }
  return false;
}

}  // namespace

std::string FormatDate(int64_t date_seconds, std::string_view format) {
  std::string out;
  for (const Element& e : Split(format)) out += Render(e, date_seconds, 0, false);
  return out;
}

std::string FormatTimestamp(int64_t micros, std::string_view format) {
  const int64_t seconds = FloorDivide(micros, kMicrosPerSecond);
  std::string out;
  for (const Element& e : Split(format)) {
    out += Render(e, seconds, micros - seconds * kMicrosPerSecond, true);
  }
  return out;
}

int64_t ParseDate(std::string_view text, std::string_view format, int64_t now) {
  const std::vector<Element> elements = Split(format);
  for (const Element& e : elements) {
    if (e.code.compare(0, 2, "FF") == 0) throw OraError::Make(1821);
  }
  return DateParser(text, now).Run(elements);
}

int64_t ParseTimestamp(std::string_view text, std::string_view format, int64_t now) {
  DateParser parser(text, now);
  const int64_t seconds = parser.Run(Split(format));
  return seconds * kMicrosPerSecond + parser.micros();
}

int64_t TruncDate(int64_t date, std::string_view unit_text) {
  const std::string u = UnitOf(unit_text);
  CivilTime t = ToCivil(date);
  const int64_t day_start = date - (t.hour * 3600 + t.minute * 60 + t.second);
  if (IsAny(u, {"DD", "DDD", "J"})) return day_start;
  if (IsAny(u, {"HH", "HH12", "HH24"})) return date - (t.minute * 60 + t.second);
  if (u == "MI") return date - t.second;
  if (IsAny(u, {"MM", "MON", "MONTH", "RM"})) return FromCivil(CivilTime{t.year, t.month, 1, 0, 0, 0});
  if (IsAny(u, {"Q"})) return FromCivil(CivilTime{t.year, (t.month - 1) / 3 * 3 + 1, 1, 0, 0, 0});
  if (IsAny(u, {"YYYY", "SYYYY", "YYY", "YY", "Y", "YEAR", "SYEAR", "RRRR", "RR"})) {
    return FromCivil(CivilTime{t.year, 1, 1, 0, 0, 0});
  }
  if (IsAny(u, {"DAY", "DY", "D"})) return day_start - DayOfWeek(date) * kSecondsPerDay;
  if (u == "IW") return day_start - ((DayOfWeek(date) + 6) % 7) * kSecondsPerDay;
  if (IsAny(u, {"CC", "SCC"})) {  // centuries start in years ending in 01
    const int64_t first = FloorDivide(t.year - 1, 100) * 100 + 1;
    return FromCivil(CivilTime{first, 1, 1, 0, 0, 0});
  }
  if (u == "WW") {  // weeks begin on the weekday of January 1st
    const int64_t jan1 = FromCivil(CivilTime{t.year, 1, 1, 0, 0, 0});
    return jan1 + (day_start - jan1) / (7 * kSecondsPerDay) * 7 * kSecondsPerDay;
  }
  if (u == "W") return day_start - ((t.day - 1) % 7) * kSecondsPerDay;  // weekday of the 1st
  if (IsAny(u, {"IYYY", "IYY", "IY", "I"})) {
    // The Monday of ISO week 1: the week holding January 4th.
    const auto iso_start = [](int64_t year) {
      const int64_t jan4 = FromCivil(CivilTime{year, 1, 4, 0, 0, 0});
      return jan4 - ((DayOfWeek(jan4) + 6) % 7) * kSecondsPerDay;
    };
    int64_t start = iso_start(t.year + 1);
    if (start > day_start) start = iso_start(t.year);
    if (start > day_start) start = iso_start(t.year - 1);
    return start;
  }
  throw OraError::Make(1821);
}

int64_t RoundDate(int64_t date, std::string_view unit_text) {
  const std::string u = UnitOf(unit_text);
  const CivilTime t = ToCivil(date);
  if (IsAny(u, {"DD", "DDD", "J"})) return TruncDate(date + kSecondsPerDay / 2, u);
  if (IsAny(u, {"HH", "HH12", "HH24"})) return TruncDate(date + 1800, u);
  if (u == "MI") return TruncDate(date + 30, u);
  if (IsAny(u, {"MM", "MON", "MONTH", "RM"})) {
    // The 16th day rounds up.
    if (t.day < 16) return FromCivil(CivilTime{t.year, t.month, 1, 0, 0, 0});
    return t.month == 12 ? FromCivil(CivilTime{t.year + 1, 1, 1, 0, 0, 0})
                         : FromCivil(CivilTime{t.year, t.month + 1, 1, 0, 0, 0});
  }
  if (IsAny(u, {"YYYY", "SYYYY", "YYY", "YY", "Y", "YEAR", "SYEAR", "RRRR", "RR"})) {
    // July 1st rounds up.
    return FromCivil(CivilTime{t.month >= 7 ? t.year + 1 : t.year, 1, 1, 0, 0, 0});
  }
  TruncDate(date, u);  // raises ORA-01821 for an unknown unit
  throw OraError::Make(3001);  // CC and the week-based units (DAY, WW, W, IW, IYYY): not yet
}

}  // namespace warden::sql
