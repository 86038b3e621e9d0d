// Users and privileges with real logons: CREATE/ALTER/DROP USER, system and object grants,
// account lock, case-sensitive passwords, and Oracle's answers when a privilege is missing
// (ORA-01045 at logon, ORA-00942 for what one may not see, ORA-01031 for what one may not
// do). The user file is rewritten on each change.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "instance.h"

namespace warden::testing {
namespace {

class UsersTest : public SharedInstanceTest<UsersTest> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    sys_ = instance_->Connect();
    ASSERT_EQ(PQstatus(sys_.get()), CONNECTION_OK);
  }
  // The error of a logon ("" when it worked).
  std::string LogonError(const std::string& user, const std::string& password) {
    Conn c = instance_->Connect(user, password);
    return PQstatus(c.get()) == CONNECTION_OK ? "" : PQerrorMessage(c.get());
  }
  std::string UsersFile() {
    std::ifstream in(instance_->dir() + "/catalog/users");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  Conn sys_;
};

TEST_F(UsersTest, LogonNeedsCreateSessionAndTheExactPassword) {
  Query(sys_.get(), "create user scott identified by Tiger_1");
  EXPECT_NE(LogonError("scott", "Tiger_1").find("ORA-01045: user SCOTT lacks CREATE SESSION"),
            std::string::npos);
  Query(sys_.get(), "grant create session to scott");
  EXPECT_EQ(LogonError("scott", "Tiger_1"), "");
  EXPECT_NE(LogonError("scott", "tiger_1").find("ORA-01017"), std::string::npos);
  Query(sys_.get(), "alter user scott account lock");
  EXPECT_NE(LogonError("scott", "Tiger_1").find("ORA-28000"), std::string::npos);
  Query(sys_.get(), "alter user scott account unlock");
  Query(sys_.get(), "alter user scott identified by \"New_pw_2\"");
  EXPECT_EQ(LogonError("scott", "New_pw_2"), "");
  EXPECT_NE(UsersFile().find("SCOTT NONE SCRAM-SHA-256$"), std::string::npos);
  // The last logon's session ends after its client has gone: DROP USER of a connected user
  // is ORA-01940, so wait until it is gone.
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(sys_.get(), "select count(*) from v$session where username = 'SCOTT'");
    return r.size() == 1 && r[0][0] == "0";
  }));
  Query(sys_.get(), "drop user scott");
  EXPECT_EQ(UsersFile().find("SCOTT "), std::string::npos);
}

TEST_F(UsersTest, DictionaryAndTablesFollowGrants) {
  Query(sys_.get(), "create user ann identified by Ann_pw_1");
  Query(sys_.get(), "create user bob identified by Bob_pw_1");
  Query(sys_.get(), "grant create session to ann, bob");
  Conn ann = instance_->Connect("ann", "Ann_pw_1");
  Conn bob = instance_->Connect("bob", "Bob_pw_1");
  ASSERT_EQ(PQstatus(ann.get()), CONNECTION_OK);
  ASSERT_EQ(PQstatus(bob.get()), CONNECTION_OK);
  EXPECT_EQ(QueryError(ann.get(), "select sid from v$session").rfind("ORA-00942", 0), 0u);
  EXPECT_EQ(QueryError(ann.get(), "create table t (x number)").rfind("ORA-01031", 0), 0u);
  Rows b = Query(sys_.get(), "select sid, serial# from v$session where username = 'BOB'");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(QueryError(ann.get(), "alter system kill session '" + *b[0][0] + "," + *b[0][1] + "'")
                .rfind("ORA-01031", 0),
            0u);
  Query(sys_.get(), "grant select any dictionary, create table to ann");
  EXPECT_EQ(QueryError(ann.get(), "select sid from v$session"), "");
  Query(ann.get(), "create table t (x number)");
  Query(ann.get(), "insert into t values (1)");
  Query(ann.get(), "commit");
  // bob sees nothing of ann.t until a grant; then only what was granted.
  EXPECT_EQ(QueryError(bob.get(), "select x from ann.t").rfind("ORA-00942", 0), 0u);
  // A primary-key lookup (read through the index) is checked the same way.
  Query(ann.get(), "create table p (id number primary key)");
  EXPECT_EQ(QueryError(bob.get(), "select id from ann.p where id = 1").rfind("ORA-00942", 0), 0u);
  Query(ann.get(), "grant select on t to bob");
  Rows r = Query(bob.get(), "select x from ann.t");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "1");
  EXPECT_EQ(QueryError(bob.get(), "update ann.t set x = 2").rfind("ORA-01031", 0), 0u);
  Query(ann.get(), "grant update on t to bob");
  Query(bob.get(), "update ann.t set x = 2");
  Query(bob.get(), "commit");
  Query(ann.get(), "revoke select, update on t from bob");
  EXPECT_EQ(QueryError(bob.get(), "select x from ann.t").rfind("ORA-00942", 0), 0u);
  EXPECT_EQ(QueryError(ann.get(), "revoke select on t from bob").rfind("ORA-01927", 0), 0u);
  // Dropping: not while connected, not without CASCADE while it owns objects.
  EXPECT_EQ(QueryError(sys_.get(), "drop user ann").rfind("ORA-01940", 0), 0u);
  ann.reset();
  ASSERT_TRUE(WaitUntil([&] {
    return Query(sys_.get(), "select sid from v$session where username = 'ANN'").empty();
  }));
  EXPECT_EQ(QueryError(sys_.get(), "drop user ann").rfind("ORA-01922: CASCADE must be specified to drop 'ANN'", 0), 0u);
  Query(sys_.get(), "drop user ann cascade");
  EXPECT_EQ(QueryError(sys_.get(), "select x from ann.t").rfind("ORA-00942", 0), 0u);
  bob.reset();
  ASSERT_TRUE(WaitUntil([&] {
    return Query(sys_.get(), "select sid from v$session where username = 'BOB'").empty();
  }));
  Query(sys_.get(), "drop user bob");
}

TEST_F(UsersTest, OracleErrorsForBadRequests) {
  EXPECT_EQ(QueryError(sys_.get(), "create user sys identified by x_1").rfind("ORA-01920", 0), 0u);
  EXPECT_EQ(QueryError(sys_.get(), "drop user nosuch").rfind("ORA-01918: user 'NOSUCH' does not exist", 0), 0u);
  EXPECT_EQ(QueryError(sys_.get(), "grant create session to nosuch").rfind("ORA-01917", 0), 0u);
  EXPECT_EQ(QueryError(sys_.get(), "grant fly to sys").rfind("ORA-00990", 0), 0u);
  EXPECT_EQ(QueryError(sys_.get(), "create user x").rfind("ORA-00988", 0), 0u);
  Query(sys_.get(), "create user carl identified by Carl_pw_1");
  EXPECT_EQ(QueryError(sys_.get(), "revoke create table from carl").rfind("ORA-01952", 0), 0u);
  Query(sys_.get(), "drop user carl");
}

}  // namespace
}  // namespace warden::testing
