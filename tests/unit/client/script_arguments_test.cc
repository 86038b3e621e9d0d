// Tests of @file arguments, &n substitution and script lookup.
#include "client/script_arguments.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace warden::client {
namespace {

TEST(ScriptArgumentsTest, SplitWithQuotes) {
  EXPECT_EQ(SplitArguments(" f.sql a 'b c' \"d\"  "),
            (std::vector<std::string>{"f.sql", "a", "b c", "d"}));
  EXPECT_TRUE(SplitArguments("   ").empty());
}

TEST(ScriptArgumentsTest, Substitution) {
  std::vector<std::string> args = {"SCOTT", "10"};
  EXPECT_EQ(SubstituteArguments("where owner = '&1' and n > &&2", args),
            "where owner = 'SCOTT' and n > 10");
  EXPECT_EQ(SubstituteArguments("@&1..sql", args), "@SCOTT.sql");
  EXPECT_EQ(SubstituteArguments("a & b &3 &x &0", args), "a & b &3 &x &0");
  EXPECT_EQ(SubstituteArguments("&1&2", args), "SCOTT10");
}

TEST(ScriptArgumentsTest, ResolveAddsSqlAndSearchesSqlpath) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("wsql_resolve_" + std::to_string(::getpid()));
  fs::create_directories(dir / "lib");
  std::ofstream(dir / "lib" / "tool.sql") << "prompt hi\n";
  std::ofstream(dir / "main.txt") << "prompt main\n";
  EXPECT_EQ(ResolveScriptPath("main.txt", dir.string(), ""), (dir / "main.txt").string());
  EXPECT_FALSE(ResolveScriptPath("tool", dir.string(), ""));
  EXPECT_EQ(ResolveScriptPath("tool", dir.string(), "/nonexistent:" + (dir / "lib").string()),
            (dir / "lib" / "tool.sql").string());
  EXPECT_EQ(ResolveScriptPath((dir / "lib" / "tool").string(), "", ""),
            (dir / "lib" / "tool.sql").string());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace warden::client
