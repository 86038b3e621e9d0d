// The wait API (see wait.h).
#include "wait/wait.h"

#include "common/clock.h"
#include "sga/latch.h"
#include "sga/session_array.h"
#include "sga/sga.h"
#include "wait/instrumentation.h"
#include "wait/interrupts.h"

namespace warden::wait {
namespace {

// The call boundaries shared with the idle wait (see TakeIdleWaitEnd), -1 when none. One
// session per process: process globals.
int64_t g_idle_wait_end_us = -1;
int64_t g_call_end_us = -1;

void BeginWait(sga::SessionSlot* s, EventId event, uint64_t p1, uint64_t p2, uint64_t p3,
               int64_t timeout_us, int64_t now) {
  g_idle_wait_end_us = -1;
  g_call_end_us = -1;
  s->waiting.store(0, std::memory_order_relaxed);  // readers see a consistent event below
  s->wait_event.store(event, std::memory_order_relaxed);
  s->wait_p1.store(p1, std::memory_order_relaxed);
  s->wait_p2.store(p2, std::memory_order_relaxed);
  s->wait_p3.store(p3, std::memory_order_relaxed);
  s->wait_timeout_us.store(timeout_us, std::memory_order_relaxed);
  s->wait_start_us.store(now, std::memory_order_relaxed);
  s->wait_seq.store(s->wait_seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  s->waiting.store(1, std::memory_order_release);
}

void EndWait(sga::SessionSlot* s, int64_t start_us, bool timed_out) {
  const int64_t now = MonotonicMicros();
  const int64_t elapsed = now - start_us;
  const int32_t event = s->wait_event.load(std::memory_order_relaxed);
  s->last_wait_elapsed_us.store(elapsed, std::memory_order_relaxed);
  s->waiting.store(0, std::memory_order_release);
  if (event < 0 || event >= kEventCount) return;
  const auto us = static_cast<uint64_t>(elapsed);
  // Session totals: the owner is their only writer, so plain loads and stores (no locked
  // read-modify-write); V$SYSTEM_EVENT sums them with those of ended sessions.
  sga::WaitEventStat& st = s->event_stats[event];
  auto bump = [](std::atomic<uint64_t>& v, uint64_t by) {
    v.store(v.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
  };
  bump(st.total_waits, 1);
  if (timed_out) bump(st.total_timeouts, 1);
  bump(st.time_waited_us, us);
  if (us > st.max_wait_us.load(std::memory_order_relaxed)) {
    st.max_wait_us.store(us, std::memory_order_relaxed);
  }
  // History ring: fill the entry, then publish its event.
  const uint32_t n = s->history_next.load(std::memory_order_relaxed);
  sga::WaitHistoryEntry& h = s->history[n % sga::kWaitHistoryLength];
  h.event.store(-1, std::memory_order_relaxed);
  h.p1 = s->wait_p1.load(std::memory_order_relaxed);
  h.p2 = s->wait_p2.load(std::memory_order_relaxed);
  h.p3 = s->wait_p3.load(std::memory_order_relaxed);
  h.wait_time_us = elapsed;
  const int64_t last_end = s->last_wait_end_us.load(std::memory_order_relaxed);
  h.time_since_last_wait_us = last_end > 0 ? start_us - last_end : 0;
  h.event.store(event, std::memory_order_release);
  s->history_next.store(n + 1, std::memory_order_release);
  s->last_wait_end_us.store(now, std::memory_order_relaxed);
  if (event == kSqlNetMessageFromClient) g_idle_wait_end_us = now;
}

void LatchBegin(const sga::Latch* latch, uint32_t tries) {
  if (sga::SessionSlot* s = sga::MySession()) {
    BeginWait(s, kLatchFree, reinterpret_cast<uintptr_t>(latch), latch->id, tries, -1,
              MonotonicMicros());
  }
}

void LatchEnd() {
  if (sga::SessionSlot* s = sga::MySession()) {
    EndWait(s, s->wait_start_us.load(std::memory_order_relaxed), false);
  }
}

}  // namespace

int64_t TakeIdleWaitEnd() {
  const int64_t t = g_idle_wait_end_us;
  g_idle_wait_end_us = -1;
  g_call_end_us = -1;  // a call begins: the one before it is no boundary any more
  return t;
}

void NoteCallEnd(int64_t now_us) {
  g_call_end_us = now_us;
  g_idle_wait_end_us = -1;
}

// Without instrumentation a WaitScope records nothing (no clock reads, no totals, no history);
// outside a session neither.
WaitScope::WaitScope(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, int64_t timeout_us) {
  if (!kInstrumented) return;
  session_ = sga::MySession();
  if (session_ == nullptr) return;
  start_us_ = event == kSqlNetMessageFromClient && g_call_end_us >= 0 ? g_call_end_us
                                                                        : MonotonicMicros();
  BeginWait(session_, event, p1, p2, p3, timeout_us, start_us_);
}

WaitScope::~WaitScope() {
  if (session_ != nullptr) EndWait(session_, start_us_, timed_out_);
}

sga::WakeReason WaitFor(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, struct pollfd* fds,
                        nfds_t nfds, int64_t timeout_us) {
  CheckInterruptsAtWait();
  sga::WakeReason why;
  {
    WaitScope scope(event, p1, p2, p3, timeout_us);
    why = sga::SleepUntilPostedOrReady(fds, nfds, timeout_us);
    if (why == sga::WakeReason::kPosted) sga::ConsumePost();
    if (why == sga::WakeReason::kTimeout) scope.set_timed_out();
  }
  CheckInterruptsAtWait();
  return why;
}

void SleepFor(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, int64_t duration_us) {
  CheckInterruptsAtWait();
  WaitScope scope(event, p1, p2, p3, duration_us);
  const int64_t deadline = MonotonicMicros() + duration_us;
  // Bounded by the deadline; each pass sleeps until it or until a post/signal.
  for (int64_t left = duration_us; left > 0; left = deadline - MonotonicMicros()) {
    if (sga::SleepUntilPostedOrReady(nullptr, 0, left) == sga::WakeReason::kPosted) {
      sga::ConsumePost();
    }
    CheckInterruptsAtWait();
  }
  scope.set_timed_out();
}

void InstallLatchWaitHooks() {
  if (kInstrumented) sga::SetLatchWaitHooks({&LatchBegin, &LatchEnd});
}

}  // namespace warden::wait
