// Time: monotonic microseconds for measuring waits, wall-clock seconds for LOGON_TIME and
// alert-log stamps, and Oracle-style timestamp text.
//
// MonotonicMicros is read several times per client round trip (waits, DB time), so where the
// kernel itself keeps time with the CPU's invariant time-stamp counter (clocksource "tsc",
// constant and non-stop TSC) it reads the counter directly: about half the cost of the vDSO's
// clock_gettime. The counter is calibrated against CLOCK_MONOTONIC once per process tree
// (InitMonotonicClock, called by wardend before it forks anything; forked processes inherit
// the scale, so times one process stores in the SGA are comparable with another's). Elsewhere
// it is clock_gettime(CLOCK_MONOTONIC).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace warden {

// The counter-to-microseconds scale: us = anchor_us + ((tsc - anchor_tsc) * mult) >> 32.
struct TscScale {
  uint64_t anchor_tsc = 0;
  int64_t anchor_us = 0;
  // 0: not calibrated (or no usable TSC): clock_gettime is used. Stored last, with release
  // order, so a reader that sees it non-zero sees the anchor too.
  std::atomic<uint64_t> mult{0};
};
extern TscScale g_tsc_scale;

// Calibrates the counter (about 10 ms, once per process; later calls return at once). Run
// lazily by the first MonotonicMicros otherwise.
void InitMonotonicClock();
// Whether MonotonicMicros reads the time-stamp counter (after InitMonotonicClock).
bool MonotonicClockUsesTsc();
int64_t MonotonicMicrosSlow();  // clock_gettime(CLOCK_MONOTONIC), and the lazy calibration

inline int64_t MonotonicMicros() {
#if defined(__x86_64__)
  const TscScale& s = g_tsc_scale;
  const uint64_t mult = s.mult.load(std::memory_order_acquire);
  if (mult != 0) {
    const uint64_t ticks = __rdtsc() - s.anchor_tsc;
    return s.anchor_us + static_cast<int64_t>((static_cast<unsigned __int128>(ticks) * mult) >> 32);
  }
#endif
  return MonotonicMicrosSlow();
}
// Busy for `us` microseconds on the CPU: no wait, no system call, no interrupt check. Only
// for fault injection (DBMS_FAULT's simulated bugs and slow undo), never on a real path.
void SpinFor(int64_t us);
int64_t WallSeconds();  // seconds since the Unix epoch
// The same from the kernel's tick-granular clock (a few ms behind at most, a third of the
// cost): for LAST_CALL_ET, set twice per call.
int64_t WallSecondsCoarse();
int64_t WallMicros();
// "2026-11-23T20:14:03.123456+00:00", the alert log's line stamp (Oracle 12c+ format).
std::string AlertTimestamp(int64_t wall_micros);
// "2026-11-23 20:14:03" in local time.
std::string IsoDateTime(int64_t wall_seconds);

}  // namespace warden
