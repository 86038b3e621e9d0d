// Numeric functions: ABS, BITAND, SIGN, MOD, ROUND, TRUNC, FLOOR, CEIL. ROUND and TRUNC also take
// a DATE (with an optional unit, default 'DD'), as in Oracle.
#include "sql/date_format.h"
#include "sql/function_util.h"

namespace warden::sql {
namespace {

Value Abs(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(ArgNumber(a, 0).Abs());
}

Value Sign(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::FromInt(ArgNumber(a, 0).sign());
}

Value Mod(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(Number::Mod(ArgNumber(a, 0), ArgNumber(a, 1)));
}

Value Floor(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(ArgNumber(a, 0).Floor());
}

Value Ceil(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(ArgNumber(a, 0).Ceil());
}

// BITAND(a, b): both truncated to integers; two's complement, as Oracle's, so the
// -16777216 mask DBA scripts use to decode enqueue P1 values works.
Value Bitand(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::FromInt(ArgInt(a, 0) & ArgInt(a, 1));
}

Value RoundOrTrunc(FunctionArgs& a, bool round) {
  if (AnyNull(a)) return Value::Null();
  if (a[0].type() == DataType::kDate) {
    const std::string unit = a.size() > 1 ? ArgText(a, 1) : "DD";
    const int64_t d = a[0].date_seconds();
    return Value::Date(round ? RoundDate(d, unit) : TruncDate(d, unit));
  }
  const int64_t places = a.size() > 1 ? ArgInt(a, 1) : 0;
  const Number n = ArgNumber(a, 0);
  return Value::Num(round ? n.Round(places) : n.Trunc(places));
}
Value Round(FunctionArgs& a, ExecContext&) { return RoundOrTrunc(a, true); }
Value Trunc(FunctionArgs& a, ExecContext&) { return RoundOrTrunc(a, false); }

// ROUND/TRUNC return a DATE for a DATE, else a NUMBER.
DataType NumberOrDate(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  return args[0]->type == DataType::kDate && !args[0]->is_null_constant ? DataType::kDate
                                                                        : DataType::kNumber;
}

constexpr FunctionDef kFunctions[] = {
    {"ABS", 1, 1, ReturnsNumber, Abs},     {"BITAND", 2, 2, ReturnsNumber, Bitand},
    {"SIGN", 1, 1, ReturnsNumber, Sign},   {"MOD", 2, 2, ReturnsNumber, Mod},
    {"FLOOR", 1, 1, ReturnsNumber, Floor}, {"CEIL", 1, 1, ReturnsNumber, Ceil},
    {"ROUND", 1, 2, NumberOrDate, Round},  {"TRUNC", 1, 2, NumberOrDate, Trunc},
};

}  // namespace

std::span<const FunctionDef> NumericFunctions() { return kFunctions; }

}  // namespace warden::sql
