// State objects: what a process holds, recorded in its own process slot in the SGA so that
// PMON can clean up after it (DESIGN.md §3).
//
// Invariants:
//  1. A process records a resource here BEFORE the resource becomes visible to others
//     (before it takes a latch, claims a session slot, ...), and removes the entry only
//     after it has fully released the resource.
//  2. An entry is published by one release-store of its type; a reader (PMON) that sees a
//     non-free type sees ref and ref_serial written.
//  3. Only the owning process adds or removes entries; PMON reads them after the owner died.
//  4. Because of 1, an entry may name a resource that was never actually taken; the
//     clean-up of each type checks ownership (holder or owner fields) before undoing.
// PMON cleans up child before parent: latches, enqueues, (transaction: later issues),
// session, then the process slot itself.
#pragma once

#include <atomic>
#include <cstdint>

namespace warden::sga {

constexpr int kMaxStateObjects = 32;

enum class StateObjectType : uint8_t {
  kFree = 0,
  kLatch,    // ref = LatchId
  kSession,  // ref = session slot index, ref_serial = that slot's SERIAL#
  kTransaction,  // ref = transaction-table entry, ref_serial = its sqn (txn/transaction.h)
  kEnqueues,  // ref = process slot: this process may own entries in the enqueue lock array
  // ref = process slot: a recovery slave, which may die with an undo record in hand, unlinked
  // and not yet retired (txn::RecoverySlaveCleanupDead)
  kUndoInHand,
};

struct StateObject {
  std::atomic<uint8_t> type;
  uint32_t ref;
  uint32_t ref_serial;
};

// Operate on the calling process's own list (no-op when the process has no slot yet).
void StateObjectAdd(StateObjectType type, uint32_t ref, uint32_t ref_serial);
void StateObjectRemove(StateObjectType type, uint32_t ref);
// Sets ref_serial of an entry already added (a session's serial is known only once claimed).
void StateObjectSetSerial(StateObjectType type, uint32_t ref, uint32_t ref_serial);

}  // namespace warden::sga
