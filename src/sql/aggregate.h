// Group functions (COUNT, SUM, AVG, MIN, MAX) as the binder sees them: which names are
// aggregates, the calls a grouped query block collects, and the GROUP BY keys they sit
// beside. The executor side is aggregate_operator.h.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "sql/ast.h"
#include "sql/bound_expr.h"

namespace warden::sql {

enum class AggregateKind { kCount, kSum, kAvg, kMin, kMax };

// The group function of that (upper-case) name, nullopt if none.
std::optional<AggregateKind> FindAggregate(std::string_view name);

// True when e calls a group function outside any subquery: the query block aggregates.
// Recursion bounded by kMaxExprDepth.
bool ContainsAggregate(const Expr& e);
// True when e holds a group function call inside another's argument (MAX(COUNT(*))).
bool ContainsNestedAggregate(const Expr& e);

// One group function call: kind(arg), kind(DISTINCT arg), or COUNT(*) (arg == nullptr).
struct AggregateCall {
  AggregateKind kind = AggregateKind::kCount;
  bool distinct = false;
  std::unique_ptr<BoundExpr> arg;     // bound against the FROM row
  DataType type = DataType::kNumber;  // of the result
};

// Analytic functions: ranking, LAG / LEAD, or a group function over a window.
enum class WindowKind { kRowNumber, kRank, kDenseRank, kLag, kLead, kAggregate };

// The analytic-only function of that name (ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD),
// nullopt if none.
std::optional<WindowKind> FindAnalyticFunction(std::string_view name);

struct WindowOrderKey {
  std::unique_ptr<BoundExpr> expr;
  bool descending = false;
  bool nulls_first = false;
};

// One f(...) OVER (PARTITION BY ... ORDER BY ...), its expressions bound against the row
// the window operator reads (the FROM row, or the grouped row of an aggregating block).
struct WindowCall {
  WindowKind kind = WindowKind::kRowNumber;
  AggregateCall aggregate;  // kAggregate
  // kLag, kLead: the value, the offset (default 1) and the default (default NULL).
  std::vector<std::unique_ptr<BoundExpr>> args;
  DataType type = DataType::kNumber;  // of the result
  std::vector<std::unique_ptr<BoundExpr>> partition_by;
  std::vector<WindowOrderKey> order_by;
};

// The analytic functions of a select list and ORDER BY, collected while binding. Each
// binds as a column that does not exist yet (kColumn with column -1 - i); the planner
// moves them past the end of the row once that row's width is known.
struct WindowBinding {
  std::vector<WindowCall> calls;
};

// The binding state of an aggregating query block. Its output row is the GROUP BY keys
// followed by the aggregates; select list, HAVING and ORDER BY bind against that row.
struct GroupBinding {
  bool has_group_by = false;      // ORA-00979 vs ORA-00937 for an ungrouped column
  std::vector<const Expr*> keys;  // GROUP BY expressions as written
  std::vector<std::unique_ptr<BoundExpr>> key_exprs;  // the same, bound against the FROM row
  std::vector<AggregateCall> aggregates;              // collected while binding
  // Nested group functions (MAX(COUNT(*)) ... GROUP BY): this binding aggregates the
  // grouped rows of `inner` into one row; its calls' arguments bind against those rows.
  GroupBinding* inner = nullptr;
};

}  // namespace warden::sql
