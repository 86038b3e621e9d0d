// GROUP BY, HAVING and the group functions, with Oracle's results and errors.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace warden::sql::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_F(QueryTest, AggregatesWithoutGroupBy) {
  EXPECT_EQ(Run("select count(*), count(sal), count(distinct sal), sum(sal), min(sal), max(sal) "
                "from emp"),
            (Lines{"5|4|3|16000|3000|5000"}));
  EXPECT_EQ(Run("select avg(sal), max(name), min(name) from emp"), (Lines{"4000|dave|alice"}));
  // Over no rows: one row, COUNT 0 and the others NULL.
  EXPECT_EQ(Run("select count(*), count(sal), sum(sal), avg(sal), max(name) from emp where 1 = 0"),
            (Lines{"0|0|NULL|NULL|NULL"}));
  EXPECT_EQ(columns_[0].name, "COUNT(*)");
}

TEST_F(QueryTest, AvgIsExactDecimal) {
  EXPECT_EQ(Run("select avg(x) from (select 1 x from dual union all select 2 from dual "
                "union all select 2 from dual)"),
            (Lines{"1.66666666666666666666666666666666666667"}));
  EXPECT_EQ(Run("select sum(x) from (select 0.1 x from dual union all select 0.2 from dual)"),
            (Lines{"0.3"}));
}

TEST_F(QueryTest, GroupByAndHaving) {
  EXPECT_EQ(Run("select dept, count(*), sum(sal) from emp group by dept order by dept"),
            (Lines{"10|2|9000", "20|2|4000", "NULL|1|3000"}));
  EXPECT_EQ(Run("select dept, count(*) c from emp group by dept having count(*) > 1 "
                "order by c desc, dept"),
            (Lines{"10|2", "20|2"}));
  EXPECT_EQ(Run("select dept + 1, max(sal) - min(sal) from emp where dept is not null "
                "group by dept + 1 order by 1"),
            (Lines{"11|1000", "21|0"}));
  EXPECT_EQ(Run("select count(*) from emp group by dept having max(sal) > 4500"), (Lines{"2"}));
  // HAVING without GROUP BY: one group.
  EXPECT_EQ(Run("select count(*) from emp having count(*) > 10"), (Lines{}));
  // ORDER BY an aggregate not in the select list.
  EXPECT_EQ(Run("select dept from emp where dept is not null group by dept order by sum(sal)"),
            (Lines{"20", "10"}));
  // Group by an empty input: no groups at all.
  EXPECT_EQ(Run("select dept, count(*) from emp where 1 = 0 group by dept"), (Lines{}));
}

TEST_F(QueryTest, GroupingErrors) {
  EXPECT_EQ(CodeOf("select name, count(*) from emp"), 937);
  EXPECT_EQ(CodeOf("select name, count(*) from emp group by dept"), 979);
  EXPECT_EQ(CodeOf("select * from emp group by dept"), 979);
  EXPECT_EQ(CodeOf("select dept from emp group by dept order by name"), 979);
  EXPECT_EQ(CodeOf("select 1 from emp where count(*) > 1"), 934);
  EXPECT_EQ(CodeOf("select 1 from emp group by count(*)"), 934);
  EXPECT_EQ(CodeOf("select max(count(*)) from emp"), 978);
  EXPECT_EQ(CodeOf("select sum(sysdate) from dual"), 932);
  EXPECT_EQ(CodeOf("select count(1, 2) from dual"), 909);
  EXPECT_EQ(MessageOf("select name, count(*) from emp"),
            "ORA-00937: not a single-group group function");
  EXPECT_EQ(MessageOf("select name from emp group by dept"),
            "ORA-00979: not a GROUP BY expression");
}

TEST_F(QueryTest, NestedAggregates) {
  EXPECT_EQ(Run("select max(count(*)), min(sum(sal)), count(count(*)) from emp group by dept"),
            (Lines{"2|3000|3"}));
  EXPECT_EQ(Run("select avg(max(sal)) from emp where dept is not null group by dept"),
            (Lines{"4500"}));
  EXPECT_EQ(Run("select max(count(*)) from emp where 1 = 0 group by dept"), (Lines{"NULL"}));
  EXPECT_EQ(CodeOf("select dept, max(count(*)) from emp group by dept"), 937);
  EXPECT_EQ(CodeOf("select max(min(count(*))) from emp group by dept"), 935);
  EXPECT_EQ(CodeOf("select max(count(*)) from emp"), 978);
}

TEST_F(QueryTest, DistinctAggregatesAndNulls) {
  EXPECT_EQ(Run("select count(distinct dept), sum(distinct sal), avg(distinct sal) from emp"),
            (Lines{"2|12000|4000"}));
  EXPECT_EQ(Run("select count(*), count(x) from (select null x from dual)"), (Lines{"1|0"}));
}

}  // namespace
}  // namespace warden::sql::testing
