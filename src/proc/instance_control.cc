// Stop and status (see instance_control.h).
#include "proc/instance_control.h"

#include <signal.h>
#include <unistd.h>

#include <iostream>

#include "common/clock.h"
#include "proc/datadir.h"

namespace warden::proc {

int RunStop(const std::string& datadir, const std::string& mode, int timeout_s) {
  int sig;
  if (mode == "normal") {
    sig = SIGTERM;
  } else if (mode == "transactional") {
    sig = SIGUSR1;
  } else if (mode == "immediate") {
    sig = SIGINT;
  } else if (mode == "abort") {
    sig = SIGQUIT;
  } else {
    std::cerr << "wardend: unknown shutdown mode '" << mode
              << "' (expected normal, transactional, immediate or abort)\n";
    return 2;
  }
  Status s = CheckDataDir(datadir);
  if (!s.ok()) {
    std::cerr << "wardend: " << s.message() << "\n";
    return 1;
  }
  RunningInstance r;
  if (!FindRunningInstance(datadir, &r)) {
    std::cerr << "wardend: no instance is running on " << datadir << "\n";
    return 3;
  }
  if (kill(r.pid, sig) != 0) {
    std::cerr << "wardend: cannot signal pid " << r.pid << "\n";
    return 1;
  }
  // The instance is gone when nobody holds the pid file's lock any more: every one of its
  // processes has exited (the lock is shared by the supervisor and its children).
  const int64_t deadline = MonotonicMicros() + int64_t{timeout_s} * 1000000;
  while (MonotonicMicros() < deadline) {
    RunningInstance now;
    if (!FindRunningInstance(datadir, &now)) {
      std::cout << "wardend: instance stopped (" << mode << ")\n";
      return 0;
    }
    usleep(20000);  // blocking-ok: wardend stop, a CLI
  }
  std::cerr << "wardend: instance (pid " << r.pid << ") still running after " << timeout_s
            << " s; for mode normal it waits for sessions to log off (try --mode immediate)\n";
  return 1;
}

int RunStatus(const std::string& datadir) {
  RunningInstance r;
  if (!FindRunningInstance(datadir, &r)) {
    std::cout << "wardend: no instance running on " << datadir << "\n";
    return 3;
  }
  std::cout << "wardend: instance running (pid " << r.pid << "), port " << r.port << "\n";
  return 0;
}

}  // namespace warden::proc
