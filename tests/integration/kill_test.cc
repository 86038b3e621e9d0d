// ALTER SYSTEM KILL SESSION / DISCONNECT SESSION / CANCEL SQL with real sessions: sleeping,
// idle and CPU-bound victims, every validation error, a victim that ignores the kill
// (DBMS_FAULT.SPIN: ORA-00031, then FORCE), and no session or process left behind.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "instance.h"

namespace warden::testing {
namespace {

// Runs for minutes on CPU, checking interrupts per row.
constexpr const char* kCpuBoundQuery =
    "select a.name from v$event_name a, v$event_name b, v$event_name c, "
    "v$event_name d, v$event_name e, v$event_name f, v$parameter g "
    "where a.name || b.name || c.name || d.name || e.name || f.name || g.name = 'x'";

class KillTest : public SharedInstanceTest<KillTest> {
 public:
  static std::vector<std::string> Params() {
    return {"_fault_injection=true", "kill_session_timeout=3"};
  }

 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    killer_ = instance_->Connect("sys", Instance::kPassword, "killer");
    ASSERT_EQ(PQstatus(killer_.get()), CONNECTION_OK);
    baseline_ = UserSessions();
  }
  void TearDown() override {
    // Nothing leaked: back to the sessions and processes there were before the test.
    EXPECT_TRUE(WaitUntil([&] { return UserSessions() == baseline_; }))
        << UserSessions() << " user sessions, expected " << baseline_;
    // One dedicated server per user session: a killed server's process slot goes right after
    // its session (the session is freed first, child before parent), so wait for it.
    EXPECT_TRUE(WaitUntil([&] {
      return Query(killer_.get(), "select pid from v$process where background is null and pid > 1")
                 .size() ==
             Query(killer_.get(), "select sid from v$session where type = 'USER'").size();
    }));
  }
  int UserSessions() {
    return static_cast<int>(
        Query(killer_.get(), "select sid from v$session where type = 'USER'").size());
  }
  // 'sid,serial#' of a connection's session.
  static std::string IdOf(PGconn* c) {
    Rows r = Query(c, "select sid, serial# from v$session where sid = userenv('SID')");
    return r.size() == 1 ? *r[0][0] + "," + *r[0][1] : "";
  }
  static std::string SidOf(PGconn* c) { return IdOf(c).substr(0, IdOf(c).find(',')); }
  void WaitForEvent(const std::string& sid, const std::string& event) {
    ASSERT_TRUE(WaitUntil([&] {
      return Query(killer_.get(), "select sid from v$session where sid = " + sid +
                                      " and event = '" + event + "' and state = 'WAITING'")
                 .size() == 1;
    }));
  }

  void WaitForActive(const std::string& sid) {
    ASSERT_TRUE(WaitUntil([&] {
      Rows r = Query(killer_.get(), "select status from v$session where sid = " + sid);
      return r.size() == 1 && r[0][0] == "ACTIVE";
    }));
  }

  Conn killer_;
  int baseline_ = 0;
};

TEST_F(KillTest, KillASleepingSessionReturnsAsSoonAsItIsGone) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  const std::string sid = id.substr(0, id.find(','));
  ASSERT_EQ(PQsendQuery(victim.get(), "begin dbms_lock.sleep(600); end;"), 1);
  WaitForEvent(sid, "PL/SQL lock timer");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(QueryError(killer_.get(), "alter system kill session '" + id + "'"), "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_NE(AwaitError(victim.get()).find("ORA-00028: your session has been killed"),
            std::string::npos);
  EXPECT_TRUE(Query(killer_.get(), "select sid from v$session where sid = " + sid).empty());
  // Further calls fail: the connection is gone.
  PGresult* res = PQexec(victim.get(), "select 1 from dual");
  EXPECT_NE(PQresultStatus(res), PGRES_TUPLES_OK);
  PQclear(res);
  std::string alert = instance_->AlertLog();
  EXPECT_NE(alert.find("KILL SESSION for sid=(" + sid + ", "), std::string::npos);
  EXPECT_NE(alert.find("Reason = alter system kill session"), std::string::npos);
  EXPECT_NE(alert.find("Result = ORA-0"), std::string::npos);
}

TEST_F(KillTest, KillAnIdleSessionItsClientLearnsOnItsNextCall) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  EXPECT_EQ(QueryError(killer_.get(), "alter system kill session '" + id + "'"), "");
  PGresult* res = PQexec(victim.get(), "select 1 from dual");
  EXPECT_NE(PQresultStatus(res), PGRES_TUPLES_OK);
  PQclear(res);
  EXPECT_NE(std::string(PQerrorMessage(victim.get())).find("ORA-00028"), std::string::npos)
      << PQerrorMessage(victim.get());
}

TEST_F(KillTest, KillACpuBoundQuery) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  const std::string sid = id.substr(0, id.find(','));
  ASSERT_EQ(PQsendQuery(victim.get(), kCpuBoundQuery), 1);
  WaitForActive(sid);
  EXPECT_EQ(QueryError(killer_.get(), "alter system kill session '" + id + "' immediate"), "");
  EXPECT_NE(AwaitError(victim.get()).find("ORA-00028"), std::string::npos);
}

// Issue 6: a killed session that holds a row lock, whether idle, sleeping or running a query,
// rolls its whole transaction back (here a row update and 4096 inserts): its client gets
// ORA-00028, the session that waited for the row has its UPDATE done, and nothing of the
// killed transaction is left.
TEST_F(KillTest, KilledRowLockHolderIsRolledBackAndItsWaiterGoesOn) {
  Query(killer_.get(), "create table kill_lock_t (id number primary key, v number)");
  Query(killer_.get(), "insert into kill_lock_t values (1, 0)");
  Query(killer_.get(), "create table kill_bulk_t (v number)");
  Query(killer_.get(), "commit");
  for (const char* call : {"", "begin dbms_lock.sleep(600); end;", kCpuBoundQuery}) {
    SCOPED_TRACE(call);
    Conn victim = instance_->Connect();
    Conn waiter = instance_->Connect();
    const std::string id = IdOf(victim.get());
    const std::string sid = id.substr(0, id.find(','));
    const std::string waiter_sid = SidOf(waiter.get());
    Query(victim.get(), "update kill_lock_t set v = v + 1 where id = 1");
    Query(victim.get(), "insert into kill_bulk_t values (1)");
    for (int i = 0; i < 12; ++i) {
      Query(victim.get(), "insert into kill_bulk_t select v from kill_bulk_t");
    }
    const Rows xid = Query(killer_.get(),
                           "select t.xid from v$transaction t, v$session s "
                           "where t.addr = s.taddr and s.sid = " +
                               sid);
    ASSERT_EQ(xid.size(), 1u);
    const bool idle = *call == '\0';
    if (!idle) {
      ASSERT_EQ(PQsendQuery(victim.get(), call), 1);
      WaitForActive(sid);
    }
    ASSERT_EQ(PQsendQuery(waiter.get(), "update kill_lock_t set v = v + 10 where id = 1"), 1);
    ASSERT_TRUE(AwaitRowLockWait(killer_.get(), waiter_sid));
    EXPECT_EQ(QueryError(killer_.get(), "alter system kill session '" + id + "' immediate"), "");
    // An idle victim's client finds the error at its next call.
    const std::string told =
        idle ? QueryError(victim.get(), "select 1 from dual") : AwaitError(victim.get());
    EXPECT_NE(told.find("ORA-00028"), std::string::npos) << told;
    EXPECT_TRUE(
        Query(killer_.get(), "select xid from v$transaction where xid = '" + *xid[0][0] + "'")
            .empty());
    EXPECT_EQ(AwaitError(waiter.get()), "");
    Query(waiter.get(), "rollback");
  }
  EXPECT_EQ(Query(killer_.get(), "select v from kill_lock_t")[0][0], "0");
  EXPECT_EQ(Query(killer_.get(), "select count(*) from kill_bulk_t")[0][0], "0");
  Query(killer_.get(), "drop table kill_lock_t");
  Query(killer_.get(), "drop table kill_bulk_t");
}

TEST_F(KillTest, ValidationErrorsInOraclesWording) {
  Conn other = instance_->Connect();
  const std::string id = IdOf(other.get());
  const std::string sid = id.substr(0, id.find(','));
  const std::string me = IdOf(killer_.get());
  const std::string pmon_sid = *Query(killer_.get(),
                                      "select s.sid from v$session s where s.type = 'BACKGROUND' "
                                      "and s.program like '%(PMON)'")[0][0];
  const std::string pmon_serial =
      *Query(killer_.get(), "select serial# from v$session where sid = " + pmon_sid)[0][0];
  auto err = [&](const std::string& sql) { return QueryError(killer_.get(), sql); };
  EXPECT_EQ(err("alter system kill session 'abc'"), "ORA-00026: missing or invalid session ID");
  EXPECT_EQ(err("alter system kill session '" + id + ",1'"),
            "ORA-00026: missing or invalid session ID");  // instance without '@'
  EXPECT_EQ(err("alter system kill session '" + sid + ",999999'"),
            "ORA-00030: User session ID does not exist.");
  EXPECT_EQ(err("alter system kill session '" + me + "'"),
            "ORA-00027: cannot kill current session");
  EXPECT_EQ(err("alter system kill session '" + pmon_sid + "," + pmon_serial + "'"),
            "ORA-00029: session is not a user session");
  EXPECT_EQ(err("alter system kill session '" + id + ", @2'"),
            "ORA-00030: User session ID does not exist.");
  EXPECT_EQ(err("alter system frobnicate"), "ORA-02065: illegal option for ALTER SYSTEM");
  // The Oracle forms with spaces and '@1' are accepted.
  const std::string spaced = sid + ", " + id.substr(id.find(',') + 1) + ", @1";
  EXPECT_EQ(err("alter system kill session '" + spaced + "' immediate"), "");
  PGresult* res = PQexec(other.get(), "select 1 from dual");
  PQclear(res);
  // Killing a session that is already gone: ORA-00030, nothing else happens.
  EXPECT_EQ(err("alter system kill session '" + id + "'"),
            "ORA-00030: User session ID does not exist.");
}

TEST_F(KillTest, SessionThatIgnoresTheKillGivesOra00031ThenForceEndsIt) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  const std::string sid = id.substr(0, id.find(','));
  // A CPU loop that never checks interrupts (a simulated bug) for 60 s.
  ASSERT_EQ(PQsendQuery(victim.get(), "begin dbms_fault.spin(60); end;"), 1);
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(killer_.get(), "select status from v$session where sid = " + sid);
    return r.size() == 1 && r[0][0] == "ACTIVE";
  }));
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(QueryError(killer_.get(), "alter system kill session '" + id + "' timeout 1"),
            "ORA-00031: session marked for kill");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  // Marked, and still holding its slot.
  Rows r = Query(killer_.get(), "select status from v$session where sid = " + sid);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "KILLED");
  EXPECT_NE(instance_->AlertLog().find("Result = ORA-31"), std::string::npos);
  // FORCE: after its timeout the process is ended from outside and PMON cleans up.
  start = std::chrono::steady_clock::now();
  EXPECT_EQ(QueryError(killer_.get(), "alter system kill session '" + id + "' force timeout 1"),
            "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(Query(killer_.get(), "select sid from v$session where sid = " + sid).empty());
  AwaitError(victim.get());
  EXPECT_EQ(PQstatus(victim.get()), CONNECTION_BAD);
}

TEST_F(KillTest, CancelSqlEndsTheCallNotTheSession) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  const std::string sid = id.substr(0, id.find(','));
  ASSERT_EQ(PQsendQuery(victim.get(), "begin dbms_lock.sleep(600); end;"), 1);
  WaitForEvent(sid, "PL/SQL lock timer");
  EXPECT_EQ(QueryError(killer_.get(), "alter system cancel sql '" + id + "'"), "");
  EXPECT_EQ(AwaitError(victim.get()), "ORA-01013: user requested cancel of current operation");
  EXPECT_EQ(IdOf(victim.get()), id);  // same session, same serial#
}

TEST_F(KillTest, DisconnectImmediateGivesEndOfFile) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  const std::string sid = id.substr(0, id.find(','));
  ASSERT_EQ(PQsendQuery(victim.get(), "begin dbms_lock.sleep(600); end;"), 1);
  WaitForEvent(sid, "PL/SQL lock timer");
  EXPECT_EQ(QueryError(killer_.get(), "alter system disconnect session '" + id + "' immediate"),
            "");
  EXPECT_NE(AwaitError(victim.get()).find("ORA-03113: end-of-file on communication channel"),
            std::string::npos);
  EXPECT_EQ(QueryError(killer_.get(), "alter system disconnect session '" + id + "'"),
            "ORA-02065: illegal option for ALTER SYSTEM");
}

TEST_F(KillTest, FaultPackageIsOffByDefault) {
  Instance plain;
  ASSERT_TRUE(plain.started());
  Conn c = plain.Connect();
  EXPECT_NE(QueryError(c.get(), "begin dbms_fault.spin(1); end;").find("PLS-00201"),
            std::string::npos);
}

TEST_F(KillTest, WsqlPrintsSystemAltered) {
  Conn victim = instance_->Connect();
  const std::string id = IdOf(victim.get());
  CommandResult r = RunCommand({BinDir() + "/wsql", "-S",
                                "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url()},
                               "alter system kill session '" + id + "';\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("System altered."), std::string::npos) << r.output;
}

}  // namespace
}  // namespace warden::testing

namespace warden::testing {
namespace {

TEST(KillEscalation, PmonEndsAKilledSessionThatIgnoresTheKill) {
  Instance inst({"_fault_injection=true", "kill_escalation_timeout=1"});
  ASSERT_TRUE(inst.started());
  Conn victim = inst.Connect();
  Conn killer = inst.Connect();
  Rows me = Query(victim.get(), "select sid, serial# from v$session where sid = userenv('SID')");
  ASSERT_EQ(me.size(), 1u);
  const std::string sid = *me[0][0];
  const int spid = PQbackendPID(victim.get());
  ASSERT_EQ(PQsendQuery(victim.get(), "begin dbms_fault.spin(120); end;"), 1);
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(killer.get(), "select status from v$session where sid = " + sid);
    return r.size() == 1 && r[0][0] == "ACTIVE";
  }));
  // IMMEDIATE returns at once; the victim never checks, so PMON must step in.
  EXPECT_EQ(QueryError(killer.get(),
                       "alter system kill session '" + sid + "," + *me[0][1] + "' immediate"),
            "");
  EXPECT_EQ(Query(killer.get(), "select status from v$session where sid = " + sid)[0][0], "KILLED");
  EXPECT_TRUE(WaitUntil(
      [&] { return Query(killer.get(), "select sid from v$session where sid = " + sid).empty(); },
      std::chrono::seconds(10)));
  std::string alert = inst.AlertLog();
  EXPECT_NE(alert.find("marked for kill did not end within 1 s"), std::string::npos) << alert;
  EXPECT_NE(alert.find("cleaning up dead process"), std::string::npos);
  std::ifstream trace(inst.dir() + "/trace/warden_ora_" + std::to_string(spid) + ".trc");
  std::stringstream text;
  text << trace.rdbuf();
  EXPECT_NE(text.str().find("Wait history"), std::string::npos) << text.str();
  PGresult* res;
  while ((res = PQgetResult(victim.get())) != nullptr) PQclear(res);
  EXPECT_EQ(PQstatus(victim.get()), CONNECTION_BAD);
}

}  // namespace
}  // namespace warden::testing
