// wait_bench: the cost of the wait interface's instrumentation (Google Benchmark).
//   build/wait_bench
// WaitScope: one begin/end pair recording event, P1..P3, SEQ#, the session and system totals
// and the history entry, with no actual sleeping. CheckInterrupts: the per-row fast path.
// RoundTrip: what one client round trip adds (the idle 'SQL*Net message from client' wait
// and the call's DB time, sharing their clock readings). MonotonicMicros beside the vDSO's
// clock_gettime it replaces where the time-stamp counter is usable.
// Baseline: an empty loop body, so the figures are the instrumentation alone.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <ctime>

#include "common/clock.h"

#include "sga/post_wait.h"
#include "sga/sga.h"
#include "wait/interrupts.h"
#include "wait/time_model.h"
#include "wait/wait.h"

namespace {

void SetUpSga() {
  static bool done = false;
  if (done) return;
  done = true;
  warden::ParameterSet p;
  if (!p.Set("processes", "8").ok() || !p.Set("sga_size", "4M").ok() || !p.Finalize().ok() ||
      !warden::sga::Sga::Create(p).ok()) {
    std::abort();
  }
  warden::sga::PostWaitInitProcess();
  warden::sga::ProcessSlotAttach(warden::sga::ProcessSlotReserve("", false));
  int32_t sid = warden::sga::SessionSlotClaim(warden::sga::SessionType::kUser, "B", "", "");
  warden::wait::BindInterruptWord(&warden::sga::Sga::session(sid)->interrupts);
}

void BM_EmptyLoop(benchmark::State& state) {
  for (auto _ : state) benchmark::ClobberMemory();
}
BENCHMARK(BM_EmptyLoop);

void BM_WaitScopeBeginEnd(benchmark::State& state) {
  SetUpSga();
  uint64_t i = 0;
  for (auto _ : state) {
    warden::wait::WaitScope w(warden::wait::kLatchFree, ++i, 2, 3);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_WaitScopeBeginEnd);

void BM_RoundTrip(benchmark::State& state) {
  SetUpSga();
  for (auto _ : state) {
    { warden::wait::WaitScope idle(warden::wait::kSqlNetMessageFromClient, 0x54435000, 1, 0); }
    warden::wait::CallTimer call;
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_RoundTrip);

void BM_MonotonicMicros(benchmark::State& state) {
  warden::InitMonotonicClock();
  state.SetLabel(warden::MonotonicClockUsesTsc() ? "TSC" : "clock_gettime");
  for (auto _ : state) benchmark::DoNotOptimize(warden::MonotonicMicros());
}
BENCHMARK(BM_MonotonicMicros);

void BM_ClockGettimeMonotonic(benchmark::State& state) {
  for (auto _ : state) {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    benchmark::DoNotOptimize(ts);
  }
}
BENCHMARK(BM_ClockGettimeMonotonic);

void BM_CheckInterrupts(benchmark::State& state) {
  SetUpSga();
  for (auto _ : state) {
    warden::wait::CheckInterrupts();
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_CheckInterrupts);

}  // namespace

BENCHMARK_MAIN();
