// Conversion functions: TO_CHAR, TO_NUMBER, TO_DATE. Date format models are supported
// (date_format.h); number format models are not yet (ORA-03001).
#include "common/ora_error.h"
#include "sql/date_format.h"
#include "sql/date_time.h"
#include "sql/function_util.h"

namespace warden::sql {
namespace {

Value ToChar(FunctionArgs& a, ExecContext&) {
  if (a[0].is_null()) return Value::Null();
  if (a.size() == 1) return Value::Varchar(ToVarchar(a[0]));
  if (a[1].is_null()) return Value::Null();
  switch (a[0].type()) {
    case DataType::kDate:
      return Value::Varchar(FormatDate(a[0].date_seconds(), ArgText(a, 1)));
    case DataType::kVarchar2:
      return a[0];
    case DataType::kNumber:
      break;
  }
  throw OraError::Make(3001);  // number format models: a later issue
}

Value ToNumberFn(FunctionArgs& a, ExecContext&) {
  if (AnyNull(a)) return Value::Null();
  if (a.size() > 1) throw OraError::Make(3001);
  return Value::Num(ArgNumber(a, 0));
}

Value ToDateFn(FunctionArgs& a, ExecContext& ctx) {
  if (AnyNull(a)) return Value::Null();
  if (a[0].type() == DataType::kDate && a.size() == 1) return a[0];
  if (a.size() == 1) return Value::Date(ToDate(Value::Varchar(ArgText(a, 0))));
  return Value::Date(ParseDate(ArgText(a, 0), ArgText(a, 1), ctx.sysdate));
}

constexpr FunctionDef kFunctions[] = {
    {"TO_CHAR", 1, 3, ReturnsVarchar2, ToChar},
    {"TO_NUMBER", 1, 3, ReturnsNumber, ToNumberFn},
    {"TO_DATE", 1, 3, ReturnsDate, ToDateFn},
};

}  // namespace

std::span<const FunctionDef> ConversionFunctions() { return kFunctions; }

}  // namespace warden::sql
