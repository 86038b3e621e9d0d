// Stored columns' types (see column_types.h).
#include "sql/column_types.h"

#include "common/ora_error.h"

namespace warden::sql {
namespace {

void Record(const ColumnType& t, storage::NewColumn* col) {
  col->type = static_cast<uint8_t>(t.type);
  col->precision = t.precision;
  col->scale = t.scale;
  col->length = t.length;
  col->fixed_char = t.fixed_char;
}

int Length(const TypeSpec& spec, int64_t max, int64_t if_none) {
  if (spec.length == -1) {
    if (if_none < 0) OraError::ThrowAt(906, spec.position);
    return static_cast<int>(if_none);
  }
  if (spec.length < 1 || spec.length > max) OraError::ThrowAt(910, spec.position);
  return static_cast<int>(spec.length);
}

}  // namespace

void ResolveColumnType(const TypeSpec& spec, storage::NewColumn* col) {
  const std::string& n = spec.name;
  if (n == "NUMBER" || n == "NUMERIC" || n == "DECIMAL" || n == "DEC") {
    if (spec.precision != -1 && (spec.precision < 1 || spec.precision > 38)) {
      OraError::ThrowAt(1727, spec.position);
    }
    if (spec.scale != -1 && (spec.scale < -84 || spec.scale > 127)) OraError::ThrowAt(1728, spec.position);
    Record(ColumnType::Number(static_cast<int>(spec.precision),
                              spec.scale == -1 ? ColumnType::kNoScale : static_cast<int>(spec.scale)),
           col);
  } else if (n == "INTEGER" || n == "INT" || n == "SMALLINT") {
    Record(ColumnType::Number(-1, 0), col);
  } else if (n == "FLOAT" || n == "REAL" || n == "DOUBLE PRECISION") {
    Record(ColumnType::Number(), col);  // exact decimal: never binary floating point
  } else if (n == "VARCHAR2" || n == "VARCHAR" || n == "NVARCHAR2") {
    Record(ColumnType::Varchar2(Length(spec, 32767, -1)), col);
  } else if (n == "CHAR" || n == "NCHAR" || n == "CHARACTER") {
    Record(ColumnType::Char(Length(spec, 2000, 1)), col);
  } else if (n == "DATE") {
    Record(ColumnType::Date(), col);
  } else if (n == "TIMESTAMP") {
    if (spec.precision != -1 && spec.precision > 9) OraError::ThrowAt(30088, spec.position);
    Record(ColumnType::Timestamp(spec.precision == -1 ? 6 : static_cast<int>(spec.precision)), col);
  } else if (n == "RAW") {
    Record(ColumnType::Raw(Length(spec, 32767, -1)), col);
  } else {
    OraError::ThrowAt(902, spec.position);
  }
}

ColumnType ColumnTypeOf(const storage::ColumnMeta& col) {
  ColumnType t;
  t.type = static_cast<DataType>(col.type);
  t.precision = col.precision;
  t.scale = col.scale;
  t.length = col.length;
  t.fixed_char = col.fixed_char != 0;
  return t;
}

std::string QualifiedColumnName(const storage::TableMeta& t, const storage::ColumnMeta& col) {
  return std::string("\"") + t.owner + "\".\"" + t.name + "\".\"" + col.name + "\"";
}

}  // namespace warden::sql
