// Recovery slaves (see recovery_slave.h).
#include "proc/recovery_slave.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "proc/background.h"
#include "proc/spawn.h"
#include "sga/process_array.h"
#include "sga/sga.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

// A slave's whole life: its segment of the undo chain, then exit.
int SlaveMain(txn::TxnEntry* e, uint32_t part, txn::UndoRecord* from, txn::UndoRecord* to,
              const char* pname) {
  const int32_t sid = BeginBackgroundProcess(pname);
  if (sid < 0) return 1;
  txn::RecoveryServer* me = txn::RecoveryServerAt(part);
  me->bytes_done.store(0);
  me->xid.store(txn::MakeXid(e->index, e->sqn.load()));
  me->recovering.store(1);
  me->proc.store(sga::MyProcessIndex());
  int rc = 0;
  try {
    txn::ApplyRecoverySegment(e, from, to, me);
  } catch (const OraError& err) {
    AlertLog::Write(std::string(pname) + ": " + err.message() + " (SMON applies the rest)");
    rc = 1;
  }
  me->recovering.store(0);
  sga::Post(sga::Sga::header()->smon_proc.load());
  EndBackgroundProcess(sid);
  return rc;
}

// Forks one slave per segment of the chain (at most n); returns their pids (fewer if slots
// or forks ran out: what a missing slave would have done is left to SMON's final pass).
std::vector<pid_t> StartSlaves(txn::TxnEntry* e, uint32_t n) {
  std::vector<pid_t> pids;
  const std::vector<txn::UndoRecord*> starts = txn::RecoverySegments(e, n);
  for (uint32_t k = 0; k < starts.size(); ++k) {
    txn::UndoRecord* from = starts[k];
    txn::UndoRecord* to = k + 1 < starts.size() ? starts[k + 1] : nullptr;
    const std::string pname = "P00" + std::to_string(k);  // k < kMaxRecoveryServers (8)
    const int32_t slot = sga::ProcessSlotReserve(pname.c_str(), true);
    if (slot < 0) break;
    const pid_t pid =
        SpawnProcess(slot, [e, k, from, to, pname] { return SlaveMain(e, k, from, to, pname.c_str()); });
    if (pid < 0) {
      sga::ProcessSlotAbandon(slot);
      break;
    }
    pids.push_back(pid);
    sga::Post(sga::Sga::header()->pmon_proc.load());  // PMON: watch it
  }
  return pids;
}

}  // namespace

uint32_t RecoveryDegree() {
  const int64_t mode = sga::Sga::param(kFastStartParallelRollback)->num;  // FALSE, LOW, HIGH
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  const uint64_t n = mode == 0 ? 0 : uint64_t(cpus > 0 ? cpus : 1) * (mode == 1 ? 2 : 4);
  return static_cast<uint32_t>(std::min<uint64_t>(n, txn::kMaxRecoveryServers));
}

bool RecoverWithSlaves(txn::TxnEntry* e) {
  bool stopped = false;
  // Each round runs the slaves to the end, or until the degree changes (then a new round
  // with the new degree: what the old slaves applied stays applied). Bounded: a round ends
  // only early for a parameter change, and at most 100 rounds are taken.
  for (int round = 0; round < 100 && !stopped; ++round) {
    const uint32_t degree = RecoveryDegree();
    if (degree == 0) break;
    txn::SetRecoveryPartitions(e, txn::kMaxRecoveryServers);  // row latches, not slaves
    e->recovery_stop.store(0);
    std::vector<pid_t> pids = StartSlaves(e, degree);
    e->recovery_servers.store(static_cast<uint32_t>(pids.size()));
    AlertLog::Write("SMON: parallel rollback with " + std::to_string(pids.size()) +
                    " recovery slaves (fast_start_parallel_rollback = " +
                    sga::ParamText(sga::Sga::param(kFastStartParallelRollback)) + ")");
    bool changed = false;
    bool slave_failed = false;  // one died or failed: its last counts may be unpublished
    // Until every slave has exited; bounded by the slaves' work (each wait is 20 ms).
    for (size_t alive = pids.size(); alive > 0;) {
      try {
        wait::WaitFor(wait::kWaitForStopperEvent, 0, 0, 0, nullptr, 0, 20000);
      } catch (const OraError&) {
      }
      if (!changed && (RecoveryDegree() != degree || BackgroundStopRequested())) {
        changed = true;
        stopped = BackgroundStopRequested();
        e->recovery_stop.store(1);  // the slaves stop at their next batch
      }
      for (pid_t& pid : pids) {
        int status = 0;
        if (pid > 0 && waitpid(pid, &status, WNOHANG) == pid) {  // blocking-ok: WNOHANG
          if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            slave_failed = true;
            AlertLog::Write("SMON: recovery slave (ospid " + std::to_string(pid) + ") " +
                            (WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                                 : "failed") +
                            "; SMON applies what it left");
          }
          pid = -1;
          --alive;
        }
      }
    }
    if (slave_failed) txn::RecountUndo(e);
    for (uint32_t k = 0; k < txn::kMaxRecoveryServers; ++k) txn::RecoveryServerAt(k)->proc.store(-1);
    e->recovery_servers.store(0);
    if (!changed) break;
    if (!stopped) {
      AlertLog::Write("SMON: fast_start_parallel_rollback changed to " +
                      sga::ParamText(sga::Sga::param(kFastStartParallelRollback)) +
                      "; restarting the recovery");
    }
  }
  txn::SetRecoveryPartitions(e, 1);  // SMON alone from here: the unlink pass, the rest
  return !stopped;
}

}  // namespace warden::proc
