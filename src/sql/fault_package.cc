// The DBMS_FAULT package (see fault_package.h).
#include "sql/fault_package.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/latch.h"
#include "sga/sga.h"
#include "sga/state_object.h"
#include "storage/redo_log.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

constexpr int64_t kMaxFaultSeconds = 3600;

[[noreturn]] void WrongArguments(const ProcedureCall& call, const char* name) {
  OraError e = OraError::Make(
      6550, {"1", std::to_string(call.position),
             std::string("PLS-00306: wrong number or types of arguments in call to '") + name +
                 "'"});
  e.set_position(call.position);
  throw e;
}

// The duration argument in microseconds (ORA-38148 outside 0..3600 s).
int64_t DurationUs(const Value& v) {
  const Number seconds = ToNumber(v);
  if (seconds.sign() < 0 || Number::Compare(seconds, Number::FromInt64(kMaxFaultSeconds)) > 0) {
    throw OraError::Make(38148);
  }
  return Number::Multiply(seconds, Number::FromInt64(1000000)).Trunc(0).ToInt64Saturating();
}

void Block(int64_t us) {
  const int64_t deadline = MonotonicMicros() + us;
  // Posts (SIGUSR2) interrupt nanosleep; it goes back to sleep: a process stuck in the kernel.
  for (int64_t left = us; left > 0; left = deadline - MonotonicMicros()) {
    timespec ts{static_cast<time_t>(left / 1000000), static_cast<long>(left % 1000000) * 1000};
    nanosleep(&ts, nullptr);  // blocking-ok: DBMS_FAULT.BLOCK blocks outside the wait API on purpose
  }
}

void HoldLatch(const std::string& latch_name, int64_t us) {
  for (int id = 0; id < sga::kLatchCount; ++id) {
    if (latch_name != sga::GetLatchInfo(static_cast<sga::LatchId>(id)).name) continue;
    sga::StateObjectAdd(sga::StateObjectType::kLatch, static_cast<uint32_t>(id), 0);
    sga::LatchAcquire(sga::Sga::latch(static_cast<sga::LatchId>(id)));
    SpinFor(us);
    sga::LatchRelease(sga::Sga::latch(static_cast<sga::LatchId>(id)));
    sga::StateObjectRemove(sga::StateObjectType::kLatch, static_cast<uint32_t>(id));
    return;
  }
  throw OraError::Make(38148);  // no such latch: the argument is out of range
}

}  // namespace

bool CallFaultProcedure(const std::string& name, const ProcedureCall& call,
                        const std::vector<Value>& args, ExecContext&) {
  if (name == "DBMS_FAULT.SPIN" || name == "DBMS_FAULT.BLOCK") {
    const char* short_name = name == "DBMS_FAULT.SPIN" ? "SPIN" : "BLOCK";
    if (args.size() != 1 || args[0].is_null()) WrongArguments(call, short_name);
    const int64_t us = DurationUs(args[0]);
    // SPIN is bounded by its duration; the session notices a kill at its next check, after.
    name == "DBMS_FAULT.SPIN" ? SpinFor(us) : Block(us);
    return true;
  }
  if (name == "DBMS_FAULT.SLOW_UNDO") {
    if (args.size() != 1 || args[0].is_null()) WrongArguments(call, "SLOW_UNDO");
    txn::SetUndoApplyDelay(DurationUs(args[0]));
    return true;
  }
  if (name == "DBMS_FAULT.HOLD_LATCH") {
    if (args.size() != 2 || args[0].is_null() || args[1].is_null()) {
      WrongArguments(call, "HOLD_LATCH");
    }
    HoldLatch(ToVarchar(args[0]), DurationUs(args[1]));
    return true;
  }
  if (name == "DBMS_FAULT.CRASH_AT") {
    // CRASH_AT('COMMIT'): at the commit point of the next COMMIT; 'COMMIT_RECORD': just
    // before it, its commit record in the log buffer; 'REDO_COPY': inside the copy of that
    // record, holding the redo allocation latch; 'LGWR_SWITCH': LGWR, in its next write that
    // crosses a log switch, once switched; CRASH_AT('CHANGE', n): at the nth row change
    // from now, its undo written and the row not yet changed; CRASH_AT('RECOVERY_UNLINK', n):
    // the next recovery slave to start, right after its nth unlink of an undo record, before
    // it retires it.
    if (args.empty() || args.size() > 2 || args[0].is_null()) WrongArguments(call, "CRASH_AT");
    const std::string point = ToVarchar(args[0]);
    if (point == "COMMIT" && args.size() == 1) {
      txn::ArmCrashAtCommitPoint();
    } else if (point == "COMMIT_RECORD" && args.size() == 1) {
      txn::ArmCrashAfterCommitRecord();
    } else if (point == "REDO_COPY" && args.size() == 1) {
      storage::ArmCrashInCommitRecord();
    } else if (point == "LGWR_SWITCH" && args.size() == 1 && storage::RedoLog() != nullptr) {
      storage::RedoLog()->crash_lgwr_at_switch.store(1);  // LGWR, in its next switching write
    } else if (point == "CHANGE") {
      const int64_t n = args.size() == 2 ? ToNumber(args[1]).ToInt64Saturating() : 1;
      if (n < 1) throw OraError::Make(38148);
      txn::ArmCrashAtChange(static_cast<uint64_t>(n));
    } else if (point == "RECOVERY_UNLINK" && args.size() == 2) {
      const int64_t n = ToNumber(args[1]).ToInt64Saturating();
      if (n < 1) throw OraError::Make(38148);
      txn::ArmCrashAtRecoveryUnlink(static_cast<uint64_t>(n));
    } else {
      WrongArguments(call, "CRASH_AT");
    }
    return true;
  }
  if (name == "DBMS_FAULT.CRASH") {
    if (!args.empty()) WrongArguments(call, "CRASH");
    kill(getpid(), SIGKILL);
    return true;  // not reached
  }
  return false;
}

}  // namespace warden::sql
