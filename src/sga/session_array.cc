// Session slot claim and free (see session_array.h for the protocol).
#include "sga/session_array.h"

#include <cstring>

#include "common/clock.h"
#include "common/fixed_string.h"
#include "sga/post_wait.h"
#include "sga/sga.h"

namespace warden::sga {
namespace {

void ResetForReuse(SessionSlot* s) {
  s->status.store(static_cast<uint8_t>(SessionStatus::kInactive));
  s->interrupts.store(0);
  s->cancel_key.store(0);
  s->killer_proc.store(-1);
  s->txn_index.store(-1);
  s->sql_id.store(0);
  s->prev_sql_id.store(0);
  s->row_wait_obj.store(-1);
  s->row_wait_row.store(-1);
  s->killed_at_us.store(0);
  s->wait_seq.store(0);
  s->wait_event.store(-1);
  s->wait_p1.store(0);
  s->wait_p2.store(0);
  s->wait_p3.store(0);
  s->waiting.store(0);
  s->wait_start_us.store(0);
  s->last_wait_elapsed_us.store(0);
  s->wait_timeout_us.store(-1);
  s->last_wait_end_us.store(0);
  for (WaitEventStat& st : s->event_stats) {
    st.total_waits.store(0);
    st.total_timeouts.store(0);
    st.time_waited_us.store(0);
    st.max_wait_us.store(0);
  }
  for (WaitHistoryEntry& h : s->history) h.event.store(-1);
  s->history_next.store(0);
  s->db_time_us.store(0);
  s->cpu_at_logon_us.store(0);
}

}  // namespace

int32_t MySessionIndex() {
  const int32_t me = MyProcessIndex();
  return me < 0 ? -1 : Sga::process(me)->session.load(std::memory_order_relaxed);
}

SessionSlot* MySession() {
  const int32_t idx = MySessionIndex();
  return idx < 0 ? nullptr : Sga::session(idx);
}

int32_t SessionSlotClaim(SessionType type, const char* username, const char* program,
                         const char* machine) {
  const int32_t me = MyProcessIndex();
  ProcessSlot* proc = MyProcess();
  LatchGuard guard(Sga::latch(kSessionArrayLatch));
  for (int32_t i = 0; i < Sga::sessions(); ++i) {
    SessionSlot* s = Sga::session(i);
    if (s->in_use.load(std::memory_order_relaxed) != 0) continue;
    uint32_t serial = s->serial.load() + 1;
    // State object first (state_object.h invariant 1); the slot is still free, so a death
    // from here until the publishing store below leaves nothing to clean.
    StateObjectAdd(StateObjectType::kSession, static_cast<uint32_t>(i), serial);
    s->serial.store(serial);
    s->owner_proc.store(me);
    s->owner_proc_serial = proc != nullptr ? proc->serial.load() : 0;
    s->type = static_cast<uint8_t>(type);
    CopyToFixed(s->username, sizeof s->username, username);
    CopyToFixed(s->program, sizeof s->program, program);
    CopyToFixed(s->machine, sizeof s->machine, machine);
    ResetForReuse(s);
    s->logon_time = WallSeconds();
    s->last_call_change.store(s->logon_time);
    s->in_use.store(1, std::memory_order_release);
    if (proc != nullptr) proc->session.store(i);
    return i;
  }
  return -1;
}

namespace {
// The session's wait totals and DB time join those of the sessions that ended before it
// (V$SYSTEM_EVENT and V$SYS_TIME_MODEL sum these and the live sessions' own). REQUIRES: the
// session array latch, held until the slot is marked free, so a reader holding it counts
// the session exactly once.
void FoldWaitTotals(SessionSlot* s) {
  Sga::header()->db_time_us.fetch_add(s->db_time_us.load(), std::memory_order_relaxed);
  const int bg = s->type == static_cast<uint8_t>(SessionType::kBackground) ? 1 : 0;
  for (int ev = 0; ev < kMaxWaitEvents; ++ev) {
    const WaitEventStat& from = s->event_stats[ev];
    WaitEventStat& to = Sga::header()->system_event_stats[ev][bg];
    const uint64_t waits = from.total_waits.load(std::memory_order_relaxed);
    if (waits == 0) continue;
    to.total_waits.fetch_add(waits, std::memory_order_relaxed);
    to.total_timeouts.fetch_add(from.total_timeouts.load(std::memory_order_relaxed),
                                std::memory_order_relaxed);
    to.time_waited_us.fetch_add(from.time_waited_us.load(std::memory_order_relaxed),
                                std::memory_order_relaxed);
    const uint64_t max = from.max_wait_us.load(std::memory_order_relaxed);
    if (max > to.max_wait_us.load(std::memory_order_relaxed)) to.max_wait_us.store(max);
  }
}

// A killer waiting for this session to end ('inactive session') is told at once.
void PostKiller(SessionSlot* s) {
  int32_t killer = s->killer_proc.exchange(-1);
  if (killer >= 0) Post(killer);
}
}  // namespace

void SessionSlotFree(int32_t index) {
  SessionSlot* s = Sga::session(index);
  {
    LatchGuard guard(Sga::latch(kSessionArrayLatch));
    FoldWaitTotals(s);
    s->in_use.store(0, std::memory_order_release);
    s->owner_proc.store(-1);
  }
  PostKiller(s);
  ProcessSlot* proc = MyProcess();
  if (proc != nullptr && proc->session.load() == index) proc->session.store(-1);
  StateObjectRemove(StateObjectType::kSession, static_cast<uint32_t>(index));
}

bool SessionSlotFreeForDead(int32_t index, int32_t proc, uint32_t proc_serial) {
  if (index < 0 || index >= Sga::sessions()) return false;
  SessionSlot* s = Sga::session(index);
  LatchGuard guard(Sga::latch(kSessionArrayLatch));
  if (s->in_use.load() == 0 || s->owner_proc.load() != proc ||
      s->owner_proc_serial != proc_serial) {
    return false;
  }
  FoldWaitTotals(s);
  s->in_use.store(0, std::memory_order_release);
  s->owner_proc.store(-1);
  PostKiller(s);
  return true;
}

void SetSessionStatus(SessionSlot* s, SessionStatus status) {
  uint8_t old = s->status.load(std::memory_order_relaxed);
  if (old == static_cast<uint8_t>(SessionStatus::kKilled)) return;  // KILLED is final
  if (old != static_cast<uint8_t>(status)) {
    s->status.store(static_cast<uint8_t>(status), std::memory_order_relaxed);
    s->last_call_change.store(WallSecondsCoarse(), std::memory_order_relaxed);
  }
}

}  // namespace warden::sga
