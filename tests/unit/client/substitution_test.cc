// Tests of substitution variables: DEFINE's table and listing, &name / &&name / &n, VERIFY.
#include "client/substitution.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

// Answers value prompts from a list and records the names asked for.
struct FakeAsker {
  std::vector<std::string> answers;
  std::vector<std::string> asked;
  SubstitutionVariables::AskValue Fn() {
    return [this](const std::string& name) -> std::optional<std::string> {
      asked.push_back(name);
      if (asked.size() > answers.size()) return std::nullopt;
      return answers[asked.size() - 1];
    };
  }
};

TEST(SubstitutionTest, DefinedVariablesAndPositionalArguments) {
  SubstitutionVariables v;
  v.Define("1", "SCOTT");
  v.Define("2", "10");
  v.Define("tab", "emp");
  FakeAsker ask;
  EXPECT_EQ(v.Substitute("select * from &TAB where owner = '&1' and n > &&2", '&', ask.Fn()),
            "select * from emp where owner = 'SCOTT' and n > 10");
  EXPECT_EQ(v.Substitute("@&1..sql &tab.x", '&', ask.Fn()), "@SCOTT.sql empx");
  EXPECT_EQ(v.Substitute("a & b && c &", '&', ask.Fn()), "a & b && c &");
  EXPECT_EQ(v.Substitute("&1&2", '&', ask.Fn()), "SCOTT10");
  EXPECT_TRUE(ask.asked.empty());
}

TEST(SubstitutionTest, UndefinedAsksEachTimeDoubleAmpersandDefines) {
  SubstitutionVariables v;
  FakeAsker ask;
  ask.answers = {"x1", "x2", "y1"};
  EXPECT_EQ(v.Substitute("&x &x &&y &y &&y", '&', ask.Fn()), "x1 x2 y1 y1 y1");
  EXPECT_EQ(ask.asked, (std::vector<std::string>{"x", "x", "y"}));
  EXPECT_EQ(*v.Find("Y"), "y1");
  EXPECT_EQ(v.Find("x"), nullptr);
  // End of input: an empty value.
  EXPECT_EQ(v.Substitute("[&z]", '&', ask.Fn()), "[]");
}

TEST(SubstitutionTest, OtherPrefixCharacter) {
  SubstitutionVariables v;
  v.Define("a", "1");
  FakeAsker ask;
  EXPECT_EQ(v.Substitute("^a &a", '^', ask.Fn()), "1 &a");
}

TEST(SubstitutionTest, DefineUndefineAndListing) {
  SubstitutionVariables v;
  v.Define("_USER", "SYS");
  v.Define("x", "abc");
  v.Define("X", "def");  // names are case-insensitive: replaces
  EXPECT_EQ(v.ListAll(),
            "DEFINE _USER           = \"SYS\" (CHAR)\n"
            "DEFINE X               = \"def\" (CHAR)\n");
  EXPECT_EQ(SubstitutionVariables::ListingLine("_CONNECT_IDENTIFIER", "h:1"),
            "DEFINE _CONNECT_IDENTIFIER = \"h:1\" (CHAR)");
  EXPECT_TRUE(v.Undefine("x"));
  EXPECT_FALSE(v.Undefine("x"));
  EXPECT_EQ(v.ListAll(), "DEFINE _USER           = \"SYS\" (CHAR)\n");
}

TEST(SubstitutionTest, ParseDefineArgs) {
  EXPECT_EQ(ParseDefineArgs("").name, "");
  DefineArgs a = ParseDefineArgs("x");
  EXPECT_EQ(a.name, "x");
  EXPECT_FALSE(a.value);
  EXPECT_EQ(a.error, "");
  a = ParseDefineArgs("x = 'hello world'");
  EXPECT_EQ(*a.value, "hello world");
  a = ParseDefineArgs("x=5");
  EXPECT_EQ(a.name, "x");
  EXPECT_EQ(*a.value, "5");
  a = ParseDefineArgs("all='\"select sid from v$session\"'");
  EXPECT_EQ(*a.value, "\"select sid from v$session\"");
  EXPECT_EQ(ParseDefineArgs("x abc").error, "SP2-0136: DEFINE requires an equal sign (=)");
  EXPECT_EQ(ParseDefineArgs("= 1").error, "SP2-0136: DEFINE requires an equal sign (=)");
  EXPECT_EQ(ParseDefineArgs("x =").error, "SP2-0137: DEFINE requires a value following equal sign");
}

TEST(SubstitutionTest, VerifyReportListsChangedLines) {
  EXPECT_EQ(VerifyReport("select &x\nfrom dual\nwhere a = &y", "select 1\nfrom dual\nwhere a = 2"),
            "old   1: select &x\nnew   1: select 1\n"
            "old   3: where a = &y\nnew   3: where a = 2\n");
  EXPECT_EQ(VerifyReport("same", "same"), "");
}

}  // namespace
}  // namespace warden::client
