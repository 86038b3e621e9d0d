// The time model (V$SESS_TIME_MODEL, V$SYS_TIME_MODEL): 'DB time' is the wall time a user
// session spends in calls, waits included except the idle wait between calls; 'DB CPU' the
// CPU time of those calls. A CallTimer brackets one call in the dedicated server.
#pragma once

#include <cstdint>

namespace warden::wait {

class CallTimer {
 public:
  CallTimer();
  ~CallTimer();  // adds the call's time to the session's and the system's totals
  CallTimer(const CallTimer&) = delete;
  CallTimer& operator=(const CallTimer&) = delete;

 private:
  int64_t start_us_;
  int64_t start_cpu_us_;
};

// The process's CPU time so far, in microseconds.
int64_t ProcessCpuMicros();

}  // namespace warden::wait
