// Sessions and processes in the fixed views: many concurrent sessions, disconnects and a
// dedicated server killed with SIGKILL (PMON must clean up, others go on).
#include <gtest/gtest.h>
#include <signal.h>

#include <set>
#include <thread>

#include "instance.h"

namespace warden::testing {
namespace {

class SessionsTest : public SharedInstanceTest<SessionsTest> {
 public:
  static std::vector<std::string> Params() { return {"processes=80"}; }

 protected:
};

// Aggregates come with the SQL issue; count the rows here.
int CountRows(PGconn* c, const std::string& sql) { return static_cast<int>(Query(c, sql).size()); }

int CountUserSessions(PGconn* c) {
  return CountRows(c, "select sid from v$session where type = 'USER'");
}

TEST_F(SessionsTest, BackgroundProcessesAreVisible) {
  ASSERT_TRUE(instance_->started());
  Conn c = instance_->Connect();
  Rows pmon = Query(c.get(), "select pid, spid, background from v$process where pname = 'PMON'");
  ASSERT_EQ(pmon.size(), 1u);
  EXPECT_EQ(pmon[0][2], "1");
  Rows pseudo = Query(c.get(), "select program from v$process where pid = 1");
  ASSERT_EQ(pseudo.size(), 1u);
  EXPECT_EQ(pseudo[0][0], "PSEUDO");
  EXPECT_GE(CountRows(c.get(),
                      "select sid from v$session where type = 'BACKGROUND' and username is null"),
            2);  // PSP0 and PMON
  Rows inst = Query(c.get(), "select instance_name, status, version from v$instance");
  ASSERT_EQ(inst.size(), 1u);
  EXPECT_EQ(inst[0][0], "warden");
  EXPECT_EQ(inst[0][1], "OPEN");
}

TEST_F(SessionsTest, FiftyConcurrentSessionsEachSeeItself) {
  constexpr int kSessions = 50;
  std::vector<Conn> conns(kSessions);
  std::vector<std::thread> threads;
  std::vector<std::string> failures(kSessions);
  std::vector<std::pair<std::string, std::string>> ids(kSessions);
  for (int i = 0; i < kSessions; ++i) {
    threads.emplace_back([&, i] {
      conns[i] = instance_->Connect("sys", Instance::kPassword, "worker" + std::to_string(i));
      if (PQstatus(conns[i].get()) != CONNECTION_OK) {
        failures[i] = PQerrorMessage(conns[i].get());
        return;
      }
      PGresult* res = PQexec(conns[i].get(),
                             "select sid, serial#, program, status from v$session "
                             "where sid = sys_context('USERENV', 'SID')");
      if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        failures[i] = std::string("query: ") + PQerrorMessage(conns[i].get());
      } else {
        ids[i] = {PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1)};
        if (std::string(PQgetvalue(res, 0, 2)) != "worker" + std::to_string(i)) {
          failures[i] = std::string("program ") + PQgetvalue(res, 0, 2);
        }
        if (std::string(PQgetvalue(res, 0, 3)) != "ACTIVE") {
          failures[i] = std::string("status ") + PQgetvalue(res, 0, 3);
        }
      }
      PQclear(res);
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kSessions; ++i) EXPECT_EQ(failures[i], "") << "session " << i;
  std::set<std::pair<std::string, std::string>> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kSessions));
  EXPECT_EQ(CountUserSessions(conns[0].get()), kSessions);
  // The others are idle: INACTIVE, waiting for their client.
  EXPECT_EQ(CountRows(conns[0].get(),
                      "select sid from v$session where type = 'USER' and status = 'INACTIVE'"),
            kSessions - 1);
  conns.resize(1);  // 49 disconnect
  EXPECT_TRUE(WaitUntil([&] { return CountUserSessions(conns[0].get()) == 1; }));
}

TEST_F(SessionsTest, SerialBumpsWhenASidIsReused) {
  Conn watcher = instance_->Connect();
  std::string sid, serial;
  {
    Conn c = instance_->Connect();
    Rows r = Query(c.get(), "select sid, serial# from v$session where sid = userenv('SID')");
    ASSERT_EQ(r.size(), 1u);
    sid = *r[0][0];
    serial = *r[0][1];
  }
  // Reconnect until the same SID comes back (the lowest free one is reused first).
  ASSERT_TRUE(WaitUntil([&] {
    return CountRows(watcher.get(), "select sid from v$session where sid = " + sid) == 0;
  }));
  Conn again = instance_->Connect();
  Rows r = Query(again.get(), "select sid, serial# from v$session where sid = userenv('SID')");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], sid);
  EXPECT_GT(std::stol(*r[0][1]), std::stol(serial));
}

TEST_F(SessionsTest, KillDashNineOfOneServerIsCleanedUpAndOthersGoOn) {
  Conn victim = instance_->Connect("sys", Instance::kPassword, "victim");
  Conn bystander = instance_->Connect("sys", Instance::kPassword, "bystander");
  Conn watcher = instance_->Connect();
  ASSERT_EQ(PQstatus(victim.get()), CONNECTION_OK);
  Rows me = Query(victim.get(), "select sid from v$session where sid = userenv('SID')");
  ASSERT_EQ(me.size(), 1u);
  std::string sid = *me[0][0];
  int spid = PQbackendPID(victim.get());
  Rows proc =
      Query(watcher.get(), "select pid from v$process where spid = '" + std::to_string(spid) + "'");
  ASSERT_EQ(proc.size(), 1u);

  ASSERT_EQ(kill(spid, SIGKILL), 0);
  // Within 1 s both rows are gone (PMON is told by a pidfd, not by its 3 s sweep).
  EXPECT_TRUE(WaitUntil(
      [&] {
        return CountRows(watcher.get(), "select sid from v$session where sid = " + sid) == 0 &&
               CountRows(watcher.get(), "select pid from v$process where spid = '" +
                                            std::to_string(spid) + "'") == 0;
      },
      std::chrono::milliseconds(1000)));
  // The bystander never noticed.
  Rows r = Query(bystander.get(), "select program from v$session where sid = userenv('SID')");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "bystander");
  // The victim's client sees a lost connection.
  PGresult* res = PQexec(victim.get(), "select 1 from dual");
  EXPECT_NE(PQresultStatus(res), PGRES_TUPLES_OK);
  PQclear(res);
  EXPECT_NE(instance_->AlertLog().find("cleaning up dead process"), std::string::npos);
}

}  // namespace
}  // namespace warden::testing
