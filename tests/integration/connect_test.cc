// Connecting: libpq, psql and wsql against a real instance; authentication failures.
#include <gtest/gtest.h>

#include "instance.h"

namespace warden::testing {
namespace {

class ConnectTest : public SharedInstanceTest<ConnectTest> {
 protected:
};

TEST_F(ConnectTest, LibpqConnectsAndSeesServerParameters) {
  ASSERT_TRUE(instance_->started());
  Conn c = instance_->Connect();
  ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK) << PQerrorMessage(c.get());
  EXPECT_STREQ(PQparameterStatus(c.get(), "server_encoding"), "UTF8");
  EXPECT_STREQ(PQparameterStatus(c.get(), "client_encoding"), "UTF8");
  EXPECT_STREQ(PQparameterStatus(c.get(), "DateStyle"), "ISO, MDY");
  EXPECT_STREQ(PQparameterStatus(c.get(), "integer_datetimes"), "on");
  EXPECT_STREQ(PQparameterStatus(c.get(), "standard_conforming_strings"), "on");
  EXPECT_NE(PQparameterStatus(c.get(), "server_version"), nullptr);
  EXPECT_GT(PQbackendPID(c.get()), 0);
  Rows r = Query(c.get(), "SELECT 1 + 1 AS two, 'x' || 'y' FROM dual");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "2");
  EXPECT_EQ(r[0][1], "xy");
}

TEST_F(ConnectTest, UserNamesAreCaseInsensitive) {
  for (const char* user : {"sys", "SYS", "Sys"}) {
    Conn c = instance_->Connect(user);
    ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK) << user << ": " << PQerrorMessage(c.get());
    Rows r = Query(c.get(), "select username from v$session where sid = userenv('SID')");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][0], "SYS");
  }
}

TEST_F(ConnectTest, WrongPasswordAndUnknownUserLookTheSame) {
  Conn bad_pw = instance_->Connect("sys", "wrong");
  ASSERT_EQ(PQstatus(bad_pw.get()), CONNECTION_BAD);
  std::string e1 = PQerrorMessage(bad_pw.get());
  Conn no_user = instance_->Connect("nobody", "wrong");
  ASSERT_EQ(PQstatus(no_user.get()), CONNECTION_BAD);
  std::string e2 = PQerrorMessage(no_user.get());
  EXPECT_NE(e1.find("ORA-01017: invalid username/password; logon denied"), std::string::npos) << e1;
  EXPECT_NE(e2.find("ORA-01017: invalid username/password; logon denied"), std::string::npos) << e2;
  // Nothing else revealed: the messages are identical apart from nothing.
  EXPECT_EQ(e1, e2);
  // The instance is fine afterwards.
  Conn ok = instance_->Connect();
  EXPECT_EQ(PQstatus(ok.get()), CONNECTION_OK);
}

TEST_F(ConnectTest, AnyDatabaseNameIsAccepted) {
  std::string conninfo = "host=127.0.0.1 port=" + std::to_string(instance_->port()) +
                         " dbname=whatever_db user=sys password=" + Instance::kPassword;
  Conn c(PQconnectdb(conninfo.c_str()));
  EXPECT_EQ(PQstatus(c.get()), CONNECTION_OK) << PQerrorMessage(c.get());
}

TEST_F(ConnectTest, PsqlRunsAQuery) {
  CommandResult r = RunCommand({"psql", "-h", "127.0.0.1", "-p", std::to_string(instance_->port()),
                                "-U", "sys", "-d", "warden", "-X", "-A", "-t", "-c",
                                "select type, username from v$session where sid = userenv('SID')"},
                               "", {"PGPASSWORD=" + std::string(Instance::kPassword)});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("USER|SYS"), std::string::npos) << r.output;
}

TEST_F(ConnectTest, PsqlShowsOraErrors) {
  CommandResult r =
      RunCommand({"psql", "-h", "127.0.0.1", "-p", std::to_string(instance_->port()), "-U", "sys",
                  "-X", "-v", "ON_ERROR_STOP=1", "-c", "select * from no_such_table"},
                 "", {"PGPASSWORD=" + std::string(Instance::kPassword)});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("ORA-00942: table or view does not exist"), std::string::npos)
      << r.output;
}

TEST_F(ConnectTest, WsqlRunsAScriptFromStdin) {
  CommandResult r = RunCommand({BinDir() + "/wsql", "-S",
                                "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url()},
                               "select 'hello' as greeting from dual;\nexit\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("GREETING"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--------"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("hello"), std::string::npos) << r.output;
}

TEST_F(ConnectTest, WsqlFailsTheScriptOnAnError) {
  CommandResult r = RunCommand({BinDir() + "/wsql", "-S",
                                "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url()},
                               "select * from no_such_table;\n");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("ORA-00942: table or view does not exist"), std::string::npos)
      << r.output;
}

TEST_F(ConnectTest, WsqlWrongPassword) {
  CommandResult r = RunCommand({BinDir() + "/wsql", "-S", "sys/wrong@" + instance_->Url()},
                               "select 1 from dual;\n");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("ORA-01017"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace warden::testing
