// A subquery inside an expression: scalar (ORA-01427 for a second row), EXISTS, [NOT] IN
// (one column or a tuple of them), and ANY / ALL. An uncorrelated subquery runs once per
// statement and keeps its rows; a correlated one runs again for every row of the
// enclosing query, with that row pushed on ExecContext::outer_rows while it runs (its
// kOuterColumn references read it).
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "sql/exec_context.h"
#include "sql/select_planner.h"

namespace warden::sql {

class Subquery {
 public:
  explicit Subquery(QueryPlan plan);

  size_t width() const { return plan_.columns.size(); }
  DataType column_type(size_t i) const { return plan_.columns[i].type; }
  bool column_untyped(size_t i) const { return plan_.untyped[i]; }

  // outer: the row of the enclosing query the expression is evaluated against.
  // REQUIRES (Scalar, Values): width() == 1.
  Value Scalar(const std::vector<Value>& outer, ExecContext& ctx);
  bool Exists(const std::vector<Value>& outer, ExecContext& ctx);
  // Every row (for ANY / ALL).
  const std::vector<Row>& Rows(const std::vector<Value>& outer, ExecContext& ctx);
  // (v...) IN (subquery) with SQL's three-valued logic: TRUE on a row equal in every
  // column; else UNKNOWN when some row is equal or unknown in every column (a NULL on
  // either side); else FALSE. REQUIRES: v.size() == width().
  Tri In(const std::vector<Value>& v, const std::vector<Value>& outer, ExecContext& ctx);

 private:
  // Runs the query from the start for this outer row; reads at most `limit` rows into
  // rows_ (all when limit is 0). Uncorrelated: only the first time, and then all rows.
  void Run(const std::vector<Value>& outer, ExecContext& ctx, size_t limit);
  // The cached IN case: hashes the rows without NULLs, lists those with one.
  void BuildKeys(ExecContext& ctx);

  QueryPlan plan_;
  bool ran_ = false;     // the plan has run before (so it must be rewound)
  bool cached_ = false;  // uncorrelated and rows_ holds every row
  std::vector<Row> rows_;
  bool keys_built_ = false;
  bool hash_usable_ = true;  // every non-NULL value has its column's type
  std::unordered_set<std::string> keys_;
  std::vector<size_t> rows_with_null_;
};

}  // namespace warden::sql
