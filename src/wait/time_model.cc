// The time model (see time_model.h).
#include "wait/time_model.h"

#include <ctime>

#include "common/clock.h"
#include "sga/sga.h"
#include "wait/instrumentation.h"

namespace warden::wait {

int64_t ProcessCpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

// Without instrumentation a call is not timed (no clock reads, no totals).
CallTimer::CallTimer()
    : start_us_(kInstrumented ? MonotonicMicros() : 0),
      start_cpu_us_(kInstrumented ? ProcessCpuMicros() : 0) {}

CallTimer::~CallTimer() {
  if (!kInstrumented) return;
  sga::SessionSlot* s = sga::MySession();
  if (s == nullptr) return;
  const auto elapsed = static_cast<uint64_t>(MonotonicMicros() - start_us_);
  const auto cpu = static_cast<uint64_t>(ProcessCpuMicros() - start_cpu_us_);
  s->db_time_us.fetch_add(elapsed, std::memory_order_relaxed);
  s->db_cpu_us.fetch_add(cpu, std::memory_order_relaxed);
  sga::SgaHeader* h = sga::Sga::header();
  h->db_time_us.fetch_add(elapsed, std::memory_order_relaxed);
  h->db_cpu_us.fetch_add(cpu, std::memory_order_relaxed);
}

}  // namespace warden::wait
