// Turns a parsed SELECT into an operator tree and its result columns:
//   Scan (x CrossProduct per further FROM table) -> Filter (WHERE) -> Project (select list
//   plus ORDER BY keys not in it) -> Distinct -> Sort -> KeepColumns (drop those keys).
// Name resolution errors (ORA-00942, ORA-00904, ORA-00918, ORA-01785, ORA-01791,
// ORA-00960) are raised here, before any row is produced.
#pragma once

#include <memory>
#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/operators.h"
#include "sql/relation.h"

namespace warden::sql {

struct QueryPlan {
  std::unique_ptr<Operator> root;
  std::vector<ColumnDef> columns;
};

// Opens the FROM relations: DUAL itself, everything else through the catalog.
QueryPlan PlanSelect(const SelectStatement& select, Catalog& catalog, ExecContext& ctx);

}  // namespace warden::sql
