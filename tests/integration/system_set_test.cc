// ALTER SYSTEM SET of a dynamic parameter: every process sees the new value at once (shown
// by its effect on PMON's hand-off to SMON), V$PARAMETER and the alert log record it, and
// the errors are Oracle's.
#include <gtest/gtest.h>
#include <signal.h>

#include "instance.h"

namespace warden::testing {
namespace {

class SystemSetTest : public SharedInstanceTest<SystemSetTest> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    k_ = instance_->Connect("sys", Instance::kPassword, "k");
    ASSERT_EQ(PQstatus(k_.get()), CONNECTION_OK);
  }
  Conn k_;
};

TEST_F(SystemSetTest, NewValueIsSeenAndUsedByEveryProcess) {
  EXPECT_EQ(QueryError(k_.get(), "alter system set \"_cleanup_rollback_entries\" = 10"), "");
  Rows p = Query(k_.get(), "select value, isdefault, issys_modifiable from v$parameter "
                           "where name = '_cleanup_rollback_entries'");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0][0], "10");
  EXPECT_EQ(p[0][1], "FALSE");
  EXPECT_EQ(p[0][2], "IMMEDIATE");
  EXPECT_NE(instance_->AlertLog().find("ALTER SYSTEM SET _cleanup_rollback_entries=10 SCOPE=BOTH;"),
            std::string::npos);

  // PMON reads it at its next clean-up: a dead transaction of 40 changes is handed to SMON
  // after 10 undo records.
  Query(k_.get(), "create table ss_t (id number primary key, v number)");
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  for (int i = 1; i <= 40; ++i) Query(a.get(), "insert into ss_t values (" + std::to_string(i) + ", 0)");
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  EXPECT_TRUE(WaitUntil([&] {
    return instance_->AlertLog().find("10 of 40 undo records applied, the rest handed to SMON") !=
           std::string::npos;
  }));
  EXPECT_TRUE(WaitUntil([&] { return Query(k_.get(), "select count(*) from ss_t")[0][0] == "0"; }));
  Query(k_.get(), "drop table ss_t");
  EXPECT_EQ(QueryError(k_.get(), "alter system set \"_cleanup_rollback_entries\" = 100 scope = memory sid = '*'"),
            "");
}

TEST_F(SystemSetTest, ErrorsAreOracles) {
  EXPECT_EQ(QueryError(k_.get(), "alter system set pmon_interval = 5"),
            "ORA-02095: specified initialization parameter cannot be modified");
  EXPECT_EQ(QueryError(k_.get(), "alter system set no_such_parameter = 5"),
            "ORA-02065: illegal option for ALTER SYSTEM");
  EXPECT_EQ(QueryError(k_.get(), "alter system set pmon_interval = 5 scope = both"),
            "ORA-02095: specified initialization parameter cannot be modified");
  EXPECT_EQ(QueryError(k_.get(), "alter system set pmon_interval = 5 scope = memory"),
            "ORA-02095: specified initialization parameter cannot be modified");
  EXPECT_EQ(QueryError(k_.get(), "alter system set kill_escalation_timeout = -1"),
            "ORA-00068: invalid value -1 for parameter kill_escalation_timeout, must be between 0 "
            "and 86400");
  EXPECT_EQ(QueryError(k_.get(), "alter system set kill_escalation_timeout = soon"),
            "ORA-02017: integer value required");
  Query(k_.get(), "create user ss_user identified by \"Ss_pw_123\"");
  Query(k_.get(), "grant create session to ss_user");
  Conn u = instance_->Connect("ss_user", "Ss_pw_123");
  ASSERT_EQ(PQstatus(u.get()), CONNECTION_OK);
  EXPECT_EQ(QueryError(u.get(), "alter system set kill_escalation_timeout = 5"),
            "ORA-01031: insufficient privileges");
  u.reset();  // its server ends asynchronously: wait for the session to go before DROP USER
  EXPECT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select count(*) from v$session where username = 'SS_USER'")[0][0] == "0";
  }));
  Query(k_.get(), "drop user ss_user");
  // Nothing changed.
  EXPECT_EQ(Query(k_.get(), "select value from v$parameter where name = 'kill_escalation_timeout'")[0][0],
            "10");
}

TEST_F(SystemSetTest, WsqlSaysSystemAltered) {
  CommandResult r = RunCommand(
      {BinDir() + "/wsql", "-S", "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url()},
      "alter system set kill_session_timeout = 60;\nexit\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("System altered."), std::string::npos) << r.output;
}

}  // namespace
}  // namespace warden::testing
