// Parameter catalog, parsing and validation.
#include "common/parameters.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace warden {
namespace {

TEST(Parameters, DefaultsAreValidAndMarkedDefault) {
  ParameterSet p;
  for (int i = 0; i < kParamCount; ++i) {
    const ParamDef& d = GetParamDef(static_cast<ParamId>(i));
    EXPECT_TRUE(p.is_default(d.id)) << d.name;
    ParameterSet fresh;
    EXPECT_TRUE(fresh.Set(d.name, d.default_value).ok()) << d.name;
  }
  EXPECT_EQ(p.num(kPort), 1521);
  EXPECT_EQ(p.text(kListenAddress), "127.0.0.1");
  EXPECT_EQ(p.num(kSgaSize), int64_t{1} << 30);  // 1G: room for a million-row transaction
}

TEST(Parameters, SessionsDerivedFromProcessesAsOracle) {
  ParameterSet p;
  ASSERT_TRUE(p.Set("processes", "200").ok());
  ASSERT_TRUE(p.Finalize().ok());
  EXPECT_EQ(p.num(kSessions), 322);  // 1.5 * 200 + 22
  EXPECT_TRUE(p.is_default(kSessions));
}

TEST(Parameters, RejectsUnknownNameAndBadValues) {
  ParameterSet p;
  Status s = p.Set("no_such_param", "1");
  EXPECT_EQ(s.message(), "LRM-00101: unknown parameter name 'no_such_param'");
  EXPECT_FALSE(p.Set("port", "abc").ok());
  EXPECT_FALSE(p.Set("port", "70000").ok());
  EXPECT_NE(p.Set("port", "0").message().find("ORA-00068"), std::string::npos);
  EXPECT_FALSE(p.Set("sga_size", "12Q").ok());
  ASSERT_TRUE(p.Set("sessions", "5").ok());
  EXPECT_FALSE(p.Finalize().ok());  // sessions below processes
}

TEST(Parameters, SizesAndCaseInsensitiveNames) {
  ParameterSet p;
  ASSERT_TRUE(p.Set("SGA_SIZE", "2G").ok());
  EXPECT_EQ(p.num(kSgaSize), 2LL * 1024 * 1024 * 1024);
  ASSERT_TRUE(p.SetFromArg("Port = 1600").ok());
  EXPECT_EQ(p.num(kPort), 1600);
  EXPECT_FALSE(p.SetFromArg("port").ok());
}

TEST(Parameters, LoadFileWithCommentsAndQuotes) {
  char path[] = "/tmp/warden_params_XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    std::ofstream out(path);
    out << "# a comment\n\n  port = 1700  # trailing\ninstance_name = 'prod1'\n";
  }
  ParameterSet p;
  ASSERT_TRUE(p.LoadFile(path).ok());
  EXPECT_EQ(p.num(kPort), 1700);
  EXPECT_EQ(p.text(kInstanceName), "prod1");
  EXPECT_FALSE(p.is_default(kPort));
  {
    std::ofstream out(path);
    out << "port = 1700\nbogus = 1\n";
  }
  ParameterSet q;
  Status s = q.LoadFile(path);
  EXPECT_NE(s.message().find(":2: LRM-00101"), std::string::npos) << s.message();
  std::remove(path);
}

}  // namespace
}  // namespace warden

namespace warden {
namespace {

TEST(ParameterFileWithTest, ReplacesTheLastSettingOrAppends) {
  const std::string file = "# pmon_interval = 3\nport = 1521\npmon_interval = 3\nPMON_INTERVAL=4 # again\n";
  EXPECT_EQ(ParameterFileWith(file, "pmon_interval", "2"),
            "# pmon_interval = 3\nport = 1521\npmon_interval = 3\npmon_interval = 2\n");
  EXPECT_EQ(ParameterFileWith("port = 1521\n", "log_buffer", "1048576"),
            "port = 1521\nlog_buffer = 1048576\n");
  EXPECT_EQ(ParameterFileWith("", "commit_wait", "NOWAIT"), "commit_wait = NOWAIT\n");
}

}  // namespace
}  // namespace warden
