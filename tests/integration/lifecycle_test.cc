// Instance life cycle: start errors, status, and each shutdown mode with sessions connected.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "instance.h"

namespace warden::testing {
namespace {

TEST(Lifecycle, StopNormalWaitsForSessionsToLogOff) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn c = inst.Connect();
  ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK);
  // With a session connected, a normal stop cannot finish: it times out.
  EXPECT_NE(inst.Stop("normal", 1), 0);
  EXPECT_FALSE(inst.Exited());
  // New connections are refused while it waits.
  Conn refused = inst.Connect();
  EXPECT_NE(PQstatus(refused.get()), CONNECTION_OK);
  c.reset();  // the session logs off: the shutdown completes
  EXPECT_TRUE(WaitUntil([&] { return inst.Exited(); }, std::chrono::seconds(10)));
  EXPECT_EQ(inst.exit_status(), 0);
  EXPECT_NE(inst.AlertLog().find("Instance shutdown complete (NORMAL)"), std::string::npos);
}

TEST(Lifecycle, StopImmediateEndsSessions) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn c = inst.Connect();
  ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK);
  EXPECT_EQ(inst.Stop("immediate", 30), 0);
  EXPECT_TRUE(inst.Exited());
  EXPECT_EQ(inst.exit_status(), 0);
  // The session was told why.
  PGresult* res = PQexec(c.get(), "select 1 from dual");
  EXPECT_NE(PQresultStatus(res), PGRES_TUPLES_OK);
  PQclear(res);
  EXPECT_NE(std::string(PQerrorMessage(c.get())).find("ORA-01089"), std::string::npos)
      << PQerrorMessage(c.get());
  EXPECT_NE(inst.AlertLog().find("Instance shutdown complete (IMMEDIATE)"), std::string::npos);
}

TEST(Lifecycle, StopAbortKillsEverything) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn c = inst.Connect();
  int spid = PQbackendPID(c.get());
  EXPECT_EQ(inst.Stop("abort", 30), 0);
  EXPECT_TRUE(inst.Exited());
  EXPECT_TRUE(WaitUntil([&] { return kill(spid, 0) != 0; }, std::chrono::seconds(5)));
  CommandResult st = RunCommand({BinDir() + "/wardend", "status", "-D", inst.dir()});
  EXPECT_EQ(st.exit_code, 3) << st.output;
}

TEST(Lifecycle, StatusAndSecondStartOnTheSameDirectory) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  CommandResult st = RunCommand({BinDir() + "/wardend", "status", "-D", inst.dir()});
  EXPECT_EQ(st.exit_code, 0) << st.output;
  EXPECT_NE(st.output.find("running"), std::string::npos);
  CommandResult again = RunCommand({BinDir() + "/wardend", "start", "-D", inst.dir(), "-c",
                                    "port=" + std::to_string(FreeLoopbackPort())});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("already running"), std::string::npos) << again.output;
}

TEST(Lifecycle, PortInUseIsAClearError) {
  Instance first;
  ASSERT_TRUE(first.started());
  std::string dir = first.dir() + "_second";
  std::string pw = first.dir() + "_pw";
  std::ofstream(pw) << "pw\n";
  ASSERT_EQ(RunCommand({BinDir() + "/wardend", "init", "-D", dir, "--pwfile", pw}).exit_code, 0);
  CommandResult r = RunCommand(
      {BinDir() + "/wardend", "start", "-D", dir, "-c", "port=" + std::to_string(first.port())});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("already in use"), std::string::npos) << r.output;
}

TEST(Lifecycle, StartErrors) {
  CommandResult missing =
      RunCommand({BinDir() + "/wardend", "start", "-D", "/tmp/warden_no_such_dir_xyz"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("does not exist"), std::string::npos) << missing.output;

  char tmpl[] = "/tmp/warden_empty_XXXXXX";
  std::string empty = mkdtemp(tmpl);
  CommandResult uninit = RunCommand({BinDir() + "/wardend", "start", "-D", empty});
  EXPECT_NE(uninit.exit_code, 0);
  EXPECT_NE(uninit.output.find("not initialised"), std::string::npos) << uninit.output;

  std::string pw = empty + "/pw";
  std::ofstream(pw) << "pw\n";
  ASSERT_EQ(
      RunCommand({BinDir() + "/wardend", "init", "-D", empty + "/d", "--pwfile", pw}).exit_code, 0);
  CommandResult bad_name =
      RunCommand({BinDir() + "/wardend", "start", "-D", empty + "/d", "-c", "bogus=1"});
  EXPECT_NE(bad_name.exit_code, 0);
  EXPECT_NE(bad_name.output.find("LRM-00101: unknown parameter name 'bogus'"), std::string::npos)
      << bad_name.output;
  CommandResult bad_value =
      RunCommand({BinDir() + "/wardend", "start", "-D", empty + "/d", "-c", "processes=abc"});
  EXPECT_NE(bad_value.exit_code, 0);
  EXPECT_NE(bad_value.output.find("processes"), std::string::npos) << bad_value.output;
  CommandResult small =
      RunCommand({BinDir() + "/wardend", "start", "-D", empty + "/d", "-c", "processes=20000", "-c",
                  "sga_size=1M", "-c", "port=" + std::to_string(FreeLoopbackPort())});
  EXPECT_NE(small.exit_code, 0);
  EXPECT_NE(small.output.find("SGA too small"), std::string::npos) << small.output;
  std::filesystem::remove_all(empty);
}

TEST(Lifecycle, InitRefusesAnInitialisedDirectory) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  std::string pw = inst.dir() + "_pw";
  std::ofstream(pw) << "pw\n";
  CommandResult r = RunCommand({BinDir() + "/wardend", "init", "-D", inst.dir(), "--pwfile", pw});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("already initialised"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace warden::testing
