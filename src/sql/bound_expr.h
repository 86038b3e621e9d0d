// Bound expressions: the AST after name resolution and type checking. Column references
// are indices into the row the expression is evaluated against, functions are resolved
// to their registry entry, and every node knows its result type. Built by the binder,
// evaluated by the evaluator; immutable once built.
#pragma once

#include <memory>
#include <vector>

#include "sql/ast.h"
#include "sql/value.h"

namespace warden::sql {

struct FunctionDef;
class Subquery;

enum class BoundKind {
  kConstant,    // constant
  kColumn,      // row[column]
  kNegate,      // -args[0]
  kArithmetic,  // args[0] op args[1]
  kConcat,      // args[0] || args[1]
  kCall,        // function(args...)
  kCase,        // layout as ast.h's kCase
  kBind,        // the value bound to slot bind_slot (ExecContext::binds)
  // Column `column` of the enclosing query `outer_level` levels out:
  kOuterColumn,
  // The subquery's single value (ORA-01427 for more than one row):
  kScalarSubquery,
  // Conditions:
  kComparison,
  kAnd,
  kOr,
  kNot,
  kIsNull,
  kIn,
  kBetween,
  kLike,
  kExists,      // [NOT] EXISTS subquery
  kInSubquery,  // args[0] [NOT] IN subquery
  kQuantified,  // args[0] op ANY|ALL (subquery, or the values args[1..])
};

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  DataType type = DataType::kVarchar2;  // result type (conditions: unused)
  bool is_null_constant = false;        // a NULL literal: its type yields to the context
  Op op = Op::kNone;
  bool negated = false;
  bool quantifier_all = false;  // kQuantified: ALL (else ANY)
  int tuple_width = 1;          // kIn: as ast.h's Expr::tuple_width
  Value constant;
  int column = -1;
  int bind_slot = -1;  // kBind
  const FunctionDef* function = nullptr;
  bool case_has_operand = false;
  bool case_has_else = false;
  std::vector<std::unique_ptr<BoundExpr>> args;
  int outer_level = 0;  // kOuterColumn: 1 = the immediately enclosing query
  // kScalarSubquery, kExists, kInSubquery: the planned subquery. It caches its rows when
  // uncorrelated, so it is the one mutable part of a bound tree.
  std::shared_ptr<Subquery> subquery;
};

bool IsBoundCondition(const BoundExpr& e);

}  // namespace warden::sql
