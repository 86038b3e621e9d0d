// The isolation tester's spec parser (isolation_spec.h), without an instance: blocks,
// sessions, steps, permutations with `@Nms`, the default permutation, and the syntax errors.
#include "isolation_spec.h"

#include <gtest/gtest.h>

namespace warden::testing {
namespace {

TEST(IsolationSpecParser, SessionsStepsAndPermutations) {
  const std::string text = R"(
# comment { not a block }
setup { create table t (id number, s varchar2(5)); insert into t values (1, 'a;}'); }
teardown { drop table t; }
session s1
setup { alter session set nls_date_format = 'YYYY' }
step a { update t set id = 2; }
step b { commit }
session s2 as scott/Tiger_1
step c {
  select *
  from t
}
permutation a c@500ms b
permutation b@20 a c
)";
  IsolationSpec spec;
  std::string error;
  ASSERT_TRUE(ParseIsolationSpec(text, &spec, &error)) << error;
  EXPECT_EQ(spec.setup, (std::vector<std::string>{"create table t (id number, s varchar2(5))",
                                                  "insert into t values (1, 'a;}')"}));
  EXPECT_EQ(spec.teardown, std::vector<std::string>{"drop table t"});
  ASSERT_EQ(spec.sessions.size(), 2u);
  EXPECT_EQ(spec.sessions[0].user, "sys");
  EXPECT_EQ(spec.sessions[0].setup.size(), 1u);
  EXPECT_EQ(spec.sessions[1].user, "scott");
  EXPECT_EQ(spec.sessions[1].password, "Tiger_1");
  ASSERT_EQ(spec.steps.size(), 3u);
  EXPECT_EQ(spec.steps[0].sql, "update t set id = 2");
  EXPECT_EQ(spec.steps[2].sql, "select *\n  from t");
  EXPECT_EQ(spec.steps[2].session, 1);
  ASSERT_EQ(spec.permutations.size(), 2u);
  ASSERT_EQ(spec.permutations[0].size(), 3u);
  EXPECT_EQ(spec.permutations[0][1].step, 2);
  EXPECT_EQ(spec.permutations[0][1].min_wait_ms, 500);
  EXPECT_EQ(spec.permutations[1][0].step, 1);
  EXPECT_EQ(spec.permutations[1][0].min_wait_ms, 20);
  EXPECT_EQ(spec.permutations[1][1].min_wait_ms, 0);
}

TEST(IsolationSpecParser, WithoutPermutationsEachSessionRunsInTurn) {
  IsolationSpec spec;
  std::string error;
  ASSERT_TRUE(
      ParseIsolationSpec("session x\nstep x1 {select 1 from dual}\nstep x2 {commit}\n"
                         "session y\nstep y1 {commit}\n",
                         &spec, &error))
      << error;
  ASSERT_EQ(spec.permutations.size(), 1u);
  std::vector<int> order;
  for (const PermutationEntry& e : spec.permutations[0]) order.push_back(e.step);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

TEST(IsolationSpecParser, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* error;
  } cases[] = {
      {"session s\nstep a { select 1 from dual", "line 2: '{' without its '}'"},
      {"session s\nstep a {x}\npermutation a b", "line 3: no step named b"},
      {"step a {x}", "line 1: step outside a session"},
      {"session s\nstep a {x}\nstep a {y}", "line 3: step a twice"},
      {"session s\nstep a {x}\npermutation a@soon", "line 3: bad wait in a@soon (name@Nms)"},
      {"session s\nfrobnicate", "line 2: unknown keyword 'frobnicate'"},
      {"session s\nstep a {x}\n}", "line 3: '}' without its '{'"},
      {"setup {x}", "line 1: no steps"},
  };
  for (const Case& c : cases) {
    IsolationSpec spec;
    std::string error;
    EXPECT_FALSE(ParseIsolationSpec(c.text, &spec, &error)) << c.text;
    EXPECT_EQ(error, c.error) << c.text;
  }
}

}  // namespace
}  // namespace warden::testing
