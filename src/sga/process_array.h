// The process array (V$PROCESS): one slot per Warden OS process. PID = slot index + 1;
// slot 0 is Oracle's PSEUDO process row and never runs.
//
// Slot life cycle (all state changes under kProcessArrayLatch):
//   kFree --ProcessSlotReserve (supervisor, before fork)--> kReserved
//   kReserved --ProcessSlotAttach (the child, first thing)--> kActive
//   kActive --ProcessSlotRelease (the process itself at a clean exit)--> kFree
//   kActive/kReserved --PMON sees the OS process die--> kDead --PMON cleanup done--> kFree
// SERIAL# is bumped on every reserve, so a stale reference (pidfd watch, state object) can
// tell a reused slot from the one it meant.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>

#include "sga/state_object.h"

namespace warden::sga {

enum class ProcState : uint32_t { kFree = 0, kReserved, kActive, kDead };

struct ProcessSlot {
  std::atomic<uint32_t> state;
  std::atomic<uint32_t> serial;
  std::atomic<int32_t> spid;        // OS pid, 0 until known
  char pname[8];                    // "PMON", "SMON", "" for a dedicated server
  char program[64];                 // "wardend@host (PMON)"
  uint8_t background;               // 1 for background processes
  int64_t start_time;               // wall seconds
  std::atomic<uint32_t> post_word;  // set by a poster, consumed by the owner (post_wait.h)
  std::atomic<int32_t> session;     // the session slot this process serves, -1 if none
  std::atomic<uint8_t> death_cause; // DeathCause (dead_cleanup.h), set by whoever kills it
  std::atomic<uint64_t> redo_sync_lsn;  // waiting for the redo up to here to be durable, 0: not
  StateObject state_objects[kMaxStateObjects];
  // ORADEBUG SHORT_STACK (diag/short_stack.h): a requester bumps stack_request and signals;
  // the process's handler stores its frames, then stack_done = the request it served.
  std::atomic<uint32_t> stack_request;
  std::atomic<uint32_t> stack_done;
  uint32_t stack_depth;
  uint64_t stack_frames[48];
};

namespace detail {
extern int32_t g_my_process_index;  // set by ProcessSlotAttach, reset by ProcessSlotRelease
}  // namespace detail
// The calling process's own slot index (-1 before ProcessSlotAttach). Inline: read on every
// wait and session lookup.
inline int32_t MyProcessIndex() { return detail::g_my_process_index; }
ProcessSlot* MyProcess();

// Supervisor: claims a free slot for a process about to be forked. -1 when all `processes`
// slots are taken (the caller reports ORA-00020).
int32_t ProcessSlotReserve(const char* pname, bool background);
// Supervisor, after fork, in the parent: records the child's OS pid.
void ProcessSlotSetSpid(int32_t index, pid_t spid);
// Child: makes `index` this process's own slot and marks it active.
void ProcessSlotAttach(int32_t index);
// The process itself at a clean exit, after everything on its list is released.
void ProcessSlotRelease();
// PMON: marks a slot dead if it still has `serial`; returns false if it was reused or freed.
bool ProcessSlotMarkDead(int32_t index, uint32_t serial);
// PMON: frees a dead slot after its clean-up.
void ProcessSlotFreeDead(int32_t index);
// The reserver, when the fork for a reserved slot failed: frees it as PMON would.
void ProcessSlotAbandon(int32_t index);

}  // namespace warden::sga
