// Date and time functions: SYSTIMESTAMP, CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP,
// ADD_MONTHS, MONTHS_BETWEEN, LAST_DAY, NEXT_DAY. (SYSDATE lives with the session
// functions.) A TIMESTAMP argument is used as a DATE (its fraction dropped) where Oracle
// returns a DATE.
#include "common/ora_error.h"
#include "sql/date_time.h"
#include "sql/function_util.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

Value Systimestamp(FunctionArgs&, ExecContext& ctx) { return Value::Timestamp(ctx.systimestamp); }

Value CurrentDate(FunctionArgs&, ExecContext& ctx) { return Value::Date(ctx.sysdate); }

int64_t ArgDate(FunctionArgs& a, size_t i) { return ToDate(a[i]); }

int64_t SecondsOfDay(const CivilTime& t) { return t.hour * 3600 + t.minute * 60 + t.second; }

// ADD_MONTHS(d, n): n truncated; the last day of a month maps to the last day of the
// result month, and a day the result month lacks becomes its last day. Time is kept.
Value AddMonths(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const CivilTime t = ToCivil(ArgDate(a, 0));
  const int64_t n = ArgInt(a, 1);
  if (n > 200000 || n < -200000) throw OraError::Make(1841);  // beyond any DATE
  const int64_t months = t.year * 12 + (t.month - 1) + n;
  CivilTime r = t;
  r.year = months >= 0 ? months / 12 : -((-months + 11) / 12);
  r.month = static_cast<int>(months - r.year * 12) + 1;
  const int last = DaysInMonth(r.year, r.month);
  if (t.day == DaysInMonth(t.year, t.month) || t.day > last) r.day = last;
  const int64_t result = FromCivil(r);
  CheckDateRange(result);
  return Value::Date(result);
}

// MONTHS_BETWEEN(d1, d2): whole months when the days of month are equal or both are last
// days; otherwise the difference in days and time counted in 31-day months.
Value MonthsBetween(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const CivilTime x = ToCivil(ArgDate(a, 0));
  const CivilTime y = ToCivil(ArgDate(a, 1));
  const int64_t whole = (x.year - y.year) * 12 + (x.month - y.month);
  const bool x_last = x.day == DaysInMonth(x.year, x.month);
  const bool y_last = y.day == DaysInMonth(y.year, y.month);
  if (x.day == y.day || (x_last && y_last)) return Value::FromInt(whole);
  const int64_t seconds = (x.day - y.day) * kSecondsPerDay + SecondsOfDay(x) - SecondsOfDay(y);
  const Number fraction =
      Number::Divide(Number::FromInt64(seconds), Number::FromInt64(31 * kSecondsPerDay));
  return Value::Num(Number::Add(Number::FromInt64(whole), fraction));
}

Value LastDay(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  CivilTime t = ToCivil(ArgDate(a, 0));
  t.day = DaysInMonth(t.year, t.month);
  return Value::Date(FromCivil(t));
}

// NEXT_DAY(d, 'day name'): the first later date on that weekday (full English name or
// its first three letters, any case); ORA-01846 otherwise. Time is kept.
Value NextDay(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  static constexpr const char* kNames[7] = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                            "THURSDAY", "FRIDAY", "SATURDAY"};
  std::string name = AsciiUpper(ArgText(a, 1));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  int target = -1;
  for (int k = 0; k < 7 && name.size() >= 3; ++k) {
    if (std::string_view(kNames[k]).substr(0, name.size()) == name) target = k;
  }
  if (target < 0) throw OraError::Make(1846);
  const int64_t d = ArgDate(a, 0);
  int ahead = (target - DayOfWeek(d) + 7) % 7;
  if (ahead == 0) ahead = 7;
  const int64_t result = d + ahead * kSecondsPerDay;
  CheckDateRange(result);
  return Value::Date(result);
}

DataType ReturnsTimestamp(const std::vector<std::unique_ptr<BoundExpr>>&) {
  return DataType::kTimestamp;
}

constexpr FunctionDef kFunctions[] = {
    {"SYSTIMESTAMP", 0, 0, ReturnsTimestamp, Systimestamp, true},
    {"CURRENT_TIMESTAMP", 0, 0, ReturnsTimestamp, Systimestamp, true},
    {"LOCALTIMESTAMP", 0, 0, ReturnsTimestamp, Systimestamp, true},
    {"CURRENT_DATE", 0, 0, ReturnsDate, CurrentDate, true},
    {"ADD_MONTHS", 2, 2, ReturnsDate, AddMonths},
    {"MONTHS_BETWEEN", 2, 2, ReturnsNumber, MonthsBetween},
    {"LAST_DAY", 1, 1, ReturnsDate, LastDay},
    {"NEXT_DAY", 2, 2, ReturnsDate, NextDay},
};

}  // namespace

std::span<const FunctionDef> DateTimeFunctions() { return kFunctions; }

}  // namespace warden::sql
