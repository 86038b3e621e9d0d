// Oracle DATE arithmetic on civil time. A DATE is held as seconds since 1970-01-01 00:00:00
// of local civil time (no time zone, as Oracle's DATE), proleptic Gregorian calendar.
// Oracle's range is years -4712..9999; results outside it raise ORA-01841.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warden::sql {

struct CivilTime {
  int64_t year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..31
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
};

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kMicrosPerSecond = 1000000;

// Floor division (rounds toward minus infinity). REQUIRES: b > 0.
inline int64_t FloorDivide(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

CivilTime ToCivil(int64_t date_seconds);
// REQUIRES: fields in range (ValidCivil); the year range is not checked here.
int64_t FromCivil(const CivilTime& t);
bool ValidCivil(const CivilTime& t);
int DaysInMonth(int64_t year, int month);
// 0 = Sunday .. 6 = Saturday.
int DayOfWeek(int64_t date_seconds);
// Raises ORA-01841 when the date lies outside Oracle's years -4712..9999.
void CheckDateRange(int64_t date_seconds);

// Local civil time for a Unix time (the process's time zone): SYSDATE, LOGON_TIME.
int64_t LocalCivilSeconds(int64_t unix_seconds);

// The session's default date format (NLS_DATE_FORMAT), also the PostgreSQL wire text of
// a DATE: 'YYYY-MM-DD HH24:MI:SS'.
std::string FormatDefaultDate(int64_t date_seconds);
// Accepts 'YYYY-MM-DD' or 'YYYY-MM-DD HH24:MI:SS' (leading/trailing blanks allowed);
// false for anything else.
bool ParseDefaultDate(std::string_view text, int64_t* out);

// TIMESTAMP (microseconds since 1970-01-01 civil time) as 'YYYY-MM-DD HH24:MI:SS.FF6', the
// session's NLS_TIMESTAMP_FORMAT and the wire text of a TIMESTAMP.
std::string FormatDefaultTimestamp(int64_t micros);
// Accepts what ParseDefaultDate accepts, optionally followed by '.' and 1 to 9 fraction
// digits (beyond 6 rounded to microseconds); false for anything else.
bool ParseDefaultTimestamp(std::string_view text, int64_t* out);

}  // namespace warden::sql
