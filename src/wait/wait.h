// The wait API (DESIGN.md §4): every place a process can block goes through here, so
// V$SESSION shows what each session waits for, with P1..P3, SEQ# and the time so far.
// Reporting a wait is a few relaxed stores into the caller's session slot; a process with no
// session yet (a connection before logon) still blocks correctly, it just has nothing to show.
// When a wait ends its time goes into the session's and the system's totals for the event
// (V$SESSION_EVENT, V$SYSTEM_EVENT) and into the session's last-10 history
// (V$SESSION_WAIT_HISTORY). Only the owning process writes its session's wait fields.
#pragma once

#include <poll.h>

#include <cstdint>

#include "sga/post_wait.h"
#include "wait/event_catalog.h"

namespace warden::sga {
struct SessionSlot;
}

namespace warden::wait {

// Marks the calling session as waiting on `event` for the scope's lifetime.
class WaitScope {
 public:
  WaitScope(EventId event, uint64_t p1 = 0, uint64_t p2 = 0, uint64_t p3 = 0,
            int64_t timeout_us = -1);
  ~WaitScope();
  WaitScope(const WaitScope&) = delete;
  WaitScope& operator=(const WaitScope&) = delete;

  // The wait ended because its timeout passed (counted in TOTAL_TIMEOUTS).
  void set_timed_out() { timed_out_ = true; }

 private:
  sga::SessionSlot* session_ = nullptr;  // the caller's session when the wait began
  int64_t start_us_ = 0;
  bool timed_out_ = false;
};

// Call boundaries (CallTimer) share their clock reading with the idle wait next to them: a
// call starts when the 'SQL*Net message from client' wait before it ended, and that wait
// starts when the call before it ended, so a client round trip costs two clock reads, not
// four. A boundary is shared only while nothing else was waited on in between (any other wait
// forgets it), so no time is counted twice.
// The end of the idle wait since the last call boundary, or -1; forgets it.
int64_t TakeIdleWaitEnd();
// A call ended at `now_us`: the next idle wait starts there unless another wait comes first.
void NoteCallEnd(int64_t now_us);

// Blocks on `event` until one of `fds` is ready, the process is posted, or timeout_us passes
// (-1: no timeout). Checks interrupts before sleeping and after every wake-up (so it may throw
// OraError). A post is consumed. Returns why it woke.
sga::WakeReason WaitFor(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, struct pollfd* fds,
                        nfds_t nfds, int64_t timeout_us);

// Sleeps `duration_us` in one wait on `event` (one SEQ#, as DBMS_LOCK.SLEEP shows it): posts do
// not end it, interrupts do (the OraError propagates; the wait is still recorded).
void SleepFor(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, int64_t duration_us);

// Installs the 'latch free' hooks into the SGA latch code; every process calls it once.
void InstallLatchWaitHooks();

}  // namespace warden::wait
