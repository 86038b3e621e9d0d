// The calling process's state-object list (see state_object.h for the invariants).
#include "sga/state_object.h"

#include <algorithm>

#include "sga/process_array.h"

namespace warden::sga {
namespace {

// One past the highest entry this process may be using (process-private; a forked child
// inherits its parent's, which only makes its first removals look at a few more entries):
// a latch's release, taken for every row of a recovery, looks at the entries below it, not
// at all kMaxStateObjects.
int g_in_use_below = kMaxStateObjects;

}  // namespace

void StateObjectAdd(StateObjectType type, uint32_t ref, uint32_t ref_serial) {
  ProcessSlot* p = MyProcess();
  if (p == nullptr) return;
  for (int i = 0; i < kMaxStateObjects; ++i) {
    StateObject& so = p->state_objects[i];
    if (so.type.load(std::memory_order_relaxed) != 0) continue;
    so.ref = ref;
    so.ref_serial = ref_serial;
    so.type.store(static_cast<uint8_t>(type), std::memory_order_release);
    g_in_use_below = std::max(g_in_use_below, i + 1);
    return;
  }
  // The list is sized for the most a process can hold at once (a latch or two, a session,
  // later a transaction and its enqueues); overflowing it is a bug, and a resource PMON
  // could not see must not be taken.
  __builtin_trap();
}

void StateObjectRemove(StateObjectType type, uint32_t ref) {
  ProcessSlot* p = MyProcess();
  if (p == nullptr) return;
  // Newest first: a latch taken twice in sequence leaves at most one entry behind.
  for (int i = g_in_use_below - 1; i >= 0; --i) {
    StateObject& so = p->state_objects[i];
    if (so.type.load(std::memory_order_relaxed) == static_cast<uint8_t>(type) && so.ref == ref) {
      so.type.store(0, std::memory_order_release);
      // Bounded by the entries.
      while (g_in_use_below > 0 &&
             p->state_objects[g_in_use_below - 1].type.load(std::memory_order_relaxed) == 0) {
        --g_in_use_below;
      }
      return;
    }
  }
}

void StateObjectSetSerial(StateObjectType type, uint32_t ref, uint32_t ref_serial) {
  ProcessSlot* p = MyProcess();
  if (p == nullptr) return;
  for (StateObject& so : p->state_objects) {
    if (so.type.load(std::memory_order_relaxed) == static_cast<uint8_t>(type) && so.ref == ref) {
      so.ref_serial = ref_serial;
      return;
    }
  }
}

}  // namespace warden::sga
