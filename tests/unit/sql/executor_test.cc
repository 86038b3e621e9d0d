// ExecuteStatement end to end over an in-memory catalog: WHERE with three-valued logic,
// ORDER BY by name, alias, position, DESC and NULLS, DISTINCT, cross products, functions,
// DUAL, column naming, name-resolution errors, interrupts.
#include "sql/executor.h"

#include <gtest/gtest.h>

#include "common/ora_error.h"
#include "query_fixture.h"
#include "sql/date_time.h"

namespace warden::sql {
namespace {

class VectorRelation : public Relation {
 public:
  VectorRelation(std::vector<ColumnDef> cols, std::vector<std::vector<Value>> rows)
      : cols_(std::move(cols)), rows_(std::move(rows)) {}
  const std::vector<ColumnDef>& columns() const override { return cols_; }
  bool Next(std::vector<Value>* row) override {
    if (next_ >= rows_.size()) return false;
    *row = rows_[next_++];
    return true;
  }

 private:
  std::vector<ColumnDef> cols_;
  std::vector<std::vector<Value>> rows_;
  size_t next_ = 0;
};

Value N(int64_t v) { return Value::FromInt(v); }
Value S(const char* s) { return Value::Varchar(s); }
Value D(const char* text) {
  int64_t d = 0;
  EXPECT_TRUE(ParseDefaultDate(text, &d));
  return Value::Date(d);
}
const Value kNull;

// EMP(ID, NAME, DEPT, SAL, HIRED) and DEPT(ID, DNAME).
class TestCatalog : public Catalog {
 public:
  std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) override {
    opened.push_back(schema + "." + name);
    constexpr DataType kN = DataType::kNumber;
    constexpr DataType kV = DataType::kVarchar2;
    if (name == "EMP" && (schema.empty() || schema == "HR")) {
      return std::make_unique<VectorRelation>(
          std::vector<ColumnDef>{
              {"ID", kN}, {"NAME", kV}, {"DEPT", kN}, {"SAL", kN}, {"HIRED", DataType::kDate}},
          std::vector<std::vector<Value>>{
              {N(1), S("alice"), N(10), N(5000), D("2020-01-15 09:00:00")},
              {N(2), S("bob"), N(20), kNull, D("2021-06-01 00:00:00")},
              {N(3), S("carol"), kNull, N(3000), kNull},
              {N(4), S("dave"), N(10), N(4000), D("2019-11-30 17:30:00")},
              {N(5), kNull, N(20), N(4000), D("2022-02-28 12:00:00")}});
    }
    if (name == "DEPT" && schema.empty()) {
      return std::make_unique<VectorRelation>(
          std::vector<ColumnDef>{{"ID", kN}, {"DNAME", kV}},
          std::vector<std::vector<Value>>{{N(10), S("SALES")}, {N(20), S("IT")}});
    }
    return nullptr;
  }
  std::vector<std::string> opened;
};

class CollectingSink : public ResultSink {
 public:
  void Columns(const std::vector<ColumnDef>& cols) override { columns = cols; }
  void Row(const std::vector<Value>& row) override {
    std::vector<std::string> r;
    for (const Value& v : row) r.push_back(v.is_null() ? "<null>" : v.ToText());
    rows.push_back(std::move(r));
  }
  std::vector<ColumnDef> columns;
  std::vector<std::vector<std::string>> rows;
};

using Rows = std::vector<std::vector<std::string>>;

class ExecutorTest : public ::testing::Test {
 protected:
  ExecutorTest() {
    session_.username = "SYS";
    session_.sid = 23;
    session_.serial = 7;
    session_.instance_name = "warden";
  }

  Rows Run(std::string_view sql) {
    sink_ = CollectingSink();
    tag_ = ExecuteStatement(sql, catalog_, session_, sink_);
    return sink_.rows;
  }
  // One column of the result, top to bottom.
  std::vector<std::string> Column(std::string_view sql, size_t i = 0) {
    std::vector<std::string> out;
    for (const auto& r : Run(sql)) out.push_back(r.at(i));
    return out;
  }
  std::string Scalar(std::string_view sql) {
    Rows r = Run(sql);
    EXPECT_EQ(r.size(), 1u) << sql;
    return r.empty() ? "" : r[0].at(0);
  }
  std::pair<int, int> ErrorOf(std::string_view sql) {
    try {
      Run(sql);
    } catch (const OraError& e) {
      return {e.code(), e.position()};
    }
    ADD_FAILURE() << "no error for: " << sql;
    return {0, 0};
  }
  int CodeOf(std::string_view sql) { return ErrorOf(sql).first; }

  TestCatalog catalog_;
  SessionContext session_;
  CollectingSink sink_;
  std::string tag_;
};

using Strings = std::vector<std::string>;

TEST_F(ExecutorTest, Dual) {
  EXPECT_EQ(Run("select * from dual"), (Rows{{"X"}}));
  EXPECT_EQ(tag_, "SELECT 1");
  ASSERT_EQ(sink_.columns.size(), 1u);
  EXPECT_EQ(sink_.columns[0].name, "DUMMY");
  EXPECT_EQ(sink_.columns[0].type, DataType::kVarchar2);
  EXPECT_EQ(Scalar("select dummy from sys.dual"), "X");
  EXPECT_TRUE(catalog_.opened.empty());  // DUAL never reaches the catalog
  EXPECT_EQ(Scalar("select 1+1 from dual"), "2");
}

TEST_F(ExecutorTest, EmptyStatementRunsNothing) {
  EXPECT_EQ(ExecuteStatement(" -- nothing ", catalog_, session_, sink_), "");
  EXPECT_TRUE(sink_.columns.empty());
}

TEST_F(ExecutorTest, ColumnNamesFollowOracle) {
  Run("select 1+1, sysdate, id, e.name, sal * 2 doubled, dept \"Dept\", nvl(sal, 0) from emp e "
      "where 1 = 0");
  std::vector<std::string> names;
  for (const ColumnDef& c : sink_.columns) names.push_back(c.name);
  EXPECT_EQ(names, (Strings{"1+1", "SYSDATE", "ID", "NAME", "DOUBLED", "Dept", "NVL(SAL,0)"}));
  EXPECT_EQ(sink_.columns[0].type, DataType::kNumber);
  EXPECT_EQ(sink_.columns[1].type, DataType::kDate);
  EXPECT_EQ(sink_.columns[3].type, DataType::kVarchar2);
  EXPECT_EQ(tag_, "SELECT 0");
}

TEST_F(ExecutorTest, WhereWithThreeValuedLogic) {
  EXPECT_EQ(Column("select id from emp where dept = 10"), (Strings{"1", "4"}));
  // NULL never equals, never differs.
  EXPECT_EQ(Column("select id from emp where dept <> 10"), (Strings{"2", "5"}));
  EXPECT_EQ(Column("select id from emp where not dept = 10"), (Strings{"2", "5"}));
  EXPECT_EQ(Column("select id from emp where dept is null"), (Strings{"3"}));
  EXPECT_EQ(Column("select id from emp where dept is not null and sal is not null"),
            (Strings{"1", "4", "5"}));
  // UNKNOWN OR TRUE is TRUE; UNKNOWN AND FALSE is FALSE; NOT UNKNOWN is UNKNOWN.
  EXPECT_EQ(Column("select id from emp where sal > 4500 or dept = 20"), (Strings{"1", "2", "5"}));
  EXPECT_EQ(Column("select id from emp where not (sal > 4500 and dept = 10)"),
            (Strings{"2", "3", "4", "5"}));
  EXPECT_EQ(Column("select id from emp where not (sal > 4500 or dept = 10)"), (Strings{"5"}));
  EXPECT_EQ(Column("select id from emp where sal = null"), Strings{});
  // NOT IN with a NULL in the list is never TRUE.
  EXPECT_EQ(Column("select id from emp where id not in (1, null)"), Strings{});
  EXPECT_EQ(Column("select id from emp where id in (1, null, 3)"), (Strings{"1", "3"}));
  EXPECT_EQ(Column("select id from emp where sal between 3500 and 4500"), (Strings{"4", "5"}));
  EXPECT_EQ(Column("select id from emp where sal not between 3500 and 4500"), (Strings{"1", "3"}));
  EXPECT_EQ(Column("select id from emp where name like '%a%'"), (Strings{"1", "3", "4"}));
  EXPECT_EQ(Column("select id from emp where name like '_o%'"), (Strings{"2"}));
  EXPECT_EQ(Column("select id from emp where name not like 'a%'"), (Strings{"2", "3", "4"}));
  EXPECT_EQ(Column("select id from emp where hired > date '2021-01-01'"), (Strings{"2", "5"}));
  EXPECT_EQ(Column("select id from emp where hired < '2020-01-01'"), (Strings{"4"}));
}

TEST_F(ExecutorTest, ImplicitConversionAndErrors) {
  EXPECT_EQ(Column("select id from emp where id = '2'"), (Strings{"2"}));
  EXPECT_EQ(Scalar("select '3' + 4 from dual"), "7");
  EXPECT_EQ(Scalar("select 'n=' || 0.5 from dual"), "n=.5");
  EXPECT_EQ(Scalar("select 1 || null || 2 from dual"), "12");
  EXPECT_EQ(Scalar("select '' || null from dual"), "<null>");
  EXPECT_EQ(CodeOf("select 'abc' + 1 from dual"), 1722);
  EXPECT_EQ(CodeOf("select id from emp where name = 1"), 1722);
  EXPECT_EQ(CodeOf("select 1/0 from dual"), 1476);
  EXPECT_EQ(CodeOf("select id from emp where hired = 1"), 932);
  EXPECT_EQ(CodeOf("select hired + hired from emp"), 975);
  EXPECT_EQ(CodeOf("select hired * 2 from emp"), 932);
  EXPECT_EQ(CodeOf("select case when 1=1 then 1 else 'x' end from dual"), 932);
  EXPECT_EQ(CodeOf("select :x from dual"), 1008);
}

TEST_F(ExecutorTest, DateArithmetic) {
  EXPECT_EQ(Scalar("select hired + 1 from emp where id = 1"), "2020-01-16 09:00:00");
  EXPECT_EQ(Scalar("select hired - 0.5 from emp where id = 1"), "2020-01-14 21:00:00");
  EXPECT_EQ(Scalar("select date '2024-03-01' - date '2024-02-01' from dual"), "29");
  EXPECT_EQ(Scalar("select (date '2024-01-02' - date '2024-01-01') * 24 from dual"), "24");
}

TEST_F(ExecutorTest, OrderBy) {
  // Ties keep input order; NULL sorts last ascending, first descending.
  EXPECT_EQ(Column("select id from emp order by sal"), (Strings{"3", "4", "5", "1", "2"}));
  EXPECT_EQ(Column("select id from emp order by sal desc"), (Strings{"2", "1", "4", "5", "3"}));
  EXPECT_EQ(Column("select id from emp order by sal nulls first"),
            (Strings{"2", "3", "4", "5", "1"}));
  EXPECT_EQ(Column("select id from emp order by sal desc nulls last"),
            (Strings{"1", "4", "5", "3", "2"}));
  // By alias, by position, by an expression not selected, several keys.
  EXPECT_EQ(Column("select id, sal pay from emp order by pay desc, id desc"),
            (Strings{"2", "1", "5", "4", "3"}));
  EXPECT_EQ(Column("select name, id from emp order by 2 desc", 1),
            (Strings{"5", "4", "3", "2", "1"}));
  EXPECT_EQ(Column("select id from emp order by dept desc nulls last, id * -1"),
            (Strings{"5", "2", "4", "1", "3"}));
  EXPECT_EQ(sink_.columns.size(), 1u);  // sort-only columns are not returned
  EXPECT_EQ(Column("select name from emp order by name"),
            (Strings{"alice", "bob", "carol", "dave", "<null>"}));
  EXPECT_EQ(ErrorOf("select id from emp order by 3"), std::make_pair(1785, 29));
  EXPECT_EQ(CodeOf("select id a, sal a from emp order by a"), 960);
}

TEST_F(ExecutorTest, Distinct) {
  EXPECT_EQ(Column("select distinct dept from emp order by dept"), (Strings{"10", "20", "<null>"}));
  EXPECT_EQ(Run("select distinct dept, sal from emp where dept = 20 or dept is null order by 1"),
            (Rows{{"20", "<null>"}, {"20", "4000"}, {"<null>", "3000"}}));
  EXPECT_EQ(Column("select unique dept d from emp order by d desc"),
            (Strings{"<null>", "20", "10"}));
  EXPECT_EQ(CodeOf("select distinct dept from emp order by id"), 1791);
}

TEST_F(ExecutorTest, CrossProductAndQualifiedNames) {
  Rows r = Run("select e.id, d.dname from emp e, dept d where e.dept = d.id order by e.id");
  EXPECT_EQ(r, (Rows{{"1", "SALES"}, {"2", "IT"}, {"4", "SALES"}, {"5", "IT"}}));
  EXPECT_EQ(Run("select count_me.* from dept count_me order by 1 desc"),
            (Rows{{"20", "IT"}, {"10", "SALES"}}));
  EXPECT_EQ(Run("select * from dept, dual where dept.id = 10"), (Rows{{"10", "SALES", "X"}}));
  EXPECT_EQ(ErrorOf("select id from emp, dept"), std::make_pair(918, 8));
}

TEST_F(ExecutorTest, NameResolutionErrors) {
  EXPECT_EQ(ErrorOf("select * from nosuch"), std::make_pair(942, 15));
  EXPECT_EQ(ErrorOf("select * from other.emp"), std::make_pair(942, 15));
  EXPECT_EQ(Scalar("select name from hr.emp where id = 1"), "alice");
  EXPECT_EQ(ErrorOf("select nosuch from dual"), std::make_pair(904, 8));
  try {
    Run("select e.nosuch from emp e");
    FAIL();
  } catch (const OraError& e) {
    EXPECT_EQ(e.message(), "ORA-00904: \"E\".\"NOSUCH\": invalid identifier");
    EXPECT_EQ(e.position(), 8);
  }
  EXPECT_EQ(ErrorOf("select emp.id from emp e"), std::make_pair(904, 8));
  EXPECT_EQ(ErrorOf("select x.* from dual"), std::make_pair(904, 8));
  EXPECT_EQ(ErrorOf("select nosuchfn(1) from dual"), std::make_pair(904, 8));
  EXPECT_EQ(ErrorOf("select nvl(1) from dual"), std::make_pair(909, 8));
  EXPECT_EQ(ErrorOf("select id from emp where \"id\" = 1"), std::make_pair(904, 26));
}

TEST_F(ExecutorTest, LongExpressionChainsEvaluate) {
  std::string sum = "1";
  for (int i = 1; i < 900; ++i) sum += "+1";
  EXPECT_EQ(Scalar("select " + sum + " from dual"), "900");
  std::string ors = "1 = 0";
  for (int i = 1; i < 900; ++i) ors += " or 1 = 0";
  EXPECT_EQ(Run("select 1 from dual where " + ors + " or 1 = 1"), (Rows{{"1"}}));
}

TEST_F(ExecutorTest, InterruptsAreCheckedPerRow) {
  int calls = 0;
  testing::InterceptInterruptChecks intercept([&] {
    if (++calls == 3) throw OraError::Make(1013);
  });
  EXPECT_EQ(CodeOf("select id from emp"), 1013);
  calls = -1000000;
  Run("select id from emp order by id");
  EXPECT_GE(calls + 1000000, 5);
}

}  // namespace
}  // namespace warden::sql
