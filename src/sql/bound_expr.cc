// Helpers over bound expressions (see bound_expr.h).
#include "sql/bound_expr.h"

namespace warden::sql {

bool IsBoundCondition(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kComparison:
    case BoundKind::kAnd:
    case BoundKind::kOr:
    case BoundKind::kNot:
    case BoundKind::kIsNull:
    case BoundKind::kIn:
    case BoundKind::kBetween:
    case BoundKind::kLike:
    case BoundKind::kExists:
    case BoundKind::kInSubquery:
    case BoundKind::kQuantified:
      return true;
    default:
      return false;
  }
}

}  // namespace warden::sql
