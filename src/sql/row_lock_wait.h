// Waiting for the transaction that holds a row lock: 'enq: TX - row lock contention' with
// Oracle's P1 = 'TX' | mode 6, P2 = usn<<16 | slot, P3 = sqn, until the holder commits or
// rolls back (then the caller re-reads the row).
#pragma once

#include <cstdint>

#include "sql/exec_context.h"
#include "storage/row_store.h"

namespace warden::sql {

// timeout_us: -1 forever, 0 = NOWAIT. Returns false when the timeout passed first.
// Interrupts (kill, cancel) raise out of the wait. While it waits, V$SESSION.ROW_WAIT_OBJ#
// and ROW_WAIT_ROW# name the table and the row (its directory slot). A holder that is a dead
// transaction being recovered by SMON is not waited for: the row is rolled back on demand
// (txn::RollBackRowOnDemand) and the caller re-reads it at once.
bool WaitForRowLockHolder(storage::Xid holder, int64_t timeout_us, ExecContext& ctx,
                          storage::RowHeader* row);

}  // namespace warden::sql
