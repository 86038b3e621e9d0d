// Set operators, ORDER BY, DISTINCT, ROWNUM, OFFSET/FETCH; interrupts in every operator
// and the nesting limit.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace warden::sql::testing {
namespace {

using Lines = std::vector<std::string>;

constexpr const char* kAb =
    "(select 1 id, 'a' name from dual union all select 2, 'b' from dual union all "
    "select 3, null from dual)";

TEST_F(QueryTest, SetOperators) {
  EXPECT_EQ(Run("select 2 from dual union all select 1 from dual union all select 2 from dual"),
            (Lines{"2", "1", "2"}));
  EXPECT_EQ(Run("select 2 from dual union select 1 from dual union select 2 from dual"),
            (Lines{"1", "2"}));
  EXPECT_EQ(Run("select dept from emp intersect select id from dept"), (Lines{"10", "20"}));
  EXPECT_EQ(Run("select id from dept minus select dept from emp"), (Lines{"30"}));
  // NULLs are equal to each other in set operations.
  EXPECT_EQ(Run("select null from dual union select null from dual"), (Lines{"NULL"}));
  EXPECT_EQ(Run("select dept from emp minus select id from dept"), (Lines{"NULL"}));
  EXPECT_EQ(Run("select 1, null from dual union all select null, 'x' from dual"),
            (Lines{"1|NULL", "NULL|x"}));
  EXPECT_EQ(Run("(select 1 from dual union select 2 from dual) minus select 1 from dual"),
            (Lines{"2"}));
}

TEST_F(QueryTest, SetOperatorErrorsAndOrdering) {
  EXPECT_EQ(CodeOf("select 1, 2 from dual union select 1 from dual"), 1789);
  EXPECT_EQ(CodeOf("select 1 from dual union select 'a' from dual"), 1790);
  EXPECT_EQ(Run("select id, name from emp where id < 3 union all select id, dname from dept "
                "order by 2 desc"),
            (Lines{"2|bob", "1|alice", "10|SALES", "20|IT", "30|HR"}));
  EXPECT_EQ(Run("select id x from dept union select id from emp where id < 3 order by x desc"),
            (Lines{"30", "20", "10", "2", "1"}));
  EXPECT_EQ(CodeOf("select id from dept union select id from emp order by nope"), 904);
  EXPECT_EQ(CodeOf("select id from dept union select id from emp order by 2"), 1785);
}

TEST_F(QueryTest, OrderByNameAliasPositionNulls) {
  const std::string v = kAb;
  EXPECT_EQ(Run("select name from " + v + " order by name"), (Lines{"a", "b", "NULL"}));
  EXPECT_EQ(Run("select name from " + v + " order by name desc"), (Lines{"NULL", "b", "a"}));
  EXPECT_EQ(Run("select name from " + v + " order by name nulls first"), (Lines{"NULL", "a", "b"}));
  EXPECT_EQ(Run("select name n from " + v + " order by n desc nulls last"),
            (Lines{"b", "a", "NULL"}));
  EXPECT_EQ(Run("select id, name from " + v + " order by 1 desc"), (Lines{"3|NULL", "2|b", "1|a"}));
  EXPECT_EQ(Run("select distinct dept from emp order by 1"), (Lines{"10", "20", "NULL"}));
}

TEST_F(QueryTest, Rownum) {
  EXPECT_EQ(Run("select rownum, name from emp where rownum <= 2"), (Lines{"1|alice", "2|bob"}));
  EXPECT_EQ(Run("select name from emp where rownum > 1"), (Lines{}));
  EXPECT_EQ(Run("select name from emp where rownum = 1 and sal is null"), (Lines{"bob"}));
  // ROWNUM is assigned before ORDER BY...
  EXPECT_EQ(Run("select rownum, id from emp where id > 2 order by id desc"),
            (Lines{"3|5", "2|4", "1|3"}));
  // ...so top-N takes an ordered inline view.
  EXPECT_EQ(Run("select id from (select id from emp order by sal desc nulls last, id) "
                "where rownum <= 2"),
            (Lines{"1", "4"}));
  // A condition on ROWNUM alone stops the scan.
  catalog_.nums_rows = 100000;
  EXPECT_EQ(Run("select count(*) from nums where rownum <= 10"), (Lines{"10"}));
  EXPECT_LE(catalog_.rows_read, 11);
}

TEST_F(QueryTest, OffsetFetch) {
  EXPECT_EQ(Run("select id from emp order by id fetch first 2 rows only"), (Lines{"1", "2"}));
  EXPECT_EQ(Run("select id from emp order by id offset 3 rows"), (Lines{"4", "5"}));
  EXPECT_EQ(Run("select id from emp order by id desc offset 1 row fetch next 2 rows only"),
            (Lines{"4", "3"}));
  EXPECT_EQ(Run("select id from emp order by id fetch first row only"), (Lines{"1"}));
  EXPECT_EQ(Run("select id from emp order by id offset 10 rows"), (Lines{}));
}

// Every operator's loop checks for interrupts: a cancel arrives inside a hash join's
// build, an aggregation, a set operation, a correlated subquery's reruns.
TEST_F(QueryTest, InterruptsReachEveryOperator) {
  catalog_.nums_rows = 5000;
  const char* queries[] = {
      "select count(*) from nums a, nums b where a.n = b.n",
      "select count(*) from nums a left join nums b on a.n = b.n + 1",
      "select n, count(*) from nums group by n",
      "select n from nums union select n from nums",
      "select n from nums minus select n from nums",
      "select count(*) from dept d where exists (select 1 from nums x where x.n = d.id + 4000)",
      "select count(*) from nums where rownum <= 4000",
      "select n from nums order by n offset 4000 rows",
  };
  for (const char* sql : queries) {
    int64_t calls = 0;
    InterceptInterruptChecks intercept([&] {
      if (++calls == 4500) throw OraError::Make(1013);
    });
    EXPECT_EQ(CodeOf(sql), 1013) << sql;
  }
}

// Subqueries nest as deep as Oracle allows (255 levels) and no deeper.
TEST_F(QueryTest, DeeplyNestedSubqueries) {
  auto nested = [](int levels) {
    std::string sql = "select 1 from dual";
    for (int i = 0; i < levels; ++i) sql = "select (" + sql + ") from dual";
    return sql;
  };
  EXPECT_EQ(Run(nested(200)), (Lines{"1"}));
  EXPECT_EQ(CodeOf(nested(300)), 3001);
  // Long set-operator chains and FROM lists are bounded as well.
  std::string chain = "select 1 from dual";
  for (int i = 0; i < 200; ++i) chain += " union all select 1 from dual";
  EXPECT_EQ(Run("select count(*) from (" + chain + ")"), (Lines{"201"}));
  for (int i = 0; i < 400; ++i) chain += " union all select 1 from dual";
  EXPECT_EQ(CodeOf(chain), 3001);
  std::string from = "select count(*) from dual t0";
  for (int i = 1; i < 300; ++i) from += ", dual t" + std::to_string(i);
  EXPECT_EQ(Run(from), (Lines{"1"}));
}

}  // namespace
}  // namespace warden::sql::testing
