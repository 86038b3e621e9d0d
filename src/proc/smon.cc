// SMON (see smon.h).
#include "proc/smon.h"

#include <cstdio>
#include <string>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "proc/background.h"
#include "proc/recovery_slave.h"
#include "sga/sga.h"
#include "txn/transaction.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

// 'smon timer' P1: the sleep time in seconds, as Oracle's (300).
constexpr int64_t kSmonSleepSeconds = 300;
// Below this many undo records SMON rolls back alone: slaves would cost more than they save.
constexpr uint64_t kParallelMinRecords = 10000;

std::string XidText(txn::Xid xid) {
  return std::to_string(txn::XidUsn(xid)) + "." + std::to_string(txn::XidSlot(xid)) + "." +
         std::to_string(txn::XidSqn(xid));
}

}  // namespace

int RecoverDeadTransactions() {
  int done = 0;
  // Bounded by the transaction table: each claim takes one entry out of the to-do set.
  for (int i = 0; i < txn::TransactionTableSize() && !BackgroundStopRequested(); ++i) {
    txn::TxnEntry* e = txn::ClaimTransactionToRecover(sga::MyProcessIndex());
    if (e == nullptr) break;
    const txn::Xid xid = txn::MakeXid(e->index, e->sqn.load());
    const uint64_t records = e->used_urec.load();
    const uint64_t blocks = e->recovery_total_ublk.load();
    AlertLog::Write("SMON: rolling back dead transaction " + XidText(xid) + " (" +
                    std::to_string(records) + " undo records, " + std::to_string(blocks) +
                    " undo blocks)");
    const int64_t t0 = MonotonicMicros();
    try {
      // A large one in parallel (fast_start_parallel_rollback), then SMON unlinks its undo
      // and applies whatever is left.
      if (records >= kParallelMinRecords && RecoveryDegree() > 0 && !RecoverWithSlaves(e)) break;
      uint64_t applied = 0;
      if (!txn::RecoverDeadTransaction(e, &BackgroundStopRequested, &applied)) {
        // Stopped for a shutdown: left RECOVERING; the next start recovers it from the redo.
        AlertLog::Write("SMON: rollback of " + XidText(xid) + " stopped for shutdown after " +
                        std::to_string(applied) + " undo records");
        break;
      }
      char secs[32];
      std::snprintf(secs, sizeof secs, "%.3f", double(MonotonicMicros() - t0) / 1e6);
      AlertLog::Write("SMON: dead transaction " + XidText(xid) + " rolled back (" +
                      std::to_string(applied) + " undo records applied in " + secs + " s, " +
                      std::to_string(e->rows_on_demand.load()) +
                      " rows rolled back on demand by sessions that needed them)");
      ++done;
    } catch (const OraError& err) {
      // Left RECOVERING with this SMON as recoverer: a restarted SMON takes it over.
      AlertLog::Write("SMON: rollback of " + XidText(xid) + " failed: " + err.message());
      break;
    }
  }
  return done;
}

int SmonMain() {
  int32_t sid = BeginBackgroundProcess("SMON");
  if (sid < 0) return 1;
  sga::Sga::header()->smon_proc.store(sga::MyProcessIndex());
  // Bounded by the stop flag: SMON lives as long as the instance.
  while (!BackgroundStopRequested()) {
    RecoverDeadTransactions();
    try {
      BackgroundIdleWait(wait::kSmonTimer, kSmonSleepSeconds, kSmonSleepSeconds * 1000000);
    } catch (const OraError& e) {
      AlertLog::Write("SMON: " + e.message());
    }
  }
  EndBackgroundProcess(sid);
  return 0;
}

}  // namespace warden::proc
