// Recursive-descent parser for the Oracle SQL dialect: statement text -> AST (ast.h).
// Queries: [WITH name AS (query), ...] SELECT [DISTINCT|UNIQUE|ALL] items FROM tables and
// inline views with ANSI joins (ON, USING, NATURAL) [WHERE cond with (+), subqueries,
// ANY/ALL, tuple IN] [GROUP BY ... HAVING ...], combined by UNION [ALL], INTERSECT,
// MINUS, then [ORDER BY expr|alias|position [ASC|DESC] [NULLS FIRST|LAST], ...]
// [OFFSET n ROWS] [FETCH FIRST n ROWS ONLY]; Oracle's expression and condition grammar
// (see parser.cc for the precedence levels). Also CALL, anonymous blocks of calls, and
// ALTER SYSTEM session control.
// Errors are OraErrors with the position of the offending token: ORA-00900 for an
// unknown statement, ORA-00923, ORA-00936, ORA-00933, ORA-00907, ORA-00911, ...
#pragma once

#include <memory>
#include <string_view>

#include "sql/ast.h"

namespace warden::sql {

// nullptr for an empty statement (only blanks and comments).
std::unique_ptr<Statement> ParseStatement(std::string_view sql);

// True when the text holds no token at all (blanks and comments only): the server answers
// it with EmptyQueryResponse. Text with a lexical error is not empty.
bool IsEmptyStatement(std::string_view sql);

}  // namespace warden::sql
