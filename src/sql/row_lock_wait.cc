// Row-lock waits (see row_lock_wait.h).
#include "sql/row_lock_wait.h"

#include "common/ora_error.h"
#include "sga/session_array.h"
#include "txn/enqueue.h"
#include "txn/transaction.h"

namespace warden::sql {

namespace {

// Publishes the row waited for in the session slot for the wait's duration.
class RowWaitMark {
 public:
  explicit RowWaitMark(const storage::RowHeader* row) : s_(sga::MySession()) {
    if (s_ == nullptr || row == nullptr) return;
    s_->row_wait_obj.store(row->table_id, std::memory_order_relaxed);
    s_->row_wait_row.store(row->dir_slot, std::memory_order_relaxed);
  }
  ~RowWaitMark() {
    if (s_ == nullptr) return;
    s_->row_wait_obj.store(-1, std::memory_order_relaxed);
    s_->row_wait_row.store(-1, std::memory_order_relaxed);
  }

 private:
  sga::SessionSlot* s_;
};

}  // namespace

bool WaitForRowLockHolder(storage::Xid holder, int64_t timeout_us, ExecContext& ctx,
                          storage::RowHeader* row) {
  (void)ctx;  // interrupts are checked inside the enqueue wait
  if (row != nullptr && txn::RollBackRowOnDemand(row, holder)) return true;
  const txn::EnqueueId id =
      txn::EnqueueId::Tx(txn::XidUsn(holder), txn::XidSlot(holder), txn::XidSqn(holder));
  RowWaitMark mark(row);
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
