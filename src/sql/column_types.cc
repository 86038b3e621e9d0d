// Column types of stored tables (see column_types.h).
#include "sql/column_types.h"

#include "common/ora_error.h"

namespace warden::sql {
namespace {

[[noreturn]] void Fail(int code, int position) {
  OraError e = OraError::Make(code);
  e.set_position(position);
  throw e;
}

}  // namespace

void ResolveColumnType(const TypeSpec& spec, storage::NewColumn* col) {
  const std::string& n = spec.name;
  if (n == "NUMBER" || n == "NUMERIC" || n == "DECIMAL" || n == "DEC") {
    col->type = uint8_t(ColumnKind::kNumber);
    if (spec.precision != -1 && (spec.precision < 1 || spec.precision > 38)) {
      Fail(1727, spec.position);
    }
    if (spec.scale != -1 && (spec.scale < -84 || spec.scale > 127)) Fail(1728, spec.position);
    col->precision = static_cast<int32_t>(spec.precision);
    col->scale = spec.precision != -1 && spec.scale == -1 ? 0 : static_cast<int32_t>(spec.scale);
    if (spec.precision == -1) col->scale = -1;
  } else if (n == "INTEGER" || n == "INT" || n == "SMALLINT") {
    col->type = uint8_t(ColumnKind::kNumber);
    col->precision = -1;
    col->scale = 0;
  } else if (n == "FLOAT" || n == "REAL" || n == "DOUBLE PRECISION") {
    col->type = uint8_t(ColumnKind::kNumber);  // exact decimal: never binary floating point
  } else if (n == "VARCHAR2" || n == "VARCHAR" || n == "NVARCHAR2") {
    col->type = uint8_t(ColumnKind::kVarchar2);
    if (spec.length == -1) Fail(906, spec.position);
    if (spec.length < 1 || spec.length > 32767) Fail(910, spec.position);
    col->length = static_cast<int32_t>(spec.length);
  } else if (n == "CHAR" || n == "NCHAR" || n == "CHARACTER") {
    col->type = uint8_t(ColumnKind::kChar);
    col->length = spec.length == -1 ? 1 : static_cast<int32_t>(spec.length);
    if (col->length < 1 || col->length > 2000) Fail(910, spec.position);
  } else if (n == "DATE") {
    col->type = uint8_t(ColumnKind::kDate);
  } else {
    Fail(902, spec.position);
  }
}

DataType ColumnDataType(const storage::ColumnMeta& col) {
  switch (ColumnKind(col.type)) {
    case ColumnKind::kNumber:
      return DataType::kNumber;
    case ColumnKind::kVarchar2:
    case ColumnKind::kChar:
      return DataType::kVarchar2;
    case ColumnKind::kDate:
      return DataType::kDate;
  }
  return DataType::kVarchar2;
}

std::string ColumnTypeName(const storage::ColumnMeta& col) {
  switch (ColumnKind(col.type)) {
    case ColumnKind::kNumber:
      return "NUMBER";
    case ColumnKind::kVarchar2:
      return "VARCHAR2";
    case ColumnKind::kChar:
      return "CHAR";
    case ColumnKind::kDate:
      return "DATE";
  }
  return "UNKNOWN";
}

std::string QualifiedColumnName(const storage::TableMeta& t, const storage::ColumnMeta& col) {
  return std::string("\"") + t.owner + "\".\"" + t.name + "\".\"" + col.name + "\"";
}

Value CoerceToColumn(const Value& v, const storage::ColumnMeta& col, const std::string& qualified) {
  if (v.is_null()) return v;
  switch (ColumnKind(col.type)) {
    case ColumnKind::kNumber: {
      Number n = ToNumber(v);
      if (col.scale != -1) n = n.Round(col.scale);
      if (col.precision != -1) {
        // |n| must be below 10^(precision - scale).
        Number limit;
        Number::Parse("1e" + std::to_string(col.precision - (col.scale == -1 ? 0 : col.scale)),
                      &limit);
        if (Number::Compare(n.Abs(), limit) >= 0) throw OraError::Make(1438, {});
      }
      return Value::Num(n);
    }
    case ColumnKind::kVarchar2:
    case ColumnKind::kChar: {
      std::string s = ToVarchar(v);
      if (ColumnKind(col.type) == ColumnKind::kChar && s.size() < size_t(col.length)) {
        s.append(col.length - s.size(), ' ');  // CHAR is blank-padded
      }
      if (s.size() > size_t(col.length)) {
        throw OraError::Make(12899, {qualified, std::to_string(s.size()),
                                     std::to_string(col.length)});
      }
      return Value::Varchar(std::move(s));
    }
    case ColumnKind::kDate:
      return Value::Date(ToDate(v));
  }
  return v;
}

}  // namespace warden::sql
