// The time model (see time_model.h).
#include "wait/time_model.h"

#include <ctime>

#include "common/clock.h"
#include "sga/latch.h"
#include "sga/sga.h"
#include "wait/instrumentation.h"
#include "wait/wait.h"

namespace warden::wait {
namespace {

int64_t Micros(const timespec& ts) { return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000; }

// The CPU clock of the process serving `s` (its own clock when that is the caller); -1 if
// the process is gone.
int64_t OwnerCpuMicros(const sga::SessionSlot* s) {
  const int32_t proc = s->owner_proc.load();
  if (proc < 0 || proc >= sga::Sga::processes()) return -1;
  if (proc == sga::MyProcessIndex()) return ProcessCpuMicros();
  const pid_t pid = sga::Sga::process(proc)->spid.load();
  clockid_t clock;
  timespec ts;
  if (pid <= 0 || clock_getcpuclockid(pid, &clock) != 0 || clock_gettime(clock, &ts) != 0) {
    return -1;
  }
  return Micros(ts);
}

}  // namespace

int64_t ProcessCpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return Micros(ts);
}

// Without instrumentation a call is not timed (no clock reads, no totals).
CallTimer::CallTimer() {
  if (!kInstrumented) return;
  session_ = sga::MySession();
  if (session_ == nullptr) return;
  const int64_t idle_end = TakeIdleWaitEnd();  // the usual case: no clock read
  start_us_ = idle_end >= 0 ? idle_end : MonotonicMicros();
}

CallTimer::~CallTimer() {
  if (session_ == nullptr) return;
  const int64_t now = MonotonicMicros();
  NoteCallEnd(now);
  const auto elapsed = static_cast<uint64_t>(now - start_us_);
  // The owner is the only writer (no locked read-modify-write); V$SYS_TIME_MODEL adds the
  // live sessions' DB time to that of the ended ones (SystemDbTimeMicros).
  session_->db_time_us.store(session_->db_time_us.load(std::memory_order_relaxed) + elapsed,
                             std::memory_order_relaxed);
}

void StartSessionCpu(sga::SessionSlot* s) {
  s->cpu_at_logon_us.store(static_cast<uint64_t>(ProcessCpuMicros()));
}

void EndSessionCpu(sga::SessionSlot* s) {
  const int64_t used = ProcessCpuMicros() - static_cast<int64_t>(s->cpu_at_logon_us.load());
  if (used > 0) sga::Sga::header()->db_cpu_us.fetch_add(static_cast<uint64_t>(used));
}

uint64_t SessionDbCpuMicros(const sga::SessionSlot* s) {
  if (s->type != static_cast<uint8_t>(sga::SessionType::kUser)) return 0;
  const int64_t now = OwnerCpuMicros(s);
  const auto base = static_cast<int64_t>(s->cpu_at_logon_us.load());
  return now > base ? static_cast<uint64_t>(now - base) : 0;
}

uint64_t SystemDbTimeMicros() {
  // Under the session array latch: a session's DB time moves into the header's total while
  // its slot is freed under it, so each session is counted once.
  sga::LatchGuard latch(sga::Sga::latch(sga::kSessionArrayLatch));
  uint64_t total = sga::Sga::header()->db_time_us.load();
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    const sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) != 0) total += s->db_time_us.load();
  }
  return total;
}

uint64_t SystemDbCpuMicros() {
  uint64_t total = sga::Sga::header()->db_cpu_us.load();
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    const sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) != 0) total += SessionDbCpuMicros(s);
  }
  return total;
}

}  // namespace warden::wait
