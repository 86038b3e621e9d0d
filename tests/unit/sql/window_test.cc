// Analytic functions: ROW_NUMBER, RANK, DENSE_RANK and group functions OVER (PARTITION
// BY ... ORDER BY ...), with Oracle's default window; where they may not appear.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace warden::sql::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_F(QueryTest, RankingFunctions) {
  EXPECT_EQ(Run("select id, row_number() over (order by sal desc nulls last, id) rn, "
                "rank() over (order by sal desc nulls last) r, "
                "dense_rank() over (order by sal desc nulls last) d from emp order by id"),
            (Lines{"1|1|1|1", "2|5|5|4", "3|4|4|3", "4|2|2|2", "5|3|2|2"}));
  EXPECT_EQ(Run("select id, row_number() over (partition by dept order by id desc) from emp "
                "order by id"),
            (Lines{"1|2", "2|2", "3|1", "4|1", "5|1"}));
  // Top-N per group through an inline view.
  EXPECT_EQ(Run("select name from (select name, row_number() over (partition by dept order by "
                "sal desc nulls last) rn from emp where dept is not null) where rn = 1 "
                "order by name"),
            (Lines{"alice", "NULL"}));
}

TEST_F(QueryTest, AggregatesOverWindows) {
  // Without ORDER BY: the whole partition.
  EXPECT_EQ(Run("select id, sum(sal) over (partition by dept), count(*) over () from emp "
                "order by id"),
            (Lines{"1|9000|5", "2|4000|5", "3|3000|5", "4|9000|5", "5|4000|5"}));
  // With ORDER BY: a running total, peers included.
  EXPECT_EQ(Run("select id, sum(sal) over (order by sal nulls first) from emp order by id"),
            (Lines{"1|16000", "2|NULL", "3|3000", "4|11000", "5|11000"}));
  EXPECT_EQ(Run("select id, max(name) over (partition by dept order by id) from emp "
                "where dept = 10 order by id"),
            (Lines{"1|alice", "4|dave"}));
  // In an aggregating block, over the grouped rows: each group's share of the total.
  EXPECT_EQ(Run("select dept, count(*), sum(count(*)) over () from emp group by dept "
                "order by dept"),
            (Lines{"10|2|5", "20|2|5", "NULL|1|5"}));
  EXPECT_EQ(Run("select id from emp order by row_number() over (order by id desc) "
                "fetch first 2 rows only"),
            (Lines{"5", "4"}));
}

TEST_F(QueryTest, LagAndLead) {
  EXPECT_EQ(Run("select id, lag(id) over (order by id), lead(id, 2, -1) over (order by id) "
                "from emp order by id"),
            (Lines{"1|NULL|3", "2|1|4", "3|2|5", "4|3|-1", "5|4|-1"}));
  EXPECT_EQ(Run("select id, lag(name, 1, 'none') over (partition by dept order by id) from emp "
                "where dept is not null order by id"),
            (Lines{"1|none", "2|none", "4|alice", "5|bob"}));
  EXPECT_EQ(Run("select lead(id, 100) over (order by id) from emp where id = 1"), (Lines{"NULL"}));
  EXPECT_EQ(CodeOf("select lag(id) over (partition by dept) from emp"), 30485);
  EXPECT_EQ(CodeOf("select lag(id, -1) over (order by id) from emp"), 1428);
  EXPECT_EQ(CodeOf("select lag() over (order by id) from emp"), 909);
}

TEST_F(QueryTest, AnalyticErrors) {
  EXPECT_EQ(CodeOf("select id from emp where row_number() over (order by id) = 1"), 30483);
  EXPECT_EQ(CodeOf("select count(*) from emp group by row_number() over (order by id)"), 30483);
  EXPECT_EQ(CodeOf("select sum(row_number() over (order by id)) over () from emp"), 30483);
  EXPECT_EQ(CodeOf("select row_number() from emp"), 30484);
  EXPECT_EQ(CodeOf("select rank(1) over (order by id) from emp"), 909);
  EXPECT_EQ(CodeOf("select id, nope() over () from emp"), 904);
  EXPECT_EQ(CodeOf("select sum(sal) over (order by id rows 1 preceding) from emp"), 3001);
}

}  // namespace
}  // namespace warden::sql::testing
