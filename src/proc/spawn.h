// Forking Warden processes from the supervisor (never exec'd: the SGA stays mapped at the same
// address, DESIGN.md §2), and the set-up every child does before its main function.
#pragma once

#include <sys/types.h>

#include <functional>

namespace warden::proc {

// Forks a child into the already reserved process slot `slot`. The child resets the
// supervisor's signal handling, arranges to die with the supervisor (PR_SET_PDEATHSIG), attaches
// to its slot and runs child_main; its return value is the exit status. Returns the child's
// pid in the parent, -1 (errno set) if fork failed.
pid_t SpawnProcess(int32_t slot, const std::function<int()>& child_main);

// The signals the supervisor handles itself and keeps blocked outside its waits.
void BlockSupervisorSignals();

}  // namespace warden::proc
