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
      return true;
    default:
      return false;
  }
}

}  // namespace warden::sql
