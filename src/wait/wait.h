// The wait API (DESIGN.md §4): every place a process can block goes through here, so
// V$SESSION shows what each session waits for, with P1..P3, SEQ# and the time so far.
// Reporting a wait is a few relaxed stores into the caller's session slot; a process with no
// session yet (a connection before logon) still blocks correctly, it just has nothing to show.
// Statistics per session/system and wait history come with the wait-interface issue and hook
// into WaitScope's destructor.
#pragma once

#include <poll.h>

#include <cstdint>

#include "sga/post_wait.h"
#include "wait/event_catalog.h"

namespace warden::wait {

// Marks the calling session as waiting on `event` for the scope's lifetime.
class WaitScope {
 public:
  WaitScope(EventId event, uint64_t p1 = 0, uint64_t p2 = 0, uint64_t p3 = 0,
            int64_t timeout_us = -1);
  ~WaitScope();
  WaitScope(const WaitScope&) = delete;
  WaitScope& operator=(const WaitScope&) = delete;

 private:
  int64_t start_us_;
};

// Blocks on `event` until one of `fds` is ready, the process is posted, or timeout_us passes
// (-1: no timeout). Checks interrupts before sleeping and after every wake-up (so it may throw
// OraError). A post is consumed. Returns why it woke.
sga::WakeReason WaitFor(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, struct pollfd* fds,
                        nfds_t nfds, int64_t timeout_us);

// Installs the 'latch free' hooks into the SGA latch code; every process calls it once.
void InstallLatchWaitHooks();

}  // namespace warden::wait
