// MMNL (see mmnl.h).
#include "proc/mmnl.h"

#include <unistd.h>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "proc/background.h"
#include "sga/sga.h"
#include "txn/enqueue_views.h"
#include "wait/event_catalog.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

constexpr int64_t kSampleIntervalUs = 1000000;

bool IsIdleEvent(int32_t ev) {
  return ev >= 0 && ev < wait::kEventCount &&
         wait::GetEventInfo(static_cast<wait::EventId>(ev)).wait_class == wait::kIdle;
}

}  // namespace

void SampleActiveSessions() {
  sga::AshRing& ring = sga::Sga::header()->ash;
  const int64_t now_s = WallSeconds();
  const int64_t now_us = MonotonicMicros();
  const uint64_t sample_id = ring.next_sample_id.fetch_add(1) + 1;
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    const sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) == 0) continue;
    if (i == sga::MySessionIndex()) continue;
    if (s->status.load() != static_cast<uint8_t>(sga::SessionStatus::kActive)) continue;
    const bool waiting = s->waiting.load(std::memory_order_acquire) != 0;
    const int32_t ev = s->wait_event.load(std::memory_order_relaxed);
    if (waiting && IsIdleEvent(ev)) continue;  // not active: an idle wait
    const uint64_t n = ring.next_slot.fetch_add(1);
    sga::AshSample& a = ring.samples[n % sga::kAshRingSize];
    a.sample_id.store(0, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    a.sample_time = now_s;
    a.sid = i + 1;
    a.serial = s->serial.load();
    a.background = s->type == static_cast<uint8_t>(sga::SessionType::kBackground);
    a.waiting = waiting ? 1 : 0;
    a.event = waiting ? ev : -1;
    a.seq = s->wait_seq.load(std::memory_order_relaxed);
    a.p1 = waiting ? s->wait_p1.load() : 0;
    a.p2 = waiting ? s->wait_p2.load() : 0;
    a.p3 = waiting ? s->wait_p3.load() : 0;
    a.time_waited_us = waiting ? now_us - s->wait_start_us.load() : 0;
    a.sql_id = s->sql_id.load(std::memory_order_relaxed);
    const int32_t blocker = waiting ? txn::EnqueueBlockingSession(i) : -1;
    a.blocking_session = blocker >= 0 ? blocker + 1 : -1;
    a.sample_id.store(sample_id, std::memory_order_release);
  }
}

int MmnlMain() {
  int32_t sid = BeginBackgroundProcess("MMNL");
  if (sid < 0) return 1;
  int64_t next = MonotonicMicros() + kSampleIntervalUs;
  // Bounded by the stop flag: MMNL lives as long as the instance.
  while (!BackgroundStopRequested()) {
    const int64_t left = next - MonotonicMicros();
    if (left <= 0) {
      SampleActiveSessions();
      next += kSampleIntervalUs;
      if (next < MonotonicMicros()) next = MonotonicMicros() + kSampleIntervalUs;
      continue;
    }
    try {
      BackgroundIdleWait(wait::kRdbmsIpcMessage, static_cast<uint64_t>(left / 10000), left);
    } catch (const OraError& e) {
      AlertLog::Write("MMNL: " + e.message());
    }
  }
  EndBackgroundProcess(sid);
  return 0;
}

}  // namespace warden::proc
