// Enqueue entry copies and the blocking rule (see enqueue_record.h).
#include "txn/enqueue_record.h"

namespace warden::txn {

bool ReadLockRecord(const sga::EnqueueLockSlot& slot, int32_t index, LockRecord* out) {
  const uint32_t word = slot.word.load(std::memory_order_acquire);
  if ((word & 0xFF) == static_cast<uint32_t>(sga::EnqueueLockState::kFree)) return false;
  out->index = index;
  out->session = slot.session;
  out->session_serial = slot.session_serial;
  out->proc = slot.proc;
  out->proc_serial = slot.proc_serial;
  out->id = EnqueueId{{slot.type[0], slot.type[1]}, slot.id1, slot.id2};
  out->lmode = static_cast<LockMode>((word >> 8) & 0xFF);
  out->request = static_cast<LockMode>((word >> 16) & 0xFF);
  out->seq = slot.seq;
  out->since_us = slot.since_us;
  return true;
}

namespace {
bool QueuedAhead(const LockRecord& a, const LockRecord& b) {
  if (a.converting() != b.converting()) return a.converting();
  return a.seq < b.seq;
}
}  // namespace

bool LockBlocks(const LockRecord& other, const LockRecord& waiter) {
  if (!waiter.pending() || other.SameOwner(waiter) || !(other.id == waiter.id)) return false;
  if (!LockModesCompatible(other.lmode, waiter.request)) return true;
  return other.pending() && QueuedAhead(other, waiter) &&
         !LockModesCompatible(other.request, waiter.request);
}

}  // namespace warden::txn
