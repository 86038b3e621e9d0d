// The enqueue lock array in the SGA (V$LOCK's rows): a fixed array of self-contained lock
// entries, one per (session, resource) held or requested, plus per-type request statistics
// (V$ENQUEUE_STATISTICS). Only the layout lives here (the SGA must size it); the rules for
// granting, waiting and releasing are in txn/enqueue.h.
//
// Invariants (all changes under kEnqueueLatch, whose recovery is kConsistent):
//  1. An entry is free iff its `word` is 0. A process fills every other field of a free entry,
//     then publishes it with ONE release store of `word`; it frees it with one store of 0.
//  2. Every later change of a published entry (a conversion request, its grant, its removal)
//     first writes the plain fields it needs (seq, ctime) and then ONE release store of
//     `word`, which carries the state, the granted mode and the requested mode together.
//  So a process that dies holding the latch leaves every entry either as it was or as it will
//  be after the one store, never half-written; PMON then frees the dead process's entries
//  (txn::EnqueueCleanupDeadProcess).
#pragma once

#include <atomic>
#include <cstdint>

namespace warden::sga {

// Entries per session; the array has kEnqueueLocksPerSession x sessions + kEnqueueLocksExtra.
// A session holds one TX and one TM per table it changes, and waits for one more at a time.
constexpr int32_t kEnqueueLocksPerSession = 8;
constexpr int32_t kEnqueueLocksExtra = 64;
// Distinct two-letter enqueue types with statistics (TX, TM, UL, ...).
constexpr int kMaxEnqueueTypes = 32;

// `word` layout: bits 0-7 state, 8-15 granted mode (LMODE), 16-23 requested mode (REQUEST).
enum class EnqueueLockState : uint8_t {
  kFree = 0,
  kGranted,  // lmode > 0; request > 0 while it waits to convert to a stronger mode
  kWaiting,  // a new request: lmode == 0, request > 0
};

struct EnqueueLockSlot {
  std::atomic<uint32_t> word;
  int32_t session;          // owner session slot
  uint32_t session_serial;  // that slot's SERIAL# when the entry was made
  int32_t proc;             // owner process slot
  uint32_t proc_serial;
  char type[2];  // "TX", "TM", ...
  uint64_t id1;
  uint64_t id2;
  uint64_t seq;      // queue order of the current request (smaller = earlier)
  int64_t since_us;  // monotonic: when the current mode was granted or the request made
};

// V$ENQUEUE_STATISTICS per type. `type` is claimed once (0 -> "XY" packed) under the latch;
// the counters are atomic adds by any session.
struct EnqueueTypeStat {
  std::atomic<uint16_t> type;  // type[0] << 8 | type[1]; 0 = unused row
  std::atomic<uint64_t> total_req;
  std::atomic<uint64_t> total_wait;
  std::atomic<uint64_t> succ_req;
  std::atomic<uint64_t> failed_req;
  std::atomic<uint64_t> cum_wait_us;
};

struct EnqueueArray {
  int32_t lock_count;
  // Entries [0, used_count) may be in use: one more than the highest index ever published
  // (raised under the latch before the entry's publishing store, never lowered), so scans
  // look at the busy prefix rather than the whole array. Entries are taken lowest first.
  std::atomic<int32_t> used_count;
  std::atomic<uint64_t> next_seq;  // request sequence numbers, written under the latch
  EnqueueTypeStat stats[kMaxEnqueueTypes];
  // lock_count EnqueueLockSlot follow at kEnqueueLocksOffset (see EnqueueLocks()).
};

constexpr uint64_t kEnqueueLocksOffset = (sizeof(EnqueueArray) + 63) & ~uint64_t{63};

inline EnqueueLockSlot* EnqueueLocks(EnqueueArray* a) {
  return reinterpret_cast<EnqueueLockSlot*>(reinterpret_cast<char*>(a) + kEnqueueLocksOffset);
}

inline int32_t EnqueueLockCount(int32_t sessions) {
  return kEnqueueLocksPerSession * sessions + kEnqueueLocksExtra;
}

inline uint64_t EnqueueArraySize(int32_t sessions) {
  return kEnqueueLocksOffset + sizeof(EnqueueLockSlot) * uint64_t(EnqueueLockCount(sessions));
}

}  // namespace warden::sga
