// The bad cases a kill must survive, made on purpose with DBMS_FAULT: a session blocked in a
// system call (KILL gives ORA-00031, then PMON escalates and ends it), a process that dies
// holding a latch others wait for (PMON recovers the latch, the waiter goes on), and a
// process that crashes holding a row lock (PMON rolls its transaction back, the waiter goes
// on). Nothing is left behind.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <sstream>

#include "instance.h"

namespace warden::testing {
namespace {

class FaultTest : public SharedInstanceTest<FaultTest> {
 public:
  static std::vector<std::string> Params() {
    return {"_fault_injection=true", "kill_session_timeout=1", "kill_escalation_timeout=2"};
  }

 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    k_ = instance_->Connect("sys", Instance::kPassword, "k");
    ASSERT_EQ(PQstatus(k_.get()), CONNECTION_OK);
  }
  static std::string IdOf(PGconn* c) {
    Rows r = Query(c, "select sid, serial# from v$session where sid = userenv('SID')");
    return r.size() == 1 ? *r[0][0] + "," + *r[0][1] : "";
  }
  bool SessionGone(const std::string& sid) {
    return WaitUntil([&] {
      return Query(k_.get(), "select sid from v$session where sid = " + sid + " and type = 'USER'")
          .empty();
    });
  }
  Conn k_;
};

TEST_F(FaultTest, BlockedSessionIsEscalatedAfterOra31) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  std::string id = IdOf(a.get());
  std::string sid = id.substr(0, id.find(','));
  ASSERT_EQ(PQsendQuery(a.get(), "begin dbms_fault.block(60); end;"), 1);
  ASSERT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select sid from v$session where sid = " + sid + " and status = 'ACTIVE'")
               .size() == 1;
  }));
  EXPECT_EQ(QueryError(k_.get(), "alter system kill session '" + id + "'"),
            "ORA-00031: session marked for kill");
  // V$DEAD_CLEANUP shows each stage: marked, with the seconds left before PMON escalates...
  Rows marked = Query(k_.get(), "select state, escalate_in_seconds from v$dead_cleanup where sid = " + sid +
                                    " and cleanup# is null");
  if (marked.size() == 1 && marked[0][0] == "MARKED FOR KILL") {  // unless PMON was quicker
    EXPECT_LE(std::stod(*marked[0][1]), 2.0);
  }
  // PMON ends it once kill_escalation_timeout has passed, long before the 60 s block ends.
  EXPECT_TRUE(SessionGone(sid));
  // ... then PMON's clean-up, done, with why the process died.
  EXPECT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select state from v$dead_cleanup where sid = " + sid +
                               " and cause = 'KILL ESCALATED' and step = 'DONE'")
               .size() == 1;
  }));
  EXPECT_TRUE(WaitUntil([&] { return instance_->AlertLog().find("killing its process") != std::string::npos; }));
  // The trace file shows where it was stuck: its short stack, taken before the kill.
  std::string log = instance_->AlertLog();
  size_t at = log.find("trace file ", log.find("killing its process"));
  ASSERT_NE(at, std::string::npos);
  std::string path = log.substr(at + 11, log.find('\n', at) - at - 11);
  std::ifstream in(path);
  std::stringstream trace;
  trace << in.rdbuf();
  EXPECT_NE(trace.str().find("----- Short stack -----"), std::string::npos) << path;
  EXPECT_NE(trace.str().find("warden::sql::CallFaultProcedure"), std::string::npos) << trace.str();
}

TEST_F(FaultTest, LatchOfADeadProcessIsRecovered) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  Conn b = instance_->Connect("sys", Instance::kPassword, "b");
  std::string b_id = IdOf(b.get());
  std::string b_sid = b_id.substr(0, b_id.find(','));
  pid_t a_pid = PQbackendPID(a.get());
  ASSERT_EQ(PQsendQuery(a.get(), "begin dbms_fault.hold_latch('table directory', 60); end;"), 1);
  // b needs that latch to create a table: it queues on 'latch free'.
  ASSERT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select sid from v$session where program = 'a' and status = 'ACTIVE'")
               .size() == 1;
  }));
  ASSERT_EQ(PQsendQuery(b.get(), "create table fault_latch_t (x number)"), 1);
  ASSERT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select sid from v$session where sid = " + b_sid +
                               " and event = 'latch free' and state = 'WAITING'")
               .size() == 1;
  }));
  ASSERT_EQ(kill(a_pid, SIGKILL), 0);
  EXPECT_EQ(AwaitError(b.get()), "");
  EXPECT_TRUE(WaitUntil([&] {
    // by PMON, or by the next acquirer (EOWNERDEAD), whichever comes first
    return instance_->AlertLog().find("'table directory' recovered") != std::string::npos;
  }));
  // V$LATCH counts it: b's wait was a miss (and a sleep), the dead holder a recovery.
  Rows l = Query(k_.get(), "select misses, sleeps, recoveries from v$latch where name = 'table directory'");
  ASSERT_EQ(l.size(), 1u);
  EXPECT_GE(std::stol(*l[0][0]), 1);
  EXPECT_EQ(l[0][0], l[0][1]);
  EXPECT_GE(std::stol(*l[0][2]), 1);
  EXPECT_EQ(Query(k_.get(), "select count(*) from v$latch_children where name = 'transaction recovery'")[0][0],
            "8");
  Query(k_.get(), "drop table fault_latch_t");
}

TEST_F(FaultTest, CrashWhileHoldingARowLock) {
  Query(k_.get(), "create table fault_crash_t (id number primary key, v number)");
  Query(k_.get(), "insert into fault_crash_t values (1, 10)");
  Query(k_.get(), "commit");
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  Conn b = instance_->Connect("sys", Instance::kPassword, "b");
  std::string b_id = IdOf(b.get());
  std::string b_sid = b_id.substr(0, b_id.find(','));
  Query(a.get(), "update fault_crash_t set v = 99 where id = 1");
  ASSERT_EQ(PQsendQuery(b.get(), "update fault_crash_t set v = v + 1 where id = 1"), 1);
  ASSERT_TRUE(AwaitRowLockWait(k_.get(), b_sid));
  EXPECT_NE(QueryError(a.get(), "begin dbms_fault.crash; end;"), "");  // the connection is lost
  EXPECT_EQ(AwaitError(b.get()), "");
  Query(b.get(), "commit");
  Rows r = Query(k_.get(), "select v from fault_crash_t where id = 1");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "11");  // 10 + 1: the crashed session's 99 was rolled back
  Query(k_.get(), "drop table fault_crash_t");
}

// A process that dies at or just before its commit point, its commit record already in the
// log buffer: PMON finishes the commit, it does not undo it (the log would replay it after a
// crash), and the waiter sees the new value. 'COMMIT': after the commit point (committed, not
// cleaned out, the client not told); 'COMMIT_RECORD': before it, commit_lsn set;
// 'REDO_COPY': inside the record's copy, holding the redo allocation latch, after publishing
// it and before commit_lsn is set (the latch's recovery hook settles it).
TEST_F(FaultTest, CrashAtTheCommitPointIsFinishedNotUndone) {
  Query(k_.get(), "create table fault_commit_t (id number primary key, v number)");
  Query(k_.get(), "insert into fault_commit_t values (1, 10)");
  Query(k_.get(), "commit");
  int expected = 10;
  for (const std::string point : {"COMMIT", "COMMIT_RECORD", "REDO_COPY"}) {
    Conn a = instance_->Connect("sys", Instance::kPassword, "a");
    Conn w = instance_->Connect("sys", Instance::kPassword, "w");
    const std::string w_id = IdOf(w.get());
    const std::string w_sid = w_id.substr(0, w_id.find(','));
    Query(a.get(), "update fault_commit_t set v = 99 where id = 1");
    ASSERT_EQ(PQsendQuery(w.get(), "update fault_commit_t set v = v + 1 where id = 1"), 1);
    ASSERT_TRUE(AwaitRowLockWait(k_.get(), w_sid)) << point;
    Query(a.get(), "begin dbms_fault.crash_at('" + point + "'); end;");
    EXPECT_NE(QueryError(a.get(), "commit"), "") << point;  // the connection is lost first
    EXPECT_EQ(AwaitError(w.get()), "") << point;
    Query(w.get(), "commit");
    expected = 100;
    EXPECT_EQ(Query(k_.get(), "select v from fault_commit_t where id = 1")[0][0],
              std::to_string(expected)) << point;
    Query(k_.get(), "update fault_commit_t set v = 10 where id = 1");
    Query(k_.get(), "commit");
  }
  EXPECT_TRUE(WaitUntil([&] {
    return instance_->AlertLog().find("had passed its commit point: commit finished") !=
           std::string::npos;
  }));
  EXPECT_NE(instance_->AlertLog().find("Latch 'redo allocation' recovered from a dead holder"),
            std::string::npos);
  Query(k_.get(), "drop table fault_commit_t");
}

// A process that dies in the middle of a statement (at its third row change): PMON undoes
// the statement's changes and the transaction's earlier ones; no lock is left behind.
TEST_F(FaultTest, CrashMidStatementUndoesTheWholeTransaction) {
  Query(k_.get(), "create table fault_stmt_t (id number primary key, v number)");
  for (int i = 1; i <= 5; ++i) {
    Query(k_.get(), "insert into fault_stmt_t values (" + std::to_string(i) + ", " + std::to_string(i * 10) + ")");
  }
  Query(k_.get(), "commit");
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  const pid_t a_pid = PQbackendPID(a.get());
  Query(a.get(), "update fault_stmt_t set v = 0 where id = 5");
  Query(a.get(), "begin dbms_fault.crash_at('CHANGE', 3); end;");
  EXPECT_NE(QueryError(a.get(), "update fault_stmt_t set v = v + 1 where id <= 4"), "");
  EXPECT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select count(*) from v$dead_cleanup where spid = '" +
                               std::to_string(a_pid) + "' and state = 'DONE'")[0][0] == "1";
  }));
  EXPECT_EQ(Query(k_.get(), "select sum(v) from fault_stmt_t")[0][0], "150");
  EXPECT_EQ(Query(k_.get(), "select count(*) from v$transaction")[0][0], "0");
  EXPECT_EQ(Query(k_.get(), "select count(*) from v$lock where type in ('TX', 'TM')")[0][0], "0");
  Query(k_.get(), "drop table fault_stmt_t");
}

// After a wait the session is on CPU: V$SESSION_WAIT keeps the last wait with STATE
// 'WAITED KNOWN TIME' and its length in WAIT_TIME (centiseconds), as Oracle's.
TEST_F(FaultTest, OnCpuAfterASleepShowsWaitedKnownTime) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "sleeper_then_cpu");
  std::string id = IdOf(a.get());
  std::string sid = id.substr(0, id.find(','));
  ASSERT_EQ(PQsendQuery(a.get(), "begin dbms_lock.sleep(0.3); dbms_fault.spin(2); end;"), 1);
  Rows w;
  ASSERT_TRUE(WaitUntil([&] {
    w = Query(k_.get(), "select state, event, wait_time from v$session_wait where sid = " + sid);
    return w.size() == 1 && w[0][0] == "WAITED KNOWN TIME";
  }));
  EXPECT_EQ(w[0][1], "PL/SQL lock timer");
  ASSERT_TRUE(w[0][2].has_value());
  EXPECT_GE(std::stoi(*w[0][2]), 29);  // 0.3 s = 30 cs, give or take rounding
  EXPECT_TRUE(CancelCall(a.get()));
  AwaitError(a.get());
}

TEST_F(FaultTest, FaultPackageIsForSysdbaWhenEnabled) {
  Query(k_.get(), "create user faulty identified by Faulty_1");
  Query(k_.get(), "grant create session to faulty");
  {
    Conn f = instance_->Connect("faulty", "Faulty_1");
    ASSERT_EQ(PQstatus(f.get()), CONNECTION_OK);
    EXPECT_EQ(QueryError(f.get(), "begin dbms_fault.spin(1); end;").rfind("ORA-01031", 0), 0u);
  }
  EXPECT_EQ(QueryError(k_.get(), "begin dbms_fault.hold_latch('no such latch', 1); end;")
                .rfind("ORA-38148", 0),
            0u);
  EXPECT_EQ(QueryError(k_.get(), "begin dbms_fault.slow_undo(-1); end;").rfind("ORA-38148", 0), 0u);
  EXPECT_NE(QueryError(k_.get(), "begin dbms_fault.slow_undo(); end;").find("PLS-00306"),
            std::string::npos);
  ASSERT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select sid from v$session where username = 'FAULTY'").empty();
  }));
  Query(k_.get(), "drop user faulty");
}

}  // namespace
}  // namespace warden::testing
