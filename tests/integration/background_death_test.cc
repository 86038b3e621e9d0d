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
