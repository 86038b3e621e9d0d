// Tests of the SQL*Plus statement splitter.
#include "client/input_splitter.h"

#include <gtest/gtest.h>

#include <vector>

namespace warden::client {
namespace {

// Feeds lines and returns every event that is not kNone.
std::vector<InputEvent> FeedAll(InputSplitter& s, const std::vector<std::string>& lines) {
  std::vector<InputEvent> events;
  for (const std::string& line : lines) {
    InputEvent e = s.Feed(line);
    if (e.kind != InputEventKind::kNone) events.push_back(e);
  }
  return events;
}

std::vector<InputEvent> FeedAll(const std::vector<std::string>& lines) {
  InputSplitter s;
  return FeedAll(s, lines);
}

TEST(InputSplitterTest, SemicolonAtEndOfLineRunsWithoutIt) {
  auto e = FeedAll({"select 1", "from dual;"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, InputEventKind::kRunStatement);
  EXPECT_EQ(e[0].text, "select 1\nfrom dual");
  EXPECT_FALSE(e[0].is_plsql);
}

TEST(InputSplitterTest, SemicolonFollowedByBlanksOrLineComment) {
  auto e = FeedAll({"select 1 from dual ;  ", "select 2 from dual; -- two"});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].text, "select 1 from dual");
  EXPECT_EQ(e[1].text, "select 2 from dual");
}

TEST(InputSplitterTest, SemicolonInsideLiteralsAndCommentsDoesNotEnd) {
  InputSplitter s;
  EXPECT_EQ(s.Feed("select 'a;").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("b;' as \"x;\"").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("-- c;").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("/* d;").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("e; */").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("from dual where q'[;]' = 'it''s;'").kind, InputEventKind::kNone);
  EXPECT_EQ(s.next_line_number(), 7);
  InputEvent e = s.Feed("and 1 = 1;");
  EXPECT_EQ(e.kind, InputEventKind::kRunStatement);
  EXPECT_EQ(e.text,
            "select 'a;\nb;' as \"x;\"\n-- c;\n/* d;\ne; */\nfrom dual where q'[;]' = "
            "'it''s;'\nand 1 = 1");
  EXPECT_FALSE(s.in_statement());
}

TEST(InputSplitterTest, MidLineSemicolonDoesNotEnd) {
  InputSplitter s;
  EXPECT_EQ(s.Feed("select 1 from dual; select 2 from dual").kind, InputEventKind::kNone);
  EXPECT_TRUE(s.in_statement());
}

TEST(InputSplitterTest, SlashLineRunsStatement) {
  auto e = FeedAll({"select 1", "from dual", " / "});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, InputEventKind::kRunStatement);
  EXPECT_EQ(e[0].text, "select 1\nfrom dual");
}

TEST(InputSplitterTest, SlashBetweenStatementsRunsBuffer) {
  auto e = FeedAll({"/"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, InputEventKind::kRunBuffer);
}

TEST(InputSplitterTest, BlankLineEndsWithoutRunning) {
  InputSplitter s;
  auto e = FeedAll(s, {"select 1", "from dual", ""});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, InputEventKind::kStatementEnded);
  EXPECT_EQ(e[0].text, "select 1\nfrom dual");
  EXPECT_FALSE(s.in_statement());
  EXPECT_EQ(s.next_line_number(), 1);
}

TEST(InputSplitterTest, BlankLinesAllowedWithSqlblanklines) {
  InputSplitter s;
  s.set_blank_lines_allowed(true);
  EXPECT_EQ(s.Feed("select 1").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("").kind, InputEventKind::kNone);
  InputEvent e = s.Feed("from dual;");
  EXPECT_EQ(e.kind, InputEventKind::kRunStatement);
  EXPECT_EQ(e.text, "select 1\n\nfrom dual");
}

TEST(InputSplitterTest, DotLineEndsWithoutRunning) {
  auto e = FeedAll({"select 1", "."});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, InputEventKind::kStatementEnded);
  EXPECT_EQ(e[0].text, "select 1");
}

TEST(InputSplitterTest, BlankLineInsideLiteralOrCommentIsKept) {
  auto e = FeedAll({"select 'a", "", "b' from dual;", "/* x", "", "*/ select 1 from dual;"});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].text, "select 'a\n\nb' from dual");
  EXPECT_EQ(e[1].text, "/* x\n\n*/ select 1 from dual");
}

TEST(InputSplitterTest, CommentsBetweenStatementsAreDropped) {
  InputSplitter s;
  auto e = FeedAll(s, {"-- heading", "/* a", "   b */", "", "  ", "select 1 from dual;"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].text, "select 1 from dual");
}

TEST(InputSplitterTest, PlsqlBlockEndsOnlyAtSlash) {
  InputSplitter s;
  auto e = FeedAll(s, {"BEGIN", "  null;", "", "  dbms_lock.sleep(1);", "END;"});
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(s.next_line_number(), 6);
  InputEvent run = s.Feed("/");
  EXPECT_EQ(run.kind, InputEventKind::kRunStatement);
  EXPECT_TRUE(run.is_plsql);
  EXPECT_EQ(run.text, "BEGIN\n  null;\n\n  dbms_lock.sleep(1);\nEND;");
}

TEST(InputSplitterTest, PlsqlStarts) {
  EXPECT_TRUE(StartsPlsqlBlock("declare x number; begin null; end;"));
  EXPECT_TRUE(StartsPlsqlBlock("-- c\n/* d */ begin null; end;"));
  EXPECT_TRUE(StartsPlsqlBlock("create or replace procedure p is begin null; end;"));
  EXPECT_TRUE(StartsPlsqlBlock("CREATE EDITIONABLE PACKAGE BODY p"));
  EXPECT_TRUE(StartsPlsqlBlock("create\ntrigger t"));
  EXPECT_FALSE(StartsPlsqlBlock("create table t (x number)"));
  EXPECT_FALSE(StartsPlsqlBlock("select begin from t"));
  EXPECT_FALSE(StartsPlsqlBlock("begin_date"));
  EXPECT_FALSE(StartsPlsqlBlock("create or replace view v"));
}

TEST(InputSplitterTest, PlsqlDecidedAcrossLines) {
  InputSplitter s;
  EXPECT_EQ(s.Feed("create or replace").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("function f return number is begin return 1; end;").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed(".").kind, InputEventKind::kStatementEnded);
}

TEST(InputSplitterTest, CommandsOnFirstLineOnly) {
  InputSplitter s;
  InputEvent set = s.Feed("set pagesize 20");
  EXPECT_EQ(set.kind, InputEventKind::kCommand);
  EXPECT_EQ(set.command.verb, CommandVerb::kSet);
  EXPECT_EQ(set.command.args, "pagesize 20");
  EXPECT_EQ(s.Feed("select 1").kind, InputEventKind::kNone);
  // Inside a statement "set" is SQL text.
  EXPECT_EQ(s.Feed("set x").kind, InputEventKind::kNone);
  EXPECT_EQ(s.Feed("/").text, "select 1\nset x");
}

TEST(InputSplitterTest, CommandContinuedWithHyphen) {
  InputSplitter s;
  EXPECT_EQ(s.Feed("exec dbms_lock.sleep( -").kind, InputEventKind::kNone);
  EXPECT_EQ(s.next_line_number(), 2);
  InputEvent e = s.Feed("  5)");
  EXPECT_EQ(e.kind, InputEventKind::kCommand);
  EXPECT_EQ(e.command.verb, CommandVerb::kExecute);
  EXPECT_EQ(e.command.args, "dbms_lock.sleep( 5)");
}

TEST(InputSplitterTest, EndOfInputKeepsUnfinishedStatement) {
  InputSplitter s;
  s.Feed("select 1");
  InputEvent e = s.EndOfInput();
  EXPECT_EQ(e.kind, InputEventKind::kStatementEnded);
  EXPECT_EQ(e.text, "select 1");
  EXPECT_EQ(s.EndOfInput().kind, InputEventKind::kNone);
}

TEST(InputSplitterTest, CarriageReturnsIgnored) {
  auto e = FeedAll({"select 1 from dual;\r"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].text, "select 1 from dual");
}

TEST(SqlPlusCommandTest, VerbsAndAbbreviations) {
  EXPECT_EQ(ParseSqlPlusCommand("SHO PARAMETER x")->verb, CommandVerb::kShow);
  EXPECT_EQ(ParseSqlPlusCommand("pro hello")->verb, CommandVerb::kPrompt);
  EXPECT_EQ(ParseSqlPlusCommand("pro hello")->args, "hello");
  EXPECT_EQ(ParseSqlPlusCommand("EXECUTE p")->verb, CommandVerb::kExecute);
  EXPECT_EQ(ParseSqlPlusCommand("exit;")->verb, CommandVerb::kExit);
  EXPECT_EQ(ParseSqlPlusCommand("quit 2")->args, "2");
  EXPECT_EQ(ParseSqlPlusCommand("@x.sql a")->verb, CommandVerb::kStart);
  EXPECT_EQ(ParseSqlPlusCommand("@x.sql a")->args, "x.sql a");
  EXPECT_EQ(ParseSqlPlusCommand("@@y")->verb, CommandVerb::kStartNested);
  EXPECT_EQ(ParseSqlPlusCommand("sta z")->verb, CommandVerb::kStart);
  EXPECT_EQ(ParseSqlPlusCommand("r")->verb, CommandVerb::kRun);
  EXPECT_EQ(ParseSqlPlusCommand("l")->verb, CommandVerb::kList);
  EXPECT_EQ(ParseSqlPlusCommand("rem x")->verb, CommandVerb::kRemark);
  EXPECT_EQ(ParseSqlPlusCommand("def x = 1")->verb, CommandVerb::kDefine);
  EXPECT_EQ(ParseSqlPlusCommand("def x = 1")->args, "x = 1");
  EXPECT_EQ(ParseSqlPlusCommand("undef x")->verb, CommandVerb::kUndefine);
  EXPECT_EQ(ParseSqlPlusCommand("col ename format a10")->verb, CommandVerb::kColumn);
  EXPECT_EQ(ParseSqlPlusCommand("cl col")->verb, CommandVerb::kClear);
  EXPECT_EQ(ParseSqlPlusCommand("WHENEVER SQLERROR EXIT")->verb, CommandVerb::kWhenever);
  EXPECT_EQ(ParseSqlPlusCommand("spo out.lst")->verb, CommandVerb::kSpool);
  EXPECT_EQ(ParseSqlPlusCommand("desc v$session")->verb, CommandVerb::kDescribe);
  EXPECT_EQ(ParseSqlPlusCommand("describe t")->verb, CommandVerb::kDescribe);
  EXPECT_EQ(ParseSqlPlusCommand("conn scott/tiger@h:1")->verb, CommandVerb::kConnect);
  EXPECT_EQ(ParseSqlPlusCommand("connect scott")->args, "scott");
  EXPECT_EQ(ParseSqlPlusCommand("ho ls")->verb, CommandVerb::kHost);
  EXPECT_EQ(ParseSqlPlusCommand("!ls -l")->verb, CommandVerb::kHost);
  EXPECT_EQ(ParseSqlPlusCommand("!ls -l")->args, "ls -l");
  EXPECT_EQ(ParseSqlPlusCommand("acc x prompt 'X: '")->verb, CommandVerb::kAccept);
  EXPECT_EQ(ParseSqlPlusCommand("bre on sid skip 1")->verb, CommandVerb::kBreak);
}

TEST(SqlPlusCommandTest, SqlIsNotACommand) {
  EXPECT_FALSE(ParseSqlPlusCommand("select 1 from dual"));
  EXPECT_FALSE(ParseSqlPlusCommand("set transaction read only"));
  EXPECT_FALSE(ParseSqlPlusCommand("SET ROLE all"));
  EXPECT_FALSE(ParseSqlPlusCommand("exe x"));  // EXEC needs 4 letters
  EXPECT_FALSE(ParseSqlPlusCommand("rollback"));
  EXPECT_FALSE(ParseSqlPlusCommand("lock table t in exclusive mode"));
  EXPECT_FALSE(ParseSqlPlusCommand("   "));
  EXPECT_FALSE(ParseSqlPlusCommand("delete from t"));
  EXPECT_FALSE(ParseSqlPlusCommand("commit"));
  EXPECT_FALSE(ParseSqlPlusCommand("call p()"));
  EXPECT_FALSE(ParseSqlPlusCommand("declare x number; begin null; end;"));
  EXPECT_FALSE(ParseSqlPlusCommand("whenev sqlerror exit"));  // WHENEVER is never shortened
  EXPECT_FALSE(ParseSqlPlusCommand("de x"));
}

TEST(SqlPlusCommandTest, Continuation) {
  EXPECT_TRUE(EndsWithContinuation("exec x( -"));
  EXPECT_TRUE(EndsWithContinuation("-"));
  EXPECT_FALSE(EndsWithContinuation("prompt ----"));
  EXPECT_FALSE(EndsWithContinuation("select 1"));
}

}  // namespace
}  // namespace warden::client
