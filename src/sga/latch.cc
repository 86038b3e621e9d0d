// Robust process-shared latches (see latch.h for the contract).
#include "sga/latch.h"

#include <cerrno>
#include <cstdlib>
#include <string>

#include "common/alert_log.h"
#include "sga/process_array.h"
#include "sga/state_object.h"

namespace warden::sga {
namespace {

constexpr LatchInfo kLatchInfo[kLatchCount] = {
    {"process allocation", LatchRecovery::kConsistent},
    {"session allocation", LatchRecovery::kConsistent},
    {"enqueues", LatchRecovery::kConsistent},
    {"transaction allocation", LatchRecovery::kConsistent},
    // each undo step can be repeated
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"transaction recovery", LatchRecovery::kConsistent},
    {"table directory", LatchRecovery::kConsistent},
    // a record is published by one store of the copied end; the hook settles a commit
    {"redo allocation", LatchRecovery::kConsistent},
};

LatchWaitHooks g_hooks;
void (*g_recovery_hooks[kLatchCount])() = {};

// The mutex was held by a process that died. Runs the declared recovery; on return the
// caller owns a consistent mutex.
void RecoverOwnerDead(Latch* latch) {
  latch->recoveries.fetch_add(1, std::memory_order_relaxed);
  const LatchInfo& info = kLatchInfo[latch->id];
  if (info.recovery == LatchRecovery::kInstanceFailure) {
    AlertLog::Write(std::string("PANIC: latch '") + info.name +
                    "' held by a dead process; instance failure");
    std::abort();
  }
  pthread_mutex_consistent(&latch->mu);
  if (g_recovery_hooks[latch->id] != nullptr) g_recovery_hooks[latch->id]();
  AlertLog::Write(std::string("Latch '") + info.name + "' recovered from a dead holder (process " +
                  std::to_string(latch->holder.load()) + ")");
}

}  // namespace

const LatchInfo& GetLatchInfo(LatchId id) { return kLatchInfo[id]; }

void LatchInit(Latch* latch, LatchId id) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&latch->mu, &attr);
  pthread_mutexattr_destroy(&attr);
  latch->holder.store(-1);
  latch->id = id;
  latch->gets.store(0);
  latch->misses.store(0);
  latch->recoveries.store(0);
}

void SetLatchWaitHooks(LatchWaitHooks hooks) { g_hooks = hooks; }
void SetLatchRecoveryHook(LatchId id, void (*hook)()) { g_recovery_hooks[id] = hook; }

void LatchAcquire(Latch* latch) {
  // Recorded before the mutex is taken, so a death at any point leaves a trace for PMON.
  StateObjectAdd(StateObjectType::kLatch, latch->id, 0);
  latch->gets.fetch_add(1, std::memory_order_relaxed);
  int rc = pthread_mutex_trylock(&latch->mu);
  if (rc == EBUSY) {
    latch->misses.fetch_add(1, std::memory_order_relaxed);
    if (g_hooks.begin != nullptr) g_hooks.begin(latch, 1);
    rc = pthread_mutex_lock(&latch->mu);
    if (g_hooks.end != nullptr) g_hooks.end();
  }
  if (rc == EOWNERDEAD) {
    RecoverOwnerDead(latch);
  } else if (rc != 0) {
    AlertLog::Write("PANIC: latch acquire failed: " + std::to_string(rc));
    std::abort();
  }
  latch->holder.store(MyProcessIndex(), std::memory_order_relaxed);
}

void LatchRelease(Latch* latch) {
  latch->holder.store(-1, std::memory_order_relaxed);
  pthread_mutex_unlock(&latch->mu);
  StateObjectRemove(StateObjectType::kLatch, latch->id);
}

bool LatchRecoverFromDeadHolder(Latch* latch, int32_t dead_proc) {
  if (latch->holder.load() != dead_proc) return false;
  int rc = pthread_mutex_lock(&latch->mu);
  bool recovered = false;
  if (rc == EOWNERDEAD) {
    RecoverOwnerDead(latch);
    recovered = true;
  }
  latch->holder.store(-1);
  pthread_mutex_unlock(&latch->mu);
  return recovered;
}

}  // namespace warden::sga
