// Tests of the wsql interpreter: whole inputs through Session with a fake server, comparing
// the exact text SQL*Plus would print.
#include "client/session.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace warden::client {
namespace {

// A server that answers from a table (sql -> result) and records what it was sent.
// Statements it does not know complete with an empty tag.
class FakeConnection : public Connection {
 public:
  QueryResult Execute(const std::string& sql) override {
    sent.push_back(sql);
    if (sql == drop_on) is_connected = false;
    auto it = answers.find(sql);
    if (it != answers.end()) return it->second;
    QueryResult r;
    r.kind = QueryResult::Kind::kCommand;
    return r;
  }
  bool connected() const override { return is_connected; }
  std::string user() const override { return "SYS"; }
  void Disconnect() override { is_connected = false; }

  std::map<std::string, QueryResult> answers;
  std::vector<std::string> sent;
  std::string drop_on;  // the connection is lost while running this statement
  bool is_connected = true;
};

QueryResult Rows(std::vector<ResultColumn> columns, std::vector<ResultRow> rows) {
  QueryResult r;
  r.kind = QueryResult::Kind::kRows;
  r.columns = std::move(columns);
  r.rows = std::move(rows);
  return r;
}

QueryResult Tag(std::string tag) {
  QueryResult r;
  r.kind = QueryResult::Kind::kCommand;
  r.tag = std::move(tag);
  return r;
}

QueryResult Error(std::string message, int position) {
  QueryResult r;
  r.kind = QueryResult::Kind::kError;
  r.error_message = std::move(message);
  r.error_position = position;
  return r;
}

class SessionTest : public ::testing::Test {
 protected:
  // Runs input as a script (a pipe) and returns what was printed.
  std::string RunScript(const std::string& input, bool silent = true) {
    std::istringstream in(input);
    StreamLineSource source(in);
    Session session(server_, out_, silent);
    session.Run(source, InputMode{false, true});
    exit_code_ = session.exit_code();
    exit_requested_ = session.exit_requested();
    return out_.str();
  }

  FakeConnection server_;
  std::ostringstream out_;
  int exit_code_ = -1;
  bool exit_requested_ = false;
};

TEST_F(SessionTest, QueryAndDmlFeedback) {
  server_.answers["select ename from emp"] =
      Rows({{"ENAME", ColumnKind::kCharacter, 0}}, {{"SMITH"}, {std::nullopt}});
  server_.answers["update emp set sal = 1"] = Tag("UPDATE 2");
  server_.answers["insert into emp values (1)"] = Tag("INSERT 0 1");
  EXPECT_EQ(RunScript("select ename from emp;\nupdate emp set sal = 1;\n"
                      "insert into emp values (1)\n/\n"),
            "\nENAME\n-----\nSMITH\n\n\n"
            "\n2 rows updated.\n\n"
            "\n1 row created.\n\n");
  EXPECT_EQ(exit_code_, 0);
  EXPECT_FALSE(exit_requested_);
}

TEST_F(SessionTest, ErrorWithPositionFailsTheScript) {
  server_.answers["select *\nfrom nosuch"] = Error("ORA-00942: table or view does not exist", 15);
  EXPECT_EQ(RunScript("select *\nfrom nosuch;\n"),
            "from nosuch\n     *\nERROR at line 2:\nORA-00942: table or view does not exist\n\n\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(SessionTest, FailuresDoNotCountInteractively) {
  server_.answers["select x"] = Error("ORA-00904: \"X\": invalid identifier", 8);
  std::istringstream in("select x;\n");
  StreamLineSource source(in);
  Session session(server_, out_, true);
  session.Run(source, InputMode{false, false});
  EXPECT_EQ(session.exit_code(), 0);
}

TEST_F(SessionTest, LostConnectionThenNotConnected) {
  server_.answers["select 1 from dual"] = Error("ORA-00028: your session has been killed", 0);
  server_.drop_on = "select 1 from dual";
  EXPECT_EQ(RunScript("select 1 from dual;\nselect 2 from dual;\n"),
            "ERROR:\nORA-00028: your session has been killed\n\n\n"
            "ERROR:\nORA-03114: not connected to ORACLE\n\n\n");
  EXPECT_EQ(server_.sent, (std::vector<std::string>{"select 1 from dual"}));
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(SessionTest, ExecuteAndPlsqlBlocks) {
  server_.answers["BEGIN dbms_lock.sleep(1); END;"] = Tag("CALL");
  server_.answers["begin\n  null;\nend;"] = Tag("DO");
  EXPECT_EQ(RunScript("exec dbms_lock.sleep(1);\nbegin\n  null;\nend;\n/\n"),
            "\nPL/SQL procedure successfully completed.\n\n"
            "\nPL/SQL procedure successfully completed.\n\n");
  EXPECT_EQ(server_.sent.size(), 2u);
}

TEST_F(SessionTest, ExecuteErrorShowsTheWrappedBlock) {
  server_.answers["BEGIN nosuch; END;"] = Error("ORA-06550: line 1, column 7:", 7);
  EXPECT_EQ(RunScript("EXECUTE nosuch\n"),
            "BEGIN nosuch; END;\n      *\nERROR at line 1:\nORA-06550: line 1, column 7:\n\n\n");
}

TEST_F(SessionTest, FeedbackOffSilencesDml) {
  server_.answers["delete from t"] = Tag("DELETE 3");
  EXPECT_EQ(RunScript("set feedback off\ndelete from t;\n"), "");
}

TEST_F(SessionTest, ShowParameterLayout) {
  const std::string query =
      "SELECT name, type, value FROM v$parameter WHERE name LIKE '%processes%' ORDER BY name";
  server_.answers[query] = Rows({{"NAME", ColumnKind::kCharacter, 0},
                                 {"TYPE", ColumnKind::kNumber, 0},
                                 {"VALUE", ColumnKind::kCharacter, 0}},
                                {{"processes", "3", "300"}, {"x_processes", "2", std::nullopt}});
  EXPECT_EQ(RunScript("show parameter PROCESSES\n"),
            "\n"
            "NAME                                 TYPE        VALUE\n"
            "------------------------------------ ----------- ------------------------------\n"
            "processes                            integer     300\n"
            "x_processes                          string\n"
            "\n");
  EXPECT_EQ(server_.sent, (std::vector<std::string>{query}));
}

TEST_F(SessionTest, ShowParameterQuotesTheName) {
  RunScript("sho parameters o'x\n");
  ASSERT_EQ(server_.sent.size(), 1u);
  EXPECT_EQ(server_.sent[0],
            "SELECT name, type, value FROM v$parameter WHERE name LIKE '%o''x%' ORDER BY name");
}

TEST_F(SessionTest, ShowSettingsUserAndUnknown) {
  EXPECT_EQ(RunScript("set pagesize 50\nshow pagesize\nshow user\nshow bogus\n"),
            "pagesize 50\nUSER is \"SYS\"\nSP2-0158: unknown SHOW option \"bogus\"\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(SessionTest, ExitWithCodeCommits) {
  EXPECT_EQ(RunScript("exit 3\nselect 1 from dual;\n"), "");
  EXPECT_EQ(exit_code_, 3);
  EXPECT_TRUE(exit_requested_);
  EXPECT_EQ(server_.sent, (std::vector<std::string>{"COMMIT"}));
}

TEST_F(SessionTest, ExitVariants) {
  RunScript("quit failure rollback\n");
  EXPECT_EQ(exit_code_, 1);
  EXPECT_EQ(server_.sent, (std::vector<std::string>{"ROLLBACK"}));
}

TEST_F(SessionTest, ExitBadValue) {
  EXPECT_EQ(RunScript("exit abc\n"), "SP2-0584: EXIT variable \"abc\" was non-numeric\n");
  EXPECT_FALSE(exit_requested_);
}

TEST_F(SessionTest, BufferSlashRunAndList) {
  server_.answers["select 1\nfrom dual"] = Tag("SELECT 1");
  EXPECT_EQ(RunScript("/\nselect 1\nfrom dual\n\nlist\n/\nr\n"),
            "SP2-0103: Nothing in SQL buffer to run.\n"
            "  1  select 1\n  2* from dual\n"
            "\nSELECT 1\n\n"
            "  1  select 1\n  2* from dual\n"
            "\nSELECT 1\n\n");
  EXPECT_EQ(server_.sent.size(), 2u);
}

TEST_F(SessionTest, EchoInScripts) {
  server_.answers["select 1\nfrom dual"] = Tag("SELECT 1");
  EXPECT_EQ(RunScript("set echo on\nselect 1\nfrom dual;\nprompt done\n", /*silent=*/false),
            "SQL> select 1\n  2  from dual;\n\nSELECT 1\n\nSQL> prompt done\ndone\n");
}

TEST_F(SessionTest, PromptAndRemark) {
  EXPECT_EQ(RunScript("rem nothing\nprompt Hello;  world\nprompt\n"), "Hello;  world\n\n");
}

TEST_F(SessionTest, ScriptsWithArgumentsAndNesting) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("wsql_session_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "outer.sql") << "prompt outer &1\n@@inner &2\n";
  std::ofstream(dir / "sub" / "inner.sql") << "select '&1' from dual;\n";
  server_.answers["select 'B' from dual"] = Tag("SELECT 1");
  EXPECT_EQ(RunScript("@" + (dir / "sub" / "outer").string() + " A B\n@nosuch\n"),
            "outer A\n"
            "old   1: select '&1' from dual\n"
            "new   1: select 'B' from dual\n"
            "\nSELECT 1\n\nSP2-0310: unable to open file \"nosuch.sql\"\n");
  EXPECT_EQ(exit_code_, 1);
  fs::remove_all(dir);
}

TEST_F(SessionTest, RunScriptAsWsqlF) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("wsql_f_" + std::to_string(::getpid()) + ".sql");
  std::ofstream(file) << "prompt &1\nexit 4\nprompt never\n";
  Session session(server_, out_, true);
  session.RunScript(file.string(), {"x"});
  EXPECT_EQ(out_.str(), "x\n");
  EXPECT_EQ(session.exit_code(), 4);
  fs::remove(file);
}

TEST_F(SessionTest, EndOfInputExitsAndCommits) {
  std::istringstream in("select 1\n");
  StreamLineSource source(in);
  Session session(server_, out_, true);
  session.Run(source, InputMode{false, true});
  session.ExitAtEndOfInput();
  EXPECT_EQ(server_.sent, (std::vector<std::string>{"COMMIT"}));  // unfinished select not run
  EXPECT_EQ(session.exit_code(), 0);
}

TEST(LinePromptTest, SqlPlusFormat) {
  EXPECT_EQ(LinePrompt(2), "  2  ");
  EXPECT_EQ(LinePrompt(123), "123  ");
}

}  // namespace
}  // namespace warden::client
