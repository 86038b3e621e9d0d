// The wait interface seen from SQL: a sleeping session watched by another, the totals after
// it, idle sessions, the event catalog, and a sleep ended by an immediate shutdown.
#include <gtest/gtest.h>

#include "instance.h"

namespace warden::testing {
namespace {

class WaitsTest : public SharedInstanceTest<WaitsTest> {
 protected:
};

std::string MySid(PGconn* c) {
  Rows r = Query(c, "select userenv('SID') from dual");
  return r.size() == 1 && r[0][0] ? *r[0][0] : "";
}

TEST_F(WaitsTest, SleepingSessionIsSeenWaitingThenCounted) {
  ASSERT_TRUE(instance_->started());
  Conn sleeper = instance_->Connect();
  Conn watcher = instance_->Connect();
  const std::string sid = MySid(sleeper.get());
  ASSERT_FALSE(sid.empty());
  ASSERT_EQ(PQsendQuery(sleeper.get(), "begin dbms_lock.sleep(2.5); end;"), 1);
  const std::string q =
      "select event, state, seq#, seconds_in_wait, p1text, p1, wait_class, status "
      "from v$session where sid = " +
      sid;
  Rows first;
  ASSERT_TRUE(WaitUntil([&] {
    first = Query(watcher.get(), q);
    return first.size() == 1 && first[0][1] == "WAITING" && first[0][0] == "PL/SQL lock timer";
  }));
  EXPECT_EQ(first[0][4], "duration");
  EXPECT_EQ(first[0][5], "250");  // centiseconds asked for
  EXPECT_EQ(first[0][6], "Idle");
  EXPECT_EQ(first[0][7], "ACTIVE");
  // SECONDS_IN_WAIT grows while SEQ# stays: one wait, not many.
  Rows later;
  ASSERT_TRUE(WaitUntil([&] {
    later = Query(watcher.get(), q);
    return later.size() == 1 && later[0][1] == "WAITING" && std::stoi(*later[0][3]) >= 1;
  }));
  EXPECT_EQ(later[0][2], first[0][2]);
  // V$SESSION_WAIT says the same.
  Rows sw = Query(watcher.get(), "select event, state from v$session_wait where sid = " + sid);
  ASSERT_EQ(sw.size(), 1u);
  EXPECT_EQ(sw[0][0], "PL/SQL lock timer");

  PGresult* res = PQgetResult(sleeper.get());
  EXPECT_EQ(PQresultStatus(res), PGRES_COMMAND_OK) << PQerrorMessage(sleeper.get());
  EXPECT_STREQ(PQcmdStatus(res), "CALL");
  PQclear(res);
  while ((res = PQgetResult(sleeper.get())) != nullptr) PQclear(res);

  // Back idle: the next wait is for the client, and the sleep is counted.
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(watcher.get(), "select event, status from v$session where sid = " + sid);
    return r.size() == 1 && r[0][0] == "SQL*Net message from client" && r[0][1] == "INACTIVE";
  }));
  Rows ev = Query(watcher.get(),
                  "select total_waits, time_waited, wait_class from v$session_event "
                  "where sid = " +
                      sid + " and event = 'PL/SQL lock timer'");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0][0], "1");
  EXPECT_GE(std::stoi(*ev[0][1]), 250);  // centiseconds
  EXPECT_EQ(ev[0][2], "Idle");
  Rows hist = Query(watcher.get(),
                    "select seq#, event, wait_time_micro from v$session_wait_history "
                    "where sid = " +
                        sid + " and event = 'PL/SQL lock timer'");
  ASSERT_EQ(hist.size(), 1u);
  EXPECT_GE(std::stol(*hist[0][2]), 2500000);
  Rows sys = Query(watcher.get(),
                   "select total_waits, total_waits_fg from v$system_event "
                   "where event = 'PL/SQL lock timer'");
  ASSERT_EQ(sys.size(), 1u);
  EXPECT_GE(std::stoi(*sys[0][0]), 1);
}

TEST_F(WaitsTest, TwoSleepsInOneBlockAreCountedAndKeptInHistory) {
  Conn s = instance_->Connect();
  Conn w = instance_->Connect();
  const std::string sid = MySid(s.get());
  ASSERT_EQ(PQsendQuery(s.get(), "begin dbms_session.sleep(0.2); dbms_lock.sleep(0.3); end;"), 1);
  PGresult* res;
  while ((res = PQgetResult(s.get())) != nullptr) {
    EXPECT_EQ(PQresultStatus(res), PGRES_COMMAND_OK) << PQerrorMessage(s.get());
    PQclear(res);
  }
  Rows ev = Query(w.get(), "select total_waits from v$session_event where sid = " + sid +
                               " and event = 'PL/SQL lock timer'");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0][0], "2");
  // V$SESSION_WAIT_HISTORY: the two sleeps, the newest first after the idle waits.
  Rows h = Query(w.get(), "select p1 from v$session_wait_history where sid = " + sid +
                              " and event = 'PL/SQL lock timer' order by seq#");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0][0], "30");
  EXPECT_EQ(h[1][0], "20");
}

TEST_F(WaitsTest, IdleSessionWaitsForItsClient) {
  Conn idle = instance_->Connect();
  Conn w = instance_->Connect();
  const std::string sid = MySid(idle.get());
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(w.get(),
                   "select event, state, status, wait_class, p1text, p1 from v$session "
                   "where sid = " +
                       sid);
    return r.size() == 1 && r[0][0] == "SQL*Net message from client" && r[0][1] == "WAITING" &&
           r[0][2] == "INACTIVE" && r[0][3] == "Idle" && r[0][4] == "driver id" &&
           r[0][5] == "1413697536";  // 0x54435000, 'TCP\0'
  }));
}

TEST_F(WaitsTest, EventNameCatalog) {
  Conn c = instance_->Connect();
  Rows r = Query(c.get(),
                 "select parameter1, parameter2, wait_class from v$event_name "
                 "where name = 'inactive session'");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "session#");
  EXPECT_EQ(r[0][1], "waited");
  r = Query(c.get(),
            "select parameter1, parameter2, parameter3, wait_class, wait_class# from v$event_name "
            "where name like 'enq: T%' order by name");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][0], "name|mode");
  EXPECT_EQ(r[0][3], "Application");
  EXPECT_EQ(r[1][1], "usn<<16 | slot");
  EXPECT_EQ(r[1][2], "sequence");
  EXPECT_EQ(r[1][4], "1");
}

TEST_F(WaitsTest, SleepArgumentsAreChecked) {
  Conn c = instance_->Connect();
  EXPECT_NE(QueryError(c.get(), "begin dbms_lock.sleep(-1); end;").find("ORA-38148"),
            std::string::npos);
  EXPECT_NE(QueryError(c.get(), "begin dbms_lock.sleep(); end;").find("PLS-00306"),
            std::string::npos);
  EXPECT_NE(QueryError(c.get(), "begin no_such.proc(1); end;")
                .find("PLS-00201: identifier 'NO_SUCH.PROC' must be declared"),
            std::string::npos);
  EXPECT_EQ(QueryError(c.get(), "call dbms_lock.sleep(0)"), "");
}

TEST_F(WaitsTest, WsqlExecPrintsPlsqlFeedback) {
  CommandResult r = RunCommand({BinDir() + "/wsql", "-S",
                                "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url()},
                               "exec dbms_lock.sleep(0.1)\nexit\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("PL/SQL procedure successfully completed."), std::string::npos)
      << r.output;
}

TEST_F(WaitsTest, ActiveSessionHistorySamplesABusySessionNotAnIdleOne) {
  Conn busy = instance_->Connect();
  Conn sleeper = instance_->Connect();
  Conn w = instance_->Connect();
  const std::string busy_sid = MySid(busy.get());
  const std::string sleeper_sid = MySid(sleeper.get());
  EXPECT_EQ(Query(w.get(), "select pid from v$process where pname = 'MMNL'").size(), 1u);
  ASSERT_EQ(PQsendQuery(sleeper.get(), "begin dbms_lock.sleep(600); end;"), 1);
  // A query that would run for many minutes on CPU (nothing qualifies, no row is sent).
  ASSERT_EQ(PQsendQuery(busy.get(),
                        "select a.name from v$event_name a, v$event_name b, v$event_name c, "
                        "v$event_name d, v$event_name e, v$event_name f, v$parameter g "
                        "where a.name || b.name || c.name || d.name || e.name || f.name || g.name = 'x'"),
            1);
  // MMNL samples once a second.
  Rows samples;
  ASSERT_TRUE(WaitUntil(
      [&] {
        samples = Query(w.get(),
                        "select session_state, event, session_type, sample_id, sql_id "
                        "from v$active_session_history where session_id = " +
                            busy_sid);
        return !samples.empty();
      },
      std::chrono::seconds(10)));
  EXPECT_EQ(samples[0][0], "ON CPU");
  EXPECT_EQ(samples[0][1], std::nullopt);
  EXPECT_EQ(samples[0][2], "FOREGROUND");
  ASSERT_TRUE(samples[0][4].has_value());  // the running statement's SQL_ID
  EXPECT_EQ(samples[0][4]->size(), 13u);
  // The sleeper is in an Idle wait: never sampled, as in Oracle.
  EXPECT_TRUE(Query(w.get(), "select sample_id from v$active_session_history where session_id = " +
                                 sleeper_sid)
                  .empty());
  for (PGconn* c : {busy.get(), sleeper.get()}) {
    EXPECT_TRUE(CancelCall(c));
    AwaitError(c);
  }
}

TEST(WaitsLifecycle, ShutdownImmediateEndsASleepAtOnce) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn c = inst.Connect();
  ASSERT_EQ(PQsendQuery(c.get(), "begin dbms_lock.sleep(600); end;"), 1);
  Conn w = inst.Connect();
  const std::string sid_query =
      "select sid from v$session where event = 'PL/SQL lock timer' and state = 'WAITING'";
  ASSERT_TRUE(WaitUntil([&] { return Query(w.get(), sid_query).size() == 1; }));
  w.reset();
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(inst.Stop("immediate", 30), 0);
  // Far less than the 600 s asked for, and less than the 30 s escalation.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  PGresult* res = PQgetResult(c.get());
  EXPECT_EQ(PQresultStatus(res), PGRES_FATAL_ERROR);
  EXPECT_NE(std::string(PQerrorMessage(c.get())).find("ORA-01089"), std::string::npos)
      << PQerrorMessage(c.get());
  PQclear(res);
}

}  // namespace
}  // namespace warden::testing

namespace warden::testing {
namespace {

std::string ScriptsDir() { return std::string(WARDEN_SOURCE_DIR) + "/scripts"; }

TEST(WaitScripts, SwAndSedThroughWsql) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn sleeper = inst.Connect();
  const std::string sid = *Query(sleeper.get(), "select userenv('SID') from dual")[0][0];
  ASSERT_EQ(PQsendQuery(sleeper.get(), "begin dbms_lock.sleep(600); end;"), 1);
  Conn w = inst.Connect();
  ASSERT_TRUE(WaitUntil([&] {
    return Query(w.get(), "select sid from v$session_wait where sid = " + sid +
                              " and event = 'PL/SQL lock timer'")
               .size() == 1;
  }));
  const std::string logon = "sys/" + std::string(Instance::kPassword) + "@" + inst.Url();
  CommandResult sw = RunCommand({BinDir() + "/wsql", "-S", logon, "@" + ScriptsDir() + "/sw", sid});
  EXPECT_EQ(sw.exit_code, 0) << sw.output;
  EXPECT_NE(sw.output.find("PL/SQL lock timer"), std::string::npos) << sw.output;
  EXPECT_NE(sw.output.find("duration= 60000"), std::string::npos) << sw.output;
  EXPECT_NE(sw.output.find("WAITING"), std::string::npos) << sw.output;
  CommandResult sed =
      RunCommand({BinDir() + "/wsql", "-S", logon, "@" + ScriptsDir() + "/sed", "enq: TX"});
  EXPECT_EQ(sed.exit_code, 0) << sed.output;
  EXPECT_NE(sed.output.find("usn<<16 | slot"), std::string::npos) << sed.output;
  EXPECT_TRUE(CancelCall(sleeper.get()));
}

}  // namespace
}  // namespace warden::testing

namespace warden::testing {
namespace {

TEST(TimeModel, DbTimeCountsCallsAndDbCpuIsPartOfIt) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn c = inst.Connect();
  const std::string sid = *Query(c.get(), "select userenv('SID') from dual")[0][0];
  Query(c.get(), "begin dbms_lock.sleep(0.3); end;");
  Conn w = inst.Connect();
  Rows r = Query(w.get(), "select stat_name, value from v$sess_time_model where sid = " + sid +
                              " order by stat_name");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][0], "DB CPU");
  EXPECT_EQ(r[1][0], "DB time");
  const long cpu = std::stol(*r[0][1]);
  const long db_time = std::stol(*r[1][1]);
  EXPECT_GE(db_time, 300000);  // the sleep is part of the call
  EXPECT_LT(cpu, db_time);     // sleeping is not CPU
  Rows sys = Query(w.get(), "select value from v$sys_time_model where stat_name = 'DB time'");
  ASSERT_EQ(sys.size(), 1u);
  EXPECT_GE(std::stol(*sys[0][0]), db_time);
}

// Calls and the idle waits between them share their clock readings (one read per boundary):
// a second of idling between two calls is idle wait time, never DB time, and both calls'
// own time is.
TEST(TimeModel, IdleTimeBetweenCallsIsNotDbTime) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn c = inst.Connect();
  Conn w = inst.Connect();
  const std::string sid = *Query(c.get(), "select userenv('SID') from dual")[0][0];
  const std::string db_time_q =
      "select value from v$sess_time_model where stat_name = 'DB time' and sid = " + sid;
  const std::string idle_q =
      "select time_waited_micro from v$session_event where event = "
      "'SQL*Net message from client' and sid = " + sid;
  const long db_before = std::stol(*Query(w.get(), db_time_q)[0][0]);
  const long idle_before = std::stol(*Query(w.get(), idle_q)[0][0]);
  // Idle for at least a second (seen from the other session), then two short calls.
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(w.get(), "select event, seconds_in_wait from v$session_wait where sid = " + sid);
    return r.size() == 1 && r[0][0] == "SQL*Net message from client" && std::stoi(*r[0][1]) >= 1;
  }));
  Query(c.get(), "select 1 from dual");
  Query(c.get(), "begin dbms_lock.sleep(0.2); end;");
  const long db_after = std::stol(*Query(w.get(), db_time_q)[0][0]);
  const long idle_after = std::stol(*Query(w.get(), idle_q)[0][0]);
  EXPECT_GE(db_after - db_before, 200000);  // the sleep
  EXPECT_LT(db_after - db_before, 900000);  // not the idle second
  EXPECT_GE(idle_after - idle_before, 1000000);
}

}  // namespace
}  // namespace warden::testing
