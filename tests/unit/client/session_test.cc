// Tests of the wsql interpreter: whole inputs through Session with a fake server, comparing
// the exact text SQL*Plus would print.
#include "client/session.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
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

TEST_F(SessionTest, SqlpromptWithPredefinedVariables) {
  std::istringstream in("set sqlprompt '_user@_connect_identifier> '\nset echo on\nprompt x\n");
  StreamLineSource source(in);
  Session session(server_, out_, /*silent=*/false);
  session.variables().Define("_USER", "SYS");
  session.variables().Define("_CONNECT_IDENTIFIER", "h:1521");
  session.Run(source, InputMode{false, true});
  EXPECT_EQ(out_.str(), "SYS@h:1521> prompt x\nx\n");
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

TEST_F(SessionTest, DefineListUndefineAndSubstitution) {
  server_.answers["select 'abc' from dual"] = Tag("SELECT 1");
  EXPECT_EQ(RunScript("define x = abc\ndefine\ndefine x\nselect '&x' from dual;\n"
                      "undefine x\ndefine x\n"),
            "DEFINE X               = \"abc\" (CHAR)\n"
            "DEFINE X               = \"abc\" (CHAR)\n"
            "old   1: select '&x' from dual\n"
            "new   1: select 'abc' from dual\n"
            "\nSELECT 1\n\n"
            "SP2-0135: symbol x is UNDEFINED\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(SessionTest, VerifyOffAndDefineOff) {
  RunScript(
      "define t = emp\nset verify off\nselect * from &t;\nset define off\n"
      "select 'a&b' from dual;\n");
  EXPECT_EQ(server_.sent,
            (std::vector<std::string>{"select * from emp", "select 'a&b' from dual"}));
  EXPECT_EQ(out_.str(), "\n\n\n\n\n\n");  // two empty feedback lines, no old/new lines
}

TEST_F(SessionTest, UndefinedVariableValueReadFromTheInput) {
  // Piped input: the value is the next input line; SQL*Plus prints the prompt.
  RunScript("set verify off\nselect &&n from dual;\n42\nselect &n + &m from dual;\n7\n");
  EXPECT_EQ(server_.sent,
            (std::vector<std::string>{"select 42 from dual", "select 42 + 7 from dual"}));
  EXPECT_EQ(out_.str(), "Enter value for n: \n\n\nEnter value for m: \n\n\n");
}

TEST_F(SessionTest, BufferKeepsTheUnsubstitutedText) {
  RunScript("set verify off\ndefine c = 1\nselect &c from dual;\ndefine c = 2\n/\nlist\n");
  EXPECT_EQ(server_.sent, (std::vector<std::string>{"select 1 from dual", "select 2 from dual"}));
  EXPECT_TRUE(out_.str().ends_with("  1* select &c from dual\n")) << out_.str();
}

TEST_F(SessionTest, CommandsAreSubstitutedButRemarksAreNot) {
  EXPECT_EQ(RunScript("define who = World\nprompt Hello &who\nrem &nothing\n"), "Hello World\n");
}

TEST_F(SessionTest, ColumnSettingsApplyToResults) {
  server_.answers["select ename, sal from emp"] =
      Rows({{"ENAME", ColumnKind::kCharacter, 0}, {"SAL", ColumnKind::kNumber, 0}},
           {{"SMITH", "800"}, {"ALLEN", "1600.5"}});
  EXPECT_EQ(RunScript("column ename heading 'Name' format a8\ncol sal format 99,999.99\n"
                      "select ename, sal from emp;\nclear columns\nselect ename, sal from emp;\n"),
            "\n"
            "Name            SAL\n"
            "-------- ----------\n"
            "SMITH        800.00\n"
            "ALLEN      1,600.50\n"
            "\n"
            "columns cleared\n"
            "\n"
            "ENAME        SAL\n"
            "----- ----------\n"
            "SMITH        800\n"
            "ALLEN     1600.5\n"
            "\n");
}

TEST_F(SessionTest, BreakAppliesUntilCleared) {
  server_.answers["select d from t"] = Rows({{"D", ColumnKind::kCharacter, 0}}, {{"x"}, {"x"}});
  EXPECT_EQ(RunScript("break on d\nselect d from t;\nclear breaks\nselect d from t;\nbreak\n"),
            "\nD\n-\nx\n\n\nbreaks cleared\n\nD\n-\nx\nx\n\n"
            "SP2-0045: * no break's defined\n");
}

TEST_F(SessionTest, ColumnNewValueDefinesAVariable) {
  server_.answers["select sid from v$mystat"] = Rows({{"SID", ColumnKind::kNumber, 0}}, {{"17"}});
  RunScript(
      "set termout off\ncol sid new_value mysid noprint\nselect sid from v$mystat;\n"
      "set termout on\nprompt sid=&mysid\n");
  EXPECT_EQ(out_.str(), "sid=17\n");
}

TEST_F(SessionTest, WheneverSqlerrorExit) {
  server_.answers["select * from nosuch"] = Error("ORA-00942: table or view does not exist", 15);
  EXPECT_EQ(RunScript("whenever sqlerror exit failure rollback\nselect * from nosuch;\n"
                      "prompt not reached\n"),
            "select * from nosuch\n              *\nERROR at line 1:\n"
            "ORA-00942: table or view does not exist\n\n\n");
  EXPECT_TRUE(exit_requested_);
  EXPECT_EQ(exit_code_, 1);
  EXPECT_EQ(server_.sent.back(), "ROLLBACK");
}

TEST_F(SessionTest, WheneverSqlerrorExitCodes) {
  server_.answers["select * from nosuch"] = Error("ORA-00942: table or view does not exist", 15);
  RunScript("whenever sqlerror exit sql.sqlcode\nselect * from nosuch;\n");
  EXPECT_EQ(exit_code_, 942 & 0xFF);
  EXPECT_EQ(server_.sent.back(), "COMMIT");
}

TEST_F(SessionTest, WheneverSqlerrorIgnoresSp2Errors) {
  RunScript("whenever sqlerror exit 7\nset bogus on\nprompt still here\n");
  EXPECT_FALSE(exit_requested_);
  EXPECT_EQ(exit_code_, 1);  // the script had a failure
  EXPECT_EQ(out_.str(), "SP2-0158: unknown SET option \"bogus\"\nstill here\n");
}

TEST_F(SessionTest, WheneverSqlerrorContinueAndUsage) {
  server_.answers["select * from nosuch"] = Error("ORA-00942: table or view does not exist", 0);
  RunScript(
      "whenever sqlerror exit 3\nwhenever sqlerror continue rollback\n"
      "select * from nosuch;\nwhenever sqlerror\n");
  EXPECT_FALSE(exit_requested_);
  EXPECT_EQ(server_.sent.back(), "ROLLBACK");
  EXPECT_NE(out_.str().find("Usage: WHENEVER SQLERROR"), std::string::npos);
}

TEST_F(SessionTest, SpoolWritesWhatIsShown) {
  namespace fs = std::filesystem;
  fs::path base = fs::temp_directory_path() / ("wsql_spool_" + std::to_string(::getpid()));
  server_.answers["select x from t"] = Rows({{"X", ColumnKind::kCharacter, 0}}, {{"a"}});
  RunScript("prompt before\nspool " + base.string() +
            "\nset trimspool on\nselect x from t;\n"
            "spool\nspool off\nprompt after\nspool off\n");
  std::ifstream in(base.string() + ".lst");
  std::stringstream spooled;
  spooled << in.rdbuf();
  EXPECT_EQ(spooled.str(), "\nX\n-\na\n\ncurrently spooling to " + base.string() + ".lst\n");
  EXPECT_TRUE(out_.str().ends_with("after\nnot spooling currently\n")) << out_.str();
  // APPEND adds; TRIMSPOOL OFF pads result lines to LINESIZE.
  RunScript("set linesize 5\nspool " + base.string() +
            ".lst append\nselect x from t;\nspool off\n");
  std::ifstream again(base.string() + ".lst");
  std::stringstream appended;
  appended << again.rdbuf();
  EXPECT_TRUE(appended.str().ends_with("\nX    \n-    \na    \n\n")) << appended.str();
  fs::remove(base.string() + ".lst");
}

TEST_F(SessionTest, SpoolCreateRefusesAnExistingFile) {
  namespace fs = std::filesystem;
  fs::path file =
      fs::temp_directory_path() / ("wsql_spool_c_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << "keep\n";
  EXPECT_EQ(RunScript("spool " + file.string() + " create\n"),
            "SP2-0771: File \"" + file.string() +
                "\" already exists.\nUse another name or \"SPOOL filename[.ext] REPLACE\"\n");
  fs::remove(file);
}

TEST_F(SessionTest, DescribeFromTheCatalog) {
  const std::string catalog =
      "SELECT column_name, nullable, data_type, data_length, data_precision, data_scale "
      "FROM all_tab_columns WHERE owner = 'SYS' AND table_name = 'EMP' ORDER BY column_id";
  server_.answers[catalog] = Rows({{"COLUMN_NAME", ColumnKind::kCharacter, 0},
                                   {"NULLABLE", ColumnKind::kCharacter, 0},
                                   {"DATA_TYPE", ColumnKind::kCharacter, 0},
                                   {"DATA_LENGTH", ColumnKind::kNumber, 0},
                                   {"DATA_PRECISION", ColumnKind::kNumber, 0},
                                   {"DATA_SCALE", ColumnKind::kNumber, 0}},
                                  {{"EMPNO", "N", "NUMBER", "22", "4", "0"},
                                   {"ENAME", "Y", "VARCHAR2", "10", std::nullopt, std::nullopt}});
  EXPECT_EQ(RunScript("desc emp\n"),
            " Name                                      Null?    Type\n"
            " ----------------------------------------- -------- ----------------------------\n"
            " EMPNO                                     NOT NULL NUMBER(4)\n"
            " ENAME                                              VARCHAR2(10)\n"
            "\n");
}

TEST_F(SessionTest, DescribeAViewFromItsResultColumns) {
  QueryResult probe = Rows({{"sid", ColumnKind::kNumber, 0, 1700, -1},
                            {"event", ColumnKind::kCharacter, 0, 1043, 64 + 4}},
                           {});
  server_.answers["SELECT * FROM v$session_wait WHERE 1=0"] = probe;
  std::string out = RunScript("describe v$session_wait\n");
  EXPECT_NE(out.find(" SID                                                NUMBER\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(" EVENT                                              VARCHAR2(64)\n"),
            std::string::npos)
      << out;
}

TEST_F(SessionTest, DescribeUnknownObject) {
  server_.answers["SELECT * FROM nosuch WHERE 1=0"] =
      Error("ORA-00942: table or view does not exist", 15);
  EXPECT_EQ(RunScript("desc nosuch\n"), "ERROR:\nORA-04043: object nosuch does not exist\n\n\n");
  EXPECT_EQ(exit_code_, 1);
}

// Connections handed out by CONNECT: fakes with a given user.
class FakeConnector : public Connector {
 public:
  std::unique_ptr<Connection> Connect(const ConnectTarget& target, std::string* error) override {
    targets.push_back(target);
    if (target.password != "good") {
      *error = "ORA-01017: invalid username/password; logon denied";
      return nullptr;
    }
    auto c = std::make_unique<FakeConnection>();
    c->answers["select 1 from dual"] = Tag("SELECT 1");
    return c;
  }
  std::vector<ConnectTarget> targets;
};

TEST_F(SessionTest, ConnectReplacesTheConnection) {
  FakeConnector connector;
  ConnectTarget first;
  first.host = "10.0.0.1";
  first.port = 1600;
  std::istringstream in(
      "conn scott/good\nselect 1 from dual;\nconnect a/bad@h2:7\n"
      "select 1 from dual;\n");
  StreamLineSource source(in);
  Session session(server_, out_, true);
  session.set_connector(&connector, first);
  session.Run(source, InputMode{false, true});
  ASSERT_EQ(connector.targets.size(), 2u);
  EXPECT_EQ(connector.targets[0].user, "scott");
  EXPECT_EQ(connector.targets[0].host, "10.0.0.1");  // no @: where the session was
  EXPECT_EQ(connector.targets[0].port, 1600);
  EXPECT_EQ(connector.targets[1].host, "h2");
  EXPECT_EQ(connector.targets[1].port, 7);
  EXPECT_EQ(server_.sent, (std::vector<std::string>{"COMMIT"}));
  EXPECT_FALSE(server_.is_connected);
  EXPECT_EQ(out_.str(),
            "Connected.\n\nSELECT 1\n\n"
            "ERROR:\nORA-01017: invalid username/password; logon denied\n\n\n"
            "Warning: You are no longer connected to ORACLE.\n"
            "ERROR:\nORA-03114: not connected to ORACLE\n\n\n");
  EXPECT_EQ(session.exit_code(), 1);
}

TEST_F(SessionTest, ConnectWithoutAConnectorKeepsTheConnection) {
  EXPECT_EQ(RunScript("connect scott/tiger\n"),
            "SP2-0738: Restricted command \"CONNECT\" not available\n");
  EXPECT_TRUE(server_.is_connected);
  EXPECT_TRUE(server_.sent.empty());
}

TEST_F(SessionTest, HostWithoutARunner) {
  EXPECT_EQ(RunScript("host ls\n"), "SP2-0738: Restricted command \"HOST\" not available\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST_F(SessionTest, HostRunsThroughTheRunner) {
  std::vector<std::string> commands;
  std::istringstream in("host ls -l\n!echo hi\nho\n");
  StreamLineSource source(in);
  Session session(server_, out_, true);
  session.set_host_runner([&](const std::string& c) {
    commands.push_back(c);
    return 0;
  });
  session.Run(source, InputMode{false, true});
  EXPECT_EQ(commands, (std::vector<std::string>{"ls -l", "echo hi", ""}));
}

TEST_F(SessionTest, TimingPrintsElapsed) {
  server_.answers["delete from t"] = Tag("DELETE 1");
  std::istringstream in("set timing on\ndelete from t;\n");
  StreamLineSource source(in);
  Session session(server_, out_, true);
  auto t = std::chrono::steady_clock::time_point();
  session.set_clock([&t] {
    auto now = t;
    t += std::chrono::milliseconds(1234);
    return now;
  });
  session.Run(source, InputMode{false, true});
  EXPECT_EQ(out_.str(), "\n1 row deleted.\n\nElapsed: 00:00:01.23\n");
}

TEST_F(SessionTest, AcceptReadsAVariable) {
  EXPECT_EQ(
      RunScript("accept who prompt 'Who? '\nScott\nprompt [&who]\n"
                "acc n number default 5 prompt 'N: '\n\nprompt [&n]\n"
                "accept m num prompt 'M: '\nabc\n12\nprompt [&m]\n"
                "accept p char hide\nsecret\nprompt [&p]\n"),
      "Who? [Scott]\nN: [5]\nM: SP2-0425: \"abc\" is not a valid NUMBER\nM: [12]\n[secret]\n");
  EXPECT_EQ(exit_code_, 0);
}

TEST_F(SessionTest, AcceptAtEndOfInputAndUsage) {
  EXPECT_EQ(RunScript("accept x number prompt 'X: '"), "X: ");
  out_.str("");
  EXPECT_EQ(RunScript("accept\n"),
            "Usage: ACC[EPT] variable [NUM[BER] | CHAR | DATE] [FOR[MAT] format]\n"
            "  [DEF[AULT] default] [PROMPT text | NOPR[OMPT]] [HIDE]\n");
  EXPECT_EQ(exit_code_, 1);
}

TEST(ElapsedLineTest, Format) {
  EXPECT_EQ(ElapsedLine(std::chrono::milliseconds(10)), "Elapsed: 00:00:00.01");
  EXPECT_EQ(ElapsedLine(std::chrono::seconds(3723)), "Elapsed: 01:02:03.00");
}

TEST_F(SessionTest, ScriptArgumentsAreVariablesOneToN) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("wsql_args_" + std::to_string(::getpid()) + ".sql");
  std::ofstream(file) << "prompt [&1] [&2]\ndefine 1\n";
  EXPECT_EQ(RunScript("@" + file.string() + " 'a b' c\n"),
            "[a b] [c]\nDEFINE 1               = \"a b\" (CHAR)\n");
  fs::remove(file);
}

TEST_F(SessionTest, ShowSpoolAndUserUpperCase) {
  EXPECT_EQ(RunScript("show spool\n"), "not spooling currently\n");
}

TEST(LinePromptTest, SqlPlusFormat) {
  EXPECT_EQ(LinePrompt(2), "  2  ");
  EXPECT_EQ(LinePrompt(123), "123  ");
}

}  // namespace
}  // namespace warden::client
