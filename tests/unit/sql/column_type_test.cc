// ColumnType and CoerceToColumn: the conversions and checks of a value stored into a typed
// column (NUMBER(p,s) rounding and ORA-01438, VARCHAR2/CHAR/RAW lengths and ORA-12899,
// DATE/TIMESTAMP conversions), and the type names the dictionary shows.
#include "sql/column_type.h"

#include <gtest/gtest.h>

#include <functional>

#include "common/ora_error.h"
#include "sql/date_time.h"

namespace warden::sql {
namespace {

constexpr const char* kColumn = "\"SCOTT\".\"T\".\"C\"";

std::string Stored(const Value& v, const ColumnType& t) {
  const Value out = CoerceToColumn(v, t, kColumn);
  return out.is_null() ? "<null>" : out.ToText();
}

Value N(const char* text) { return Value::Num(Number::ParseOrThrow(text)); }

// The error a call raises: "ORA-nnnnn: message", or "" when none.
std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const OraError& e) {
    return e.what();
  }
  return "";
}

TEST(ColumnTypeTest, NumberPrecisionAndScale) {
  EXPECT_EQ(Stored(N("123.456"), ColumnType::Number(5, 2)), "123.46");
  EXPECT_EQ(Stored(N("-123.455"), ColumnType::Number(5, 2)), "-123.46");
  EXPECT_EQ(Stored(N("999.994"), ColumnType::Number(5, 2)), "999.99");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(N("999.995"), ColumnType::Number(5, 2), kColumn);
            }).find("ORA-01438"),
            std::string::npos);
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(N("1000"), ColumnType::Number(5, 2), kColumn);
            }).find("ORA-01438"),
            std::string::npos);
  EXPECT_EQ(Stored(N("12345.6"), ColumnType::Number(5, 0)), "12346");
  EXPECT_EQ(Stored(N("12345.4"), ColumnType::Number(5)), "12345");
  // Negative scale rounds left of the point; precision counts from there.
  EXPECT_EQ(Stored(N("1234567"), ColumnType::Number(5, -2)), "1234600");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(N("12345678"), ColumnType::Number(5, -2), kColumn);
            }).find("ORA-01438"),
            std::string::npos);
  // Scale above precision: only small fractions fit.
  EXPECT_EQ(Stored(N("0.00123"), ColumnType::Number(2, 4)), "0.0012");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(N("0.01"), ColumnType::Number(2, 4), kColumn);
            }).find("ORA-01438"),
            std::string::npos);
  // NUMBER keeps everything; INTEGER (precision none, scale 0) rounds to an integer.
  EXPECT_EQ(Stored(N("1.23456789"), ColumnType::Number()), "1.23456789");
  EXPECT_EQ(Stored(N("2.5"), ColumnType::Number(-1, 0)), "3");
  // Strings convert; others do not.
  EXPECT_EQ(Stored(Value::Varchar(" 42 "), ColumnType::Number(3)), "42");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Varchar("4x"), ColumnType::Number(), kColumn);
            }).find("ORA-01722"),
            std::string::npos);
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Date(0), ColumnType::Number(), kColumn);
            }).find("ORA-00932: inconsistent datatypes: expected NUMBER got DATE"),
            std::string::npos);
  EXPECT_EQ(Stored(Value::Null(), ColumnType::Number(1)), "<null>");
}

TEST(ColumnTypeTest, CharacterLengths) {
  EXPECT_EQ(Stored(Value::Varchar("abc"), ColumnType::Varchar2(3)), "abc");
  EXPECT_EQ(
      ErrorOf([] { CoerceToColumn(Value::Varchar("abcd"), ColumnType::Varchar2(3), kColumn); }),
      "ORA-12899: value too large for column \"SCOTT\".\"T\".\"C\" (actual: 4, maximum: 3)");
  // Lengths are bytes: 'é' is two.
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Varchar("éé"), ColumnType::Varchar2(3), kColumn);
            }).find("(actual: 4, maximum: 3)"),
            std::string::npos);
  EXPECT_EQ(Stored(N("12.5"), ColumnType::Varchar2(10)), "12.5");
  EXPECT_EQ(Stored(N("0.5"), ColumnType::Varchar2(10)), ".5");
  EXPECT_EQ(Stored(Value::Varchar("ab"), ColumnType::Char(4)), "ab  ");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Varchar("abcde"), ColumnType::Char(4), kColumn);
            }).find("ORA-12899"),
            std::string::npos);
  EXPECT_EQ(Stored(Value::Varchar(""), ColumnType::Char(4)), "<null>");
}

TEST(ColumnTypeTest, DatesTimestampsRaw) {
  EXPECT_EQ(Stored(Value::Varchar("2024-03-05 10:11:12"), ColumnType::Date()),
            "2024-03-05 10:11:12");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Varchar("05.03.2024"), ColumnType::Date(), kColumn);
            }).find("ORA-01861"),
            std::string::npos);
  int64_t ts = 0;
  ASSERT_TRUE(ParseDefaultTimestamp("2024-03-05 10:11:12.987654", &ts));
  EXPECT_EQ(Stored(Value::Timestamp(ts), ColumnType::Date()), "2024-03-05 10:11:12");
  EXPECT_EQ(Stored(Value::Timestamp(ts), ColumnType::Timestamp()), "2024-03-05 10:11:12.987654");
  EXPECT_EQ(Stored(Value::Timestamp(ts), ColumnType::Timestamp(3)), "2024-03-05 10:11:12.988000");
  EXPECT_EQ(Stored(Value::Timestamp(ts), ColumnType::Timestamp(0)), "2024-03-05 10:11:13.000000");
  EXPECT_EQ(Stored(Value::Varchar("2024-03-05"), ColumnType::Timestamp()),
            "2024-03-05 00:00:00.000000");
  EXPECT_EQ(Stored(Value::Varchar("0aff"), ColumnType::Raw(2)), "0AFF");
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Varchar("0aff00"), ColumnType::Raw(2), kColumn);
            }).find("(actual: 3, maximum: 2)"),
            std::string::npos);
  EXPECT_NE(ErrorOf([] {
              CoerceToColumn(Value::Varchar("xy"), ColumnType::Raw(2), kColumn);
            }).find("ORA-01465"),
            std::string::npos);
}

TEST(ColumnTypeTest, Names) {
  EXPECT_EQ(ColumnTypeName(ColumnType::Number()), "NUMBER");
  EXPECT_EQ(ColumnTypeName(ColumnType::Number(10, 2)), "NUMBER(10,2)");
  EXPECT_EQ(ColumnTypeName(ColumnType::Number(5)), "NUMBER(5)");
  EXPECT_EQ(ColumnTypeName(ColumnType::Number(-1, 0)), "NUMBER(38)");
  EXPECT_EQ(ColumnTypeName(ColumnType::Varchar2(30)), "VARCHAR2(30)");
  EXPECT_EQ(ColumnTypeName(ColumnType::Char(1)), "CHAR(1)");
  EXPECT_EQ(ColumnTypeName(ColumnType::Date()), "DATE");
  EXPECT_EQ(ColumnTypeName(ColumnType::Timestamp()), "TIMESTAMP(6)");
  EXPECT_EQ(ColumnTypeName(ColumnType::Raw(16)), "RAW(16)");
}

TEST(ValueTypesTest, TimestampAndRawCompareAndGroup) {
  int64_t ts = 0;
  ASSERT_TRUE(ParseDefaultTimestamp("2024-03-05 00:00:00.000001", &ts));
  int64_t day = 0;
  ASSERT_TRUE(ParseDefaultDate("2024-03-05", &day));
  // A DATE meets a TIMESTAMP as a TIMESTAMP.
  EXPECT_EQ(Compare(Value::Timestamp(ts), Value::Date(day)), 1);
  EXPECT_EQ(Compare(Value::Date(day), Value::Timestamp(day * kMicrosPerSecond)), 0);
  // RAW compares bytes unsigned; a string meets it as hex.
  EXPECT_EQ(Compare(Value::Raw("\x7f"), Value::Raw("\x80")), -1);
  EXPECT_EQ(Compare(Value::Raw("\x0a"), Value::Varchar("0A")), 0);
  EXPECT_EQ(Value::Raw("").is_null(), true);
  EXPECT_EQ(Value::Raw(std::string("\0\xff", 2)).ToText(), "00FF");
  std::string k1;
  std::string k2;
  AppendGroupingKey(Value::Raw("ab"), &k1);
  AppendGroupingKey(Value::Varchar("ab"), &k2);
  EXPECT_NE(k1, k2);
  EXPECT_THROW(ToNumber(Value::Raw("a")), OraError);
}

}  // namespace
}  // namespace warden::sql
