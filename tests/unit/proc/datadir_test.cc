// Data directory init, the user catalog file and the pid-file lock.
#include "proc/datadir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "net/scram_verifier.h"
#include "proc/user_catalog.h"

namespace warden::proc {
namespace {

class DataDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warden_dd_XXXXXX";
    root_ = mkdtemp(tmpl);
    dir_ = root_ + "/data";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string root_, dir_;
};

TEST_F(DataDirTest, InitCreatesAnInitialisedDirectoryOnce) {
  EXPECT_FALSE(CheckDataDir(dir_).ok());
  ASSERT_TRUE(InitDataDir(dir_, "secret1").ok());
  EXPECT_TRUE(CheckDataDir(dir_).ok());
  struct stat st;
  ASSERT_EQ(stat(UsersPath(dir_).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // verifiers are secrets too
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  Status again = InitDataDir(dir_, "secret1");
  EXPECT_NE(again.message().find("already initialised"), std::string::npos);
}

TEST_F(DataDirTest, UserCatalogRoundTripsWithoutThePassword) {
  ASSERT_TRUE(InitDataDir(dir_, "Tiger_42").ok());
  UserCatalog users;
  ASSERT_TRUE(users.Load(UsersPath(dir_)).ok());
  std::optional<UserEntry> sys = users.Find("sys");
  ASSERT_TRUE(sys.has_value());
  EXPECT_EQ(sys->name, "SYS");
  EXPECT_TRUE(sys->sysdba);
  EXPECT_EQ(users.mock_secret().size(), 32u);
  net::ScramVerifier v;
  ASSERT_TRUE(net::ScramVerifier::Parse(sys->verifier, &v).ok());
  net::ScramVerifier expected;
  ASSERT_TRUE(net::ComputeScramVerifier("Tiger_42", v.salt, v.iterations, &expected).ok());
  EXPECT_EQ(v.stored_key, expected.stored_key);
  EXPECT_FALSE(users.Find("SCOTT").has_value());
  std::string text;
  {
    FILE* f = fopen(UsersPath(dir_).c_str(), "r");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    text.assign(buf, n);
  }
  EXPECT_EQ(text.find("Tiger_42"), std::string::npos);
}

TEST_F(DataDirTest, PidFileKeepsASecondInstanceOut) {
  ASSERT_TRUE(InitDataDir(dir_, "pw").ok());
  PidFile first;
  ASSERT_TRUE(PidFile::Acquire(dir_, &first).ok());
  ASSERT_TRUE(first.Write(getpid(), 1521).ok());
  RunningInstance r;
  // Seen as running from another process (flock is per open file description).
  pid_t child = fork();
  if (child == 0) {
    PidFile second;
    bool refused = !PidFile::Acquire(dir_, &second).ok();
    RunningInstance seen;
    _exit(refused && FindRunningInstance(dir_, &seen) && seen.port == 1521 ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  first.Remove();
  EXPECT_FALSE(FindRunningInstance(dir_, &r));
  PidFile again;
  EXPECT_TRUE(PidFile::Acquire(dir_, &again).ok());
  again.Remove();
}

TEST(GeneratePassword, LengthAndAlphabet) {
  std::string a = GeneratePassword(20), b = GeneratePassword(20);
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << c;
}

}  // namespace
}  // namespace warden::proc
