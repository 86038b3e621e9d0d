// The protocol's CancelRequest (psql's and wsql's Ctrl-C): the call in progress ends with
// ORA-01013 and the session goes on; a wrong key or an idle session is left alone.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "instance.h"

namespace warden::testing {
namespace {

class CancelTest : public SharedInstanceTest<CancelTest> {
 protected:
};

TEST_F(CancelTest, CancelEndsASleepAndTheSessionGoesOn) {
  ASSERT_TRUE(instance_->started());
  Conn c = instance_->Connect();
  Conn w = instance_->Connect();
  const std::string sid = *Query(c.get(), "select userenv('SID') from dual")[0][0];
  ASSERT_EQ(PQsendQuery(c.get(), "begin dbms_lock.sleep(600); end;"), 1);
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(w.get(), "select state from v$session where sid = " + sid +
                                " and event = 'PL/SQL lock timer'");
    return r.size() == 1 && r[0][0] == "WAITING";
  }));
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(CancelCall(c.get()));
  EXPECT_EQ(AwaitError(c.get()), "ORA-01013: user requested cancel of current operation");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // Same session, still logged on.
  Rows r = Query(c.get(), "select userenv('SID') from dual");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], sid);
}

TEST_F(CancelTest, CancelEndsACpuBoundQuery) {
  Conn c = instance_->Connect();
  // A cross product of fixed views that would run for many minutes (the condition reads
  // every table, so no filter can run before the joins); nothing qualifies, so it never
  // sends a row: only the per-row interrupt check can end it.
  ASSERT_EQ(PQsendQuery(c.get(),
                        "select a.name from v$event_name a, v$event_name b, v$event_name c, "
                        "v$event_name d, v$event_name e, v$event_name f, v$parameter g "
                        "where a.name || b.name || c.name || d.name || e.name || f.name || g.name = 'x'"),
            1);
  Conn w = instance_->Connect();
  const int spid = PQbackendPID(c.get());
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(w.get(), "select s.status from v$session s where s.process = '" +
                                std::to_string(spid) + "'");
    return r.size() == 1 && r[0][0] == "ACTIVE";
  }));
  ASSERT_TRUE(CancelCall(c.get()));
  EXPECT_EQ(AwaitError(c.get()), "ORA-01013: user requested cancel of current operation");
  EXPECT_EQ(Query(c.get(), "select 1 from dual").size(), 1u);
}

TEST_F(CancelTest, CancelBetweenCallsIsDropped) {
  Conn c = instance_->Connect();
  ASSERT_TRUE(CancelCall(c.get()));  // idle: dropped
  EXPECT_EQ(Query(c.get(), "select 1 from dual").size(), 1u);
  EXPECT_EQ(Query(c.get(), "select 2 from dual").size(), 1u);
}

TEST_F(CancelTest, CancelWithTheWrongKeyIsIgnored) {
  Conn c = instance_->Connect();
  Conn w = instance_->Connect();
  const std::string sid = *Query(c.get(), "select userenv('SID') from dual")[0][0];
  ASSERT_EQ(PQsendQuery(c.get(), "begin dbms_lock.sleep(600); end;"), 1);
  const std::string q = "select seq# from v$session where sid = " + sid +
                        " and event = 'PL/SQL lock timer' and state = 'WAITING'";
  Rows before;
  ASSERT_TRUE(WaitUntil([&] { return (before = Query(w.get(), q)).size() == 1; }));
  // A CancelRequest for the right pid with a wrong key, sent by hand.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = {};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(instance_->port()));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  uint32_t msg[4] = {htonl(16), htonl(80877102),
                     htonl(static_cast<uint32_t>(PQbackendPID(c.get()))), htonl(0x5eed)};
  ASSERT_EQ(write(fd, msg, sizeof msg), static_cast<ssize_t>(sizeof msg));
  char b;
  EXPECT_EQ(read(fd, &b, 1), 0);  // the server closes without a reply once it has handled it
  close(fd);
  // Still in the same wait.
  Rows after = Query(w.get(), q);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0][0], before[0][0]);
  ASSERT_TRUE(CancelCall(c.get()));
  EXPECT_EQ(AwaitError(c.get()), "ORA-01013: user requested cancel of current operation");
}

}  // namespace
}  // namespace warden::testing
