// PMON, the process monitor (DESIGN.md §2, §3). Learns of every Warden process's death within
// milliseconds (a pidfd per process in an epoll set) and also sweeps all processes every
// pmon_interval seconds, waiting on 'pmon timer' in between; a post (a new process to watch,
// ORADEBUG WAKEUP) ends the wait early. For a dead process it walks the state-object list,
// child before parent, and frees what is left: latches, then the session, then the process slot.
// It also ends the processes of killed sessions that do not end (kill_escalation.h).
#pragma once

#include <cstdint>

namespace warden::proc {

// PMON's main; runs in its own forked process until SIGTERM. Returns the exit status.
int PmonMain();

// Cleans up after dead process slot `index` whose SERIAL# was `serial` (exposed for tests,
// which drive it in one process). Returns false if the slot was already free or reused.
bool CleanupDeadProcess(int32_t index, uint32_t serial);

}  // namespace warden::proc
