// Joins: comma joins with WHERE (hash joins on equalities), ANSI joins (inner, left,
// right, full, cross, USING), Oracle's (+) and its errors.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace warden::sql::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_F(QueryTest, CommaJoinWithEquality) {
  EXPECT_EQ(Sorted("select e.name, d.dname from emp e, dept d where e.dept = d.id"),
            (Lines{"NULL|IT", "alice|SALES", "bob|IT", "dave|SALES"}));
  // The fixed-view shape: sessions joined to their process by address.
  EXPECT_EQ(Sorted("select s.sid, p.pid from sess s, proc p where s.paddr = p.addr"),
            (Lines{"1|10", "2|11", "3|10"}));
  EXPECT_EQ(Sorted("select s.sid from sess s, proc p where s.paddr = p.addr and p.pid = 10"),
            (Lines{"1", "3"}));
}

TEST_F(QueryTest, CrossProductAndNonEqualityJoin) {
  EXPECT_EQ(Run("select count(*) from emp, dept"), (Lines{"15"}));
  EXPECT_EQ(Sorted("select e.id, d.id from emp e, dept d where e.dept < d.id and e.id < 3"),
            (Lines{"1|20", "1|30", "2|30"}));
}

TEST_F(QueryTest, HashJoinReadsEachSideOnce) {
  catalog_.nums_rows = 3000;
  EXPECT_EQ(Run("select count(*) from nums a, nums b where a.n = b.n"), (Lines{"3000"}));
  EXPECT_EQ(catalog_.rows_read, 6000);
}

TEST_F(QueryTest, ThreeWayJoinInAnyFromOrder) {
  EXPECT_EQ(Sorted("select e.name, m.name, d.dname from emp e, dept d, emp m "
                   "where e.mgr = m.id and m.dept = d.id"),
            (Lines{"NULL|bob|IT", "bob|alice|SALES", "carol|alice|SALES", "dave|bob|IT"}));
}

TEST_F(QueryTest, AnsiInnerJoin) {
  EXPECT_EQ(Sorted("select e.name, d.dname from emp e join dept d on e.dept = d.id "
                   "where d.dname = 'SALES'"),
            (Lines{"alice|SALES", "dave|SALES"}));
  EXPECT_EQ(Sorted("select e.id from emp e inner join dept d on e.dept = d.id and d.loc = 'SF'"),
            (Lines{"2", "5"}));
  EXPECT_EQ(Run("select count(*) from emp cross join dept"), (Lines{"15"}));
}

TEST_F(QueryTest, AnsiOuterJoins) {
  EXPECT_EQ(Sorted("select e.id, d.dname from emp e left join dept d on e.dept = d.id"),
            (Lines{"1|SALES", "2|IT", "3|NULL", "4|SALES", "5|IT"}));
  EXPECT_EQ(Sorted("select d.dname, e.id from emp e right outer join dept d on e.dept = d.id"),
            (Lines{"HR|NULL", "IT|2", "IT|5", "SALES|1", "SALES|4"}));
  EXPECT_EQ(Sorted("select e.id, d.dname from emp e full join dept d on e.dept = d.id"),
            (Lines{"1|SALES", "2|IT", "3|NULL", "4|SALES", "5|IT", "NULL|HR"}));
  // The ON condition decides matches; WHERE filters afterwards.
  EXPECT_EQ(Sorted("select d.dname, e.id from dept d left join emp e "
                   "on e.dept = d.id and e.sal > 4000"),
            (Lines{"HR|NULL", "IT|NULL", "SALES|1"}));
  EXPECT_EQ(
      Sorted("select d.dname from dept d left join emp e on e.dept = d.id where e.id is null"),
      (Lines{"HR"}));
}

TEST_F(QueryTest, JoinUsing) {
  EXPECT_EQ(Sorted("select s.sid, pid from sess s join proc p on s.paddr = p.addr join "
                   "(select 10 pid, 'ten' t from dual) x using (pid)"),
            (Lines{"1|10", "3|10"}));
  // SELECT * lists the USING column once, first.
  EXPECT_EQ(Sorted("select * from dept d join (select 10 id, 'x' t from dual) v using (id)"),
            (Lines{"10|SALES|NY|x"}));
  EXPECT_EQ(columns_[0].name, "ID");
  // FULL JOIN ... USING: the column is whichever side has the row.
  EXPECT_EQ(Sorted("select id, t from dept full join (select 40 id, 'x' t from dual) v using (id)"),
            (Lines{"10|NULL", "20|NULL", "30|NULL", "40|x"}));
  EXPECT_EQ(Sorted("select id from dept d right join (select 40 id from dual) v using (id)"),
            (Lines{"40"}));
  EXPECT_EQ(CodeOf("select d.id from dept d join (select 10 id from dual) v using (id)"), 25154);
  EXPECT_EQ(CodeOf("select 1 from dept a join dept b using (id) join dept c using (dname)"), 918);
}

TEST_F(QueryTest, NaturalJoin) {
  EXPECT_EQ(Sorted("select * from dept natural join (select 20 id, 'IT' dname, 'x' t from dual)"),
            (Lines{"20|IT|SF|x"}));
  EXPECT_EQ(Sorted("select id, t from dept natural left join (select 20 id, 'x' t from dual)"),
            (Lines{"10|NULL", "20|x", "30|NULL"}));
  // No common column: a cross product.
  EXPECT_EQ(Run("select count(*) from dept natural join dual"), (Lines{"3"}));
}

TEST_F(QueryTest, OracleOuterJoinMarker) {
  EXPECT_EQ(Sorted("select e.id, d.dname from emp e, dept d where e.dept = d.id(+)"),
            (Lines{"1|SALES", "2|IT", "3|NULL", "4|SALES", "5|IT"}));
  EXPECT_EQ(Sorted("select d.dname, e.id from emp e, dept d where e.dept(+) = d.id"),
            (Lines{"HR|NULL", "IT|2", "IT|5", "SALES|1", "SALES|4"}));
  // A constant condition on the outer-joined table belongs to the join...
  EXPECT_EQ(Sorted("select d.dname, e.id from emp e, dept d "
                   "where e.dept(+) = d.id and e.sal(+) > 4000"),
            (Lines{"HR|NULL", "IT|NULL", "SALES|1"}));
  // ...without (+) it filters after the join (so the NULL-extended rows go).
  EXPECT_EQ(
      Sorted("select d.dname, e.id from emp e, dept d where e.dept(+) = d.id and e.sal > 4000"),
      (Lines{"SALES|1"}));
  // The outer-joined table written first in FROM still joins after its partner.
  EXPECT_EQ(Sorted("select d.dname, m.name from dept d, emp m, emp e "
                   "where e.dept(+) = d.id and m.id(+) = e.mgr and d.id = 20"),
            (Lines{"IT|alice", "IT|bob"}));
}

TEST_F(QueryTest, OuterJoinMarkerErrors) {
  EXPECT_EQ(CodeOf("select 1 from emp e, dept d where e.dept(+) = d.id(+)"), 1468);
  EXPECT_EQ(CodeOf("select 1 from emp e, dept d where e.dept(+) = d.id and d.id(+) = e.mgr"), 1416);
  EXPECT_EQ(CodeOf("select 1 from emp e, dept d where e.dept(+) = d.id or e.id = 1"), 1719);
  EXPECT_EQ(CodeOf("select 1 from emp e, dept d where e.dept(+) in (10, 20)"), 1719);
  EXPECT_EQ(CodeOf("select e.id(+) from emp e"), 30563);
  EXPECT_EQ(CodeOf("select 1 from emp e join dept d on e.dept = d.id where e.mgr(+) = d.id"),
            25156);
}

TEST_F(QueryTest, AmbiguousAndInvalidColumns) {
  EXPECT_EQ(CodeOf("select id from emp, dept"), 918);
  EXPECT_EQ(MessageOf("select e.nope from emp e"), "ORA-00904: \"E\".\"NOPE\": invalid identifier");
  EXPECT_EQ(MessageOf("select x.id from emp e"), "ORA-00904: \"X\".\"ID\": invalid identifier");
  EXPECT_EQ(CodeOf("select 1 from emp e join dept d using (nope)"), 904);
}

}  // namespace
}  // namespace warden::sql::testing
