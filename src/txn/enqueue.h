// The enqueue manager: Oracle's enqueue locks (TX, TM, UL, ...) on named resources
// (txn/enqueue_id.h) in modes with Oracle's compatibility matrix (txn/lock_mode.h).
//
// Contract (STYLE.md "document each lock kind's contract"):
//  - An enqueue is held by a session (its slot and SERIAL#) until released: by the session
//    itself (EnqueueRelease, EnqueueReleaseAllOwnedBy at transaction end), or by PMON after
//    the owning process died (EnqueueCleanupDeadProcess). Holding one across waits, calls and
//    client round trips is the point.
//  - A request is granted when it is compatible with every mode other sessions hold on the
//    resource and with every other request queued ahead of it. Queue: conversions first (a
//    holder asking for a stronger mode; it then holds LockModeCombine(held, asked)), then new
//    requests in arrival order (FIFO).
//  - A request that cannot be granted waits on 'enq: TX - row lock contention' (TX),
//    'enq: TM - contention' (TM) or 'enq: UL - contention' (UL), P1 = name|mode, P2 = id1,
//    P3 = id2, until granted, timed out, interrupted or deadlocked. Whoever releases a lock or
//    withdraws a request posts every waiter on that resource; each re-checks its own request
//    under the latch, so a wake-up is immediate. One wait (SEQ#) lasts until such a post or
//    the next deadlock search: the latch is never taken inside a wait.
//  - Interrupts (kill, cancel, shutdown) end the wait with their OraError; the request is
//    withdrawn on every exit path and the requests queued behind it are re-evaluated.
//  - After deadlock_detection_interval seconds of waiting (and every interval after), the
//    waiter searches the wait-for graph; if it is on a cycle it withdraws its request in the
//    same latch hold and returns kDeadlock (the caller raises ORA-00060). So exactly one
//    member of a cycle is told; the others keep waiting for it to end its transaction.
//  - All grant and queue decisions are made under kEnqueueLatch (never held across a wait or
//    a syscall); the entries are in the SGA (sga/enqueue_array.h for the store order that makes
//    the latch's recovery kConsistent).
//  - Before its first entry becomes visible, a process records the state object kEnqueues;
//    it removes it once it owns none. PMON calls EnqueueCleanupDeadProcess for it.
// Who may call: any process with a session (Acquire, Release, HeldMode, ReleaseAllOwnedBy);
// PMON (CleanupDeadProcess); anyone (statistics, txn/enqueue_views.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "txn/enqueue_id.h"
#include "txn/lock_mode.h"

namespace warden::txn {

enum class AcquireResult {
  kGranted,
  kTimedOut,  // NOWAIT or timeout passed: the caller raises ORA-00054 (or ORA-30006, ...)
  kDeadlock,  // this session detected a deadlock through itself: the caller raises ORA-00060
};

constexpr int64_t kEnqueueWaitForever = -1;
constexpr int64_t kEnqueueNoWait = 0;

// Requests `id` in `mode` for the calling session, waiting up to timeout_us (-1: forever,
// 0: NOWAIT). A session that already holds the resource converts to
// LockModeCombine(held, mode); holding at least `mode` already is an immediate grant.
// Throws ORA-00053 when the enqueue array is full, ORA-00600 when called without a session
// or with a type that has no wait event, and the interrupt's OraError if one ends the wait.
// REQUIRES: no latch held.
AcquireResult EnqueueAcquire(const EnqueueId& id, LockMode mode, int64_t timeout_us);

// Releases the calling session's lock on `id`; false if it held none.
bool EnqueueRelease(const EnqueueId& id);

// Releases every lock of session slot `session` in its current incarnation (transaction end;
// a session freeing itself). Returns how many were released.
int EnqueueReleaseAllOwnedBy(int32_t session);

// The mode the calling session holds on `id` (kNone if none).
LockMode EnqueueHeldMode(const EnqueueId& id);

// PMON: frees every entry of dead process `proc` (if it still has `proc_serial`), granted or
// waiting, and posts the waiters on those resources. Returns how many entries were freed.
int EnqueueCleanupDeadProcess(int32_t proc, uint32_t proc_serial);

// V$ENQUEUE_STATISTICS, one row per type used since startup.
struct EnqueueTypeStatistics {
  char type[3];  // "TX"
  uint64_t total_req;
  uint64_t total_wait;
  uint64_t succ_req;
  uint64_t failed_req;   // timed out, deadlocked or interrupted
  uint64_t cum_wait_us;  // CUM_WAIT_TIME is in milliseconds
};
std::vector<EnqueueTypeStatistics> EnqueueStatistics();

}  // namespace warden::txn
