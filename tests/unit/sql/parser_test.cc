// Parser: the AST for SELECT, precedence, select-item names, and Oracle's parse errors
// with their codes and positions.
#include "sql/parser.h"

#include <gtest/gtest.h>

#include "common/ora_error.h"
#include "parse_helpers.h"

namespace warden::sql {
namespace {

using testing::ParseErrorOf;
using testing::ParseSelect;

// A compact rendering of an expression tree, for precedence checks.
std::string Show(const Expr& e) {
  auto kid = [&](size_t i) { return Show(*e.args[i]); };
  switch (e.kind) {
    case ExprKind::kLiteral:
      return e.value.is_null() ? "NULL" : e.value.ToText();
    case ExprKind::kColumnRef:
      return e.qualifier.empty() ? e.name : e.qualifier + "." + e.name;
    case ExprKind::kNegate:
      return "(-" + kid(0) + ")";
    case ExprKind::kArithmetic: {
      const char* ops[] = {"?", "+", "-", "*", "/"};
      return "(" + kid(0) + ops[static_cast<int>(e.op)] + kid(1) + ")";
    }
    case ExprKind::kConcat:
      return "(" + kid(0) + "||" + kid(1) + ")";
    case ExprKind::kComparison:
      return "(" + kid(0) + " cmp " + kid(1) + ")";
    case ExprKind::kAnd:
      return "(" + kid(0) + " AND " + kid(1) + ")";
    case ExprKind::kOr:
      return "(" + kid(0) + " OR " + kid(1) + ")";
    case ExprKind::kNot:
      return "(NOT " + kid(0) + ")";
    case ExprKind::kFunction: {
      std::string s = e.name + "(";
      for (size_t i = 0; i < e.args.size(); ++i) s += (i ? "," : "") + kid(i);
      return s + ")";
    }
    default:
      return "?";
  }
}

TEST(ParserTest, EmptyStatements) {
  EXPECT_EQ(ParseStatement(""), nullptr);
  EXPECT_EQ(ParseStatement("  \n\t "), nullptr);
  EXPECT_EQ(ParseStatement("-- nothing\n/* at all */"), nullptr);
  EXPECT_TRUE(IsEmptyStatement(" /* c */ "));
  EXPECT_FALSE(IsEmptyStatement("select"));
  EXPECT_FALSE(IsEmptyStatement("'unterminated"));
}

TEST(ParserTest, SelectClauses) {
  auto s = ParseSelect(
      "select distinct a, t.b bee, c as \"See\", t.* from sys.tab t, other "
      "where a = 1 order by 1 desc nulls last, bee");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->distinct);
  ASSERT_EQ(s->items.size(), 4u);
  EXPECT_EQ(s->items[0].expr->name, "A");
  EXPECT_FALSE(s->items[0].has_alias);
  EXPECT_EQ(s->items[1].expr->qualifier, "T");
  EXPECT_EQ(s->items[1].alias, "BEE");
  EXPECT_EQ(s->items[2].alias, "See");
  EXPECT_EQ(s->items[3].kind, SelectItem::Kind::kQualifiedStar);
  EXPECT_EQ(s->items[3].qualifier, "T");
  ASSERT_EQ(s->from.size(), 2u);
  EXPECT_EQ(s->from[0].schema, "SYS");
  EXPECT_EQ(s->from[0].name, "TAB");
  EXPECT_EQ(s->from[0].alias, "T");
  EXPECT_EQ(s->from[1].name, "OTHER");
  EXPECT_EQ(s->from[1].alias, "");
  ASSERT_NE(s->where, nullptr);
  EXPECT_EQ(s->where->kind, ExprKind::kComparison);
  ASSERT_EQ(s->order_by.size(), 2u);
  EXPECT_TRUE(s->order_by[0].descending);
  EXPECT_EQ(s->order_by[0].nulls, NullsOrder::kLast);
  EXPECT_FALSE(s->order_by[1].descending);
  EXPECT_EQ(s->order_by[1].nulls, NullsOrder::kDefault);
}

TEST(ParserTest, StarAlone) {
  auto s = ParseSelect("select * from dual");
  ASSERT_EQ(s->items.size(), 1u);
  EXPECT_EQ(s->items[0].kind, SelectItem::Kind::kStar);
  EXPECT_EQ(ParseErrorOf("select *, 1 from dual"), std::make_pair(923, 9));
}

TEST(ParserTest, ExpressionPrecedence) {
  EXPECT_EQ(Show(*ParseSelect("select 1+2*3 from dual")->items[0].expr), "(1+(2*3))");
  EXPECT_EQ(Show(*ParseSelect("select (1+2)*3 from dual")->items[0].expr), "((1+2)*3)");
  EXPECT_EQ(Show(*ParseSelect("select 1-2-3 from dual")->items[0].expr), "((1-2)-3)");
  // || and + - share one level, left to right.
  EXPECT_EQ(Show(*ParseSelect("select 'a'||1+2 from dual")->items[0].expr), "((a||1)+2)");
  EXPECT_EQ(Show(*ParseSelect("select -a*b from dual")->items[0].expr), "((-A)*B)");
  EXPECT_EQ(Show(*ParseSelect("select nvl(a, 0) from dual")->items[0].expr), "NVL(A,0)");
}

TEST(ParserTest, ConditionPrecedence) {
  EXPECT_EQ(Show(*ParseSelect("select 1 from t where a=1 or b=2 and not c=3")->where),
            "((A cmp 1) OR ((B cmp 2) AND (NOT (C cmp 3))))");
  EXPECT_EQ(Show(*ParseSelect("select 1 from t where (a=1 or b=2) and c=3")->where),
            "(((A cmp 1) OR (B cmp 2)) AND (C cmp 3))");
  // A parenthesised expression followed by a comparison.
  EXPECT_EQ(Show(*ParseSelect("select 1 from t where (a+1)*2 = 4")->where), "(((A+1)*2) cmp 4)");
  EXPECT_EQ(Show(*ParseSelect("select 1 from t where ((a)) = 4")->where), "(A cmp 4)");
}

TEST(ParserTest, Predicates) {
  auto s = ParseSelect(
      "select 1 from t where a is not null and b not in (1, 2) and c between 1 "
      "and 2 and d not like 'x\\%' escape '\\'");
  const Expr* w = s->where.get();
  ASSERT_EQ(w->kind, ExprKind::kAnd);
  const Expr* like = w->args[1].get();
  EXPECT_EQ(like->kind, ExprKind::kLike);
  EXPECT_TRUE(like->negated);
  EXPECT_EQ(like->args.size(), 3u);
  const Expr* between = w->args[0]->args[1].get();
  EXPECT_EQ(between->kind, ExprKind::kBetween);
  const Expr* in = w->args[0]->args[0]->args[1].get();
  EXPECT_EQ(in->kind, ExprKind::kIn);
  EXPECT_TRUE(in->negated);
  EXPECT_EQ(in->args.size(), 3u);
  const Expr* is_null = w->args[0]->args[0]->args[0].get();
  EXPECT_EQ(is_null->kind, ExprKind::kIsNull);
  EXPECT_TRUE(is_null->negated);
}

TEST(ParserTest, CaseAndTrimAndDate) {
  auto s = ParseSelect(
      "select case when a = 1 then 'x' else 'y' end, case a when 1 then 2 end, "
      "trim(leading '0' from b), trim(c), date '2024-02-29' from t");
  const Expr& searched = *s->items[0].expr;
  EXPECT_EQ(searched.kind, ExprKind::kCase);
  EXPECT_FALSE(searched.case_has_operand);
  EXPECT_TRUE(searched.case_has_else);
  EXPECT_EQ(searched.args.size(), 3u);
  const Expr& simple = *s->items[1].expr;
  EXPECT_TRUE(simple.case_has_operand);
  EXPECT_EQ(simple.args.size(), 3u);
  EXPECT_EQ(s->items[2].expr->trim_mode, TrimMode::kLeading);
  EXPECT_EQ(s->items[2].expr->args.size(), 2u);
  EXPECT_EQ(s->items[3].expr->args.size(), 1u);
  EXPECT_EQ(s->items[4].expr->value.ToText(), "2024-02-29 00:00:00");
  EXPECT_EQ(ParseErrorOf("select date '2023-02-29' from dual").first, 1861);
}

TEST(ParserTest, ItemTextIsUpperCasedWithoutBlanks) {
  auto s = ParseSelect("select 1 + 1, sysdate, nvl( x , 'ab' ), \"q\" + 1 from dual");
  EXPECT_EQ(s->items[0].text, "1+1");
  EXPECT_EQ(s->items[1].text, "SYSDATE");
  EXPECT_EQ(s->items[2].text, "NVL(X,'AB')");
  EXPECT_EQ(s->items[3].text, "\"q\"+1");
}

TEST(ParserTest, ErrorsWithPositions) {
  EXPECT_EQ(ParseErrorOf("selec 1 from dual"), std::make_pair(900, 1));
  EXPECT_EQ(ParseErrorOf("merge into t using s on (1 = 1)"), std::make_pair(900, 1));
  EXPECT_EQ(ParseErrorOf("select 1 a b"), std::make_pair(923, 12));  // FROM optional only at the end
  EXPECT_EQ(ParseErrorOf("select 1=1 from dual"), std::make_pair(923, 9));
  EXPECT_EQ(ParseErrorOf("select from dual"), std::make_pair(936, 8));
  EXPECT_EQ(ParseErrorOf("select 1, from dual"), std::make_pair(936, 11));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where"), std::make_pair(936, 25));
  EXPECT_EQ(ParseErrorOf("select 1 + from dual"), std::make_pair(936, 12));
  EXPECT_EQ(ParseErrorOf("select 1 from dual dual2 x"), std::make_pair(933, 26));
  EXPECT_EQ(ParseErrorOf("select (1 from dual"), std::make_pair(907, 11));
  EXPECT_EQ(ParseErrorOf("select nvl(1, 2 from dual"), std::make_pair(907, 17));
  EXPECT_EQ(ParseErrorOf("select 1 from dual;;"), std::make_pair(911, 19));  // one trailing ; is accepted
  EXPECT_EQ(ParseErrorOf("select 1 from"), std::make_pair(903, 14));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where a"), std::make_pair(920, 27));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where a and b = 1"), std::make_pair(920, 28));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where a is 1"), std::make_pair(908, 31));
  EXPECT_EQ(ParseErrorOf("select 1 from dual where a between 1 or 2"), std::make_pair(905, 38));
  EXPECT_EQ(ParseErrorOf("select 1 from dual order 1"), std::make_pair(924, 26));
  EXPECT_EQ(ParseErrorOf("select case 1 end from dual"), std::make_pair(905, 15));
  EXPECT_EQ(ParseErrorOf("select 1 as from dual"), std::make_pair(923, 13));
  EXPECT_EQ(ParseErrorOf("select 1e200 from dual"), std::make_pair(1426, 8));
}

}  // namespace
}  // namespace warden::sql

namespace warden::sql {
namespace {

TEST(ParserLimitsTest, DeepNestingIsRejectedNotACrash) {
  const std::string parens =
      "select " + std::string(100000, '(') + "1" + std::string(100000, ')') + " from dual";
  EXPECT_EQ(ParseErrorOf(parens).first, 3001);
  std::string chain = "select 1";
  for (int i = 0; i < 5000; ++i) chain += "+1";
  EXPECT_EQ(ParseErrorOf(chain + " from dual").first, 3001);
  std::string nots = "select 1 from dual where ";
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_EQ(ParseErrorOf(nots + "1 = 1").first, 3001);
  // Within the limits all is well.
  std::string ok = "select 1";
  for (int i = 0; i < 500; ++i) ok += "+1";
  EXPECT_NE(ParseStatement(ok + " from dual"), nullptr);
}

TEST(ParserLimitsTest, InListOf1000) {
  std::string in = "select 1 from dual where 1 in (0";
  for (int i = 1; i < 1000; ++i) in += ",0";
  EXPECT_NE(ParseStatement(in + ")"), nullptr);
  EXPECT_EQ(ParseErrorOf(in + ",0)").first, 1795);
}

}  // namespace
}  // namespace warden::sql

namespace warden::sql {
namespace {

TEST(ParserTest, AnonymousBlocksAndCall) {
  std::unique_ptr<Statement> s = ParseStatement("BEGIN dbms_lock.sleep(1); sys.x(2, 'a'); END;");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, StatementKind::kCall);
  ASSERT_EQ(s->calls.size(), 2u);
  EXPECT_EQ(s->calls[0].name, "DBMS_LOCK.SLEEP");
  EXPECT_EQ(s->calls[1].name, "SYS.X");
  EXPECT_EQ(s->calls[1].args.size(), 2u);
  s = ParseStatement("call dbms_session.sleep(0.5)");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->calls.size(), 1u);
  EXPECT_EQ(ParseErrorOf("begin x(1) end;").first, 933);  // missing ';'
  EXPECT_EQ(ParseErrorOf("begin x(1; end;").first, 907);
}

TEST(ParserTest, AlterSystemSessionControl) {
  std::unique_ptr<Statement> s =
      ParseStatement("alter system kill session '12, 345, @1' force timeout 7");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->kind, StatementKind::kSessionControl);
  const SessionControl& c = s->session_control;
  EXPECT_EQ(c.action, SessionControl::Action::kKill);
  EXPECT_EQ(c.session_id, "12, 345, @1");
  EXPECT_EQ(c.position, 27);
  EXPECT_TRUE(c.force);
  EXPECT_FALSE(c.immediate);
  EXPECT_EQ(c.timeout, 7);
  s = ParseStatement("ALTER SYSTEM DISCONNECT SESSION '1,2' POST_TRANSACTION");
  EXPECT_TRUE(s->session_control.post_transaction);
  s = ParseStatement("ALTER SYSTEM CANCEL SQL '1,2'");
  EXPECT_EQ(s->session_control.action, SessionControl::Action::kCancelSql);
  EXPECT_EQ(ParseErrorOf("alter system kill session 12").first, 26);  // not a string
  EXPECT_EQ(ParseErrorOf("alter system disconnect session '1,2'").first, 2065);
  EXPECT_EQ(ParseErrorOf("alter system reboot").first, 2065);
  EXPECT_EQ(ParseErrorOf("alter system cancel sql '1,2' immediate").first, 933);
  EXPECT_EQ(ParseErrorOf("alter session set x = 1").first, 940);
}

}  // namespace
}  // namespace warden::sql
