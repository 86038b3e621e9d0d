// The SQL function registry, exercised through ExecuteStatement on DUAL: each function's
// Oracle semantics, NULL handling, argument errors, session functions, date formats.
#include "sql/functions.h"

#include <gtest/gtest.h>

#include "common/ora_error.h"
#include "sql/date_format.h"
#include "sql/date_time.h"
#include "sql/executor.h"

namespace warden::sql {
namespace {

class NoTables : public Catalog {
 public:
  std::unique_ptr<Relation> Open(const std::string&, const std::string&) override {
    return nullptr;
  }
};

class FirstValueSink : public ResultSink {
 public:
  void Columns(const std::vector<ColumnDef>& cols) override { columns = cols; }
  void Row(const std::vector<Value>& row) override { rows.push_back(row); }
  std::vector<ColumnDef> columns;
  std::vector<std::vector<Value>> rows;
};

class FunctionsTest : public ::testing::Test {
 protected:
  FunctionsTest() {
    session_.username = "SYS";
    session_.sid = 42;
    session_.serial = 3;
    session_.instance_name = "warden";
  }
  // The value of `expr` selected from DUAL, as wire text ("<null>" for NULL).
  std::string Eval(const std::string& expr) {
    FirstValueSink sink;
    ExecuteStatement("select " + expr + " from dual", catalog_, session_, sink);
    EXPECT_EQ(sink.rows.size(), 1u);
    type_ = sink.columns.at(0).type;
    const Value& v = sink.rows.at(0).at(0);
    return v.is_null() ? "<null>" : v.ToText();
  }
  int CodeOf(const std::string& expr) {
    try {
      Eval(expr);
    } catch (const OraError& e) {
      return e.code();
    }
    return 0;
  }

  NoTables catalog_;
  SessionContext session_;
  DataType type_ = DataType::kVarchar2;
};

TEST_F(FunctionsTest, NullHandling) {
  EXPECT_EQ(Eval("nvl(null, 5)"), "5");
  EXPECT_EQ(type_, DataType::kNumber);
  EXPECT_EQ(Eval("nvl('a', 'b')"), "a");
  EXPECT_EQ(Eval("nvl2(null, 'x', 'y')"), "y");
  EXPECT_EQ(Eval("nvl2(1, 'x', 'y')"), "x");
  EXPECT_EQ(Eval("coalesce(null, null, 3, 4)"), "3");
  EXPECT_EQ(Eval("coalesce(null, null)"), "<null>");
  EXPECT_EQ(Eval("nullif(1, 1)"), "<null>");
  EXPECT_EQ(Eval("nullif(1, 2)"), "1");
  // COALESCE stops at the first non-NULL: the division is never evaluated.
  EXPECT_EQ(Eval("coalesce(1, 1/0)"), "1");
  EXPECT_EQ(CodeOf("coalesce(1)"), 909);
}

TEST_F(FunctionsTest, Decode) {
  EXPECT_EQ(Eval("decode(2, 1, 'one', 2, 'two', 'other')"), "two");
  EXPECT_EQ(Eval("decode(3, 1, 'one', 2, 'two', 'other')"), "other");
  EXPECT_EQ(Eval("decode(3, 1, 'one')"), "<null>");
  EXPECT_EQ(Eval("decode(null, null, 'null matches', 'no')"), "null matches");
  EXPECT_EQ(Eval("decode('2', 2, 'numeric')"), "numeric");
  EXPECT_EQ(Eval("decode(1, 1, 10, 'x')"), "10");
  EXPECT_EQ(type_, DataType::kNumber);
  EXPECT_EQ(Eval("decode(1, 1, 1, 1/0)"), "1");  // lazy
  EXPECT_EQ(CodeOf("decode(1, 2)"), 909);
}

TEST_F(FunctionsTest, CaseExpressions) {
  EXPECT_EQ(Eval("case when 1 = 2 then 'a' when 2 = 2 then 'b' else 'c' end"), "b");
  EXPECT_EQ(Eval("case 3 when 1 then 'a' when 3 then 'c' end"), "c");
  EXPECT_EQ(Eval("case 4 when 1 then 'a' end"), "<null>");
  EXPECT_EQ(Eval("case null when null then 'never' else 'else' end"), "else");
  EXPECT_EQ(Eval("case when null is null then null else 5 end"), "<null>");
  EXPECT_EQ(type_, DataType::kNumber);
}

TEST_F(FunctionsTest, CharacterFunctions) {
  EXPECT_EQ(Eval("upper('abC1')"), "ABC1");
  EXPECT_EQ(Eval("lower('AbC')"), "abc");
  EXPECT_EQ(Eval("initcap('hello wORLD-x')"), "Hello World-X");
  EXPECT_EQ(Eval("length('héllo')"), "5");
  EXPECT_EQ(Eval("length(0.5)"), "2");  // TO_CHAR(0.5) is '.5'
  EXPECT_EQ(Eval("length('')"), "<null>");
  EXPECT_EQ(Eval("substr('abcdef', 2, 3)"), "bcd");
  EXPECT_EQ(Eval("substr('abcdef', 0, 2)"), "ab");
  EXPECT_EQ(Eval("substr('abcdef', -2)"), "ef");
  EXPECT_EQ(Eval("substr('abcdef', 7)"), "<null>");
  EXPECT_EQ(Eval("substr('abcdef', 2, 0)"), "<null>");
  EXPECT_EQ(Eval("substr('héllo', 2, 2)"), "él");
  EXPECT_EQ(Eval("instr('banana', 'an')"), "2");
  EXPECT_EQ(Eval("instr('banana', 'an', 1, 2)"), "4");
  EXPECT_EQ(Eval("instr('banana', 'ana', 1, 2)"), "4");  // occurrences may overlap
  EXPECT_EQ(Eval("instr('banana', 'an', -1)"), "4");
  EXPECT_EQ(Eval("instr('banana', 'x')"), "0");
  EXPECT_EQ(CodeOf("instr('banana', 'a', 1, 0)"), 1428);
  EXPECT_EQ(Eval("ltrim('  xx  ')"), "xx  ");
  EXPECT_EQ(Eval("rtrim('xxyyx', 'x')"), "xxyy");
  EXPECT_EQ(Eval("ltrim('abcab', 'ba')"), "cab");
  EXPECT_EQ(Eval("trim('  x  ')"), "x");
  EXPECT_EQ(Eval("trim(leading '0' from '0012300')"), "12300");
  EXPECT_EQ(Eval("trim(trailing '0' from '0012300')"), "00123");
  EXPECT_EQ(Eval("trim(both 'x' from 'xxaxx')"), "a");
  EXPECT_EQ(Eval("trim('x' from 'xxaxx')"), "a");
  EXPECT_EQ(Eval("trim('   ')"), "<null>");
  EXPECT_EQ(CodeOf("trim('xy' from 'xxaxx')"), 30001);
  EXPECT_EQ(Eval("lpad('7', 3, '0')"), "007");
  EXPECT_EQ(Eval("lpad('abc', 5)"), "  abc");
  EXPECT_EQ(Eval("lpad('abcdef', 3)"), "abc");
  EXPECT_EQ(Eval("rpad('ab', 6, 'xy')"), "abxyxy");
  EXPECT_EQ(Eval("rpad('ab', 0)"), "<null>");
  EXPECT_EQ(Eval("replace('banana', 'an', 'AN')"), "bANANa");
  EXPECT_EQ(Eval("replace('banana', 'an')"), "ba");
  EXPECT_EQ(Eval("replace('banana', null, 'x')"), "banana");
  EXPECT_EQ(Eval("concat('a', null)"), "a");
  EXPECT_EQ(Eval("concat(null, null)"), "<null>");
  EXPECT_EQ(CodeOf("upper('a', 'b')"), 909);
}

TEST_F(FunctionsTest, NumericFunctions) {
  EXPECT_EQ(Eval("abs(-2.5)"), "2.5");
  EXPECT_EQ(Eval("sign(-3)"), "-1");
  EXPECT_EQ(Eval("sign(0)"), "0");
  EXPECT_EQ(Eval("mod(11, 4)"), "3");
  EXPECT_EQ(Eval("mod(-11, 4)"), "-3");
  EXPECT_EQ(Eval("mod(11, 0)"), "11");
  EXPECT_EQ(Eval("round(2.5)"), "3");
  EXPECT_EQ(Eval("round(-2.5)"), "-3");
  EXPECT_EQ(Eval("round(1234.5678, 2)"), "1234.57");
  EXPECT_EQ(Eval("round(1234.5678, -2)"), "1200");
  EXPECT_EQ(Eval("trunc(1234.5678, 2)"), "1234.56");
  EXPECT_EQ(Eval("trunc(-1.9)"), "-1");
  EXPECT_EQ(Eval("floor(-1.1)"), "-2");
  EXPECT_EQ(Eval("ceil(1.1)"), "2");
  EXPECT_EQ(Eval("round(null)"), "<null>");
  EXPECT_EQ(Eval("greatest(1, 3, 2)"), "3");
  EXPECT_EQ(Eval("least('b', 'a', 'c')"), "a");
  EXPECT_EQ(Eval("greatest(1, null)"), "<null>");
  EXPECT_EQ(CodeOf("abs('x')"), 1722);
}

TEST_F(FunctionsTest, ConversionFunctions) {
  EXPECT_EQ(Eval("to_char(0.5)"), ".5");
  EXPECT_EQ(Eval("to_char(-12.50)"), "-12.5");
  EXPECT_EQ(Eval("to_char(date '2024-03-05')"), "2024-03-05 00:00:00");
  EXPECT_EQ(Eval("to_char(date '2024-03-05', 'DD-MON-YYYY')"), "05-MAR-2024");
  EXPECT_EQ(Eval("to_char(date '2024-03-05', 'fmDay, Month DD')"), "Tuesday, March 5");
  EXPECT_EQ(Eval("to_number('  12.50 ')"), "12.5");
  EXPECT_EQ(type_, DataType::kNumber);
  EXPECT_EQ(CodeOf("to_number('12x')"), 1722);
  EXPECT_EQ(Eval("to_date('2024-02-29 13:14:15')"), "2024-02-29 13:14:15");
  EXPECT_EQ(Eval("to_date('05/03/2024 1:02 PM', 'DD/MM/YYYY HH:MI AM')"), "2024-03-05 13:02:00");
  EXPECT_EQ(CodeOf("to_date('2023-02-30', 'YYYY-MM-DD')"), 1839);
  EXPECT_EQ(CodeOf("to_date('2023-13-01', 'YYYY-MM-DD')"), 1843);
  EXPECT_EQ(CodeOf("to_date('2023-01-01 99', 'YYYY-MM-DD')"), 1830);
  EXPECT_EQ(CodeOf("to_date('2023', 'YYYY-MM-DD')"), 1840);
  EXPECT_EQ(CodeOf("to_char(sysdate, 'QQQZ')"), 1821);
  EXPECT_EQ(CodeOf("to_date('nonsense')"), 1861);
}

TEST_F(FunctionsTest, DateTruncRound) {
  EXPECT_EQ(Eval("trunc(to_date('2024-03-05 13:14:15'))"), "2024-03-05 00:00:00");
  EXPECT_EQ(type_, DataType::kDate);
  EXPECT_EQ(Eval("trunc(to_date('2024-03-05 13:14:15'), 'MM')"), "2024-03-01 00:00:00");
  EXPECT_EQ(Eval("trunc(to_date('2024-03-05 13:14:15'), 'YYYY')"), "2024-01-01 00:00:00");
  EXPECT_EQ(Eval("trunc(to_date('2024-03-05 13:14:15'), 'HH24')"), "2024-03-05 13:00:00");
  EXPECT_EQ(Eval("trunc(to_date('2024-03-07 13:14:15'), 'IW')"), "2024-03-04 00:00:00");
  EXPECT_EQ(Eval("round(to_date('2024-03-05 12:00:00'))"), "2024-03-06 00:00:00");
  EXPECT_EQ(Eval("round(to_date('2024-03-16 00:00:00'), 'MM')"), "2024-04-01 00:00:00");
  EXPECT_EQ(Eval("round(to_date('2024-06-30 00:00:00'), 'YYYY')"), "2024-01-01 00:00:00");
}

TEST_F(FunctionsTest, SessionFunctions) {
  EXPECT_EQ(Eval("user"), "SYS");
  EXPECT_EQ(Eval("userenv('SID')"), "42");
  EXPECT_EQ(type_, DataType::kNumber);
  EXPECT_EQ(Eval("userenv('sessionid')"), "42");
  EXPECT_EQ(Eval("userenv('ISDBA')"), "TRUE");
  EXPECT_EQ(CodeOf("userenv('NOPE')"), 2003);
  EXPECT_EQ(Eval("sys_context('USERENV', 'SID')"), "42");
  EXPECT_EQ(type_, DataType::kVarchar2);
  EXPECT_EQ(Eval("sys_context('userenv', 'session_user')"), "SYS");
  EXPECT_EQ(Eval("sys_context('USERENV', 'CURRENT_SCHEMA')"), "SYS");
  EXPECT_EQ(Eval("sys_context('USERENV', 'INSTANCE_NAME')"), "warden");
  EXPECT_EQ(Eval("sys_context('MY_CTX', 'X')"), "<null>");
  EXPECT_EQ(CodeOf("sys_context('USERENV', 'NOPE')"), 2003);
  // SYSDATE: a DATE, equal throughout the statement, close to now.
  EXPECT_EQ(Eval("sysdate - sysdate"), "0");
  EXPECT_EQ(
      Eval("case when abs(sysdate - to_date('" +
           FormatDefaultDate(LocalCivilSeconds(time(nullptr))) + "')) < 1/1440 then 'now' end"),
      "now");
}

TEST_F(FunctionsTest, NumberFormatModels) {
  EXPECT_EQ(Eval("to_char(1234.5, '9,999.99')"), " 1,234.50");
  EXPECT_EQ(Eval("to_char(-0.2, '99.99')"), "  -.20");
  EXPECT_EQ(Eval("to_char(0, '90.99')"), "  0.00");
  EXPECT_EQ(Eval("to_char(1, 'FM999.99')"), "1.");
  EXPECT_EQ(Eval("to_char(123, 'FM999.009')"), "123.00");
  EXPECT_EQ(Eval("to_char(1234, '999')"), "####");
  EXPECT_EQ(Eval("to_char(-12, '999PR')"), " <12>");
  EXPECT_EQ(Eval("to_char(123.456, '9.9EEEE')"), " 1.2E+02");
  EXPECT_EQ(Eval("to_char(255, 'XXXXXXXX')"), "       FF");
  EXPECT_EQ(Eval("to_char(255, '0XXX')"), "00FF");
  EXPECT_EQ(Eval("to_char(1415053318, 'fmxxxxxxxx')"), "54580006");
  EXPECT_EQ(Eval("to_char(256, 'XX')"), "###");
  EXPECT_EQ(CodeOf("to_char(255, '9X')"), 1481);
  EXPECT_EQ(Eval("to_number('1,234.50', '9,999.99')"), "1234.5");
  EXPECT_EQ(Eval("to_number('ff', 'XX')"), "255");
  EXPECT_EQ(CodeOf("to_number('123', '99')"), 1722);
  // FM with B on zero leaves nothing: the empty string, which is NULL.
  EXPECT_EQ(Eval("to_char(0, 'FMB999')"), "<null>");
}

TEST_F(FunctionsTest, TimestampRawAndDateFunctions) {
  // Fixed for the statement, and the same instant as SYSDATE.
  EXPECT_EQ(Eval("case when systimestamp = systimestamp then 'same' end"), "same");
  EXPECT_EQ(Eval("case when to_char(systimestamp, 'YYYY-MM-DD HH24:MI:SS') = to_char(sysdate) "
                 "then 'same' end"),
            "same");
  Eval("systimestamp");
  EXPECT_EQ(type_, DataType::kTimestamp);
  EXPECT_EQ(CodeOf("systimestamp - systimestamp"), 3001);  // an INTERVAL: not yet
  EXPECT_EQ(Eval("to_timestamp('2024-03-05 10:11:12.5', 'YYYY-MM-DD HH24:MI:SS.FF') + 0.5"),
            "2024-03-05 22:11:12");
  EXPECT_EQ(type_, DataType::kDate);
  EXPECT_EQ(Eval("hextoraw('deadbeef')"), "DEADBEEF");
  EXPECT_EQ(type_, DataType::kRaw);
  EXPECT_EQ(Eval("rawtohex(hextoraw('1'))"), "01");
  EXPECT_EQ(CodeOf("hextoraw('1g')"), 1465);
  EXPECT_EQ(CodeOf("abs(hextoraw('01'))"), 932);
  EXPECT_EQ(Eval("add_months(date '2024-01-31', 1)"), "2024-02-29 00:00:00");
  EXPECT_EQ(Eval("months_between(date '2024-03-31', date '2024-02-29')"), "1");
  EXPECT_EQ(Eval("last_day(date '2023-02-01')"), "2023-02-28 00:00:00");
  EXPECT_EQ(Eval("next_day(date '2024-03-05', 'Mon')"), "2024-03-11 00:00:00");
  EXPECT_EQ(Eval("power(2, 0.5)"), "1.41421356237309504880168872420969807857");
  EXPECT_EQ(Eval("1/3*3"), "0.9999999999999999999999999999999999999999");
  EXPECT_EQ(Eval("sys_context('USERENV', 'SERVICE_NAME')"), "warden");
}

TEST_F(FunctionsTest, LikeEscapes) {
  EXPECT_EQ(Eval("case when '50%' like '50\\%' escape '\\' then 'y' else 'n' end"), "y");
  EXPECT_EQ(Eval("case when '500' like '50\\%' escape '\\' then 'y' else 'n' end"), "n");
  EXPECT_EQ(Eval("case when 'a_c' like 'a!_c' escape '!' then 'y' else 'n' end"), "y");
  EXPECT_EQ(Eval("case when 'é' like '_' then 'y' else 'n' end"), "y");
  EXPECT_EQ(Eval("case when 'abc' like '%' then 'y' else 'n' end"), "y");
  EXPECT_EQ(Eval("case when 'abc' like 'a%c%' then 'y' else 'n' end"), "y");
  EXPECT_EQ(CodeOf("case when 'a' like 'a' escape 'xy' then 1 end"), 1425);
  EXPECT_EQ(CodeOf("case when 'a' like 'a\\' escape '\\' then 1 end"), 1424);
}

TEST_F(FunctionsTest, RegistryIsConsistent) {
  // Every public name resolves to itself; min <= max; internal entries stay hidden.
  for (auto family : {StringFunctions(), NumericFunctions(), ConditionalFunctions(),
                      ConversionFunctions(), SessionFunctions(), DateTimeFunctions()}) {
    for (const FunctionDef& f : family) {
      EXPECT_EQ(FindFunction(f.name, f.internal), &f) << f.name;
      if (f.max_args != kVariadic) {
        EXPECT_LE(f.min_args, f.max_args) << f.name;
      }
    }
  }
  EXPECT_EQ(FindFunction("TRIM BOTH"), nullptr);
  EXPECT_NE(FindFunction("TRIM BOTH", true), nullptr);
}

}  // namespace
}  // namespace warden::sql

namespace warden::sql {
namespace {

TEST_F(FunctionsTest, BitandChrAsciiDecodeAnEnqueueP1) {
  EXPECT_EQ(Eval("bitand(12, 10)"), "8");
  EXPECT_EQ(Eval("bitand(null, 1)"), "<null>");
  EXPECT_EQ(Eval("bitand(1415053318, -16777216)"), "1409286144");
  EXPECT_EQ(Eval("chr(84)"), "T");
  EXPECT_EQ(Eval("chr(88.9)"), "X");  // truncated, as Oracle's
  EXPECT_EQ(Eval("ascii('TX')"), "84");
  // The TPT-style decode of 'enq: TX - row lock contention' P1 = 0x54580006.
  EXPECT_EQ(Eval("chr(bitand(1415053318, -16777216)/16777215) || "
                 "chr(bitand(1415053318, 16711680)/65535) || ' mode ' || "
                 "bitand(1415053318, 65535)"),
            "TX mode 6");
  EXPECT_EQ(CodeOf("chr(-1)"), 1722);
}

}  // namespace
}  // namespace warden::sql
