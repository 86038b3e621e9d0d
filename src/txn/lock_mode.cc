// Oracle's lock mode compatibility matrix and conversions (see lock_mode.h).
#include "txn/lock_mode.h"

namespace warden::txn {
namespace {

// kCompatible[held][wanted], Oracle's table (Concepts, "Table Locks"):
//            -  N  SS SX S  SSX X
constexpr bool kCompatible[kLockModeCount][kLockModeCount] = {
    /* -   */ {1, 1, 1, 1, 1, 1, 1},
    /* N   */ {1, 1, 1, 1, 1, 1, 1},
    /* SS  */ {1, 1, 1, 1, 1, 1, 0},
    /* SX  */ {1, 1, 1, 1, 0, 0, 0},
    /* S   */ {1, 1, 1, 0, 1, 0, 0},
    /* SSX */ {1, 1, 1, 0, 0, 0, 0},
    /* X   */ {1, 1, 0, 0, 0, 0, 0},
};

// A mode is stronger than or equal to another iff it conflicts with everything the other
// conflicts with; the combination is the weakest mode that conflicts with the union.
bool AtLeast(LockMode strong, LockMode weak) {
  for (int m = 0; m < kLockModeCount; ++m) {
    if (!kCompatible[static_cast<int>(weak)][m] && kCompatible[static_cast<int>(strong)][m]) {
      return false;
    }
  }
  // None and N conflict with nothing; the numbering orders them (and is a linear extension
  // of the lattice everywhere else).
  return static_cast<int>(strong) >= static_cast<int>(weak);
}

}  // namespace

bool LockModesCompatible(LockMode held, LockMode wanted) {
  return kCompatible[static_cast<int>(held)][static_cast<int>(wanted)];
}

LockMode LockModeCombine(LockMode a, LockMode b) {
  // Candidates in increasing strength; the first at least as strong as both is the answer.
  // Bounded: seven modes.
  for (int m = 0; m < kLockModeCount; ++m) {
    auto c = static_cast<LockMode>(m);
    if (AtLeast(c, a) && AtLeast(c, b)) return c;
  }
  return LockMode::kExclusive;
}

const char* LockModeName(LockMode mode) {
  static constexpr const char* kNames[kLockModeCount] = {"NONE", "N", "SS", "SX", "S", "SSX", "X"};
  return kNames[static_cast<int>(mode)];
}

}  // namespace warden::txn
