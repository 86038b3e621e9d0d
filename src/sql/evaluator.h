// Evaluates bound expressions against a row. Values: Evaluate; conditions: EvaluateCondition
// with SQL's three-valued logic (a WHERE keeps a row only on TRUE).
// Runtime errors are OraErrors: ORA-01722, ORA-01476, ORA-00932, ORA-01426, ...
#pragma once

#include <vector>

#include "sql/bound_expr.h"
#include "sql/exec_context.h"
#include "sql/value.h"

namespace warden::sql {

// REQUIRES: !IsBoundCondition(e).
Value Evaluate(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx);
// REQUIRES: IsBoundCondition(e).
Tri EvaluateCondition(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx);

}  // namespace warden::sql
