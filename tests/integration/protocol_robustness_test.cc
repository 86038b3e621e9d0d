// Malformed, truncated and oversized protocol messages: the offending client gets an error and
// loses its connection; the instance and every other session go on.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "instance.h"

namespace warden::testing {
namespace {

class ProtocolRobustnessTest : public SharedInstanceTest<ProtocolRobustnessTest> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    bystander_ = instance_->Connect("sys", Instance::kPassword, "bystander");
    ASSERT_EQ(PQstatus(bystander_.get()), CONNECTION_OK);
  }
  void TearDown() override {
    // The bystander's session still works and the instance still accepts connections.
    Rows r = Query(bystander_.get(), "select program from v$session where sid = userenv('SID')");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][0], "bystander");
    Conn fresh = instance_->Connect();
    EXPECT_EQ(PQstatus(fresh.get()), CONNECTION_OK);
  }

  int RawConnect() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(instance_->port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    return fd;
  }

  // Reads until the server closes the connection (bounded); returns everything received.
  static std::string ReadUntilClosed(int fd) {
    std::string got;
    char buf[4096];
    for (int i = 0; i < 1000; ++i) {
      pollfd p = {fd, POLLIN, 0};
      if (poll(&p, 1, 10000) <= 0) {
        got += "[timeout]";
        break;
      }
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    return got;
  }

  static void Send(int fd, const std::string& bytes) {
    ASSERT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }

  Conn bystander_;
};

std::string Be32(uint32_t v) {
  uint32_t n = htonl(v);
  return std::string(reinterpret_cast<const char*>(&n), 4);
}

TEST_F(ProtocolRobustnessTest, GarbageInsteadOfAStartupPacket) {
  int fd = RawConnect();
  Send(fd, std::string("\x00\x00\x00\x02garbage", 11));  // length 2 < 4
  std::string got = ReadUntilClosed(fd);
  EXPECT_EQ(got.substr(0, 1), "E") << got;
  EXPECT_NE(got.find("ORA-"), std::string::npos) << got;
  close(fd);
}

TEST_F(ProtocolRobustnessTest, StartupPacketAnnouncingTwoGigabytes) {
  int fd = RawConnect();
  Send(fd, Be32(0x7fffffff) + Be32(196608));
  std::string got = ReadUntilClosed(fd);
  EXPECT_EQ(got.substr(0, 1), "E") << got;
  EXPECT_NE(got.find("[timeout]"), 0u);
  close(fd);
}

TEST_F(ProtocolRobustnessTest, TruncatedStartupPacketThenHangUp) {
  int fd = RawConnect();
  Send(fd, Be32(40) + Be32(196608) + "user");  // announces 40, sends 12, then closes
  shutdown(fd, SHUT_WR);
  ReadUntilClosed(fd);
  close(fd);
}

TEST_F(ProtocolRobustnessTest, StartupWithUnterminatedStrings) {
  int fd = RawConnect();
  std::string body = Be32(196608) + "user";  // no NUL terminators
  Send(fd, Be32(static_cast<uint32_t>(body.size() + 4)) + body);
  std::string got = ReadUntilClosed(fd);
  EXPECT_EQ(got.substr(0, 1), "E") << got;
  close(fd);
}

TEST_F(ProtocolRobustnessTest, AuthenticatedClientSendsTwoGigabyteQuery) {
  Conn c = instance_->Connect();
  ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK);
  int fd = PQsocket(c.get());
  Send(fd, "Q" + Be32(0x7fffffff) + "select");
  std::string got = ReadUntilClosed(fd);
  EXPECT_EQ(got.substr(0, 1), "E") << got;
  EXPECT_NE(got.find("ORA-"), std::string::npos) << got;
}

TEST_F(ProtocolRobustnessTest, AuthenticatedClientSendsUnknownMessageType) {
  Conn c = instance_->Connect();
  ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK);
  int fd = PQsocket(c.get());
  Send(fd, "\x01" + Be32(4));
  std::string got = ReadUntilClosed(fd);
  EXPECT_EQ(got.substr(0, 1), "E") << got;
}

TEST_F(ProtocolRobustnessTest, ManyBadClientsInARow) {
  for (int i = 0; i < 20; ++i) {
    int fd = RawConnect();
    Send(fd, std::string(8, static_cast<char>(0xff)));
    ReadUntilClosed(fd);
    close(fd);
  }
}

}  // namespace
}  // namespace warden::testing
