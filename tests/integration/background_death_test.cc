// What happens when a background process is killed with SIGKILL (docs/process-model.md,
// "When a background process dies"): PMON, LGWR, CKPT and MMNL are restarted by the supervisor
// and no session notices; a restarted PMON goes on cleaning up after dead processes, a
// restarted LGWR and CKPT go on writing redo and checkpoints (no acknowledged commit is lost); the death of
// the supervisor ends every process of the instance at once (no orphan keeps the SGA), every
// client is told, and the data directory can be started again.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "instance.h"

namespace warden::testing {
namespace {

std::string SpidOf(PGconn* c, const std::string& pname) {
  Rows r = Query(c, "select spid from v$process where pname = '" + pname + "'");
  return r.size() == 1 && r[0][0] ? *r[0][0] : "";
}

// Kills `pname` and waits for a new process of that name (a different OS pid) to appear.
std::string KillAndAwaitRestart(PGconn* c, const std::string& pname) {
  const std::string old = SpidOf(c, pname);
  EXPECT_FALSE(old.empty()) << pname;
  if (old.empty()) return "";
  EXPECT_EQ(kill(std::stoi(old), SIGKILL), 0);
  std::string now;
  EXPECT_TRUE(WaitUntil([&] {
    now = SpidOf(c, pname);
    return !now.empty() && now != old;
  })) << pname << " was not restarted";
  return now;
}

TEST(BackgroundDeath, PmonIsRestartedAndGoesOnCleaningUp) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn k = inst.Connect("sys", Instance::kPassword, "k");
  Conn bystander = inst.Connect("sys", Instance::kPassword, "bystander");
  Query(k.get(), "create table bg_pmon_t (id number primary key, v number)");
  Query(k.get(), "insert into bg_pmon_t values (1, 10)");
  Query(k.get(), "commit");

  ASSERT_FALSE(KillAndAwaitRestart(k.get(), "PMON").empty());
  EXPECT_NE(inst.AlertLog().find("PMON (ospid: "), std::string::npos);
  EXPECT_NE(inst.AlertLog().find("terminated unexpectedly; restarting it"), std::string::npos);
  // No session noticed.
  EXPECT_EQ(Query(bystander.get(), "select 1 from dual").size(), 1u);
  // One PMON row, one BACKGROUND session for it: the old one's slots were freed.
  EXPECT_TRUE(WaitUntil([&] {
    return Query(k.get(), "select count(*) from v$process where pname = 'PMON'")[0][0] == "1";
  }));

  // The new PMON does PMON's job: a process that dies holding a row lock is cleaned up and
  // the session waiting for that row goes on.
  Conn a = inst.Connect("sys", Instance::kPassword, "a");
  Conn w = inst.Connect("sys", Instance::kPassword, "w");
  const std::string w_sid = *Query(w.get(), "select userenv('SID') from dual")[0][0];
  Query(a.get(), "update bg_pmon_t set v = 99 where id = 1");
  ASSERT_EQ(PQsendQuery(w.get(), "update bg_pmon_t set v = v + 1 where id = 1"), 1);
  ASSERT_TRUE(AwaitRowLockWait(k.get(), w_sid));
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  EXPECT_EQ(AwaitError(w.get()), "");
  Query(w.get(), "commit");
  EXPECT_EQ(Query(k.get(), "select v from bg_pmon_t where id = 1")[0][0], "11");
}

TEST(BackgroundDeath, MmnlIsRestartedAndSamplingGoesOn) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn k = inst.Connect("sys", Instance::kPassword, "k");
  ASSERT_FALSE(KillAndAwaitRestart(k.get(), "MMNL").empty());
  EXPECT_NE(inst.AlertLog().find("MMNL (ospid: "), std::string::npos);
  // The new MMNL samples: a session on CPU shows up in the history after the restart.
  Rows before = Query(k.get(), "select nvl(max(sample_id), 0) from v$active_session_history");
  ASSERT_EQ(before.size(), 1u);
  const long last = std::stol(*before[0][0]);
  Conn busy = inst.Connect("sys", Instance::kPassword, "busy");
  // On CPU (ASH samples active sessions, not idle waits) until cancelled.
  ASSERT_EQ(PQsendQuery(busy.get(),
                        "select count(*) from v$event_name a, v$event_name b, v$event_name c, "
                        "v$event_name d, v$event_name e, v$event_name f "
                        "where a.name || b.name || c.name || d.name || e.name || f.name = 'x'"),
            1);
  EXPECT_TRUE(WaitUntil(
      [&] {
        Rows r = Query(k.get(), "select nvl(max(sample_id), 0) from v$active_session_history");
        return r.size() == 1 && std::stol(*r[0][0]) > last;
      },
      std::chrono::seconds(10)));
  EXPECT_TRUE(CancelCall(busy.get()));
  AwaitError(busy.get());
}

// LGWR and CKPT keep their state in the SGA: a new one goes on from where the old one was.
// Commits made while LGWR was dead wait on 'log file sync' and complete once it is back; every
// acknowledged commit survives a crash of the whole instance afterwards.
TEST(BackgroundDeath, LgwrAndCkptAreRestartedAndNoCommitIsLost) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn k = inst.Connect("sys", Instance::kPassword, "k");
  Query(k.get(), "create table bg_lgwr_t (id number)");
  for (const std::string pname : {"LGWR", "CKPT"}) {
    for (int i = 0; i < 20; ++i) {
      Query(k.get(), "insert into bg_lgwr_t values (" + std::to_string(i) + ")");
      Query(k.get(), "commit");
    }
    ASSERT_FALSE(KillAndAwaitRestart(k.get(), pname).empty()) << pname;
    for (int i = 0; i < 20; ++i) {
      Query(k.get(), "insert into bg_lgwr_t values (" + std::to_string(i) + ")");
      Query(k.get(), "commit");
    }
  }
  Query(k.get(), "alter system checkpoint");  // the new CKPT works
  Query(k.get(), "alter system switch logfile");  // the new LGWR switches
  EXPECT_NE(inst.AlertLog().find("LGWR (ospid: "), std::string::npos);
  EXPECT_NE(inst.AlertLog().find("CKPT (ospid: "), std::string::npos);
  k.reset();
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn after = inst.Connect();
  EXPECT_EQ(Query(after.get(), "select count(*) from bg_lgwr_t"), (Rows{{"80"}}));
}

// LGWR dies in a write that crosses a log switch: the older file has its part, the new file
// its header, the rest of the write is nowhere and the durable position is still in the
// older file. The new LGWR must write that part where it belongs (it computed its offset in
// the new file from a position before that file's start: an underflow, a write over the
// header or an endless ORA-00600 and restart), the commits waiting for it complete, and
// all of them survive a crash.
TEST(BackgroundDeath, LgwrDyingInAWriteAcrossALogSwitchLosesNothing) {
  Instance inst({"_fault_injection=true", "log_file_size=1M", "log_buffer=256K"});
  ASSERT_TRUE(inst.started());
  Conn k = inst.Connect("sys", Instance::kPassword, "k");
  Query(k.get(), "create table bg_sw_t (id number primary key, pad varchar2(2000))");
  const std::string lgwr = SpidOf(k.get(), "LGWR");
  ASSERT_FALSE(lgwr.empty());
  // No checkpoint completes (CKPT stopped; Crash() ends it): recovery reads every file.
  const std::string ckpt = SpidOf(k.get(), "CKPT");
  ASSERT_FALSE(ckpt.empty());
  ASSERT_EQ(kill(std::stoi(ckpt), SIGSTOP), 0);
  Query(k.get(), "begin dbms_fault.crash_at('LGWR_SWITCH'); end;");
  int acked = 0;
  // ~2 KB per commit: the 1 MB file fills within ~500 commits, the write crossing it kills LGWR.
  for (int i = 1; i <= 1500; ++i) {
    std::string err = TryQuery(k.get(), "insert into bg_sw_t values (" + std::to_string(i) +
                                            ", rpad('x', 2000, 'x'))", nullptr);
    if (err.empty()) err = TryQuery(k.get(), "commit", nullptr);
    ASSERT_TRUE(err.empty()) << "row " << i << ": " << err;
    acked = i;
    if (i % 50 == 0 && SpidOf(k.get(), "LGWR") != lgwr) break;
  }
  const std::string now = SpidOf(k.get(), "LGWR");
  ASSERT_NE(now, lgwr) << "LGWR never reached the fault point";
  for (int i = 0; i < 20; ++i) {  // the new LGWR goes on
    const int id = acked + 1;
    const std::string err = TryQuery(k.get(), "insert into bg_sw_t values (" + std::to_string(id) +
                                                  ", rpad('y', 2000, 'y'))", nullptr);
    ASSERT_TRUE(err.empty()) << err;
    ASSERT_TRUE(TryQuery(k.get(), "commit", nullptr).empty());
    acked = id;
  }
  EXPECT_EQ(SpidOf(k.get(), "LGWR"), now);  // no further death
  k.reset();
  inst.Crash();
  ASSERT_TRUE(inst.Restart()) << inst.AlertLog();
  Conn after = inst.Connect();
  EXPECT_EQ(Query(after.get(), "select count(*), max(id) from bg_sw_t"),
            (Rows{{std::to_string(acked), std::to_string(acked)}}));
}

// A COMMIT cancelled while it waits for log buffer space (LGWR stopped) has copied part of
// its redo; the transaction stays open. Checkpoints must not keep starting from that redo
// for as long as the session leaves it open (no log group could be reused: the current
// file grew without bound).
TEST(BackgroundDeath, ACancelledCommitDoesNotHoldCheckpointsBack) {
  Instance inst({"log_buffer=64K"});
  ASSERT_TRUE(inst.started());
  Conn a = inst.Connect("sys", Instance::kPassword, "a");
  Conn k = inst.Connect("sys", Instance::kPassword, "k");
  Query(k.get(), "create table bg_cc_t (id number, pad varchar2(2000))");
  const std::string sid = *Query(a.get(), "select userenv('SID') from dual")[0][0];
  for (int i = 1; i <= 200; ++i) {  // ~400 KB of redo at COMMIT, in a 64 KB log buffer
    Query(a.get(), "insert into bg_cc_t values (" + std::to_string(i) + ", rpad('x', 2000, 'x'))");
  }
  const std::string lgwr = SpidOf(k.get(), "LGWR");
  ASSERT_FALSE(lgwr.empty());
  ASSERT_EQ(kill(std::stoi(lgwr), SIGSTOP), 0);
  ASSERT_EQ(PQsendQuery(a.get(), "commit"), 1);
  const bool waiting = WaitUntil([&] {
    Rows r = Query(k.get(), "select state from v$session where sid = " + sid +
                                " and event = 'log buffer space'");
    return r.size() == 1 && r[0][0] == "WAITING";
  });
  ASSERT_TRUE(CancelCall(a.get()));
  ASSERT_EQ(kill(std::stoi(lgwr), SIGCONT), 0);
  ASSERT_TRUE(waiting);
  EXPECT_EQ(AwaitError(a.get()), "ORA-01013: user requested cancel of current operation");
  // `a` keeps its transaction open; others work and checkpoint.
  auto checkpoint_position = [&] {
    Query(k.get(), "insert into bg_cc_t values (0, 'k')");
    Query(k.get(), "commit");
    Query(k.get(), "alter system checkpoint");
    return std::stoull(*Query(k.get(), "select checkpoint_change# from v$datafile")[0][0]);
  };
  const uint64_t first = checkpoint_position();
  const uint64_t second = checkpoint_position();
  EXPECT_GT(second, first);
  Query(a.get(), "rollback");
}

TEST(BackgroundDeath, SupervisorDeathEndsTheWholeInstance) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn k = inst.Connect("sys", Instance::kPassword, "k");
  std::vector<pid_t> pids;
  for (const auto& row : Query(k.get(), "select spid from v$process where spid is not null")) {
    pids.push_back(std::stoi(*row[0]));
  }
  ASSERT_GE(pids.size(), 4u);  // supervisor, PMON, MMNL, this session
  ASSERT_EQ(kill(inst.pid(), SIGKILL), 0);
  EXPECT_TRUE(WaitUntil([&] { return inst.Exited(); }));
  // Every process goes with it (PR_SET_PDEATHSIG): nothing keeps the SGA or the lock.
  for (pid_t p : pids) {
    EXPECT_TRUE(WaitUntil([&] { return kill(p, 0) != 0; }, std::chrono::seconds(5))) << p;
  }
  // The client is told at its next call instead of waiting forever.
  PGresult* r = PQexec(k.get(), "select 1 from dual");
  EXPECT_NE(PQresultStatus(r), PGRES_TUPLES_OK);
  PQclear(r);
  EXPECT_NE(PQstatus(k.get()), CONNECTION_OK);
  // The directory is free to start again.
  CommandResult st = RunCommand({BinDir() + "/wardend", "status", "-D", inst.dir()});
  EXPECT_EQ(st.exit_code, 3) << st.output;
}

}  // namespace
}  // namespace warden::testing
