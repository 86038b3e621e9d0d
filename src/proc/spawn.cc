// Process spawning (see spawn.h).
#include "proc/spawn.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "sga/post_wait.h"
#include "sga/process_array.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {
constexpr int kSupervisorSignals[] = {SIGTERM, SIGUSR1, SIGINT, SIGQUIT, SIGCHLD, SIGHUP};
}  // namespace

void BlockSupervisorSignals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kSupervisorSignals) sigaddset(&set, sig);
  sigprocmask(SIG_BLOCK, &set, nullptr);
}

pid_t SpawnProcess(int32_t slot, const std::function<int()>& child_main) {
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) {
    if (pid > 0) sga::ProcessSlotSetSpid(slot, pid);
    return pid;
  }
  // Child. Default dispositions for what the supervisor handled, all open but SIGUSR2.
  for (int sig : kSupervisorSignals) signal(sig, SIG_DFL);
  signal(SIGPIPE, SIG_IGN);
  sigset_t set;
  sigemptyset(&set);
  sigprocmask(SIG_SETMASK, &set, nullptr);
  sga::PostWaitInitProcess();
  // A process that outlives its supervisor would hold the SGA and the data directory's lock.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(1);
  sga::ProcessSlotAttach(slot);
  wait::InstallLatchWaitHooks();
  int rc = child_main();
  _exit(rc);
}

}  // namespace warden::proc
