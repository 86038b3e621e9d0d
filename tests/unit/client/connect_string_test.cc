// Tests of the SQL*Plus logon argument parser.
#include "client/connect_string.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

ConnectTarget Parse(const char* text) {
  ConnectTarget t;
  Status s = ParseConnectString(text, &t);
  EXPECT_TRUE(s.ok()) << text << ": " << s.message();
  return t;
}

TEST(ConnectStringTest, UserOnlyUsesDefaults) {
  ConnectTarget t = Parse("scott");
  EXPECT_EQ(t.user, "scott");
  EXPECT_FALSE(t.has_password);
  EXPECT_EQ(t.host, "127.0.0.1");
  EXPECT_EQ(t.port, 1521);
}

TEST(ConnectStringTest, UserPasswordHostPortService) {
  ConnectTarget t = Parse("sys/secret@db1:1522/ORCL");
  EXPECT_EQ(t.user, "sys");
  EXPECT_TRUE(t.has_password);
  EXPECT_EQ(t.password, "secret");
  EXPECT_EQ(t.host, "db1");
  EXPECT_EQ(t.port, 1522);
  EXPECT_EQ(t.service, "ORCL");
}

TEST(ConnectStringTest, HostWithoutPortAndEzConnectSlashes) {
  ConnectTarget a = Parse("u/p@db1");
  EXPECT_EQ(a.host, "db1");
  EXPECT_EQ(a.port, 1521);
  ConnectTarget b = Parse("u@//db2:1600/svc");
  EXPECT_FALSE(b.has_password);
  EXPECT_EQ(b.host, "db2");
  EXPECT_EQ(b.port, 1600);
  EXPECT_EQ(b.service, "svc");
}

TEST(ConnectStringTest, QuotedPasswordMayHoldAtAndSlash) {
  ConnectTarget t = Parse("u/\"p@ss/wd\"@h:2000");
  EXPECT_EQ(t.password, "p@ss/wd");
  EXPECT_EQ(t.host, "h");
  EXPECT_EQ(t.port, 2000);
}

TEST(ConnectStringTest, UnquotedPasswordEndsAtLastAt) {
  ConnectTarget t = Parse("u/p@ss@h");
  EXPECT_EQ(t.password, "p@ss");
  EXPECT_EQ(t.host, "h");
}

TEST(ConnectStringTest, EmptyPasswordMeansAsk) {
  ConnectTarget t = Parse("u/@h");
  EXPECT_FALSE(t.has_password);
  EXPECT_EQ(t.host, "h");
}

TEST(ConnectStringTest, BracketedIpv6Host) {
  ConnectTarget t = Parse("u@[::1]:1600");
  EXPECT_EQ(t.host, "::1");
  EXPECT_EQ(t.port, 1600);
}

TEST(ConnectStringTest, Errors) {
  ConnectTarget t;
  EXPECT_FALSE(ParseConnectString("", &t).ok());
  EXPECT_FALSE(ParseConnectString("/pw@h", &t).ok());
  EXPECT_FALSE(ParseConnectString("u@", &t).ok());
  EXPECT_FALSE(ParseConnectString("u@h:", &t).ok());
  EXPECT_FALSE(ParseConnectString("u@h:abc", &t).ok());
  EXPECT_FALSE(ParseConnectString("u@h:70000", &t).ok());
  EXPECT_FALSE(ParseConnectString("u/\"unterminated@h", &t).ok());
  EXPECT_FALSE(ParseConnectString("u@[::1", &t).ok());
}

}  // namespace
}  // namespace warden::client
