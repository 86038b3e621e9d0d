// V$DEAD_CLEANUP (Warden's; Oracle has no such view): every stage between "a session was
// killed" and "everything it held is free". One row per session marked for kill that has not
// ended yet (STATE MARKED FOR KILL, with the seconds until PMON escalates), then PMON's
// clean-ups after dead processes from its log in the SGA (sga/dead_cleanup.h): IN PROGRESS
// with the step it is at, or DONE, with what each freed.
#include "common/clock.h"
#include "common/parameters.h"
#include "sga/dead_cleanup.h"
#include "sga/sga.h"
#include "sql/fixed_view_util.h"

namespace warden::sql::fixed {
namespace {

const char* CauseName(uint8_t c) {
  switch (static_cast<sga::DeathCause>(c)) {
    case sga::DeathCause::kKillEscalated:
      return "KILL ESCALATED";
    case sga::DeathCause::kKillForce:
      return "KILL FORCE";
    case sga::DeathCause::kDied:
      break;
  }
  return "PROCESS DIED";
}

const char* StepName(uint8_t s) {
  switch (static_cast<sga::CleanupStep>(s)) {
    case sga::CleanupStep::kLatches:
      return "LATCHES";
    case sga::CleanupStep::kTransaction:
      return "TRANSACTION";
    case sga::CleanupStep::kEnqueues:
      return "ENQUEUES";
    case sga::CleanupStep::kSession:
      return "SESSION";
    case sga::CleanupStep::kDone:
      return "DONE";
  }
  return "";
}

std::vector<ColumnDef> DeadCleanupColumns() {
  return {{"CLEANUP#", N},          {"PID", N},          {"SPID", V},
          {"SID", N},               {"SERIAL#", N},      {"CAUSE", V},
          {"STATE", V},             {"STEP", V},         {"START_TIME", D},
          {"ELAPSED_MS", N},        {"ESCALATE_IN_SECONDS", N},
          {"LATCHES_RECOVERED", N}, {"UNDO_RECORDS_APPLIED", N},
          {"HANDED_TO_SMON", V},    {"ENQUEUES_RELEASED", N}};
}

std::vector<Row> DeadCleanupRows() {
  std::vector<Row> rows;
  const int64_t now = MonotonicMicros();
  const int64_t escalate_us = sga::Sga::param(kKillEscalationTimeout)->num * 1000000;
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    const sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) == 0) continue;
    const int64_t at = s->killed_at_us.load();
    if (at == 0) continue;
    const int32_t proc = s->owner_proc.load();
    const sga::ProcessSlot* p = proc >= 0 ? sga::Sga::process(proc) : nullptr;
    // -1: PMON has already ended its process; its clean-up row follows.
    const bool escalated = at < 0;
    rows.push_back({Null(), proc >= 0 ? Num(proc + 1) : Null(),
                    p != nullptr ? Str(std::to_string(p->spid.load())) : Null(), Num(i + 1),
                    Num(s->serial.load()), Str(escalated ? "KILL ESCALATED" : ""),
                    Str(escalated ? "ESCALATED" : "MARKED FOR KILL"), Null(), Null(),
                    escalated ? Null() : Decimal(double(now - at) / 1000.0, 3),
                    escalated || escalate_us <= 0
                        ? Null()
                        : Decimal(double(std::max<int64_t>(0, at + escalate_us - now)) / 1e6, 1),
                    Null(), Null(), Null(), Null()});
  }
  const sga::DeadCleanupLog& log = sga::Sga::header()->dead_cleanup;
  const uint64_t next = log.next_seq.load();
  for (uint64_t n = next > uint64_t{sga::kDeadCleanupRing} ? next - sga::kDeadCleanupRing + 1 : 1;
       n <= next; ++n) {
    const sga::DeadCleanupEntry& e = log.entries[n % sga::kDeadCleanupRing];
    if (e.seq.load(std::memory_order_acquire) != n) continue;
    const int64_t end = e.end_us.load();
    const int32_t sid = e.sid.load();
    rows.push_back({Num(static_cast<int64_t>(n)), Num(e.pid.load()),
                    Str(std::to_string(e.spid.load())), sid > 0 ? Num(sid) : Null(),
                    sid > 0 ? Num(e.serial.load()) : Null(), Str(CauseName(e.cause.load())),
                    Str(end != 0 ? "DONE" : "IN PROGRESS"), Str(StepName(e.step.load())),
                    Date(e.start_wall_us.load() / 1000000),
                    Decimal(double((end != 0 ? end : now) - e.start_us.load()) / 1000.0, 3), Null(),
                    Num(e.latches_recovered.load()),
                    Num(static_cast<int64_t>(e.undo_applied.load())),
                    Str(e.handed_to_smon.load() ? "YES" : "NO"), Num(e.enqueues_released.load())});
  }
  return rows;
}

}  // namespace

const ViewDef kDeadCleanupView = {"V$DEAD_CLEANUP", DeadCleanupColumns, DeadCleanupRows};

}  // namespace warden::sql::fixed
