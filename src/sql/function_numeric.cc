// Numeric functions: ABS, BITAND, SIGN, MOD, REMAINDER, ROUND, TRUNC, FLOOR, CEIL, POWER,
// SQRT, EXP, LN, LOG. ROUND and TRUNC also take a DATE or TIMESTAMP (with an optional unit,
// default 'DD'; the result is a DATE), as in Oracle.
#include "common/ora_error.h"
#include "sql/date_format.h"
#include "sql/date_time.h"
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

// MOD(m, n) = m - n * TRUNC(m / n): the sign of m; m itself when n is 0.
Value Mod(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(Number::Mod(ArgNumber(a, 0), ArgNumber(a, 1)));
}

// REMAINDER(m, n) = m - n * N, N the integer nearest m / n, the even one when m / n is
// exactly x.5 (Oracle's rule); ORA-01476 when n is 0.
Value Remainder(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const Number m = ArgNumber(a, 0);
  const Number n = ArgNumber(a, 1);
  const Number q = Number::Divide(m, n);
  Number nearest = q.Round(0);
  const Number half = Number::Subtract(q, q.Trunc(0)).Abs();
  if (half == Number::ParseOrThrow("0.5") &&
      !Number::Mod(nearest, Number::FromInt64(2)).is_zero()) {
    nearest = q.Trunc(0);  // the tie goes to the even neighbour
  }
  return Value::Num(Number::Subtract(m, Number::Multiply(n, nearest)));
}

Value Floor(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(ArgNumber(a, 0).Floor());
}

Value Ceil(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(ArgNumber(a, 0).Ceil());
}

Value Power(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(Number::Power(ArgNumber(a, 0), ArgNumber(a, 1)));
}

Value Sqrt(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(Number::Sqrt(ArgNumber(a, 0)));
}

Value Exp(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(Number::Exp(ArgNumber(a, 0)));
}

Value Ln(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Num(Number::Ln(ArgNumber(a, 0)));
}

// LOG(base, x) = LN(x) / LN(base); exact powers come out exact after the rounding.
Value Log(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  const Number base = ArgNumber(a, 0);
  const Number x = ArgNumber(a, 1);
  if (base.sign() <= 0 || base == Number::FromInt64(1)) {
    throw OraError::Make(1428, {base.ToOracleText()});
  }
  const Number q = Number::Divide(Number::Ln(x), Number::Ln(base));
  return Value::Num(q.RoundSignificant(34));
}

// BITAND(a, b): both truncated to integers; two's complement, as Oracle's, so the
// -16777216 mask DBA scripts use to decode enqueue P1 values works.
Value Bitand(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::FromInt(ArgInt(a, 0) & ArgInt(a, 1));
}

bool IsDatetime(const Value& v) {
  return v.type() == DataType::kDate || v.type() == DataType::kTimestamp;
}

Value RoundOrTrunc(FunctionArgs& a, bool round) {
  if (AnyNull(a)) return Value::Null();
  if (IsDatetime(a[0])) {
    const std::string unit = a.size() > 1 ? ArgText(a, 1) : "DD";
    // A TIMESTAMP's fraction takes part in ROUND only through the seconds it rounds to.
    const int64_t d =
        a[0].type() == DataType::kDate
            ? a[0].date_seconds()
            : FloorDivide(a[0].timestamp_micros() + (round ? kMicrosPerSecond / 2 : 0),
                          kMicrosPerSecond);
    return Value::Date(round ? RoundDate(d, unit) : TruncDate(d, unit));
  }
  const int64_t places = a.size() > 1 ? ArgInt(a, 1) : 0;
  const Number n = ArgNumber(a, 0);
  return Value::Num(round ? n.Round(places) : n.Trunc(places));
}
Value Round(FunctionArgs& a, ExecContext&) { return RoundOrTrunc(a, true); }
Value Trunc(FunctionArgs& a, ExecContext&) { return RoundOrTrunc(a, false); }

// ROUND/TRUNC return a DATE for a DATE or TIMESTAMP, else a NUMBER.
DataType NumberOrDate(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  const bool datetime = args[0]->type == DataType::kDate || args[0]->type == DataType::kTimestamp;
  return datetime && !args[0]->is_null_constant ? DataType::kDate : DataType::kNumber;
}

constexpr FunctionDef kFunctions[] = {
    {"ABS", 1, 1, ReturnsNumber, Abs},
    {"BITAND", 2, 2, ReturnsNumber, Bitand},
    {"SIGN", 1, 1, ReturnsNumber, Sign},
    {"MOD", 2, 2, ReturnsNumber, Mod},
    {"REMAINDER", 2, 2, ReturnsNumber, Remainder},
    {"FLOOR", 1, 1, ReturnsNumber, Floor},
    {"CEIL", 1, 1, ReturnsNumber, Ceil},
    {"ROUND", 1, 2, NumberOrDate, Round},
    {"TRUNC", 1, 2, NumberOrDate, Trunc},
    {"POWER", 2, 2, ReturnsNumber, Power},
    {"SQRT", 1, 1, ReturnsNumber, Sqrt},
    {"EXP", 1, 1, ReturnsNumber, Exp},
    {"LN", 1, 1, ReturnsNumber, Ln},
    {"LOG", 2, 2, ReturnsNumber, Log},
};

}  // namespace

std::span<const FunctionDef> NumericFunctions() { return kFunctions; }

}  // namespace warden::sql
