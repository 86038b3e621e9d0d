// SELECT ... FOR UPDATE [OF ...] [NOWAIT | WAIT n | SKIP LOCKED] on one stored table: the
// rows the WHERE selects are locked first (as UPDATE locks them: TM row exclusive, then each
// row's lock, waiting per the clause), then the query runs over the locked rows' current
// versions. Joins, views and fixed views cannot be locked this way (ORA-02014-like errors).
#pragma once

#include <memory>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/relation.h"

namespace warden::sql {

// A catalog that serves the table as a relation which locks the selected rows when the
// query first reads (the rest of the names resolve through `catalog`). The caller plans
// the SELECT against it; the catalog and ctx must outlive the plan.
std::unique_ptr<Catalog> ForUpdateCatalogFor(const SelectStatement& select, Catalog& catalog,
                                             ExecContext& ctx);

}  // namespace warden::sql
