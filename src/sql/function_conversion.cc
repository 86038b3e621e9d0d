// Conversion functions: TO_CHAR, TO_NUMBER, TO_DATE, TO_TIMESTAMP, RAWTOHEX, HEXTORAW.
// Date and timestamp format models: date_format.h; number format models: number_format.h.
// The optional NLS parameter argument (third) is accepted and ignored: only the session's
// AMERICAN defaults exist.
#include "common/ora_error.h"
#include "sql/date_format.h"
#include "sql/date_time.h"
#include "sql/function_util.h"
#include "sql/number_format.h"
#include "sql/raw.h"

namespace warden::sql {
namespace {

// TO_CHAR(x [, fmt]): a DATE or TIMESTAMP by a date model, a NUMBER (or a string, converted
// to a NUMBER first, as Oracle) by a number model.
Value ToChar(FunctionArgs& a, ExecContext&) {
  if (a[0].is_null()) return Value::Null();
  if (a.size() == 1) return Value::Varchar(ToVarchar(a[0]));
  if (a[1].is_null()) return Value::Null();
  const std::string format = ArgText(a, 1);
  switch (a[0].type()) {
    case DataType::kDate:
      return Value::Varchar(FormatDate(a[0].date_seconds(), format));
    case DataType::kTimestamp:
      return Value::Varchar(FormatTimestamp(a[0].timestamp_micros(), format));
    case DataType::kNumber:
    case DataType::kVarchar2:
      return Value::Varchar(FormatNumber(ArgNumber(a, 0), format));
    case DataType::kRaw:
      break;
  }
  throw OraError::Make(932, {"NUMBER", DataTypeName(a[0].type())});
}

Value ToNumberFn(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  if (a.size() == 1 || a[0].type() == DataType::kNumber) return Value::Num(ArgNumber(a, 0));
  return Value::Num(ParseNumber(ArgText(a, 0), ArgText(a, 1)));
}

Value ToDateFn(FunctionArgs& a, ExecContext& ctx) {
  if (AnyNull(a)) return Value::Null();
  if (a.size() == 1) return Value::Date(ToDate(a[0]));
  if (a[0].type() == DataType::kNumber) throw OraError::Make(932, {"CHAR", "NUMBER"});
  return Value::Date(ParseDate(ArgText(a, 0), ArgText(a, 1), ctx.sysdate));
}

Value ToTimestampFn(FunctionArgs& a, ExecContext& ctx) {
  if (AnyNull(a)) return Value::Null();
  if (a.size() == 1) return Value::Timestamp(ToTimestamp(a[0]));
  return Value::Timestamp(ParseTimestamp(ArgText(a, 0), ArgText(a, 1), ctx.sysdate));
}

// RAWTOHEX(raw): a string argument is read as hex first (Oracle's implicit conversion),
// so RAWTOHEX('ab') is 'AB'.
Value RawToHex(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Varchar(HexOf(ToRaw(a[0])));
}

Value HexToRaw(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  if (a[0].type() == DataType::kRaw) return a[0];
  return Value::Raw(BytesOfHex(ArgText(a, 0)));
}

DataType ReturnsTimestamp(const std::vector<std::unique_ptr<BoundExpr>>&) {
  return DataType::kTimestamp;
}
DataType ReturnsRaw(const std::vector<std::unique_ptr<BoundExpr>>&) { return DataType::kRaw; }

constexpr FunctionDef kFunctions[] = {
    {"TO_CHAR", 1, 3, ReturnsVarchar2, ToChar},
    {"TO_NUMBER", 1, 3, ReturnsNumber, ToNumberFn},
    {"TO_DATE", 1, 3, ReturnsDate, ToDateFn},
    {"TO_TIMESTAMP", 1, 3, ReturnsTimestamp, ToTimestampFn},
    {"RAWTOHEX", 1, 1, ReturnsVarchar2, RawToHex},
    {"HEXTORAW", 1, 1, ReturnsRaw, HexToRaw},
};

}  // namespace

std::span<const FunctionDef> ConversionFunctions() { return kFunctions; }

}  // namespace warden::sql
