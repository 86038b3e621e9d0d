// TM enqueues on stored tables (see table_locks.h).
#include "sql/table_locks.h"

#include "common/ora_error.h"
#include "txn/enqueue.h"
#include "txn/transaction.h"

namespace warden::sql {

void LockTable(const storage::TableMeta& t, txn::LockMode mode, int64_t timeout_us,
               txn::Transaction* tx) {
  const txn::EnqueueId id = txn::EnqueueId::Tm(t.object_id);
  const bool held = tx != nullptr && txn::EnqueueHeldMode(id) != txn::LockMode::kNone;
  switch (txn::EnqueueAcquire(id, mode, timeout_us)) {
    case txn::AcquireResult::kGranted:
      if (tx != nullptr && !held) tx->NoteTableLock(t.object_id);
      return;
    case txn::AcquireResult::kTimedOut:
      throw OraError::Make(timeout_us > 0 ? 30006 : 54, {});
    case txn::AcquireResult::kDeadlock:
      throw OraError::Make(60, {});
  }
}

void UnlockTable(const storage::TableMeta& t) {
  txn::EnqueueRelease(txn::EnqueueId::Tm(t.object_id));
}

DdlTableLock::DdlTableLock(const storage::TableMeta& t) : object_id_(t.object_id) {
  LockTable(t, txn::LockMode::kExclusive, txn::kEnqueueNoWait);
  // The table was found before the lock: another DDL may have dropped it meanwhile (and
  // released the lock). Dropping or truncating it again would retire its rows twice and
  // clear a directory slot a newer table may hold, and log a second DROP. REQUIRES: the
  // caller's epoch guard covers t since it was found.
  if (storage::TableById(object_id_) != &t) {
    txn::EnqueueRelease(txn::EnqueueId::Tm(object_id_));
    throw OraError::Make(942, {});
  }
}

DdlTableLock::~DdlTableLock() { txn::EnqueueRelease(txn::EnqueueId::Tm(object_id_)); }

}  // namespace warden::sql
