// The supervisor (see supervisor.h).
#include "proc/supervisor.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "common/parameters.h"
#include "net/backend_session.h"
#include "proc/datadir.h"
#include "proc/ckpt.h"
#include "proc/dedicated_server.h"
#include "proc/instance_recovery.h"
#include "proc/lgwr.h"
#include "proc/mmnl.h"
#include "proc/pmon.h"
#include "proc/restart_budget.h"
#include "proc/smon.h"
#include "proc/spawn.h"
#include "proc/user_catalog.h"
#include "sga/post_wait.h"
#include "diag/short_stack.h"
#include "sga/sga.h"
#include "sql/row_codec.h"
#include "common/fixed_string.h"
#include "storage/redo_log.h"
#include "storage/row_store.h"
#include "storage/shm_heap.h"
#include "storage/user_directory.h"
#include "sql/user_ddl.h"
#include "proc/datadir.h"
#include "txn/transaction.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

volatile sig_atomic_t g_child_exited = 0;
volatile sig_atomic_t g_requested_mode = 0;  // sga::ShutdownMode

void OnSignal(int sig) {
  sga::ShutdownMode m = sga::ShutdownMode::kNone;
  switch (sig) {
    case SIGCHLD:
      g_child_exited = 1;
      return;
    case SIGTERM:
      m = sga::ShutdownMode::kNormal;
      break;
    case SIGUSR1:
      m = sga::ShutdownMode::kTransactional;
      break;
    case SIGINT:
      m = sga::ShutdownMode::kImmediate;
      break;
    case SIGQUIT:
      m = sga::ShutdownMode::kAbort;
      break;
    default:
      return;
  }
  // A later, stronger request upgrades a shutdown already under way.
  if (static_cast<int>(m) > g_requested_mode) g_requested_mode = static_cast<int>(m);
}

void InstallSignalHandlers() {
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGCHLD, SIGTERM, SIGUSR1, SIGINT, SIGQUIT}) sigaction(sig, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  BlockSupervisorSignals();  // delivered only inside waits (sga/post_wait.h)
}

const char* ModeName(sga::ShutdownMode m) {
  switch (m) {
    case sga::ShutdownMode::kNormal:
      return "NORMAL";
    case sga::ShutdownMode::kTransactional:
      return "TRANSACTIONAL";
    case sga::ShutdownMode::kImmediate:
      return "IMMEDIATE";
    case sga::ShutdownMode::kAbort:
      return "ABORT";
    case sga::ShutdownMode::kNone:
      break;
  }
  return "NONE";
}

Status OpenListener(const std::string& address, int port, int* out_fd) {
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
    return Status::Error("listen_address '" + address + "' is not an IPv4 address");
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return Status::FromErrno("cannot create the listening socket", errno);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    int err = errno;
    close(fd);
    if (err == EADDRINUSE) {
      return Status::Error("port " + std::to_string(port) + " on " + address +
                           " is already in use (choose another with -c port=N)");
    }
    return Status::FromErrno("cannot bind " + address + ":" + std::to_string(port), err);
  }
  if (listen(fd, 256) != 0) {
    int err = errno;
    close(fd);
    return Status::FromErrno("cannot listen", err);
  }
  *out_fd = fd;
  return Status::OK();
}

constexpr int64_t kRestartWindowUs = 60'000'000;

// A background process the supervisor keeps running: restarted when it dies, at most 5 times
// a minute (docs/process-model.md, "When a background process dies").
struct BackgroundProc {
  BackgroundProc(const char* n, int (*fn)(), std::atomic<int32_t> sga::SgaHeader::*reg, int err)
      : name(n), main_fn(fn), registered(reg), fatal_error(err) {}
  const char* name;
  int (*main_fn)();
  std::atomic<int32_t> sga::SgaHeader::*registered;  // its slot in the header, or nullptr
  int fatal_error;  // past the budget: the instance ends with this ORA error (0: stays down)
  pid_t pid = -1;
  RestartBudget budget{5, kRestartWindowUs};
  bool restart = false;
};

class Supervisor {
 public:
  Supervisor(std::string datadir, ParameterSet params, UserCatalog users, PidFile pidfile)
      : datadir_(std::move(datadir)),
        params_(std::move(params)),
        users_(std::move(users)),
        pidfile_(pidfile) {}

  // Everything up to "ready to accept". On failure the message says why.
  Status Open(int listen_fd) {
    listen_fd_ = listen_fd;
    Status s = sga::Sga::Create(params_);
    if (!s.ok()) return s;
    // The data area: heap, tables, transaction table (inherited by every forked process).
    storage::HeapInit(sga::Sga::data_area(), sga::Sga::data_size(), sga::Sga::processes());
    storage::RowStoreInit();
    txn::TransactionTableInit(sga::Sga::sessions() + sga::Sga::sessions() / 10 + 8);
    storage::UserDirectoryInit();
    try {
      storage::RedoLogInit(static_cast<uint64_t>(params_.num(kLogBuffer)),
                           static_cast<int32_t>(params_.num(kLogGroups)),
                           static_cast<uint64_t>(params_.num(kLogFileSize)), datadir_ + "/redo");
    } catch (const OraError& e) {
      return Status::Error(e.message() + ": log_buffer (" + params_.text(kLogBuffer) +
                           ") does not fit in sga_size (" + params_.text(kSgaSize) + ")");
    }
    CopyToFixed(storage::RedoLog()->data_file, sizeof storage::RedoLog()->data_file,
                DataFilePath(datadir_));
    CopyToFixed(sga::Sga::header()->param_file, sizeof sga::Sga::header()->param_file,
                ConfPath(datadir_));
    users_.PublishToSga();
    InstallUserCatalogWriter(UsersPath(datadir_), users_);
    sql::RegisterRowCodec();
    sql::SetPasswordVerifierMaker(&MakePasswordVerifier);
    sga::PostWaitInitProcess();
    diag::InstallShortStackHandler();  // every forked process inherits it
    WarmUpThrow();                     // and the unwinder's bindings (ora_error.h)
    wait::InstallLatchWaitHooks();
    int32_t me = sga::ProcessSlotReserve("PSP0", true);
    sga::ProcessSlotSetSpid(me, getpid());
    sga::ProcessSlotAttach(me);
    int32_t sid = sga::SessionSlotClaim(sga::SessionType::kBackground, "", "", "");
    if (sid < 0) return Status::Error("no session slot for the supervisor");
    sga::SetSessionStatus(sga::Sga::session(sid), sga::SessionStatus::kActive);
    // The tables as the last checkpoint and the redo after it leave them (instance recovery).
    s = RecoverInstance(datadir_);
    if (!s.ok()) return s;
    // PMON first: the others' deaths are its to clean up.
    for (BackgroundProc& b : background_) {
      s = StartKept(&b);
      if (!s.ok()) {
        StopAllBackground();
        return s;
      }
    }
    s = pidfile_.Write(getpid(), static_cast<int>(params_.num(kPort)));
    if (!s.ok()) {
      StopAllBackground();
      return s;
    }
    sga::Sga::header()->instance_status.store(static_cast<uint32_t>(sga::InstanceStatus::kOpen));
    AlertLog::Write("Instance " + params_.text(kInstanceName) + " open, listening on " +
                    params_.text(kListenAddress) + ":" + params_.text(kPort) + " (pid " +
                    std::to_string(getpid()) + ")");
    return Status::OK();
  }

  // The accept loop; returns the exit status once the instance has shut down.
  int Serve() {
    // Bounded by the shutdown request: the supervisor lives as long as the instance.
    while (g_requested_mode == 0) {
      ReapChildren();
      RestartDeadBackground();
      if (instance_failed_) return Abort(failure_);
      pollfd pfd = {listen_fd_, POLLIN, 0};
      sga::WakeReason why = wait::WaitFor(wait::kRdbmsIpcMessage, 100, 0, 0, &pfd, 1, 1000000);
      if (why == sga::WakeReason::kReady) AcceptAll();
    }
    return Shutdown(static_cast<sga::ShutdownMode>(g_requested_mode));
  }

 private:
  // Forks a background process into a new slot; -1 if none could be had.
  pid_t StartBackground(const char* pname, int (*main_fn)()) {
    int32_t slot = sga::ProcessSlotReserve(pname, true);
    if (slot < 0) return -1;
    pid_t pid = SpawnProcess(slot, [this, main_fn] {
      close(listen_fd_);
      return main_fn();
    });
    if (pid > 0) sga::Post(sga::Sga::header()->pmon_proc.load());  // PMON: watch it
    return pid;
  }

  // Starts a kept background process; one that registers in the SGA header (PMON, SMON)
  // is waited for, within a bound.
  Status StartKept(BackgroundProc* b) {
    b->pid = StartBackground(b->name, b->main_fn);
    if (b->pid < 0) return Status::FromErrno(std::string("cannot fork ") + b->name, errno);
    if (b->registered == nullptr) return Status::OK();
    std::atomic<int32_t>& slot = sga::Sga::header()->*(b->registered);
    for (int i = 0; i < 500 && slot.load() < 0; ++i) {
      pollfd none = {-1, 0, 0};
      sga::SleepUntilPostedOrReady(&none, 0, 10000);
      ReapChildren();
      if (instance_failed_ || b->pid < 0) {
        return Status::Error(std::string(b->name) + " failed to start (see the alert log)");
      }
    }
    if (slot.load() < 0) return Status::Error(std::string(b->name) + " did not start");
    return Status::OK();
  }

  void AcceptAll() {
    // Bounded per wake-up so signals and shutdowns are seen promptly under a connect storm.
    for (int i = 0; i < 64; ++i) {
      sockaddr_in peer = {};
      socklen_t len = sizeof peer;
      // blocking-ok: the listen socket is non-blocking
      int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
      if (fd < 0) return;  // EAGAIN: nothing more; other errors: the client is gone
      char ip[INET_ADDRSTRLEN] = "?";
      inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
      std::string peer_text = std::string(ip) + ":" + std::to_string(ntohs(peer.sin_port));
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      int32_t slot = sga::ProcessSlotReserve("", false);
      if (slot < 0) {
        net::RefuseConnection(fd, OraError::Make(20, {params_.text(kProcesses)}, Severity::kFatal));
        continue;
      }
      pid_t pid = SpawnProcess(slot, [&] {
        close(listen_fd_);
        return DedicatedServerMain(fd, peer_text, users_);
      });
      close(fd);
      if (pid < 0) {
        sga::ProcessSlotAbandon(slot);  // the slot never got a process
        AlertLog::Write("fork of a dedicated server failed: " + std::string(strerror(errno)));
        continue;
      }
      sga::Post(sga::Sga::header()->pmon_proc.load());  // PMON: watch the new process
    }
  }

  void ReapChildren() {
    g_child_exited = 0;
    for (int i = 0; i < 100000; ++i) {
      int status = 0;
      pid_t pid = waitpid(-1, &status, WNOHANG);  // blocking-ok: WNOHANG
      if (pid <= 0) return;
      for (BackgroundProc& b : background_) {
        if (pid != b.pid) continue;
        b.pid = -1;
        if (b.registered != nullptr) (sga::Sga::header()->*(b.registered)).store(-1);
        if (!stopping_background_) BackgroundDied(&b, pid);
      }
    }
  }

  // The policy for a background process that died (docs/process-model.md): restart it,
  // within its budget (RestartDeadBackground does, outside ReapChildren); past the budget a
  // vital one ends the instance, MMNL stays down.
  void BackgroundDied(BackgroundProc* b, pid_t pid) {
    b->restart = b->budget.Allow(MonotonicMicros());
    std::string line = std::string(b->name) + " (ospid: " + std::to_string(pid) +
                       ") terminated unexpectedly";
    if (b->restart) {
      line += "; restarting it (" + std::to_string(b->budget.RecentRestarts(MonotonicMicros())) +
              " restarts in the last " + std::to_string(kRestartWindowUs / 1000000) + " s)";
    } else if (b->fatal_error != 0) {
      line += " too often; terminating the instance due to error " + std::to_string(b->fatal_error);
      instance_failed_ = true;
      failure_ = OraError::Make(b->fatal_error, {}).message();
    } else {
      line += " too often; not restarted";
    }
    AlertLog::Write(line);
  }

  // Restarts what ReapChildren found dead. A new PMON takes over the clean-up its
  // predecessor left unfinished (pmon.cc), a new SMON the recovery (smon.cc); MMNL simply
  // resumes sampling.
  void RestartDeadBackground() {
    for (BackgroundProc& b : background_) {
      if (!b.restart || instance_failed_) continue;
      b.restart = false;
      Status s = StartKept(&b);
      if (s.ok()) continue;
      AlertLog::Write(std::string(b.name) + " restart failed: " + s.message());
      if (b.fatal_error != 0) {
        instance_failed_ = true;
        failure_ = OraError::Make(b.fatal_error, {}).message();
      }
    }
  }

  // Stops the kept background processes, the last started first (PMON last).
  void StopAllBackground() {
    for (size_t i = std::size(background_); i-- > 0;) StopBackground(&background_[i].pid);
  }

  int CountUserProcesses() const {
    int n = 0;
    for (int32_t i = 1; i < sga::Sga::processes(); ++i) {
      sga::ProcessSlot* p = sga::Sga::process(i);
      if (p->state.load() != static_cast<uint32_t>(sga::ProcState::kFree) && !p->background) ++n;
    }
    return n;
  }

  void SignalUserProcesses(int sig) {
    for (int32_t i = 1; i < sga::Sga::processes(); ++i) {
      sga::ProcessSlot* p = sga::Sga::process(i);
      pid_t pid = p->spid.load();
      if (p->state.load() != static_cast<uint32_t>(sga::ProcState::kFree) && !p->background &&
          pid > 0) {
        kill(pid, sig);
      }
    }
  }

  template <typename Fn>
  static void ForEachUserSession(Fn fn) {
    for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
      sga::SessionSlot* s = sga::Sga::session(i);
      if (s->in_use.load() != 0 && s->type == static_cast<uint8_t>(sga::SessionType::kUser)) fn(s);
    }
  }

  void InterruptUserSessions() {
    ForEachUserSession([](sga::SessionSlot* s) {
      s->interrupts.fetch_or(sga::kInterruptShutdown);
      sga::Post(s->owner_proc.load());
    });
  }

  // SHUTDOWN TRANSACTIONAL: every session ends as soon as it has no transaction open (at
  // once if it has none), as DISCONNECT SESSION ... POST_TRANSACTION (the same handshake on
  // txn_index: one side always sees the other).
  void DisconnectAfterTransactions() {
    ForEachUserSession([](sga::SessionSlot* s) {
      s->interrupts.fetch_or(sga::kInterruptDisconnectAfterTransaction);
      if (s->txn_index.load() < 0) {
        s->interrupts.fetch_or(sga::kInterruptDisconnect);
        sga::Post(s->owner_proc.load());
      }
    });
  }

  // Waits up to timeout_us for the user processes to be gone; false on time-out or when a
  // stronger shutdown was requested meanwhile.
  bool WaitForUserProcesses(sga::ShutdownMode mode, int64_t timeout_us) {
    const int64_t deadline = timeout_us < 0 ? INT64_MAX : MonotonicMicros() + timeout_us;
    while (CountUserProcesses() > 0 && MonotonicMicros() < deadline) {
      ReapChildren();
      RestartDeadBackground();
      if (g_requested_mode > static_cast<int>(mode)) return false;
      if (instance_failed_) return false;
      pollfd none = {-1, 0, 0};
      wait::WaitFor(wait::kRdbmsIpcMessage, 10, 0, 0, &none, 0, 100000);
    }
    return CountUserProcesses() == 0;
  }

  int Shutdown(sga::ShutdownMode mode) {
    AlertLog::Write(std::string("Shutting down instance (") + ModeName(mode) + ")");
    sga::SgaHeader* h = sga::Sga::header();
    h->shutdown_mode.store(static_cast<uint32_t>(mode));
    h->instance_status.store(static_cast<uint32_t>(sga::InstanceStatus::kShuttingDown));
    close(listen_fd_);
    listen_fd_ = -1;
    if (mode == sga::ShutdownMode::kAbort) return Abort("shutdown abort");
    if (mode == sga::ShutdownMode::kTransactional) DisconnectAfterTransactions();
    if (mode == sga::ShutdownMode::kNormal || mode == sga::ShutdownMode::kTransactional) {
      if (!WaitForUserProcesses(mode, -1)) {
        if (instance_failed_) return Abort(failure_ + " during shutdown");
        mode = static_cast<sga::ShutdownMode>(g_requested_mode);
        if (mode == sga::ShutdownMode::kAbort) return Abort("shutdown abort");
        AlertLog::Write(std::string("Shutdown upgraded to ") + ModeName(mode));
      }
    }
    if (mode == sga::ShutdownMode::kImmediate) {
      InterruptUserSessions();
      if (!WaitForUserProcesses(mode, 30000000)) {
        if (g_requested_mode == static_cast<int>(sga::ShutdownMode::kAbort)) {
          return Abort("shutdown abort");
        }
        // Sessions that ignored the interrupt for 30 s are ended from outside; PMON
        // cleans up after them like after any dead process.
        AlertLog::Write("Shutdown immediate: ending sessions that did not stop in 30 s");
        SignalUserProcesses(SIGKILL);
        WaitForUserProcesses(mode, 10000000);
      }
    }
    FinalCheckpoint();
    StopAllBackground();
    pidfile_.Remove();
    AlertLog::Write("Instance shutdown complete (" + std::string(ModeName(mode)) + ")");
    return 0;
  }

  // A clean shutdown ends with a checkpoint, so the next start replays nothing. Bounded: a
  // checkpoint that does not finish in time only makes the next start replay more.
  void FinalCheckpoint() {
    storage::RedoLogState* log = storage::RedoLog();
    const uint64_t want = log->checkpoint_requests.fetch_add(1) + 1;
    sga::Post(sga::Sga::header()->ckpt_proc.load());
    const int64_t deadline = MonotonicMicros() + 120000000;
    while (log->checkpoints_done.load() < want && MonotonicMicros() < deadline) {
      ReapChildren();
      RestartDeadBackground();
      if (instance_failed_ || g_requested_mode == static_cast<int>(sga::ShutdownMode::kAbort)) return;
      pollfd none = {-1, 0, 0};
      wait::WaitFor(wait::kCheckpointCompleted, 0, 0, 0, &none, 0, 100000);
    }
  }

  // SIGTERM, then up to 10 s for the process to exit, then SIGKILL.
  void StopBackground(pid_t* pid) {
    if (*pid <= 0) return;
    stopping_background_ = true;
    kill(*pid, SIGTERM);
    for (int i = 0; i < 1000 && *pid > 0; ++i) {  // up to 10 s
      ReapChildren();
      if (*pid <= 0) break;
      pollfd none = {-1, 0, 0};
      sga::SleepUntilPostedOrReady(&none, 0, 10000);
    }
    if (*pid > 0) {
      kill(*pid, SIGKILL);
      waitpid(*pid, nullptr, 0);  // blocking-ok: just SIGKILLed
      *pid = -1;
    }
  }

  int Abort(const std::string& why) {
    AlertLog::Write("Instance terminated: " + why);
    for (int32_t i = 1; i < sga::Sga::processes(); ++i) {
      sga::ProcessSlot* p = sga::Sga::process(i);
      pid_t pid = p->spid.load();
      if (pid > 0 && pid != getpid() &&
          p->state.load() != static_cast<uint32_t>(sga::ProcState::kFree)) {
        kill(pid, SIGKILL);
      }
    }
    for (const BackgroundProc& b : background_) {
      if (b.pid > 0) kill(b.pid, SIGKILL);
    }
    // Reap what we can within a bounded time; the kernel finishes the rest.
    for (int i = 0; i < 200; ++i) {
      if (waitpid(-1, nullptr, WNOHANG) < 0 && errno == ECHILD) break;  // blocking-ok: WNOHANG
      usleep(5000);  // blocking-ok: abort, the instance is going away
    }
    pidfile_.Remove();
    return instance_failed_ ? 1 : 0;
  }

  std::string datadir_;
  ParameterSet params_;
  UserCatalog users_;
  PidFile pidfile_;
  int listen_fd_ = -1;
  // The background processes the supervisor keeps running, in start order.
  BackgroundProc background_[5] = {
      {"PMON", PmonMain, &sga::SgaHeader::pmon_proc, 472},
      {"LGWR", LgwrMain, &sga::SgaHeader::lgwr_proc, 470},
      {"CKPT", CkptMain, &sga::SgaHeader::ckpt_proc, 469},
      {"SMON", SmonMain, &sga::SgaHeader::smon_proc, 474},
      {"MMNL", MmnlMain, nullptr, 0},
  };
  std::string failure_;  // why the instance failed (the alert log's last line)
  bool stopping_background_ = false;

  bool instance_failed_ = false;
};

}  // namespace

int RunStart(const StartOptions& options) {
  auto fail = [](const std::string& msg) {
    std::cerr << "wardend: " << msg << "\n";
    return 1;
  };
  // Before any fork: every process of the instance reads the same calibrated clock.
  InitMonotonicClock();
  Status s = CheckDataDir(options.datadir);
  if (!s.ok()) return fail(s.message());
  ParameterSet params;
  s = params.LoadFile(ConfPath(options.datadir));
  for (const std::string& o : options.overrides) {
    if (!s.ok()) break;
    s = params.SetFromArg(o);
  }
  if (s.ok()) s = params.Finalize();
  if (!s.ok()) return fail(s.message() + "\nORA-01078: failure in processing system parameters");
  UserCatalog users;
  s = users.Load(UsersPath(options.datadir));
  if (!s.ok()) return fail(s.message());
  PidFile pidfile;
  s = PidFile::Acquire(options.datadir, &pidfile);
  if (!s.ok()) return fail(s.message());
  int listen_fd = -1;
  s = OpenListener(params.text(kListenAddress), static_cast<int>(params.num(kPort)), &listen_fd);
  if (!s.ok()) {
    pidfile.Remove();
    return fail(s.message());
  }

  // --daemon: the parent waits for the child to report "ready" (or why not) through a pipe.
  int ready_pipe[2] = {-1, -1};
  if (options.daemon) {
    if (pipe2(ready_pipe, O_CLOEXEC) != 0) return fail("pipe: " + std::string(strerror(errno)));
    pid_t pid = fork();
    if (pid < 0) return fail("fork: " + std::string(strerror(errno)));
    if (pid > 0) {
      close(ready_pipe[1]);
      std::string msg;
      char buf[512];
      // The report is one line. Read up to its newline, not to EOF: the instance's own
      // children inherit the pipe's write end and keep it open.
      for (int i = 0; i < 1000 && msg.find('\n') == std::string::npos; ++i) {
        ssize_t n = read(ready_pipe[0], buf, sizeof buf);  // blocking-ok: the launcher
        if (n <= 0) break;
        msg.append(buf, static_cast<size_t>(n));
      }
      if (!msg.empty() && msg.back() == '\n') msg.pop_back();
      if (msg.rfind("OK", 0) == 0) {
        std::cout << "wardend: instance started (pid " << msg.substr(3) << "), listening on "
                  << params.text(kListenAddress) << ":" << params.text(kPort) << "\n";
        return 0;
      }
      return fail(msg.empty() ? "instance failed to start (see the alert log)" : msg);
    }
    close(ready_pipe[0]);
    setsid();
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
    dup2(devnull, STDERR_FILENO);
    if (devnull > STDERR_FILENO) close(devnull);
  }
  AlertLog::Open(options.datadir, /*echo_to_stderr=*/!options.daemon);
  AlertLog::Write("Starting Warden instance " + params.text(kInstanceName) + " (pid " +
                  std::to_string(getpid()) + ")");
  InstallSignalHandlers();
  Supervisor sup(options.datadir, params, users, pidfile);
  s = sup.Open(listen_fd);
  auto report = [&](const std::string& text) {
    if (ready_pipe[1] >= 0) {
      std::string line = text + "\n";
      ssize_t n = write(ready_pipe[1], line.data(), line.size());
      (void)n;
      close(ready_pipe[1]);
      ready_pipe[1] = -1;
    }
  };
  if (!s.ok()) {
    AlertLog::Write("Instance startup failed: " + s.message());
    report(s.message());
    pidfile.Remove();
    return options.daemon ? 1 : fail(s.message());
  }
  report("OK " + std::to_string(getpid()));
  return sup.Serve();
}

}  // namespace warden::proc
