// Helpers of the parser's unit tests: a SELECT's AST, and the (code, position) of a parse error.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <utility>

#include "common/ora_error.h"
#include "sql/parser.h"

namespace warden::sql::testing {

// The SELECT that `sql` parses to (a test failure when it is not one).
inline std::unique_ptr<SelectStatement> ParseSelect(std::string_view sql) {
  std::unique_ptr<Statement> s = ParseStatement(sql);
  EXPECT_NE(s, nullptr);
  return s == nullptr ? nullptr : std::move(s->select);
}

// (code, position) of the parse error; a test failure and (0, 0) when it parses.
inline std::pair<int, int> ParseErrorOf(std::string_view sql) {
  try {
    ParseStatement(sql);
  } catch (const OraError& e) {
    return {e.code(), e.position()};
  }
  ADD_FAILURE() << "no error for: " << sql;
  return {0, 0};
}

}  // namespace warden::sql::testing
