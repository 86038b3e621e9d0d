// Column types and the conversion of stored values (see column_type.h).
#include "sql/column_type.h"

#include "common/ora_error.h"
#include "sql/date_time.h"

namespace warden::sql {
namespace {

[[noreturn]] void TooLarge(std::string_view column, size_t actual, int maximum) {
  throw OraError::Make(12899, {column, std::to_string(actual), std::to_string(maximum)});
}

Number CoerceNumber(const Number& n, const ColumnType& t) {
  if (t.scale == ColumnType::kNoScale) return n;
  const Number v = n.Round(t.scale);
  if (t.precision > 0 && !v.is_zero()) {
    // |v| < 10^(p - s): its leading digit's power is below p - s.
    const int64_t leading = v.exponent() + static_cast<int64_t>(v.Digits().size()) - 1;
    if (leading >= static_cast<int64_t>(t.precision) - t.scale) throw OraError::Make(1438);
  }
  return v;
}

int64_t RoundFraction(int64_t micros, int digits) {
  if (digits >= 6 || digits < 0) return micros;
  int64_t unit = 1;
  for (int i = digits; i < 6; ++i) unit *= 10;
  return FloorDivide(micros + unit / 2, unit) * unit;
}

}  // namespace

std::string ColumnTypeName(const ColumnType& t) {
  switch (t.type) {
    case DataType::kNumber:
      if (t.precision < 0) return t.scale == 0 ? "NUMBER(38)" : "NUMBER";
      if (t.scale == 0 || t.scale == ColumnType::kNoScale) {
        return "NUMBER(" + std::to_string(t.precision) + ")";
      }
      return "NUMBER(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case DataType::kVarchar2:
      return (t.fixed_char ? "CHAR(" : "VARCHAR2(") + std::to_string(t.length < 0 ? 1 : t.length) +
             ")";
    case DataType::kDate:
      return "DATE";
    case DataType::kTimestamp:
      return "TIMESTAMP(" + std::to_string(t.length < 0 ? 6 : t.length) + ")";
    case DataType::kRaw:
      return "RAW(" + std::to_string(t.length) + ")";
  }
  return "VARCHAR2";
}

Value CoerceToColumn(const Value& v, const ColumnType& t, std::string_view qualified_column) {
  if (v.is_null()) return v;
  switch (t.type) {
    case DataType::kNumber:
      return Value::Num(CoerceNumber(ToNumber(v), t));
    case DataType::kVarchar2: {
      std::string s = ToVarchar(v);
      if (t.length >= 0 && s.size() > static_cast<size_t>(t.length)) {
        TooLarge(qualified_column, s.size(), t.length);
      }
      if (t.fixed_char && t.length > 0) s.append(static_cast<size_t>(t.length) - s.size(), ' ');
      return Value::Varchar(std::move(s));
    }
    case DataType::kDate:
      return Value::Date(ToDate(v));
    case DataType::kTimestamp:
      return Value::Timestamp(RoundFraction(ToTimestamp(v), t.length < 0 ? 6 : t.length));
    case DataType::kRaw: {
      std::string bytes = ToRaw(v);
      if (t.length >= 0 && bytes.size() > static_cast<size_t>(t.length)) {
        TooLarge(qualified_column, bytes.size(), t.length);
      }
      return Value::Raw(std::move(bytes));
    }
  }
  return v;
}

}  // namespace warden::sql
