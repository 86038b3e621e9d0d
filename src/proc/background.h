// What every background process (PMON, MMNL, ...) does at its start and end: SIGTERM asks it
// to stop and is delivered only inside its waits (so a stop is never lost between a check and
// a sleep); it has a BACKGROUND session, always shown ACTIVE as Oracle shows them; its start
// is written to the alert log.
// A wait inside a process's work (a latch, a slave, an I/O) may be the one that takes the
// signal; the process's idle wait would then sleep its whole timeout with the stop already
// requested. So every main loop sleeps in BackgroundIdleWait, which checks the stop first
// (no wait in between: a SIGTERM after the check stays pending until that wait).
#pragma once

#include <poll.h>

#include <cstdint>

#include "sga/post_wait.h"
#include "wait/event_catalog.h"

namespace warden::proc {

// Returns the session slot, or -1 (logged) when none is free.
int32_t BeginBackgroundProcess(const char* name);
// True once SIGTERM has arrived, delivered or still pending (blocked outside waits): a loop
// that never waits (SMON's serial rollback) sees it too.
bool BackgroundStopRequested();
// The idle wait of a main loop (P2 = P3 = 0): returns kSignal at once, without waiting, when
// a stop is already requested (the loop's condition then ends it); wait::WaitFor otherwise.
sga::WakeReason BackgroundIdleWait(wait::EventId event, uint64_t p1, int64_t timeout_us,
                                   struct pollfd* fds = nullptr, nfds_t nfds = 0);
// Frees the session, then the process slot (child before parent).
void EndBackgroundProcess(int32_t sid);

}  // namespace warden::proc
