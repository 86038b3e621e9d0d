// ALTER SYSTEM session control (see session_control.h).
#include "sql/session_control.h"

#include <signal.h>

#include <cctype>
#include <string>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/post_wait.h"
#include "sga/sga.h"
#include "sql/privileges.h"
#include "wait/wait.h"

namespace warden::sql {
namespace {

constexpr int64_t kForceDefaultTimeoutS = 5;
constexpr int64_t kForceCleanupWaitUs = 10000000;  // after the OS kill, PMON's part

struct SessionRef {
  int64_t sid = 0;
  int64_t serial = 0;
};

// 'sid,serial#' or 'sid, serial#, @inst' (instance 1 only). Anything else: ORA-00026.
SessionRef ParseSessionId(const std::string& text, int position) {
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  auto number = [&](int64_t* out) {
    skip_spaces();
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - start < 10) {
      ++i;
    }
    if (i == start) OraError::ThrowAt(26, position);
    *out = std::stoll(text.substr(start, i - start));
    skip_spaces();
  };
  SessionRef ref;
  number(&ref.sid);
  if (i >= text.size() || text[i] != ',') OraError::ThrowAt(26, position);
  ++i;
  number(&ref.serial);
  if (i < text.size()) {
    if (text[i] != ',') OraError::ThrowAt(26, position);
    ++i;
    skip_spaces();
    if (i >= text.size() || text[i] != '@') OraError::ThrowAt(26, position);  // '130,620,1' is invalid
    ++i;
    int64_t inst = 0;
    number(&inst);
    if (i != text.size()) OraError::ThrowAt(26, position);
    if (inst != 1) OraError::ThrowAt(30, position);  // one instance: no other one has that session
  }
  return ref;
}

// The target's slot, validated in Oracle's order.
sga::SessionSlot* FindTarget(const SessionControl& req, const SessionContext& me, SessionRef* ref) {
  *ref = ParseSessionId(req.session_id, req.position);
  if (ref->sid < 1 || ref->sid > sga::Sga::sessions()) OraError::ThrowAt(30, req.position);
  sga::SessionSlot* s = sga::Sga::session(static_cast<int32_t>(ref->sid - 1));
  if (s->in_use.load(std::memory_order_acquire) == 0 ||
      s->serial.load() != static_cast<uint32_t>(ref->serial)) {
    OraError::ThrowAt(30, req.position);
  }
  if (ref->sid == me.sid) OraError::ThrowAt(27, req.position);
  if (s->type == static_cast<uint8_t>(sga::SessionType::kBackground)) OraError::ThrowAt(29, req.position);
  if (!HasSysPriv(me, storage::kPrivAlterSystem)) OraError::ThrowAt(1031, req.position);
  return s;
}

// KILLED, with the time of the first request: PMON escalates from there
// (kill_escalation_timeout). Marked before the target is interrupted, which may end it (and
// free its slot for another session) at once.
void MarkKilled(sga::SessionSlot* s) {
  s->status.store(static_cast<uint8_t>(sga::SessionStatus::kKilled));
  int64_t none = 0;
  s->killed_at_us.compare_exchange_strong(none, MonotonicMicros());
}

// PMON takes a new escalation deadline into account. Posted after the target: the target's
// wake-up is the one that sessions waiting for its locks wait for, and PMON's could delay it.
void PostPmon() { sga::Post(sga::Sga::header()->pmon_proc.load()); }

bool StillThere(const sga::SessionSlot* s, const SessionRef& ref) {
  return s->in_use.load(std::memory_order_acquire) != 0 &&
         s->serial.load() == static_cast<uint32_t>(ref.serial);
}

std::string ProcessText(int32_t proc) {
  if (proc < 0) return "(none)";
  const sga::ProcessSlot* p = sga::Sga::process(proc);
  return "USER (orapid = " + std::to_string(proc + 1) +
         ", ospid = " + std::to_string(p->spid.load()) + ")";
}

void AlertRequest(const char* what, const char* reason, const std::string& mode,
                  const SessionRef& ref, int32_t owner, const std::string& result) {
  const int32_t me = sga::MyProcessIndex();
  const sga::ProcessSlot* p = me >= 0 ? sga::Sga::process(me) : nullptr;
  AlertLog::Write(std::string(what) + " for sid=(" + std::to_string(ref.sid) + ", " +
                  std::to_string(ref.serial) + "):\n  Reason = " + reason + "\n  Mode = " + mode +
                  "\n  Requestor = USER (orapid = " + std::to_string(me + 1) +
                  ", ospid = " + std::to_string(p != nullptr ? p->spid.load() : 0) +
                  ", inst = 1)\n  Owner = Process: " + ProcessText(owner) +
                  "\n  Result = " + result);
}

// Waits until the target's session is gone or timeout_us passes; true if it is gone.
bool AwaitEnd(const sga::SessionSlot* s, const SessionRef& ref, int64_t timeout_us) {
  const int64_t start = MonotonicMicros();
  // Bounded by the deadline; each pass waits at most 1 s ('inactive session', as Oracle's).
  while (StillThere(s, ref)) {
    const int64_t waited = MonotonicMicros() - start;
    if (waited >= timeout_us) return false;
    const int64_t slice = std::min<int64_t>(1000000, timeout_us - waited);
    wait::WaitFor(wait::kInactiveSession, static_cast<uint64_t>(ref.sid),
                  static_cast<uint64_t>(waited / 1000000), 0, nullptr, 0, slice);
  }
  return true;
}

void Kill(const SessionControl& req, const SessionContext& me) {
  SessionRef ref;
  sga::SessionSlot* s = FindTarget(req, me, &ref);
  const int32_t owner = s->owner_proc.load();
  const std::string mode = std::string(req.immediate || req.force ? "KILL HARD" : "KILL SOFT") +
                           (req.force ? " FORCE" : "") + " -/-/-";
  // Mark, ask, wake: the target acts at its next interrupt check (at once if it is waiting).
  MarkKilled(s);
  s->killer_proc.store(sga::MyProcessIndex());
  s->interrupts.fetch_or(sga::kInterruptKill);
  sga::Post(owner);
  PostPmon();

  int64_t timeout_s = sga::Sga::param(kKillSessionTimeout)->num;
  if (req.force) timeout_s = kForceDefaultTimeoutS;
  if (req.timeout >= 0) timeout_s = req.timeout;
  if (req.immediate) timeout_s = 0;
  bool gone = AwaitEnd(s, ref, timeout_s * 1000000);
  if (!gone && req.force && StillThere(s, ref)) {
    // It did not stop by itself: end its process; PMON frees everything it held.
    const pid_t pid = sga::Sga::process(owner)->spid.load();
    sga::Sga::process(owner)->death_cause.store(uint8_t(sga::DeathCause::kKillForce));
    if (pid > 0) kill(pid, SIGKILL);
    gone = AwaitEnd(s, ref, kForceCleanupWaitUs);
  }
  if (!gone && !req.immediate) {
    s->killer_proc.store(-1);
    AlertRequest("KILL SESSION", "alter system kill session", mode, ref, owner, "ORA-31");
    throw OraError::Make(31);
  }
  AlertRequest("KILL SESSION", "alter system kill session", mode, ref, owner, "ORA-0");
}

void Disconnect(const SessionControl& req, const SessionContext& me) {
  SessionRef ref;
  sga::SessionSlot* s = FindTarget(req, me, &ref);
  const int32_t owner = s->owner_proc.load();
  if (!req.immediate) {
    // POST_TRANSACTION: the session ends once its transaction does; with none open, now.
    s->interrupts.fetch_or(sga::kInterruptDisconnectAfterTransaction);
    if (s->txn_index.load() >= 0) {
      AlertRequest("DISCONNECT SESSION", "alter system disconnect session",
                   "DISCONNECT POST_TRANSACTION -/-/-", ref, owner, "ORA-0");
      return;
    }
  }
  MarkKilled(s);
  s->interrupts.fetch_or(sga::kInterruptDisconnect);
  sga::Post(owner);
  PostPmon();
  AlertRequest("DISCONNECT SESSION", "alter system disconnect session",
               req.immediate ? "DISCONNECT IMMEDIATE -/-/-" : "DISCONNECT POST_TRANSACTION -/-/-",
               ref, owner, "ORA-0");
}

void CancelSql(const SessionControl& req, const SessionContext& me) {
  SessionRef ref;
  sga::SessionSlot* s = FindTarget(req, me, &ref);
  const int32_t owner = s->owner_proc.load();
  s->interrupts.fetch_or(sga::kInterruptCancel);
  sga::Post(owner);
  AlertRequest("CANCEL SQL", "alter system cancel sql", "CANCEL -/-/-", ref, owner, "ORA-0");
}

}  // namespace

void ExecuteSessionControl(const SessionControl& request, const SessionContext& session) {
  switch (request.action) {
    case SessionControl::Action::kKill:
      return Kill(request, session);
    case SessionControl::Action::kDisconnect:
      return Disconnect(request, session);
    case SessionControl::Action::kCancelSql:
      return CancelSql(request, session);
  }
}

}  // namespace warden::sql
