// Value: one SQL datum, NULL or typed (NUMBER, VARCHAR2, DATE, TIMESTAMP, RAW), with
// Oracle's rules:
//  - the empty string is NULL (Value::Varchar("") is NULL);
//  - comparisons with NULL are unknown (Compare returns nullopt), see Tri below;
//  - mixed-type comparison and arithmetic convert implicitly as Oracle does: a string meets
//    a NUMBER as a number (ORA-01722 when it is not one), a DATE as a date in the default
//    format (ORA-01861 otherwise), a RAW as hex (ORA-01465 otherwise); NUMBER against
//    DATE is ORA-00932;
//  - a DATE meets a TIMESTAMP as a TIMESTAMP.
// Plain value type; any thread or process may use it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "sql/number.h"

namespace warden::sql {

// TIMESTAMP holds microseconds (Oracle's TIMESTAMP(6)); RAW holds bytes.
enum class DataType { kNumber, kVarchar2, kDate, kTimestamp, kRaw };

// Oracle's name of a type in ORA-00932 ("NUMBER", "CHAR", "DATE", "TIMESTAMP", "BINARY").
const char* DataTypeName(DataType t);

class Value {
 public:
  Value() = default;  // NULL
  static Value Null() { return Value(); }
  static Value Num(Number n);
  static Value FromInt(int64_t v);
  static Value Varchar(std::string s);  // "" becomes NULL, as in Oracle
  static Value Date(int64_t date_seconds);
  // Microseconds since 1970-01-01 00:00:00 civil time (as DATE, no time zone).
  static Value Timestamp(int64_t micros);
  // Bytes; an empty RAW is NULL, as in Oracle.
  static Value Raw(std::string bytes);

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  // REQUIRES: !is_null().
  DataType type() const;
  // REQUIRES: the value holds that type.
  const Number& number() const { return std::get<Number>(v_); }
  const std::string& str() const { return std::get<std::string>(v_); }
  int64_t date_seconds() const { return std::get<DateSeconds>(v_).seconds; }
  int64_t timestamp_micros() const { return std::get<TimestampMicros>(v_).micros; }
  const std::string& raw() const { return std::get<RawBytes>(v_).bytes; }

  // PostgreSQL text format: canonical number, the string as is, DATE as
  // 'YYYY-MM-DD HH24:MI:SS', TIMESTAMP as 'YYYY-MM-DD HH24:MI:SS.FF6', RAW as upper-case
  // hex (as Oracle prints it). REQUIRES: !is_null().
  std::string ToText() const;

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  struct DateSeconds {
    int64_t seconds;
    friend bool operator==(const DateSeconds&, const DateSeconds&) = default;
  };
  struct TimestampMicros {
    int64_t micros;
    friend bool operator==(const TimestampMicros&, const TimestampMicros&) = default;
  };
  struct RawBytes {
    std::string bytes;
    friend bool operator==(const RawBytes&, const RawBytes&) = default;
  };
  std::variant<std::monostate, Number, std::string, DateSeconds, TimestampMicros, RawBytes> v_;
};

// Three-valued logic of SQL conditions.
enum class Tri { kFalse, kTrue, kUnknown };
Tri TriAnd(Tri a, Tri b);
Tri TriOr(Tri a, Tri b);
Tri TriNot(Tri a);
inline Tri TriFromBool(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

// Implicit conversions (REQUIRE: !v.is_null()).
// To NUMBER: strings are parsed (ORA-01722); a DATE is ORA-00932.
Number ToNumber(const Value& v);
// To text: numbers as Oracle prints them (".5"), dates in the default format.
std::string ToVarchar(const Value& v);
// To DATE: strings in the default format (ORA-01861), a TIMESTAMP loses its fraction; a
// NUMBER is ORA-00932.
int64_t ToDate(const Value& v);
// To TIMESTAMP (microseconds): a DATE, or a string 'YYYY-MM-DD HH24:MI:SS[.FF]' (ORA-01861).
int64_t ToTimestamp(const Value& v);
// To RAW bytes: a string is read as hex (ORA-01465 invalid hex number); others ORA-00932.
std::string ToRaw(const Value& v);
// Converts to the given type (NULL stays NULL).
Value ConvertTo(const Value& v, DataType type);

// Oracle comparison: nullopt when either side is NULL, else <0, 0, >0. Converts a string
// to the other side's NUMBER or DATE; NUMBER against DATE raises ORA-00932.
std::optional<int> Compare(const Value& a, const Value& b);

// Total order for sorting values of one column: NULLs compare equal to each other and
// greater than everything else (Oracle's default NULLS LAST ascending).
int CompareForSort(const Value& a, const Value& b);

// Appends an encoding of v to *key such that two values encode equally exactly when they
// are the same (NULLs are equal to each other): the key of DISTINCT and GROUP BY.
void AppendGroupingKey(const Value& v, std::string* key);

}  // namespace warden::sql
