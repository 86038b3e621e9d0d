// Kill escalation by PMON (see kill_escalation.h).
#include "proc/kill_escalation.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <climits>
#include <map>
#include <string>

#include "common/alert_log.h"
#include "common/clock.h"
#include "diag/short_stack.h"
#include "sga/sga.h"
#include "txn/transaction.h"
#include "wait/event_catalog.h"

namespace warden::proc {
namespace {

std::string EventName(int32_t ev) {
  if (ev < 0 || ev >= wait::kEventCount) return "(none)";
  return wait::GetEventInfo(static_cast<wait::EventId>(ev)).name;
}

// The victim's wait state as the trace file shows it.
std::string DescribeWaits(const sga::SessionSlot* s) {
  std::string out = "Current wait: " + EventName(s->wait_event.load()) +
                    (s->waiting.load() ? " (WAITING)" : " (on CPU since the last wait)") +
                    " seq#=" + std::to_string(s->wait_seq.load()) +
                    "\nWait history, newest first:\n";
  const uint32_t next = s->history_next.load();
  for (uint32_t k = 1; k <= sga::kWaitHistoryLength && k <= next; ++k) {
    const sga::WaitHistoryEntry& h = s->history[(next - k) % sga::kWaitHistoryLength];
    out += "  " + std::to_string(k) + ". " + EventName(h.event.load()) +
           " p1=" + std::to_string(h.p1) + " p2=" + std::to_string(h.p2) +
           " p3=" + std::to_string(h.p3) + " wait_time_micro=" + std::to_string(h.wait_time_us) +
           "\n";
  }
  return out;
}

void Escalate(int32_t index, sga::SessionSlot* s, int64_t waited_us) {
  const int32_t owner = s->owner_proc.load();
  if (owner < 0) return;
  const pid_t pid = sga::Sga::process(owner)->spid.load();
  const std::string sid_text =
      "(" + std::to_string(index + 1) + ", " + std::to_string(s->serial.load()) + ")";
  const std::string trace = AlertLog::TraceFile(sga::Sga::param(kInstanceName)->text, pid);
  // Its short stack first (where it is stuck), then its waits, as a DBA would collect them.
  std::string stack;
  if (!diag::ShortStack(owner, &stack, 500'000)) stack = "(no answer: " + stack + ")";
  AlertLog::AppendTrace(trace, "*** " + AlertTimestamp(WallMicros()) + "\nPMON: session " +
                                   sid_text + " marked for kill " +
                                   std::to_string(waited_us / 1000000) +
                                   " s ago has not ended; ending its process (ospid " +
                                   std::to_string(pid) + ")\n----- Short stack -----\n" + stack +
                                   "\n" + DescribeWaits(s));
  AlertLog::Write("PMON: session sid=" + sid_text + " marked for kill did not end within " +
                  std::to_string(sga::Sga::param(kKillEscalationTimeout)->num) +
                  " s; killing its process (ospid " + std::to_string(pid) + "), trace file " +
                  trace);
  s->killed_at_us.store(-1);
  sga::Sga::process(owner)->death_cause.store(uint8_t(sga::DeathCause::kKillEscalated));
  if (pid > 0) kill(pid, SIGKILL);
}

// A killed session that is rolling back its transaction is not escalated while the rollback
// makes progress (its USED_UREC fell since PMON last looked, at most kProgressCheckUs ago):
// killing it would only hand the same work to PMON and SMON. PMON-private memory.
constexpr int64_t kProgressCheckUs = 1'000'000;
struct RollbackWatch {
  uint32_t serial;
  uint64_t used_urec;
  int64_t at_us;  // when used_urec was read
};
std::map<int32_t, RollbackWatch> g_rollback_watch;

// True while session `index` rolls back and USED_UREC fell since the previous look, which is
// at least kProgressCheckUs old (a look sooner than that keeps the previous verdict).
bool RollingBackWithProgress(int32_t index, const sga::SessionSlot* s, int64_t now) {
  const int32_t t = s->txn_index.load();
  const txn::TxnEntry* e = t >= 0 && t < txn::TransactionTableSize()
                               ? txn::TxnAt(static_cast<uint32_t>(t))
                               : nullptr;
  if (e == nullptr || e->state.load() != uint32_t(txn::TxnState::kRollingBack)) {
    g_rollback_watch.erase(index);
    return false;
  }
  const uint64_t urec = e->used_urec.load();
  auto it = g_rollback_watch.find(index);
  const bool fresh = it == g_rollback_watch.end() || it->second.serial != s->serial.load();
  if (!fresh && now - it->second.at_us < kProgressCheckUs) return true;
  const bool progress = fresh || urec < it->second.used_urec;
  if (it == g_rollback_watch.end()) {
    AlertLog::Write("PMON: session sid=(" + std::to_string(index + 1) + ", " +
                    std::to_string(s->serial.load()) + ") marked for kill is rolling back (" +
                    std::to_string(urec) + " undo records left); not ending it while that progresses");
  }
  g_rollback_watch[index] = {s->serial.load(), urec, now};
  return progress;
}

}  // namespace

int64_t EscalateOverdueKills() {
  const int64_t timeout_us = sga::Sga::param(kKillEscalationTimeout)->num * 1000000;
  if (timeout_us <= 0) return INT64_MAX;
  const int64_t now = MonotonicMicros();
  int64_t next = INT64_MAX;
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) == 0) continue;
    const int64_t at = s->killed_at_us.load();
    if (at <= 0) continue;  // not killed, or already escalated
    const int64_t due = at + timeout_us;
    if (now >= due && RollingBackWithProgress(i, s, now)) {
      next = std::min(next, kProgressCheckUs);  // look again in a second
    } else if (now >= due) {
      g_rollback_watch.erase(i);
      Escalate(i, s, now - at);
    } else {
      next = std::min(next, due - now);
    }
  }
  return next;
}

}  // namespace warden::proc
