// Enqueue lock modes, numbered as Oracle's V$LOCK.LMODE/REQUEST, with Oracle's compatibility
// matrix and the mode a holder converts to when it asks for another one.
#pragma once

#include <cstdint>

namespace warden::txn {

enum class LockMode : uint8_t {
  kNone = 0,               // no lock
  kNull = 1,               // N
  kRowShare = 2,           // SS (RS): SELECT FOR UPDATE, LOCK TABLE IN ROW SHARE MODE
  kRowExclusive = 3,       // SX (RX): INSERT/UPDATE/DELETE on a table (TM)
  kShare = 4,              // S
  kShareRowExclusive = 5,  // SSX (SRX)
  kExclusive = 6,          // X: a transaction's own TX, a row lock waiter's TX request
};
constexpr int kLockModeCount = 7;

// True when a lock in `held` by one session and a lock in `wanted` by another can coexist.
// kNone is compatible with everything.
bool LockModesCompatible(LockMode held, LockMode wanted);

// The weakest mode at least as strong as both (a holder of SX asking for S converts to SSX,
// as Oracle's LOCK TABLE). Modes form a lattice N < SS < SX,S < SSX < X.
LockMode LockModeCombine(LockMode a, LockMode b);

// True if `held` already gives everything `wanted` asks for.
inline bool LockModeCovers(LockMode held, LockMode wanted) {
  return LockModeCombine(held, wanted) == held;
}

// The short names of Oracle's deadlock graphs and DBA scripts: "NONE", "N", "SS", "SX", "S",
// "SSX", "X".
const char* LockModeName(LockMode mode);

}  // namespace warden::txn
