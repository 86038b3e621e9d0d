// Background process start and end (see background.h).
#include "proc/background.h"

#include <signal.h>
#include <unistd.h>

#include <string>

#include "common/alert_log.h"
#include "sga/sga.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {
volatile sig_atomic_t g_stop = 0;
void OnTerm(int) { g_stop = 1; }
}  // namespace

int32_t BeginBackgroundProcess(const char* name) {
  struct sigaction sa = {};
  sa.sa_handler = OnTerm;
  sigaction(SIGTERM, &sa, nullptr);
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigprocmask(SIG_BLOCK, &term, nullptr);
  int32_t sid = sga::SessionSlotClaim(sga::SessionType::kBackground, "", "", "");
  if (sid < 0) {
    AlertLog::Write(std::string(name) + ": no session slot available");
    return -1;
  }
  sga::SetSessionStatus(sga::Sga::session(sid), sga::SessionStatus::kActive);
  AlertLog::Write(std::string(name) +
                  " started with pid=" + std::to_string(sga::MyProcessIndex() + 1) +
                  ", OS id=" + std::to_string(getpid()));
  return sid;
}

bool BackgroundStopRequested() {
  if (g_stop != 0) return true;
  sigset_t pending;
  return sigpending(&pending) == 0 && sigismember(&pending, SIGTERM) == 1;
}

sga::WakeReason BackgroundIdleWait(wait::EventId event, uint64_t p1, int64_t timeout_us,
                                   struct pollfd* fds, nfds_t nfds) {
  if (BackgroundStopRequested()) return sga::WakeReason::kSignal;
  return wait::WaitFor(event, p1, 0, 0, fds, nfds, timeout_us);
}

void EndBackgroundProcess(int32_t sid) {
  sga::SessionSlotFree(sid);
  sga::ProcessSlotRelease();
}

}  // namespace warden::proc
