// ColumnType: a table column's declared type (NUMBER(p,s), VARCHAR2(n), CHAR(n), DATE,
// TIMESTAMP(n), RAW(n)), and CoerceToColumn, which turns a value being stored (INSERT,
// UPDATE) into that type with Oracle's checks. Plain value type; any process may use it.
#pragma once

#include <climits>
#include <string>
#include <string_view>

#include "sql/value.h"

namespace warden::sql {

struct ColumnType {
  // A NUMBER without a scale keeps every digit it has (NUMBER, NUMBER(*)).
  static constexpr int kNoScale = INT_MIN;

  DataType type = DataType::kVarchar2;
  // NUMBER(p, s): p 1..38 or -1 (none, as NUMBER and INTEGER); s -84..127 or kNoScale.
  // NUMBER(p) is scale 0; INTEGER is precision -1, scale 0.
  int precision = -1;
  int scale = kNoScale;
  // VARCHAR2(n), CHAR(n), RAW(n): the maximum length in bytes (Oracle's default BYTE
  // semantics); -1 when none was given. TIMESTAMP(n): the fractional digits, 0..9
  // (default 6).
  int length = -1;
  // CHAR(n): blank-padded to n bytes. Only with type kVarchar2.
  bool fixed_char = false;

  // NUMBER(p) is NUMBER(p, 0): a precision without a scale means scale 0.
  static ColumnType Number(int precision = -1, int scale = kNoScale) {
    if (precision >= 0 && scale == kNoScale) scale = 0;
    return {DataType::kNumber, precision, scale, -1, false};
  }
  static ColumnType Varchar2(int length) {
    return {DataType::kVarchar2, -1, kNoScale, length, false};
  }
  static ColumnType Char(int length) { return {DataType::kVarchar2, -1, kNoScale, length, true}; }
  static ColumnType Date() { return {DataType::kDate, -1, kNoScale, -1, false}; }
  static ColumnType Timestamp(int fraction_digits = 6) {
    return {DataType::kTimestamp, -1, kNoScale, fraction_digits, false};
  }
  static ColumnType Raw(int length) { return {DataType::kRaw, -1, kNoScale, length, false}; }
};

// The type as Oracle's dictionary and DESCRIBE show it: "NUMBER", "NUMBER(10,2)",
// "NUMBER(5)", "VARCHAR2(30)", "CHAR(1)", "DATE", "TIMESTAMP(6)", "RAW(16)". INTEGER shows
// as "NUMBER(38)" (USER_TAB_COLUMNS: DATA_PRECISION NULL, DATA_SCALE 0).
std::string ColumnTypeName(const ColumnType& t);

// Converts v (NULL stays NULL) to the column's type as an INSERT or UPDATE stores it:
//  - NUMBER: strings are parsed (ORA-01722), DATE/TIMESTAMP/RAW are ORA-00932; NUMBER(p,s)
//    rounds to s places, then a value of 10^(p-s) or more in magnitude is ORA-01438;
//  - VARCHAR2(n)/CHAR(n): any value as its text; more than n bytes is ORA-12899 naming
//    `qualified_column` (the caller passes it as Oracle prints it: "SCOTT"."T"."C");
//    CHAR pads with blanks to n;
//  - DATE: strings in the default format (ORA-01861), a TIMESTAMP loses its fraction;
//  - TIMESTAMP(n): DATE or string, the fraction rounded to n digits;
//  - RAW(n): strings read as hex (ORA-01465); more than n bytes is ORA-12899.
Value CoerceToColumn(const Value& v, const ColumnType& t, std::string_view qualified_column);

}  // namespace warden::sql
