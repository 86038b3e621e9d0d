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
#include "sql/binder.h"
#include "sql/relation.h"
#include "storage/row_store.h"
#include "storage/user_directory.h"

namespace warden::sql {

// Returns the CommandComplete tag ("INSERT 0 3", "UPDATE 2", "DELETE 1").
std::string ExecuteDml(const Statement& stmt, Catalog& catalog, ExecContext& ctx);

// ---- the row-locking steps UPDATE, DELETE and SELECT ... FOR UPDATE share ----

// The table of a DML statement, checked for the object privilege `need` (ORA-00942,
// ORA-01031), TM-locked in row exclusive mode for the rest of the transaction (which this
// starts).
storage::TableMeta* DmlTable(const ObjectName& n, storage::ObjPriv need, ExecContext& ctx);

// The scope in which a single-table statement binds its expressions.
Scope TableScope(const storage::TableMeta& t, const std::string& alias);

// Rows of t whose version visible to the statement satisfies `where` (all when null); an
// index probe on `where_ast` (the same condition unbound) narrows the rows looked at.
std::vector<storage::RowHeader*> MatchingRows(storage::TableMeta* t, const std::string& qualifier,
                                              const Expr* where_ast, const BoundExpr* where,
                                              ExecContext& ctx);

// How to wait for another transaction's row lock: timeout_us -1 forever, 0 NOWAIT
// (ORA-00054), n (ORA-30006 after it); skip_locked: leave such rows out (SKIP LOCKED).
struct RowLockPolicy {
  int64_t timeout_us = -1;
  bool skip_locked = false;
  bool for_update = false;  // SELECT ... FOR UPDATE: the lock gets its own undo record
};

// Locks r for the session's transaction and reads its current version into *current.
// False when the row is gone, no longer satisfies `where` (write consistency: it may have
// changed while we waited), or was skipped.
bool LockMatchingRow(storage::RowHeader* r, const BoundExpr* where, const RowLockPolicy& policy,
                     ExecContext& ctx, std::vector<Value>* current);

}  // namespace warden::sql
