// Tests of @file arguments and script lookup.
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

TEST(ScriptArgumentsTest, SearchPathOrder) {
  EXPECT_EQ(ScriptSearchPath("/a:/b", "/c", "/opt/warden/bin"),
            "/a:/b:/c:/opt/warden/share/warden/scripts:/opt/warden/scripts");
  EXPECT_EQ(ScriptSearchPath(nullptr, "", "/src/build"), "/src/share/warden/scripts:/src/scripts");
  EXPECT_EQ(ScriptSearchPath(nullptr, nullptr, ""), "");
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
