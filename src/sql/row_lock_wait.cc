// Row-lock waits (see row_lock_wait.h).
#include "sql/row_lock_wait.h"

#include "common/ora_error.h"
#include "txn/enqueue.h"
#include "txn/transaction.h"

namespace warden::sql {

bool WaitForRowLockHolder(storage::Xid holder, int64_t timeout_us, ExecContext& ctx) {
  (void)ctx;  // interrupts are checked inside the enqueue wait
  const txn::EnqueueId id =
      txn::EnqueueId::Tx(txn::XidUsn(holder), txn::XidSlot(holder), txn::XidSqn(holder));
  // Queue behind the holder's exclusive TX lock; granted the moment it commits or rolls back.
  switch (txn::EnqueueAcquire(id, txn::LockMode::kExclusive, timeout_us)) {
    case txn::AcquireResult::kGranted:
      txn::EnqueueRelease(id);
      return true;
    case txn::AcquireResult::kTimedOut:
      return false;
    case txn::AcquireResult::kDeadlock:
      throw OraError::Make(60, {});
  }
  return false;
}

}  // namespace warden::sql
