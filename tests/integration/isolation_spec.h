// The isolation tester's spec files (tests/isolation/*.spec, format in tests/isolation/README.md):
// a parser from text to IsolationSpec, kept apart from the runner (isolation_test.cc) so the
// format has one definition.
#pragma once

#include <string>
#include <vector>

namespace warden::testing {

struct IsolationStep {
  std::string name;
  std::string sql;   // one statement, as written (trailing ';' removed)
  int session = -1;  // index into IsolationSpec::sessions
};

struct IsolationSession {
  std::string name;
  std::string user =
      "sys";             // `session NAME as USER/PASSWORD`; SYS with the test password otherwise
  std::string password;  // empty: the instance's test password
  std::vector<std::string> setup;  // statements run on the session's connection first
  std::vector<int> steps;          // indexes into IsolationSpec::steps, in spec order
};

// One entry of a permutation: `name`, or `name@N` — once that step is seen waiting, the
// tester goes on only when the server reports it has waited N ms (V$SESSION.WAIT_TIME_MICRO),
// so that the next step's wait starts measurably later (deadlock.spec).
struct PermutationEntry {
  int step = -1;
  int min_wait_ms = 0;
};

struct IsolationSpec {
  std::vector<std::string> setup;     // run as SYS before each permutation
  std::vector<std::string> teardown;  // run as SYS after each permutation
  std::vector<IsolationSession> sessions;
  std::vector<IsolationStep> steps;
  std::vector<std::vector<PermutationEntry>> permutations;  // never empty after parsing
};

// Parses a spec's text. On a syntax error returns false with "line N: what" in *error.
// Without a permutation line the one permutation is every step of the first session, then
// every step of the second, and so on.
bool ParseIsolationSpec(const std::string& text, IsolationSpec* spec, std::string* error);

// Splits a block into statements at ';' outside quotes; blank statements are dropped.
std::vector<std::string> SplitStatements(const std::string& block);

}  // namespace warden::testing
