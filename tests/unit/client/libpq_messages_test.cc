// Tests of the texts taken from libpq's failure messages.
#include "client/libpq_messages.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(LibpqMessagesTest, LogonRefusedWithOraError) {
  ConnectTarget t;
  EXPECT_EQ(ConnectFailureText("connection to server at \"127.0.0.1\", port 1521 failed: FATAL:  "
                               "ORA-01017: invalid username/password; logon denied\n",
                               t),
            "ORA-01017: invalid username/password; logon denied");
}

TEST(LibpqMessagesTest, NoListener) {
  ConnectTarget t;
  t.port = 1600;
  EXPECT_EQ(ConnectFailureText("connection to server at \"127.0.0.1\", port 1600 failed: "
                               "Connection refused\n\tIs the server running on that host?\n",
                               t),
            "ORA-12541: TNS:no listener\nwsql: nothing listens on 127.0.0.1 port 1600 "
            "(connection refused)");
}

TEST(LibpqMessagesTest, OtherConnectFailuresAsLibpqSaysThem) {
  ConnectTarget t;
  EXPECT_EQ(ConnectFailureText("could not translate host name \"x\" to address\n", t),
            "could not translate host name \"x\" to address");
}

TEST(LibpqMessagesTest, LostConnectionKeepsTheServersFatalError) {
  EXPECT_EQ(LostConnectionText("FATAL:  ORA-00028: your session has been killed\n"
                               "server closed the connection unexpectedly\n\tThis probably...\n"),
            "ORA-00028: your session has been killed");
  EXPECT_EQ(LostConnectionText("FATAL:  terminating connection due to administrator command\n"
                               "server closed the connection unexpectedly\n"),
            "terminating connection due to administrator command");
  EXPECT_EQ(LostConnectionText("server closed the connection unexpectedly\n"
                               "\tThis probably means the server terminated abnormally\n"),
            "ORA-03113: end-of-file on communication channel");
  EXPECT_EQ(LostConnectionText(""), "ORA-03113: end-of-file on communication channel");
}

}  // namespace
}  // namespace warden::client
