// DML: INSERT (VALUES, one or many rows, or SELECT), UPDATE and DELETE on stored tables,
// inside the session's transaction (started implicitly by the first change, as Oracle).
// UPDATE and DELETE find their rows as the statement's read view sees them, then lock each
// (waiting for another transaction's lock: 'enq: TX - row lock contention'), re-check the
// WHERE on the row's current version, and change it. Unique indexes are checked under the
// table-directory latch together with the insert of the new key; a key held by another
// active transaction is waited for, as Oracle does, then ORA-00001 if it committed.
#pragma once

#include <string>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/relation.h"

namespace warden::sql {

// Returns the CommandComplete tag ("INSERT 0 3", "UPDATE 2", "DELETE 1").
std::string ExecuteDml(const Statement& stmt, Catalog& catalog, ExecContext& ctx);

}  // namespace warden::sql
