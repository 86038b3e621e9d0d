// wsql's SQL*Plus commands against a real instance, through the real binary: result layout
// with COLUMN and PAGESIZE, '/', @ and @@ with arguments, substitution and VERIFY, SPOOL,
// WHENEVER SQLERROR exit codes, DESCRIBE of a V$ view, CONNECT, HOST, TIMING.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "instance.h"

namespace warden::testing {
namespace {

namespace fs = std::filesystem;

class WsqlCommandsTest : public SharedInstanceTest<WsqlCommandsTest> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wsql_cmd_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Logon(const std::string& password = Instance::kPassword) {
    return "sys/" + password + "@" + instance_->Url();
  }
  // wsql -S logon [args...] with input on stdin.
  static CommandResult Wsql(const std::string& input, std::vector<std::string> args = {},
                            const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = {BinDir() + "/wsql", "-S", Logon()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, input, env);
  }
  void Write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
  }
  static std::string Read(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
};

TEST_F(WsqlCommandsTest, ColumnFormatsAndPageHeadings) {
  CommandResult r = Wsql(
      "set pagesize 5 feedback 1\n"
      "col name format a30 heading 'Event|Name'\n"
      "col wait_class format a12 justify right\n"
      "select name, wait_class from v$event_name where name like 'enq: T%' order by name;\n"
      "select 1.5 n from dual;\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "\n"
            "Event                            WAIT_CLASS\n"
            "Name\n"
            "------------------------------ ------------\n"
            "enq: TM - contention           Application\n"
            "\n"
            "Event                            WAIT_CLASS\n"
            "Name\n"
            "------------------------------ ------------\n"
            "enq: TX - row lock contention  Application\n"
            "\n"
            "2 rows selected.\n"
            "\n"
            "\n"
            "         N\n"
            "----------\n"
            "       1.5\n"
            "\n"
            "1 row selected.\n"
            "\n");
}

TEST_F(WsqlCommandsTest, PagesizeZeroAndHeadingOff) {
  CommandResult r = Wsql(
      "set pagesize 0\nselect 'a' x from dual;\nset pagesize 14 heading off\n"
      "select 'b' x from dual;\n");
  EXPECT_EQ(r.output, "a\n\nb\n\n");
}

TEST_F(WsqlCommandsTest, SlashRunsTheBuffer) {
  CommandResult r = Wsql("select 'once' x\nfrom dual\n/\n/\nl\n");
  EXPECT_EQ(r.output,
            "\nX\n----\nonce\n\n"
            "\nX\n----\nonce\n\n"
            "  1  select 'once' x\n  2* from dual\n");
}

TEST_F(WsqlCommandsTest, AtAndDoubleAtWithArguments) {
  Write(dir_ / "a" / "main.sql", "prompt main &1\n@@sub/inner &1 two\nprompt back &1 &2\n");
  Write(dir_ / "a" / "sub" / "inner.sql", "prompt inner &1 &2\nselect '&2' v from dual;\n");
  CommandResult r = Wsql("set verify off\n@" + (dir_ / "a" / "main").string() + " one\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "main one\ninner one two\n\nV\n---\ntwo\n\nback one two\n");
  // Started from the command line, as SQL*Plus "sqlplus logon @file args".
  CommandResult cli = Wsql("", {"@" + (dir_ / "a" / "sub" / "inner.sql").string(), "x", "y"});
  EXPECT_EQ(cli.output,
            "inner x y\nold   1: select '&2' v from dual\nnew   1: select 'y' v from dual\n"
            "\nV\n-\ny\n\n");
  // After the script, SQL*Plus goes on with standard input; -f FILE does not.
  CommandResult then_input =
      Wsql("prompt from stdin\n", {"@" + (dir_ / "a" / "sub" / "inner").string(), "p", "q"});
  EXPECT_TRUE(then_input.output.ends_with("\nq\n\nfrom stdin\n")) << then_input.output;
  Write(dir_ / "plain.sql", "prompt plain\n");
  CommandResult f_only = Wsql("prompt from stdin\n", {"-f", (dir_ / "plain.sql").string()});
  EXPECT_EQ(f_only.output, "plain\n");
  CommandResult missing = Wsql("@" + (dir_ / "nosuch").string() + "\n");
  EXPECT_EQ(missing.output,
            "SP2-0310: unable to open file \"" + (dir_ / "nosuch.sql").string() + "\"\n");
  EXPECT_EQ(missing.exit_code, 1);
}

TEST_F(WsqlCommandsTest, SubstitutionDefineAndVerify) {
  CommandResult r = Wsql(
      "define x = 42\n"
      "select &x n from dual;\n"
      "select &&y + 1 n from dual;\n"
      "8\n"
      "set verify off\n"
      "prompt y=&y\n"
      "define y\n"
      "undefine y\n"
      "set define off\n"
      "prompt a&b\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "old   1: select &x n from dual\n"
            "new   1: select 42 n from dual\n"
            "\n         N\n----------\n        42\n\n"
            "Enter value for y: old   1: select &&y + 1 n from dual\n"
            "new   1: select 8 + 1 n from dual\n"
            "\n         N\n----------\n         9\n\n"
            "y=8\n"
            "DEFINE Y               = \"8\" (CHAR)\n"
            "a&b\n");
}

TEST_F(WsqlCommandsTest, SpoolToAFile) {
  fs::path out = dir_ / "out";
  CommandResult r = Wsql("prompt not spooled\nspool " + out.string() +
                         "\nset trimspool on\nselect 'x' v from dual;\nspool off\nprompt after\n");
  EXPECT_EQ(r.output, "not spooled\n\nV\n-\nx\n\nafter\n");
  EXPECT_EQ(Read(dir_ / "out.lst"), "\nV\n-\nx\n\n");
  Wsql("spool " + out.string() + ".lst append\nprompt more\nspool off\n");
  EXPECT_EQ(Read(dir_ / "out.lst"), "\nV\n-\nx\n\nmore\n");
}

TEST_F(WsqlCommandsTest, WheneverSqlerrorExitCodes) {
  CommandResult code = Wsql("whenever sqlerror exit 5\nselect * from nosuch;\nprompt no\n");
  EXPECT_EQ(code.exit_code, 5) << code.output;
  EXPECT_EQ(code.output.find("no\n"), std::string::npos) << code.output;
  CommandResult sqlcode = Wsql("whenever sqlerror exit sql.sqlcode\nselect * from nosuch;\n");
  EXPECT_EQ(sqlcode.exit_code, 942 % 256);
  CommandResult failure = Wsql("WHENEVER SQLERROR EXIT FAILURE ROLLBACK\nselect * from nosuch;\n");
  EXPECT_EQ(failure.exit_code, 1);
  // SP2 errors are not SQL errors: the script goes on, and its exit status says it failed.
  CommandResult sp2 = Wsql("whenever sqlerror exit 9\nset nosuchoption on\nprompt goes on\n");
  EXPECT_EQ(sp2.exit_code, 1);
  EXPECT_EQ(sp2.output, "SP2-0158: unknown SET option \"nosuchoption\"\ngoes on\n");
  CommandResult cont = Wsql("whenever sqlerror continue\nselect * from nosuch;\nprompt goes on\n");
  EXPECT_NE(cont.output.find("goes on"), std::string::npos);
  CommandResult clean = Wsql("whenever sqlerror exit 3\nselect 1 from dual;\n");
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
}

TEST_F(WsqlCommandsTest, DescribeAVDollarView) {
  CommandResult r = Wsql("desc v$session_wait\ndescribe nosuch\n");
  EXPECT_NE(r.output.find(" Name                                      Null?    Type\n"
                          " ----------------------------------------- -------- "
                          "----------------------------\n"
                          " SID                                                NUMBER"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("\n EVENT "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\n SECONDS_IN_WAIT "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ERROR:\nORA-04043: object nosuch does not exist\n"), std::string::npos)
      << r.output;
}

TEST_F(WsqlCommandsTest, ConnectAndShowUser) {
  CommandResult r = Wsql("conn " + Logon() + "\nshow user\nconnect sys/wrong@" + instance_->Url() +
                         "\nselect 1 from dual;\n");
  EXPECT_EQ(r.output.substr(0, r.output.find("ERROR:")), "Connected.\nUSER is \"SYS\"\n");
  EXPECT_NE(r.output.find("ORA-01017"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Warning: You are no longer connected to ORACLE.\n"
                          "ERROR:\nORA-03114: not connected to ORACLE\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.exit_code, 1);
}

TEST_F(WsqlCommandsTest, HostCommands) {
  CommandResult r = Wsql("prompt one\nhost echo from-host\n!echo bang\nprompt two\n");
  EXPECT_EQ(r.output, "one\nfrom-host\nbang\ntwo\n");
}

TEST_F(WsqlCommandsTest, TimingAndShow) {
  CommandResult r = Wsql(
      "set timing on\nselect 1 n from dual;\nset timing off\nshow timing\n"
      "show user\nshow linesize\n");
  EXPECT_TRUE(
      std::regex_search(r.output, std::regex("\n\nElapsed: 00:00:\\d\\d\\.\\d\\d\ntiming OFF\n")))
      << r.output;
  EXPECT_NE(r.output.find("USER is \"SYS\"\nlinesize 80\n"), std::string::npos) << r.output;
}

TEST_F(WsqlCommandsTest, ScriptsFoundThroughWsqlPathAndSqlpath) {
  Write(dir_ / "one" / "first.sql", "prompt first\n");
  Write(dir_ / "two" / "second.sql", "prompt second\n");
  Write(dir_ / "two" / "first.sql", "prompt shadowed\n");
  CommandResult r = Wsql(
      "@first\n@second.sql\nstart second\n", {},
      {"WSQL_PATH=/nonexistent:" + (dir_ / "one").string(), "SQLPATH=" + (dir_ / "two").string()});
  EXPECT_EQ(r.output, "first\nsecond\nsecond\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(WsqlCommandsTest, ExecAndPrompt) {
  CommandResult r = Wsql(
      "exec dbms_lock.sleep(0)\nset feedback off\nexecute dbms_lock.sleep(0)\n"
      "prompt done\n");
  EXPECT_EQ(r.output, "\nPL/SQL procedure successfully completed.\n\ndone\n");
}

}  // namespace
}  // namespace warden::testing
