// Post/wait primitives (see post_wait.h).
#include "sga/post_wait.h"

#include <cerrno>
#include <ctime>

#include "sga/process_array.h"
#include "sga/sga.h"

namespace warden::sga {
namespace {

sigset_t g_wait_mask;

void NoopHandler(int) {}

}  // namespace

void PostWaitInitProcess() {
  struct sigaction sa = {};
  sa.sa_handler = NoopHandler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: the point is to end the sleep
  sigaction(SIGUSR2, &sa, nullptr);
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  sigprocmask(SIG_BLOCK, &block, nullptr);
  // Inside a wait every signal is open: a process that blocks others outside waits (the
  // supervisor's SIGTERM/SIGCHLD, PMON's SIGTERM) gets them there without a race.
  sigemptyset(&g_wait_mask);
}

void Post(int32_t index) {
  if (index < 0 || index >= Sga::processes()) return;
  ProcessSlot* s = Sga::process(index);
  if (s->state.load() == static_cast<uint32_t>(ProcState::kFree)) return;
  s->post_word.store(1, std::memory_order_release);
  pid_t pid = s->spid.load();
  if (pid > 0) kill(pid, SIGUSR2);
}

bool ConsumePost() {
  ProcessSlot* p = MyProcess();
  if (p == nullptr) return false;
  return p->post_word.exchange(0, std::memory_order_acq_rel) != 0;
}

WakeReason SleepUntilPostedOrReady(struct pollfd* fds, nfds_t nfds, int64_t timeout_us) {
  ProcessSlot* p = MyProcess();
  if (p != nullptr && p->post_word.load(std::memory_order_acquire) != 0) return WakeReason::kPosted;
  timespec ts;
  timespec* tsp = nullptr;
  if (timeout_us >= 0) {
    ts.tv_sec = timeout_us / 1000000;
    ts.tv_nsec = (timeout_us % 1000000) * 1000;
    tsp = &ts;
  }
  int rc = ppoll(fds, nfds, tsp, &g_wait_mask);
  if (rc > 0) return WakeReason::kReady;
  if (rc == 0) return WakeReason::kTimeout;
  if (p != nullptr && p->post_word.load(std::memory_order_acquire) != 0) return WakeReason::kPosted;
  return WakeReason::kSignal;  // EINTR from another signal (e.g. SIGTERM to the supervisor)
}

const sigset_t* WaitSigmask() { return &g_wait_mask; }

}  // namespace warden::sga
