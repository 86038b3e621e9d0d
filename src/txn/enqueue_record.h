// A process-local copy of one enqueue lock entry (sga/enqueue_array.h) and the one rule that
// decides who waits for whom. Used by the grant decision (txn/enqueue.cc), the wait-for graph
// (txn/enqueue_graph.h) and so by V$LOCK, BLOCKING_SESSION and deadlock detection alike.
#pragma once

#include <cstdint>

#include "sga/enqueue_array.h"
#include "txn/enqueue_id.h"
#include "txn/lock_mode.h"

namespace warden::txn {

struct LockRecord {
  int32_t index;  // entry number in the array (V$LOCK.ADDR)
  int32_t session;
  uint32_t session_serial;
  int32_t proc;
  uint32_t proc_serial;
  EnqueueId id;
  LockMode lmode;    // granted, kNone for a new request
  LockMode request;  // wanted (already combined with lmode for a conversion), kNone if granted
  uint64_t seq;
  int64_t since_us;

  bool pending() const { return request != LockMode::kNone; }
  bool converting() const { return pending() && lmode != LockMode::kNone; }
  bool SameOwner(const LockRecord& o) const {
    return session == o.session && session_serial == o.session_serial;
  }
};

// `word` of an entry: state | lmode << 8 | request << 16 (sga/enqueue_array.h).
inline uint32_t PackLockWord(sga::EnqueueLockState state, LockMode lmode, LockMode request) {
  return static_cast<uint32_t>(state) | uint32_t{static_cast<uint8_t>(lmode)} << 8 |
         uint32_t{static_cast<uint8_t>(request)} << 16;
}

// Copies entry `index`; false if it is free. REQUIRES: kEnqueueLatch held (or a dead SGA).
bool ReadLockRecord(const sga::EnqueueLockSlot& slot, int32_t index, LockRecord* out);

// True when `other` keeps `waiter`'s pending request from being granted: another owner on the
// same resource that either holds a mode incompatible with the request, or has its own
// request queued ahead of it that is incompatible with it. Queue order: conversions (a
// holder asking for a stronger mode) before new requests, then by seq (FIFO), as Oracle's
// converter and waiter queues.
bool LockBlocks(const LockRecord& other, const LockRecord& waiter);

}  // namespace warden::txn
