// Latches: short-term mutual exclusion on SGA structures, shared by all processes.
//
// Contract (STYLE.md "document each lock kind's contract"):
//  - A latch is held for a few hundred instructions: never across a syscall that can block,
//    a wait, a client round trip, or another latch of a lower LatchId (order: by LatchId).
//  - It is a robust, process-shared pthread mutex with its holder recorded (process slot).
//  - Before acquiring, the process records the latch on its state-object list; if it dies
//    holding it, PMON (or the next acquirer, which sees EOWNERDEAD) runs the latch's declared
//    recovery:
//      kConsistent       the protected structure is consistent after every single store
//                        (objects are published with one atomic store), so recovery only
//                        marks the mutex consistent again;
//      kInstanceFailure  the structure may be half-changed; the instance must fail and be
//                        recovered from redo. None exists today; keep it rare and documented.
//  - Contention is reported as the wait event 'latch free' (P1 address, P2 latch#, P3 tries)
//    through a hook the wait layer installs, so this file stays below the wait layer.
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>

namespace warden::sga {

enum class LatchRecovery : uint8_t { kConsistent, kInstanceFailure };

// Latch numbers (V$LATCHNAME order). Acquire in increasing order only.
enum LatchId : uint16_t {
  kProcessArrayLatch,  // "process allocation": ProcessSlot state changes
  kSessionArrayLatch,  // "session allocation": SessionSlot claims and frees
  kEnqueueLatch,       // "enqueues": the enqueue lock array (sga/enqueue_array.h)
  kTransactionLatch,   // "transaction allocation": transaction table slot claims and frees
  // "transaction recovery", 8 children: a dead transaction's rows are split into partitions
  // (by row address); a recovery step on a row and an on-demand rollback of that row hold the
  // partition's latch (txn/transaction.cc). One partition while SMON recovers alone.
  kTransactionRecoveryLatch,
  kTransactionRecoveryLatchLast = kTransactionRecoveryLatch + 7,
  kTableDirectoryLatch,  // "table directory": tables, row directories, index structure
  // "redo allocation": space in the log buffer and copying a record into it
  // (storage/redo_log.h); its recovery hook settles a commit record its holder was writing.
  kRedoAllocationLatch,
  kLatchCount
};

struct LatchInfo {
  const char* name;
  LatchRecovery recovery;
};
const LatchInfo& GetLatchInfo(LatchId id);

struct Latch {
  pthread_mutex_t mu;
  std::atomic<int32_t> holder;  // process slot index of the holder, -1 when free
  LatchId id;
  std::atomic<uint64_t> gets;
  std::atomic<uint64_t> misses;
  std::atomic<uint64_t> recoveries;  // times found with a dead holder
};

// REQUIRES: *latch is in shared memory, not yet used.
void LatchInit(Latch* latch, LatchId id);

// Hooks for 'latch free': the wait layer sets them at process start.
struct LatchWaitHooks {
  void (*begin)(const Latch* latch, uint32_t tries) = nullptr;
  void (*end)() = nullptr;
};
void SetLatchWaitHooks(LatchWaitHooks hooks);

// Acquire/release for the calling process (sga::MyProcessIndex()).
void LatchAcquire(Latch* latch);
void LatchRelease(Latch* latch);

// A latch-specific step run when the latch is recovered from a dead holder (after the
// mutex is consistent again, while the recoverer holds it). Set before forking.
void SetLatchRecoveryHook(LatchId id, void (*hook)());

// PMON: if `dead_proc` holds the latch, take it over, run its recovery and free it.
// Returns true when a recovery was done.
bool LatchRecoverFromDeadHolder(Latch* latch, int32_t dead_proc);

class LatchGuard {
 public:
  explicit LatchGuard(Latch* latch) : latch_(latch) { LatchAcquire(latch_); }
  ~LatchGuard() { LatchRelease(latch_); }
  LatchGuard(const LatchGuard&) = delete;
  LatchGuard& operator=(const LatchGuard&) = delete;

 private:
  Latch* latch_;
};

}  // namespace warden::sga
