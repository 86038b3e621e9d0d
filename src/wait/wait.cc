// The wait API (see wait.h).
#include "wait/wait.h"

#include "common/clock.h"
#include "sga/latch.h"
#include "sga/session_array.h"
#include "wait/interrupts.h"

namespace warden::wait {
namespace {

void BeginWait(sga::SessionSlot* s, EventId event, uint64_t p1, uint64_t p2, uint64_t p3,
               int64_t timeout_us, int64_t now) {
  s->waiting.store(0, std::memory_order_relaxed);  // readers see a consistent event below
  s->wait_event.store(event, std::memory_order_relaxed);
  s->wait_p1.store(p1, std::memory_order_relaxed);
  s->wait_p2.store(p2, std::memory_order_relaxed);
  s->wait_p3.store(p3, std::memory_order_relaxed);
  s->wait_timeout_us.store(timeout_us, std::memory_order_relaxed);
  s->wait_start_us.store(now, std::memory_order_relaxed);
  s->wait_seq.fetch_add(1, std::memory_order_relaxed);
  s->waiting.store(1, std::memory_order_release);
}

void EndWait(sga::SessionSlot* s, int64_t start_us) {
  s->last_wait_elapsed_us.store(MonotonicMicros() - start_us, std::memory_order_relaxed);
  s->waiting.store(0, std::memory_order_release);
}

void LatchBegin(const sga::Latch* latch, uint32_t tries) {
  if (sga::SessionSlot* s = sga::MySession()) {
    BeginWait(s, kLatchFree, reinterpret_cast<uintptr_t>(latch), latch->id, tries, -1,
              MonotonicMicros());
  }
}

void LatchEnd() {
  if (sga::SessionSlot* s = sga::MySession()) {
    EndWait(s, s->wait_start_us.load(std::memory_order_relaxed));
  }
}

}  // namespace

WaitScope::WaitScope(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, int64_t timeout_us)
    : start_us_(MonotonicMicros()) {
  if (sga::SessionSlot* s = sga::MySession()) {
    BeginWait(s, event, p1, p2, p3, timeout_us, start_us_);
  }
}

WaitScope::~WaitScope() {
  if (sga::SessionSlot* s = sga::MySession()) EndWait(s, start_us_);
}

sga::WakeReason WaitFor(EventId event, uint64_t p1, uint64_t p2, uint64_t p3, struct pollfd* fds,
                        nfds_t nfds, int64_t timeout_us) {
  CheckInterrupts();
  sga::WakeReason why;
  {
    WaitScope scope(event, p1, p2, p3, timeout_us);
    why = sga::SleepUntilPostedOrReady(fds, nfds, timeout_us);
    if (why == sga::WakeReason::kPosted) sga::ConsumePost();
  }
  CheckInterrupts();
  return why;
}

void InstallLatchWaitHooks() { sga::SetLatchWaitHooks({&LatchBegin, &LatchEnd}); }

}  // namespace warden::wait
