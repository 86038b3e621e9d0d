// The DBA scripts of scripts/ run by the real wsql against a real instance, found without a
// path (WSQL_PATH, and the scripts folder next to the build folder): sess, sw with a SID list,
// sed, and lock / tx (which need V$LOCK, V$TRANSACTION and row locks: skipped, saying so,
// while the instance has none).
#include <filesystem>
#include <regex>

#include "instance.h"

namespace warden::testing {
namespace {

namespace fs = std::filesystem;

std::string ScriptsDir() { return std::string(WARDEN_SOURCE_DIR) + "/scripts"; }

std::string SidOf(PGconn* c) { return *Query(c, "select userenv('SID') from dual")[0][0]; }

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class WsqlScriptsTest : public SharedInstanceTest<WsqlScriptsTest> {
 protected:
  // wsql -S logon @script args..., finding the script through WSQL_PATH.
  static CommandResult RunScript(const std::string& script, std::vector<std::string> args = {}) {
    std::vector<std::string> argv = {
        BinDir() + "/wsql", "-S",
        "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url(), "@" + script};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, "", {"WSQL_PATH=" + ScriptsDir()});
  }
  // Whether a query runs on this instance (views and columns other engineers are adding).
  static bool Works(PGconn* c, const std::string& sql) { return QueryError(c, sql).empty(); }
};

TEST_F(WsqlScriptsTest, SessListsUserSessions) {
  Conn idle = instance_->Connect();
  const std::string sid = SidOf(idle.get());
  CommandResult r = RunScript("sess");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(
      r.output.find("\n  SID SERIAL# USERNAME   STATUS   EVENT                       SEC_WAIT"
                    " LAST_CALL\n----- ------- ---------- -------- --------------------------- "
                    "-------- ---------\n"),
      std::string::npos)
      << r.output;
  EXPECT_TRUE(std::regex_search(
      r.output, std::regex("\n *" + sid + " +[0-9]+ SYS +INACTIVE SQL\\*Net message from client")))
      << r.output;
  EXPECT_NE(r.output.find("ON CPU"), std::string::npos) << r.output;  // wsql's own session
}

TEST_F(WsqlScriptsTest, ScriptsFolderFoundNextToTheBuildFolder) {
  std::error_code ec;
  if (!fs::equivalent(fs::path(BinDir()) / ".." / "scripts", ScriptsDir(), ec)) {
    GTEST_SKIP() << "the build folder " << BinDir() << " is not at the top of the source tree";
  }
  CommandResult r =
      RunCommand({BinDir() + "/wsql", "-S",
                  "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url(), "@sess"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("SEC_WAIT"), std::string::npos) << r.output;
}

TEST_F(WsqlScriptsTest, SwTakesASidList) {
  Conn a = instance_->Connect();
  Conn b = instance_->Connect();
  const std::string sid_a = SidOf(a.get());
  const std::string sid_b = SidOf(b.get());
  for (PGconn* c : {a.get(), b.get()}) {
    ASSERT_EQ(PQsendQuery(c, "begin dbms_lock.sleep(600); end;"), 1);
  }
  Conn w = instance_->Connect();
  ASSERT_TRUE(WaitUntil([&] {
    return Query(w.get(),
                 "select sid from v$session_wait where event = 'PL/SQL lock timer' "
                 "and state = 'WAITING' and sid in (" +
                     sid_a + ", " + sid_b + ")")
               .size() == 2;
  }));
  CommandResult r = RunScript("sw", {sid_a + "," + sid_b});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Count(r.output, "PL/SQL lock timer"), 2u) << r.output;
  EXPECT_EQ(Count(r.output, "duration= 60000"), 2u) << r.output;
  EXPECT_EQ(r.output.find("old "), std::string::npos) << r.output;  // VERIFY OFF
  for (PGconn* c : {a.get(), b.get()}) {
    EXPECT_TRUE(CancelCall(c));
    AwaitError(c);
  }
}

TEST_F(WsqlScriptsTest, SedByNamePattern) {
  CommandResult r = RunScript("sed", {"LOCK TIMER"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("PL/SQL lock timer"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("duration"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("enq: TX"), std::string::npos) << r.output;
}

// A row lock held by one session and wanted by another; skipped while the instance lacks
// what it needs. holder/waiter stay in their states until the caller ends them.
class RowLockConflict {
 public:
  explicit RowLockConflict(const Instance& inst)
      : holder_(inst.Connect()), waiter_(inst.Connect()), watcher_(inst.Connect()) {}
  // "" when set up, else why not.
  std::string SetUp() {
    QueryError(watcher_.get(), "drop table wsql_lock_t");
    std::string e = QueryError(watcher_.get(), "create table wsql_lock_t (a number)");
    if (e.empty()) e = QueryError(watcher_.get(), "insert into wsql_lock_t values (1)");
    if (e.empty()) e = QueryError(watcher_.get(), "commit");
    if (e.empty()) e = QueryError(holder_.get(), "begin");
    if (e.empty()) e = QueryError(holder_.get(), "update wsql_lock_t set a = 2");
    if (!e.empty()) return "row locks: " + e;
    created_ = true;
    return "";
  }
  bool StartWaiter() {
    // The SID first: a connection with a call in flight cannot be asked.
    const std::string sid = SidOf(waiter_.get());
    waiter_started_ = PQsendQuery(waiter_.get(), "update wsql_lock_t set a = 3") == 1;
    return waiter_started_ && WaitUntil([&] {
             return !Query(watcher_.get(), "select sid from v$session where sid = " + sid +
                                               " and event = 'enq: TX - row lock contention'")
                         .empty();
           });
  }
  ~RowLockConflict() {
    QueryError(holder_.get(), "rollback");
    if (waiter_started_) AwaitError(waiter_.get());
    QueryError(waiter_.get(), "rollback");
    if (created_) QueryError(watcher_.get(), "drop table wsql_lock_t");
  }
  PGconn* holder() { return holder_.get(); }
  PGconn* waiter() { return waiter_.get(); }
  PGconn* watcher() { return watcher_.get(); }

 private:
  Conn holder_;
  Conn waiter_;
  Conn watcher_;
  bool created_ = false;
  bool waiter_started_ = false;
};

TEST_F(WsqlScriptsTest, LockShowsHolderAndWaiter) {
  RowLockConflict conflict(*instance_);
  if (!Works(conflict.watcher(),
             "select addr, sid, type, id1, id2, lmode, request, ctime, block "
             "from v$lock where 1 = 0") ||
      !Works(conflict.watcher(), "select blocking_session from v$session where 1 = 0")) {
    GTEST_SKIP() << "V$LOCK or V$SESSION.BLOCKING_SESSION not in this instance yet";
  }
  if (std::string why = conflict.SetUp(); !why.empty()) GTEST_SKIP() << why;
  const std::string holder_sid = SidOf(conflict.holder());
  // The waiter's SID, read before it blocks.
  const std::string waiter_sid = SidOf(conflict.waiter());
  ASSERT_TRUE(conflict.StartWaiter());
  CommandResult r = RunScript("lock");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(
      std::regex_search(r.output, std::regex("\n *" + holder_sid + " +SYS +TX .*Exclusive")))
      << r.output;
  EXPECT_TRUE(std::regex_search(
      r.output, std::regex("\n *" + waiter_sid + " .*SYS +" + holder_sid + " enq: TX - row lock")))
      << r.output;
}

TEST_F(WsqlScriptsTest, TxShowsTheOpenTransaction) {
  RowLockConflict conflict(*instance_);
  if (!Works(conflict.watcher(),
             "select addr, xidusn, xidslot, xidsqn, status, used_urec, "
             "used_ublk, start_time from v$transaction where 1 = 0") ||
      !Works(conflict.watcher(), "select taddr from v$session where 1 = 0")) {
    GTEST_SKIP() << "V$TRANSACTION or V$SESSION.TADDR not in this instance yet";
  }
  if (std::string why = conflict.SetUp(); !why.empty()) GTEST_SKIP() << why;
  const std::string holder_sid = SidOf(conflict.holder());
  CommandResult r = RunScript("tx");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(
      std::regex_search(r.output, std::regex("\n *" + holder_sid + " +[0-9]+ SYS .*ACTIVE")))
      << r.output;
}

}  // namespace
}  // namespace warden::testing
