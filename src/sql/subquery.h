// A subquery inside an expression: scalar (ORA-01427 for a second row), EXISTS, and IN.
// An uncorrelated subquery runs once per statement and keeps its rows; a correlated one
// runs again for every row of the enclosing query, with that row pushed on
// ExecContext::outer_rows while it runs (its kOuterColumn references read it).
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "sql/exec_context.h"
#include "sql/select_planner.h"

namespace warden::sql {

class Subquery {
 public:
  // REQUIRES: plan has exactly one column.
  explicit Subquery(QueryPlan plan);

  DataType column_type() const { return plan_.columns[0].type; }
  bool column_untyped() const { return plan_.untyped[0]; }

  // outer: the row of the enclosing query the expression is evaluated against.
  Value Scalar(const std::vector<Value>& outer, ExecContext& ctx);
  bool Exists(const std::vector<Value>& outer, ExecContext& ctx);
  // v IN (subquery) with SQL's three-valued logic: TRUE on a match; else UNKNOWN when v
  // or some row is NULL (and there are rows); else FALSE.
  Tri In(const Value& v, const std::vector<Value>& outer, ExecContext& ctx);
  // Every row's value (for ANY / ALL).
  const std::vector<Value>& Values(const std::vector<Value>& outer, ExecContext& ctx);

 private:
  // Runs the query from the start for this outer row; reads at most `limit` rows into
  // rows_ (all when limit is 0). Uncorrelated: only the first time, and then all rows.
  void Run(const std::vector<Value>& outer, ExecContext& ctx, size_t limit);

  QueryPlan plan_;
  bool ran_ = false;     // the plan has run before (so it must be rewound)
  bool cached_ = false;  // uncorrelated and rows_ holds every row
  std::vector<Value> rows_;  // the single column's values
  // For the cached IN case: grouping keys of the non-NULL values, and whether a NULL came.
  bool keys_built_ = false;
  std::unordered_set<std::string> keys_;
  bool has_null_ = false;
  bool hash_usable_ = true;  // every non-NULL row has the column's type
};

}  // namespace warden::sql
