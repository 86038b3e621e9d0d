// PMON (see pmon.h).
#include "proc/pmon.h"

#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <string>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "proc/background.h"
#include "proc/kill_escalation.h"
#include "sga/sga.h"
#include "storage/shm_heap.h"
#include "txn/enqueue.h"
#include "txn/transaction.h"
#include "wait/interrupts.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

// blocking-ok: pidfd_open does not block
int PidfdOpen(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

struct Watch {
  int32_t slot;
  uint32_t serial;
  pid_t pid;
};

class Monitor {
 public:
  Monitor() : epfd_(epoll_create1(EPOLL_CLOEXEC)) {}
  ~Monitor() {
    for (auto& [fd, w] : watches_) close(fd);
    close(epfd_);
  }
  int epoll_fd() const { return epfd_; }

  // Starts watching every process slot that has an OS pid and is not watched yet.
  void WatchNewProcesses() {
    for (int32_t i = 1; i < sga::Sga::processes(); ++i) {
      sga::ProcessSlot* s = sga::Sga::process(i);
      uint32_t st = s->state.load(std::memory_order_acquire);
      if (st == static_cast<uint32_t>(sga::ProcState::kDead) && i != sga::MyProcessIndex()) {
        // Marked dead but never freed: the PMON that was cleaning it died (this PMON finishes
        // every clean-up it starts). Its state objects say what is left; each step repeats
        // safely.
        AlertLog::Write("PMON: resuming the clean-up of process PID " + std::to_string(i + 1) +
                        " left unfinished by the previous PMON");
        CleanupDeadProcess(i, s->serial.load());
        continue;
      }
      if (st != static_cast<uint32_t>(sga::ProcState::kReserved) &&
          st != static_cast<uint32_t>(sga::ProcState::kActive)) {
        continue;
      }
      pid_t pid = s->spid.load();
      uint32_t serial = s->serial.load();
      if (pid <= 0 || i == sga::MyProcessIndex() || IsWatched(i, serial)) continue;
      int fd = PidfdOpen(pid);
      if (fd < 0) {
        // Already gone (and reaped): clean up now.
        if (errno == ESRCH) CleanupDeadProcess(i, serial);
        continue;
      }
      epoll_event ev = {};
      ev.events = EPOLLIN;
      ev.data.fd = fd;
      epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev);
      watches_[fd] = Watch{i, serial, pid};
    }
  }

  // Handles every pidfd that reports its process's exit.
  void ReapEvents() {
    epoll_event evs[64];
    int n = epoll_wait(epfd_, evs, 64, 0);  // blocking-ok: timeout 0
    for (int k = 0; k < n; ++k) {
      int fd = evs[k].data.fd;
      auto it = watches_.find(fd);
      if (it == watches_.end()) continue;
      Watch w = it->second;
      epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
      close(fd);
      watches_.erase(it);
      CleanupDeadProcess(w.slot, w.serial);
    }
  }

  // The periodic sweep: drops watches of slots that were freed or reused (a clean exit), so
  // the map cannot grow without bound.
  void Sweep() {
    for (auto it = watches_.begin(); it != watches_.end();) {
      sga::ProcessSlot* s = sga::Sga::process(it->second.slot);
      bool stale = s->serial.load() != it->second.serial ||
                   s->state.load() == static_cast<uint32_t>(sga::ProcState::kFree);
      if (stale) {
        epoll_ctl(epfd_, EPOLL_CTL_DEL, it->first, nullptr);
        close(it->first);
        it = watches_.erase(it);
      } else {
        ++it;
      }
    }
  }

 private:
  bool IsWatched(int32_t slot, uint32_t serial) const {
    for (const auto& [fd, w] : watches_) {
      if (w.slot == slot && w.serial == serial) return true;
    }
    return false;
  }

  int epfd_;
  std::map<int, Watch> watches_;
};

}  // namespace

namespace {

// PMON's entry in the clean-up log (sga/dead_cleanup.h) for the clean-up it is doing.
sga::DeadCleanupEntry* BeginCleanupRecord(int32_t index, const sga::ProcessSlot* p) {
  sga::DeadCleanupLog& log = sga::Sga::header()->dead_cleanup;
  const uint64_t seq = log.next_seq.fetch_add(1) + 1;
  sga::DeadCleanupEntry* e = &log.entries[seq % sga::kDeadCleanupRing];
  e->seq.store(0, std::memory_order_release);  // readers skip it while it is rewritten
  const int32_t sess = p->session.load();
  e->pid.store(index + 1);
  e->spid.store(p->spid.load());
  e->sid.store(sess >= 0 ? sess + 1 : 0);
  e->serial.store(sess >= 0 ? sga::Sga::session(sess)->serial.load() : 0);
  e->cause.store(p->death_cause.load());
  e->step.store(uint8_t(sga::CleanupStep::kLatches));
  e->start_wall_us.store(WallMicros());
  e->start_us.store(MonotonicMicros());
  e->end_us.store(0);
  e->latches_recovered.store(0);
  e->undo_applied.store(0);
  e->handed_to_smon.store(0);
  e->enqueues_released.store(0);
  e->seq.store(seq, std::memory_order_release);
  return e;
}

}  // namespace

// Rolls back the dead process's transaction if the entry is still its own (state_object.h
// invariant 4): same sequence number and not free. The owner is not compared: a previous
// PMON that died mid-rollback made itself the owner, and this clean-up takes over from it.
// PMON applies at most _cleanup_rollback_entries undo records (Oracle's rule) and hands the
// rest to SMON, so one large transaction never holds up the clean-up of the others; its
// enqueues are released right after, and a session that needs one of its rows rolls that
// row back itself. Returns the alert-log line.
std::string CleanupDeadTransaction(uint32_t entry, uint32_t sqn, sga::DeadCleanupEntry* rec) {
  if (entry >= uint32_t(txn::TransactionTableSize())) return "";
  txn::TxnEntry* e = txn::TxnAt(entry);
  if (e->sqn.load() != sqn || e->state.load() == uint32_t(txn::TxnState::kFree)) return "";
  if (e->recovery.load() != uint32_t(txn::RecoveryState::kNone)) return "";  // SMON's already
  const txn::Xid xid = txn::MakeXid(entry, sqn);
  const std::string name = std::to_string(txn::XidUsn(xid)) + "." +
                           std::to_string(txn::XidSlot(xid)) + "." + std::to_string(txn::XidSqn(xid));
  const uint64_t records = e->used_urec.load();
  e->owner_proc.store(sga::MyProcessIndex());
  const auto limit = static_cast<uint64_t>(sga::Sga::param(kCleanupRollbackEntries)->num);
  uint64_t applied = 0;
  const txn::DeadTxnOutcome outcome = txn::RollbackDeadTransaction(e, limit, &applied);
  rec->undo_applied.fetch_add(applied);
  if (outcome == txn::DeadTxnOutcome::kCommitFinished) {
    return "\n  transaction " + name + " had passed its commit point: commit finished";
  }
  if (outcome == txn::DeadTxnOutcome::kRolledBack) {
    return "\n  transaction " + name + " rolled back (" + std::to_string(applied) + " of " +
           std::to_string(records) + " undo records applied)";
  }
  txn::HandOffDeadTransaction(e);
  rec->handed_to_smon.store(1);
  sga::Post(sga::Sga::header()->smon_proc.load());
  return "\n  transaction " + name + ": " + std::to_string(applied) + " of " +
         std::to_string(records) + " undo records applied, the rest handed to SMON";
}

bool CleanupDeadProcess(int32_t index, uint32_t serial) {
  if (!sga::ProcessSlotMarkDead(index, serial)) return false;
  sga::ProcessSlot* p = sga::Sga::process(index);
  std::string log = "PMON: cleaning up dead process PID " + std::to_string(index + 1) + " (ospid " +
                    std::to_string(p->spid.load()) + ")";
  sga::DeadCleanupEntry* rec = BeginCleanupRecord(index, p);
  if (p->death_cause.load() == uint8_t(sga::DeathCause::kKillEscalated)) {
    log += ", ended by PMON: marked for kill and not gone within kill_escalation_timeout";
  } else if (p->death_cause.load() == uint8_t(sga::DeathCause::kKillForce)) {
    log += ", ended by ALTER SYSTEM KILL SESSION ... FORCE";
  }
  // Child before parent: latches first, then a recovery slave's undo record in hand (while
  // the dead process's epoch still keeps what it retired from being freed and reused), then
  // its epoch, then the transaction (rolled back), then its enqueues (waking the waiters only
  // once the rows are restored), then the session.
  // Each pass's step as V$DEAD_CLEANUP.STEP shows it (the undo in hand is part of the
  // TRANSACTION step).
  struct Pass {
    sga::StateObjectType type;
    sga::CleanupStep step;
  };
  constexpr Pass kPasses[] = {
      {sga::StateObjectType::kLatch, sga::CleanupStep::kLatches},
      {sga::StateObjectType::kUndoInHand, sga::CleanupStep::kTransaction},
      {sga::StateObjectType::kTransaction, sga::CleanupStep::kTransaction},
      {sga::StateObjectType::kEnqueues, sga::CleanupStep::kEnqueues},
      {sga::StateObjectType::kSession, sga::CleanupStep::kSession},
  };
  for (const Pass& pass : kPasses) {
    const sga::StateObjectType type = pass.type;
    if (type == sga::StateObjectType::kTransaction) storage::HeapClearEpochOf(index);
    rec->step.store(uint8_t(pass.step));
    for (sga::StateObject& so : p->state_objects) {
      if (so.type.load(std::memory_order_acquire) != static_cast<uint8_t>(type)) continue;
      // One failing step (an internal error) is logged and the others still run: PMON must
      // outlive whatever it cleans up after.
      try {
        if (type == sga::StateObjectType::kLatch) {
          auto id = static_cast<sga::LatchId>(so.ref);
          if (id < sga::kLatchCount && sga::LatchRecoverFromDeadHolder(sga::Sga::latch(id), index)) {
            rec->latches_recovered.fetch_add(1);
            log += std::string("\n  latch '") + sga::GetLatchInfo(id).name + "' recovered";
          }
        } else if (type == sga::StateObjectType::kUndoInHand) {
          txn::RecoverySlaveCleanupDead(static_cast<int32_t>(so.ref));
        } else if (type == sga::StateObjectType::kTransaction) {
          log += CleanupDeadTransaction(so.ref, so.ref_serial, rec);
        } else if (type == sga::StateObjectType::kEnqueues) {
          if (int n = txn::EnqueueCleanupDeadProcess(index, serial); n > 0) {
            rec->enqueues_released.fetch_add(static_cast<uint32_t>(n));
            log += "\n  " + std::to_string(n) + " enqueue locks released";
          }
        } else if (sga::SessionSlotFreeForDead(static_cast<int32_t>(so.ref), index, serial)) {
          log += "\n  session SID " + std::to_string(so.ref + 1) + " SERIAL# " +
                 std::to_string(so.ref_serial) + " freed";
        }
      } catch (const OraError& e) {
        log += "\n  clean-up step failed: " + e.message();
      }
      so.type.store(0, std::memory_order_release);
    }
  }
  sga::ProcessSlotFreeDead(index);
  log += "\n  process slot freed";
  rec->step.store(uint8_t(sga::CleanupStep::kDone));
  rec->end_us.store(MonotonicMicros());
  AlertLog::Write(log);
  // SMON looks for work: a transaction handed over, or one whose recoverer just died.
  sga::Post(sga::Sga::header()->smon_proc.load());
  return true;
}

int PmonMain() {
  int32_t sid = BeginBackgroundProcess("PMON");
  if (sid < 0) return 1;
  sga::Sga::header()->pmon_proc.store(sga::MyProcessIndex());
  const int64_t interval_us = sga::Sga::param(kPmonInterval)->num * 1000000;

  Monitor monitor;
  int64_t last_sweep = MonotonicMicros();
  // Bounded by the stop flag: PMON lives as long as the instance.
  while (!BackgroundStopRequested()) {
    monitor.WatchNewProcesses();
    monitor.ReapEvents();
    // Sleep until the next sweep or the next kill escalation deadline, whichever is first.
    const int64_t sleep_us = std::min(interval_us, EscalateOverdueKills());
    pollfd pfd = {monitor.epoll_fd(), POLLIN, 0};
    bool posted = false;
    try {
      // 'pmon timer' P1 = duration the wait may last, in centiseconds as Oracle's.
      posted = BackgroundIdleWait(wait::kPmonTimer, static_cast<uint64_t>(sleep_us / 10000),
                                  sleep_us, &pfd, 1) == sga::WakeReason::kPosted;
    } catch (const OraError& e) {
      AlertLog::Write("PMON: " + e.message());
    }
    // A post (ORADEBUG WAKEUP, a kill) asks for a sweep now rather than at the next interval.
    if (posted || MonotonicMicros() - last_sweep >= interval_us) {
      monitor.Sweep();
      last_sweep = MonotonicMicros();
    }
  }
  EndBackgroundProcess(sid);
  return 0;
}

}  // namespace warden::proc
