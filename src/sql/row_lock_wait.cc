// Row-lock waits (see row_lock_wait.h).
#include "sql/row_lock_wait.h"

#include <algorithm>

#include "common/clock.h"
#include "txn/transaction.h"
#include "sga/post_wait.h"
#include "wait/wait.h"

namespace warden::sql {

bool WaitForRowLockHolder(storage::Xid holder, int64_t timeout_us, ExecContext& ctx) {
  const uint64_t p1 = 0x54580006;  // 'T' 'X' mode 6
  const uint64_t p2 = (uint64_t{txn::XidUsn(holder)} << 16) | txn::XidSlot(holder);
  const uint64_t p3 = txn::XidSqn(holder);
  const int64_t start = MonotonicMicros();
  // The holder's end is observed by polling its transaction entry every 10 ms inside one
  // wait: bounded by the holder's life or the timeout; interrupts end it at once.
  wait::WaitScope scope(wait::kEnqTxRowLockContention, p1, p2, p3, timeout_us);
  while (txn::XidHoldsLocks(holder)) {
    int64_t waited = MonotonicMicros() - start;
    if (timeout_us >= 0 && waited >= timeout_us) {
      scope.set_timed_out();
      return false;
    }
    int64_t slice = timeout_us < 0 ? 10'000 : std::min<int64_t>(10'000, timeout_us - waited);
    sga::SleepUntilPostedOrReady(nullptr, 0, slice);  // inside the WaitScope above
    ctx.CheckInterrupts();
  }
  return true;
}

}  // namespace warden::sql
