// The harness's crash and restart: Instance::Crash() ends every process of the instance with
// kill -9 and Instance::Restart() brings it back on the same data directory and port, after a
// crash as after a clean stop. What is durable today (the user catalog) survives both.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <string>
#include <vector>

#include "instance.h"

namespace warden::testing {
namespace {

// A session of `user` that answers; "" or why not.
std::string LogonAndWhoAmI(const Instance& inst, const std::string& user,
                           const std::string& password, std::string* who) {
  Conn c = inst.Connect(user, password, "restart_test");
  if (PQstatus(c.get()) != CONNECTION_OK) return PQerrorMessage(c.get());
  Rows rows;
  std::string err = TryQuery(c.get(), "select user from dual", &rows);
  if (err.empty() && rows.size() == 1 && rows[0][0]) *who = *rows[0][0];
  return err;
}

TEST(RestartTest, CrashKillsEveryProcessAndRestartKeepsUsers) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn sys = inst.Connect();
  ASSERT_EQ(PQstatus(sys.get()), CONNECTION_OK);
  Query(sys.get(), "create user crash_user identified by Crash_pw_1");
  Query(sys.get(), "grant create session to crash_user");
  const pid_t server = PQbackendPID(sys.get());

  // The supervisor, its background processes and this connection's dedicated server.
  const std::vector<pid_t> before = inst.ProcessTree();
  ASSERT_GE(before.size(), 4u);
  EXPECT_EQ(before[0], inst.pid());
  EXPECT_NE(std::find(before.begin(), before.end(), server), before.end());
  const pid_t first = inst.pid();
  const int port = inst.port();

  inst.Crash();
  EXPECT_EQ(inst.exit_status(), 128 + SIGKILL);
  EXPECT_FALSE(inst.started());
  for (pid_t p : before) {
    // Gone, or a zombie of its own kind waiting for init: never running.
    if (kill(p, 0) == 0) {
      std::ifstream f("/proc/" + std::to_string(p) + "/stat");
      std::string line;
      std::getline(f, line);
      const size_t close = line.rfind(')');
      ASSERT_NE(close, std::string::npos) << line;
      EXPECT_EQ(line.substr(close + 2, 1), "Z") << "process " << p << " survived: " << line;
    } else {
      EXPECT_EQ(errno, ESRCH);
    }
  }
  EXPECT_TRUE(inst.ProcessTree().empty());
  // The client's connection is dead.
  EXPECT_NE(QueryError(sys.get(), "select 1 from dual"), "");
  std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port) + " connect_timeout=2";
  EXPECT_EQ(PQping(conninfo.c_str()), PQPING_NO_RESPONSE);

  ASSERT_TRUE(inst.Restart());
  EXPECT_NE(inst.pid(), first);
  EXPECT_EQ(inst.port(), port);
  std::string who;
  EXPECT_EQ(LogonAndWhoAmI(inst, "crash_user", "Crash_pw_1", &who), "");
  EXPECT_EQ(who, "CRASH_USER");
  EXPECT_NE(LogonAndWhoAmI(inst, "crash_user", "wrong_pw_1", &who).find("ORA-01017"),
            std::string::npos);

  // A second crash of the restarted instance and a second restart.
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  EXPECT_EQ(LogonAndWhoAmI(inst, "crash_user", "Crash_pw_1", &who), "");
}

TEST(RestartTest, RestartAfterImmediateStopAndWithAnOverride) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  {
    Conn sys = inst.Connect();
    ASSERT_EQ(PQstatus(sys.get()), CONNECTION_OK);
    Query(sys.get(), "create user stop_user identified by Stop_pw_1");
    Query(sys.get(), "grant create session to stop_user");
  }
  EXPECT_EQ(inst.Stop("immediate"), 0);
  ASSERT_TRUE(inst.Exited());
  EXPECT_EQ(inst.exit_status(), 0);
  EXPECT_TRUE(inst.ProcessTree().empty());

  // A -c override given to Restart applies to that start (after the first start's ones).
  ASSERT_TRUE(inst.Restart({"_cleanup_rollback_entries=7"}));
  std::string who;
  EXPECT_EQ(LogonAndWhoAmI(inst, "stop_user", "Stop_pw_1", &who), "");
  EXPECT_EQ(who, "STOP_USER");
  Conn sys = inst.Connect();
  ASSERT_EQ(PQstatus(sys.get()), CONNECTION_OK);
  Rows p = Query(sys.get(),
                 "select value from v$parameter where name = '_cleanup_rollback_entries'");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0][0], "7");
  sys.reset();

  // Restart without the override: the first start's parameters again.
  EXPECT_EQ(inst.Stop("immediate"), 0);
  ASSERT_TRUE(inst.Restart());
  sys = inst.Connect();
  ASSERT_EQ(PQstatus(sys.get()), CONNECTION_OK);
  p = Query(sys.get(), "select value from v$parameter where name = '_cleanup_rollback_entries'");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0][0], "100");
  EXPECT_NE(inst.ServerOutput().find("--- harness: start #3 ---"), std::string::npos);
}

}  // namespace
}  // namespace warden::testing
