// Civil-time conversions for DATE values (see date_time.h). The day-number algorithms are
// the classic era-based ones: exact for every proleptic Gregorian date, no tables.
#include "sql/date_time.h"

#include <cstdio>
#include <ctime>

#include "common/ora_error.h"

namespace warden::sql {
namespace {

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                  // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }

bool ParseFixedDigits(std::string_view s, size_t pos, size_t count, int64_t* out) {
  if (pos + count > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

CivilTime ToCivil(int64_t date_seconds) {
  CivilTime t;
  const int64_t days = FloorDiv(date_seconds, kSecondsPerDay);
  int64_t rem = date_seconds - days * kSecondsPerDay;
  CivilFromDays(days, &t.year, &t.month, &t.day);
  t.hour = static_cast<int>(rem / 3600);
  rem %= 3600;
  t.minute = static_cast<int>(rem / 60);
  t.second = static_cast<int>(rem % 60);
  return t;
}

int64_t FromCivil(const CivilTime& t) {
  return DaysFromCivil(t.year, t.month, t.day) * kSecondsPerDay + t.hour * 3600 +
         t.minute * 60 + t.second;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool ValidCivil(const CivilTime& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= DaysInMonth(t.year, t.month) &&
         t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
         t.second <= 59;
}

int DayOfWeek(int64_t date_seconds) {
  const int64_t days = FloorDiv(date_seconds, kSecondsPerDay);
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 4) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w);
}

void CheckDateRange(int64_t date_seconds) {
  static const int64_t kMin = FromCivil(CivilTime{-4712, 1, 1, 0, 0, 0});
  static const int64_t kMax = FromCivil(CivilTime{9999, 12, 31, 23, 59, 59});
  if (date_seconds < kMin || date_seconds > kMax) throw OraError::Make(1841);
}

int64_t LocalCivilSeconds(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm_local {};
  localtime_r(&t, &tm_local);
  return FromCivil(CivilTime{tm_local.tm_year + 1900LL, tm_local.tm_mon + 1, tm_local.tm_mday,
                             tm_local.tm_hour, tm_local.tm_min, tm_local.tm_sec});
}

std::string FormatDefaultDate(int64_t date_seconds) {
  const CivilTime t = ToCivil(date_seconds);
  char buf[48];
  const bool bc = t.year < 0;
  std::snprintf(buf, sizeof buf, "%s%04lld-%02d-%02d %02d:%02d:%02d", bc ? "-" : "",
                static_cast<long long>(bc ? -t.year : t.year), t.month, t.day, t.hour, t.minute,
                t.second);
  return buf;
}

bool ParseDefaultDate(std::string_view text, int64_t* out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  CivilTime t;
  int64_t v = 0;
  if (text.size() != 10 && text.size() != 19) return false;
  if (!ParseFixedDigits(text, 0, 4, &t.year) || text[4] != '-' || text[7] != '-') return false;
  if (!ParseFixedDigits(text, 5, 2, &v)) return false;
  t.month = static_cast<int>(v);
  if (!ParseFixedDigits(text, 8, 2, &v)) return false;
  t.day = static_cast<int>(v);
  if (text.size() == 19) {
    if (text[10] != ' ' || text[13] != ':' || text[16] != ':') return false;
    if (!ParseFixedDigits(text, 11, 2, &v)) return false;
    t.hour = static_cast<int>(v);
    if (!ParseFixedDigits(text, 14, 2, &v)) return false;
    t.minute = static_cast<int>(v);
    if (!ParseFixedDigits(text, 17, 2, &v)) return false;
    t.second = static_cast<int>(v);
  }
  if (t.year == 0 || !ValidCivil(t)) return false;
  *out = FromCivil(t);
  return true;
}

std::string FormatDefaultTimestamp(int64_t micros) {
  const int64_t seconds = FloorDivide(micros, kMicrosPerSecond);
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06lld", static_cast<long long>(micros - seconds * kMicrosPerSecond));
  return FormatDefaultDate(seconds) + frac;
}

bool ParseDefaultTimestamp(std::string_view text, int64_t* out) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const size_t dot = text.rfind('.');
  int64_t fraction = 0;
  if (dot != std::string_view::npos) {
    const std::string_view digits = text.substr(dot + 1);
    if (digits.empty() || digits.size() > 9) return false;
    int64_t scale = 1;
    for (size_t i = digits.size(); i < 9; ++i) scale *= 10;
    int64_t nanos = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      nanos = nanos * 10 + (c - '0');
    }
    fraction = (nanos * scale + 500) / 1000;  // to microseconds, half up
    text = text.substr(0, dot);
  }
  int64_t seconds = 0;
  if (!ParseDefaultDate(text, &seconds)) return false;
  *out = seconds * kMicrosPerSecond + fraction;
  return true;
}

}  // namespace warden::sql
