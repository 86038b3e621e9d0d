// Helpers over the AST (see ast.h).
#include "sql/ast.h"

namespace warden::sql {

bool IsCondition(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kComparison:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kNot:
    case ExprKind::kIsNull:
    case ExprKind::kIn:
    case ExprKind::kBetween:
    case ExprKind::kLike:
    case ExprKind::kExists:
    case ExprKind::kInSubquery:
    case ExprKind::kQuantified:
      return true;
    default:
      return false;
  }
}

bool SameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.negated != b.negated || a.qualifier != b.qualifier ||
      a.name != b.name || a.trim_mode != b.trim_mode || a.star_arg != b.star_arg ||
      a.distinct_arg != b.distinct_arg || a.outer_join != b.outer_join ||
      a.quantifier_all != b.quantifier_all || a.tuple_width != b.tuple_width ||
      a.case_has_operand != b.case_has_operand || a.case_has_else != b.case_has_else ||
      a.args.size() != b.args.size() || !(a.value == b.value)) {
    return false;
  }
  // Subqueries and analytic functions are never the same expression.
  if (a.subquery != nullptr || b.subquery != nullptr) return false;
  if (a.over != nullptr || b.over != nullptr) return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!SameExpr(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

}  // namespace warden::sql
