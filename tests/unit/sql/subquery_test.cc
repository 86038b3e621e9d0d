// Subqueries: scalar, IN, EXISTS, correlated, inline views; NOT IN with NULLs.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace warden::sql::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_F(QueryTest, ScalarSubqueries) {
  EXPECT_EQ(Run("select (select max(sal) from emp) from dual"), (Lines{"5000"}));
  EXPECT_EQ(Run("select (select 1 from dual where 1 = 0) from dual"), (Lines{"NULL"}));
  EXPECT_EQ(Sorted("select id from emp where sal = (select max(sal) from emp)"), (Lines{"1"}));
  EXPECT_EQ(CodeOf("select (select id from emp) from dual"), 1427);
  EXPECT_EQ(CodeOf("select (select 1, 2 from dual) from dual"), 913);
  EXPECT_EQ(MessageOf("select (select id from emp) from dual"),
            "ORA-01427: single-row subquery returns more than one row");
}

TEST_F(QueryTest, CorrelatedSubqueries) {
  EXPECT_EQ(Sorted("select e.name, (select d.dname from dept d where d.id = e.dept) from emp e"),
            (Lines{"NULL|IT", "alice|SALES", "bob|IT", "carol|NULL", "dave|SALES"}));
  // Employees earning more than their department's average.
  EXPECT_EQ(Sorted("select name from emp e where sal > (select avg(sal) from emp x "
                   "where x.dept = e.dept)"),
            (Lines{"alice"}));
  EXPECT_EQ(
      Sorted("select dname from dept d where exists (select 1 from emp e where e.dept = d.id)"),
      (Lines{"IT", "SALES"}));
  EXPECT_EQ(Sorted("select dname from dept d where not exists "
                   "(select 1 from emp e where e.dept = d.id)"),
            (Lines{"HR"}));
  // Two levels out.
  EXPECT_EQ(Sorted("select d.dname from dept d where exists (select 1 from emp e where "
                   "e.dept = d.id and exists (select 1 from emp m where m.id = e.mgr "
                   "and m.dept = d.id))"),
            (Lines{"IT"}));
}

TEST_F(QueryTest, InSubqueries) {
  EXPECT_EQ(Sorted("select name from emp where dept in (select id from dept where loc = 'SF')"),
            (Lines{"NULL", "bob"}));
  EXPECT_EQ(Sorted("select dname from dept where id not in (select dept from emp where dept is "
                   "not null)"),
            (Lines{"HR"}));
  // NOT IN over a set holding a NULL is never TRUE.
  EXPECT_EQ(Run("select dname from dept where id not in (select dept from emp)"), (Lines{}));
  // ...and over an empty set always TRUE, even for NULL.
  EXPECT_EQ(Run("select count(*) from emp where dept not in (select 1 from dual where 1 = 0)"),
            (Lines{"5"}));
  EXPECT_EQ(Run("select count(*) from emp where dept in (select 1 from dual where 1 = 0)"),
            (Lines{"0"}));
  // Strings meet numbers by conversion.
  EXPECT_EQ(Run("select count(*) from emp where id in (select '2' from dual)"), (Lines{"1"}));
  EXPECT_EQ(CodeOf("select 1 from dual where 1 in (select 1, 2 from dual)"), 913);
}

TEST_F(QueryTest, SubqueriesInAggregatingBlocks) {
  // A subquery in the select list of a grouped block reads the GROUP BY keys.
  EXPECT_EQ(Run("select dept, (select dname from dept d where d.id = e.dept), count(*) from emp e "
                "where dept is not null group by dept order by dept"),
            (Lines{"10|SALES|2", "20|IT|2"}));
  EXPECT_EQ(Run("select dept from emp e group by dept having count(*) = (select count(*) from "
                "emp x where x.dept = e.dept) and dept is not null order by 1"),
            (Lines{"10", "20"}));
  EXPECT_EQ(
      CodeOf("select dept, (select 1 from dual where e.name is null) from emp e group by dept"),
      979);
  // In WHERE it reads the FROM row as usual.
  EXPECT_EQ(
      Run("select count(*) from emp e where exists (select 1 from dept d where d.id = e.dept)"),
      (Lines{"4"}));
}

TEST_F(QueryTest, TupleIn) {
  EXPECT_EQ(Sorted("select id from emp where (dept, sal) in (select 10, 4000 from dual "
                   "union all select 20, 4000 from dual)"),
            (Lines{"4", "5"}));
  EXPECT_EQ(Sorted("select id from emp where (dept, mgr) in ((10, 2), (20, 1))"),
            (Lines{"2", "4"}));
  EXPECT_EQ(Sorted("select id from emp where (dept, mgr) not in ((10, 2), (20, 1)) and id > 3"),
            (Lines{"5"}));
  // A NULL column with the other columns equal leaves NOT IN unknown.
  EXPECT_EQ(Run("select count(*) from emp where (dept, mgr) not in ((10, 2), (20, 1)) and id < 4"),
            (Lines{"0"}));
  // NOT IN against a tuple with a NULL that could still match: UNKNOWN.
  EXPECT_EQ(Sorted("select id from emp where (dept, sal) not in (select 20, null from dual)"),
            (Lines{"1", "4"}));
  EXPECT_EQ(
      Sorted("select e.id from emp e where (e.dept, e.id) in (select d.id, e.id from dept d)"),
      (Lines{"1", "2", "4", "5"}));
  EXPECT_EQ(CodeOf("select 1 from dual where (1, 2) in (select 1 from dual)"), 947);
  EXPECT_EQ(CodeOf("select 1 from dual where (1, 2) in (select 1, 2, 3 from dual)"), 913);
  EXPECT_EQ(CodeOf("select 1 from dual where (1, 2) in ((1, 2, 3))"), 913);
  // EXISTS takes any number of columns.
  EXPECT_EQ(Run("select count(*) from dual where exists (select * from emp)"), (Lines{"1"}));
}

TEST_F(QueryTest, AnyAllSome) {
  EXPECT_EQ(Sorted("select id from emp where sal > all (select sal from emp where dept = 10)"),
            (Lines{}));
  EXPECT_EQ(
      Sorted("select id from emp where sal >= all (select sal from emp where sal is not null)"),
      (Lines{"1"}));
  EXPECT_EQ(Sorted("select id from emp where sal < any (select sal from emp where dept = 10)"),
            (Lines{"3", "4", "5"}));
  EXPECT_EQ(Sorted("select id from emp where sal = some (4000, 3000)"), (Lines{"3", "4", "5"}));
  // A NULL among the values: ALL is never TRUE (unless another comparison is FALSE).
  EXPECT_EQ(Run("select count(*) from emp where id > all (select sal from emp)"), (Lines{"0"}));
  // Over no rows: ALL is TRUE, ANY FALSE.
  EXPECT_EQ(Run("select count(*) from emp where id > all (select 1 from dual where 1 = 0)"),
            (Lines{"5"}));
  EXPECT_EQ(Run("select count(*) from emp where id > any (select 1 from dual where 1 = 0)"),
            (Lines{"0"}));
  EXPECT_EQ(Sorted("select dname from dept d where d.id <> all (select e.dept from emp e where "
                   "e.dept is not null)"),
            (Lines{"HR"}));
}

TEST_F(QueryTest, WithClause) {
  EXPECT_EQ(Run("with d10 as (select * from emp where dept = 10) select count(*) from d10"),
            (Lines{"2"}));
  // Later entries see earlier ones; column names may be given.
  EXPECT_EQ(Run("with a (x) as (select 1 from dual union all select 2 from dual), "
                "b as (select x * 10 y from a) select sum(y) from b"),
            (Lines{"30"}));
  // An entry referenced twice, and from a subquery.
  EXPECT_EQ(Sorted("with s as (select id, dept from emp where sal >= 4000) "
                   "select a.id, b.id from s a, s b where a.dept = b.dept and a.id < b.id"),
            (Lines{"1|4"}));
  EXPECT_EQ(Run("with s as (select 10 id from dual) select dname from dept where id in "
                "(select id from s)"),
            (Lines{"SALES"}));
  EXPECT_EQ(Run("select * from (with t as (select 5 v from dual) select v from t)"), (Lines{"5"}));
  EXPECT_EQ(CodeOf("with a (x, y) as (select 1 from dual) select * from a"), 32038);
  EXPECT_EQ(CodeOf("with a as (select * from b), b as (select 1 from dual) select * from a"), 942);
}

TEST_F(QueryTest, InlineViews) {
  EXPECT_EQ(Run("select v.name from (select name, sal from emp where sal > 3500) v "
                "order by v.sal desc, v.name"),
            (Lines{"alice", "dave", "NULL"}));
  EXPECT_EQ(Run("select * from (select 1 id, 'a' name from dual union all "
                "select 2, 'b' from dual) where id = 2"),
            (Lines{"2|b"}));
  EXPECT_EQ(Run("select count(*) from (select dept from emp group by dept)"), (Lines{"3"}));
  EXPECT_EQ(Sorted("select t.id, d.dname from (select 10 id from dual union all select 30 "
                   "from dual) t, dept d where t.id = d.id"),
            (Lines{"10|SALES", "30|HR"}));
}

}  // namespace
}  // namespace warden::sql::testing
