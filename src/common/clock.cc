// Time helpers (see clock.h).
#include "common/clock.h"

#include <ctime>
#include <fstream>
#include <mutex>
#include <string>

namespace warden {

TscScale g_tsc_scale;

namespace {

int64_t ClockGettimeMicros(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

int64_t ClockGettimeNanos() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

#if defined(__x86_64__)
// The kernel keeps its clocks with the TSC only if the counter is invariant and agrees across
// CPUs (it switches away from "tsc" when it finds otherwise); that is the condition here.
bool KernelTrustsTsc() {
  std::ifstream f("/sys/devices/system/clocksource/clocksource0/current_clocksource");
  std::string source;
  return static_cast<bool>(f >> source) && source == "tsc";
}

// One (counter, nanoseconds) pair read as close together as possible: the best of a few
// tries, by the counter ticks the clock read took.
void ReadPair(uint64_t* tsc, int64_t* ns) {
  uint64_t best = UINT64_MAX;
  for (int i = 0; i < 8; ++i) {
    const uint64_t before = __rdtsc();
    const int64_t t = ClockGettimeNanos();
    const uint64_t after = __rdtsc();
    if (after - before < best) {
      best = after - before;
      *tsc = before + (after - before) / 2;
      *ns = t;
    }
  }
}

void Calibrate() {
  if (!KernelTrustsTsc()) return;
  uint64_t tsc0, tsc1;
  int64_t ns0, ns1;
  ReadPair(&tsc0, &ns0);
  // 10 ms: the pairs are within about 100 ns, so the rate is within about 1e-5.
  const timespec pause{0, 10000000};
  nanosleep(&pause, nullptr);  // blocking-ok: once per process tree, before any session
  ReadPair(&tsc1, &ns1);
  if (tsc1 <= tsc0 || ns1 <= ns0) return;
  // Microseconds per tick, as a 32.32 fixed-point multiplier.
  const double us_per_tick = double(ns1 - ns0) / 1000.0 / double(tsc1 - tsc0);
  const auto mult = static_cast<uint64_t>(us_per_tick * 4294967296.0 + 0.5);
  if (mult == 0) return;
  g_tsc_scale.anchor_tsc = tsc1;
  g_tsc_scale.anchor_us = ns1 / 1000;
  g_tsc_scale.mult.store(mult, std::memory_order_release);
}
#endif

std::once_flag g_calibrated;

}  // namespace

void InitMonotonicClock() {
#if defined(__x86_64__)
  std::call_once(g_calibrated, Calibrate);
#else
  std::call_once(g_calibrated, [] {});
#endif
}

bool MonotonicClockUsesTsc() { return g_tsc_scale.mult.load(std::memory_order_acquire) != 0; }

int64_t MonotonicMicrosSlow() {
  InitMonotonicClock();
  if (MonotonicClockUsesTsc()) return MonotonicMicros();
  return ClockGettimeMicros(CLOCK_MONOTONIC);
}

int64_t WallMicros() { return ClockGettimeMicros(CLOCK_REALTIME); }

void SpinFor(int64_t us) {
  if (us <= 0) return;
  // +1: the clock reads whole microseconds, so the first reading may be up to 1 us behind.
  const int64_t deadline = MonotonicMicros() + us + 1;
  volatile uint64_t spins = 0;
  while (MonotonicMicros() < deadline) spins = spins + 1;
}

int64_t WallSeconds() { return WallMicros() / 1000000; }

int64_t WallSecondsCoarse() { return ClockGettimeMicros(CLOCK_REALTIME_COARSE) / 1000000; }

std::string AlertTimestamp(int64_t wall_micros) {
  time_t secs = static_cast<time_t>(wall_micros / 1000000);
  tm t;
  localtime_r(&secs, &t);
  char buf[64];
  long off = t.tm_gmtoff / 60;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld%c%02ld:%02ld", t.tm_year + 1900,
           t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
           static_cast<long long>(wall_micros % 1000000), sign, off / 60, off % 60);
  return buf;
}

std::string IsoDateTime(int64_t wall_seconds) {
  time_t secs = static_cast<time_t>(wall_seconds);
  tm t;
  localtime_r(&secs, &t);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &t);
  return buf;
}

}  // namespace warden
