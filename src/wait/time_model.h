// The time model (V$SESS_TIME_MODEL, V$SYS_TIME_MODEL).
//  'DB time': the wall time a user session spends in calls, waits included except the idle
//   wait between calls; a CallTimer brackets one call in the dedicated server (one read of
//   the monotonic clock: its start is the end of the idle wait before it, see
//   TakeIdleWaitEnd in wait.h).
//  'DB CPU': the CPU time the kernel has accounted to the session's dedicated server process
//   since logon, read from that process's CPU clock when a view asks, so it costs nothing per
//   call (a per-call CPU-clock read costs ~0.2 us, a few percent of a point SELECT). Unlike
//   Oracle's it includes the little CPU spent between calls reading the client's next
//   message. A session's DB CPU joins the system's total when it logs off; a session whose
//   process was killed takes its last stretch with it.
#pragma once

#include <cstdint>

namespace warden::sga {
struct SessionSlot;
}

namespace warden::wait {

class CallTimer {
 public:
  CallTimer();
  ~CallTimer();  // adds the call's time to the session's and the system's DB time
  CallTimer(const CallTimer&) = delete;
  CallTimer& operator=(const CallTimer&) = delete;

 private:
  sga::SessionSlot* session_ = nullptr;  // null: not timed
  int64_t start_us_ = 0;
};

// The calling process's CPU time so far, in microseconds.
int64_t ProcessCpuMicros();

// The session's own process, at logon: DB CPU counts from here.
void StartSessionCpu(sga::SessionSlot* s);
// The session's own process, at logoff: its DB CPU joins the system's total.
void EndSessionCpu(sga::SessionSlot* s);
// A user session's DB CPU so far (0 for a background session or an unreadable process).
uint64_t SessionDbCpuMicros(const sga::SessionSlot* s);
// The system's DB CPU: sessions that logged off plus the live user sessions.
// V$SYS_TIME_MODEL 'DB time': the ended sessions' total plus the live sessions' own.
uint64_t SystemDbTimeMicros();
uint64_t SystemDbCpuMicros();

}  // namespace warden::wait
