// TM enqueues on stored tables: DML holds row exclusive (mode 3) until its transaction ends,
// DDL takes exclusive (mode 6) NOWAIT for its own duration (ORA-00054 while another
// transaction has changes in the table), LOCK TABLE takes the mode it names.
#pragma once

#include <cstdint>

#include "storage/row_store.h"
#include "txn/lock_mode.h"

namespace warden::txn {
class Transaction;
}

namespace warden::sql {

// Takes TM on t in `mode` for the session; timeout_us -1 waits, 0 is NOWAIT. Raises
// ORA-00054 (NOWAIT), ORA-30006 (a timeout), ORA-00060 (a deadlock). With `tx`, a lock the
// session did not hold yet is noted in the transaction (ROLLBACK TO SAVEPOINT releases it).
void LockTable(const storage::TableMeta& t, txn::LockMode mode, int64_t timeout_us,
               txn::Transaction* tx = nullptr);
// Releases the session's TM on t (DDL, which holds it only while it runs).
void UnlockTable(const storage::TableMeta& t);

// Holds TM exclusive on a table for the life of a DDL statement.
class DdlTableLock {
 public:
  explicit DdlTableLock(const storage::TableMeta& t);
  ~DdlTableLock();
  DdlTableLock(const DdlTableLock&) = delete;
  DdlTableLock& operator=(const DdlTableLock&) = delete;

 private:
  uint32_t object_id_;
};

}  // namespace warden::sql
