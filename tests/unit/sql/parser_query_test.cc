// Parser: the query forms of the SQL issue's "Queries" section: joins, (+), GROUP BY and
// HAVING, subqueries, set operators, OFFSET/FETCH, and their parse errors.
#include <gtest/gtest.h>

#include "common/ora_error.h"
#include "sql/parser.h"
#include "parse_helpers.h"

namespace warden::sql {
namespace {

using testing::ParseErrorOf;
using testing::ParseSelect;

TEST(ParserQueryTest, AnsiJoins) {
  auto q = ParseSelect(
      "select * from a x join b on x.i = b.i left outer join c using (k, l) "
      "cross join d full join e on 1 = 1, f");
  ASSERT_EQ(q->from.size(), 2u);
  const TableRef& first = q->from[0];
  EXPECT_EQ(first.name, "A");
  EXPECT_EQ(first.alias, "X");
  ASSERT_EQ(first.joins.size(), 4u);
  EXPECT_EQ(first.joins[0].kind, JoinKind::kInner);
  EXPECT_NE(first.joins[0].on, nullptr);
  EXPECT_EQ(first.joins[1].kind, JoinKind::kLeft);
  EXPECT_EQ(first.joins[1].using_columns, (std::vector<std::string>{"K", "L"}));
  EXPECT_EQ(first.joins[2].kind, JoinKind::kCross);
  EXPECT_EQ(first.joins[3].kind, JoinKind::kFull);
  EXPECT_EQ(q->from[1].name, "F");
}

TEST(ParserQueryTest, OuterJoinMarker) {
  auto q = ParseSelect("select * from a, b where a.x = b.y(+) and b.z (+) = 1");
  const Expr& where = *q->where;
  ASSERT_EQ(where.kind, ExprKind::kAnd);
  EXPECT_FALSE(where.args[0]->args[0]->outer_join);
  EXPECT_TRUE(where.args[0]->args[1]->outer_join);
  EXPECT_TRUE(where.args[1]->args[0]->outer_join);
  EXPECT_EQ(where.args[1]->args[0]->name, "Z");
}

TEST(ParserQueryTest, GroupByHavingAndAggregateArguments) {
  auto q = ParseSelect(
      "select d, count(*), count(distinct x), sum(all y) from t group by d, e + 1 "
      "having count(*) > 1");
  EXPECT_EQ(q->group_by.size(), 2u);
  ASSERT_NE(q->having, nullptr);
  EXPECT_TRUE(q->items[1].expr->star_arg);
  EXPECT_TRUE(q->items[2].expr->distinct_arg);
  EXPECT_EQ(q->items[3].expr->args.size(), 1u);
  // Oracle takes HAVING before GROUP BY too.
  EXPECT_NE(ParseSelect("select d from t having count(*) > 1 group by d")->having, nullptr);
}

TEST(ParserQueryTest, Subqueries) {
  auto q = ParseSelect(
      "select (select 1 from dual) s from (select * from t) v "
      "where exists (select 1 from u) and x in (select y from w) "
      "and (select 2 from dual) = 2 and not exists (select 1 from dual)");
  EXPECT_EQ(q->items[0].expr->kind, ExprKind::kScalarSubquery);
  EXPECT_EQ(q->items[0].alias, "S");
  ASSERT_NE(q->from[0].subquery, nullptr);
  EXPECT_EQ(q->from[0].alias, "V");
  EXPECT_EQ(q->from[0].name, "");
}

TEST(ParserQueryTest, SetOperatorsAssociateLeft) {
  auto q = ParseSelect(
      "select 1 from dual union all select 2 from dual minus select 3 from dual "
      "order by 1 fetch first 5 rows only");
  EXPECT_EQ(q->set_op, SetOp::kMinus);
  EXPECT_EQ(q->set_left->set_op, SetOp::kUnionAll);
  EXPECT_EQ(q->order_by.size(), 1u);
  EXPECT_NE(q->fetch, nullptr);
  auto p = ParseSelect("select 1 from dual union (select 2 from dual intersect select 3 from dual)");
  EXPECT_EQ(p->set_op, SetOp::kUnion);
  EXPECT_EQ(p->set_right->set_op, SetOp::kIntersect);
}

TEST(ParserQueryTest, ParseErrors) {
  EXPECT_EQ(ParseErrorOf("select 1 from dual union"), std::make_pair(928, 25));
  EXPECT_EQ(ParseErrorOf("select 1 from dual order by 1 union select 1 from dual"),
            std::make_pair(933, 31));
  EXPECT_EQ(ParseErrorOf("select 1 from a join b"), std::make_pair(905, 23));
  EXPECT_EQ(ParseErrorOf("select 1 from a left b on 1 = 1"), std::make_pair(905, 22));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where exists (1)"), std::make_pair(928, 34));
  EXPECT_EQ(ParseErrorOf("select 1 from (select 1 from dual"), std::make_pair(907, 34));
  EXPECT_EQ(ParseErrorOf("select 1 from dual fetch first 1 rows"), std::make_pair(905, 38));
  EXPECT_EQ(ParseErrorOf("select 1 from dual group 1"), std::make_pair(924, 26));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where x > any 1"), std::make_pair(906, 34));
}

}  // namespace
}  // namespace warden::sql
