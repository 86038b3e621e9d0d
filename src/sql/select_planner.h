// Turns a parsed query into an operator tree and its result columns. One query block:
//   FROM and WHERE (join_planner.h: scans, joins, filters) -> ROWNUM -> GROUP BY and group
//   functions -> HAVING -> Project (select list plus ORDER BY keys not in it) -> Distinct
//   -> Sort -> KeepColumns (drop those keys) -> OFFSET/FETCH.
// A compound query (UNION, ...) plans both branches, then sorts and limits the result.
// Name resolution and grouping errors (ORA-00942, ORA-00904, ORA-00918, ORA-00937,
// ORA-00979, ORA-01785, ORA-01789, ORA-01790, ORA-01791, ORA-00960) are raised here,
// before any row is produced.
#pragma once

#include <memory>
#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/operators.h"
#include "sql/relation.h"

namespace warden::sql {

class Scope;

struct QueryPlan {
  std::unique_ptr<Operator> root;
  std::vector<ColumnDef> columns;
  // Column i is a bare NULL whose type yields to the other branch of a set operator.
  std::vector<bool> untyped;
  // Reads a row of an enclosing query, so it must run again for each such row.
  bool correlated = false;
  // The scans in the tree (inline views included, subqueries in expressions not), which
  // a correlated plan makes keep their rows for Rewind().
  std::vector<ScanOperator*> scans;
};

// The WITH entries visible where a query is planned, innermost first.
struct WithEntries {
  const std::vector<CommonTableExpr>* entries = nullptr;
  size_t count = 0;  // entries[0, count) are visible (a WITH entry sees the earlier ones)
  const WithEntries* outer = nullptr;
};

// What planning needs beyond the statement; outlives the planning.
struct PlanEnv {
  Catalog* catalog = nullptr;
  ExecContext* ctx = nullptr;
  const WithEntries* with = nullptr;
};

// The WITH entry a table name (without schema) refers to, nullptr if none; `env` is
// then the environment to plan it in (the entries visible at its definition).
const CommonTableExpr* FindWithEntry(const std::string& name, const PlanEnv& env,
                                     const WithEntries** defined_in);

// Opens the FROM relations: DUAL itself, everything else through the catalog.
QueryPlan PlanSelect(const SelectStatement& select, Catalog& catalog, ExecContext& ctx);

// A query inside another: outer is the scope of the enclosing query block (nullptr for an
// inline view at the top), whose columns the query may reference.
QueryPlan PlanQuery(const SelectStatement& query, const Scope* outer, const PlanEnv& env);

}  // namespace warden::sql
