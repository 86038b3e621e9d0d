// Tests of wsql's command-line parsing.
#include "client/cli_options.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(CliOptionsTest, SilentScriptAndLogon) {
  CliOptions o;
  ASSERT_TRUE(ParseCommandLine({"-S", "-f", "x.sql", "sys/pw@h"}, &o).ok());
  EXPECT_TRUE(o.silent);
  EXPECT_FALSE(o.help);
  ASSERT_TRUE(o.script.has_value());
  EXPECT_EQ(*o.script, "x.sql");
  EXPECT_FALSE(o.read_input_after_script);
  ASSERT_TRUE(o.logon.has_value());
  EXPECT_EQ(*o.logon, "sys/pw@h");
}

TEST(CliOptionsTest, AtScriptTakesTheRestAsArguments) {
  CliOptions o;
  ASSERT_TRUE(ParseCommandLine({"u/p", "@run", "a", "-S"}, &o).ok());
  EXPECT_EQ(*o.script, "run");
  EXPECT_EQ(o.script_args, (std::vector<std::string>{"a", "-S"}));
  EXPECT_TRUE(o.read_input_after_script);
  EXPECT_FALSE(o.silent);
}

TEST(CliOptionsTest, Help) {
  CliOptions o;
  ASSERT_TRUE(ParseCommandLine({"--help"}, &o).ok());
  EXPECT_TRUE(o.help);
  ASSERT_TRUE(ParseCommandLine({"-h"}, &o).ok());
  EXPECT_TRUE(o.help);
  EXPECT_FALSE(o.logon.has_value());
}

TEST(CliOptionsTest, Errors) {
  CliOptions o;
  EXPECT_FALSE(ParseCommandLine({"-f"}, &o).ok());
  EXPECT_FALSE(ParseCommandLine({"-x"}, &o).ok());
  EXPECT_FALSE(ParseCommandLine({"a", "b"}, &o).ok());
  EXPECT_FALSE(ParseCommandLine({"-f", "a", "@b"}, &o).ok());
}

}  // namespace
}  // namespace warden::client
