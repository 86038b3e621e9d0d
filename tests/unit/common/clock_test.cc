// The monotonic clock: whichever source it reads (the calibrated time-stamp counter or
// clock_gettime), it agrees with CLOCK_MONOTONIC and never goes back, on any CPU.
#include "common/clock.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <cstdlib>
#include <ctime>
#include <thread>
#include <vector>

namespace warden {
namespace {

int64_t KernelMicros() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

TEST(ClockTest, AgreesWithTheKernelsMonotonicClock) {
  InitMonotonicClock();
  std::printf("monotonic clock source: %s\n", MonotonicClockUsesTsc() ? "TSC" : "clock_gettime");
  // Now, and after 200 ms (the rate's error shows over time): within 1 ms (a few us expected;
  // the margin is for a preempted read on a loaded machine).
  for (int round = 0; round < 2; ++round) {
    const int64_t before = KernelMicros();
    const int64_t ours = MonotonicMicros();
    const int64_t after = KernelMicros();
    EXPECT_GE(ours, before - 1000);
    EXPECT_LE(ours, after + 1000);
    const timespec pause{0, 200000000};
    nanosleep(&pause, nullptr);
  }
}

// SpinFor (DBMS_FAULT's CPU loops) lasts at least what it was asked, by both clocks; 0 and
// negative durations return at once.
TEST(ClockTest, SpinForLastsItsDuration) {
  const int64_t kernel_start = KernelMicros();
  const int64_t start = MonotonicMicros();
  SpinFor(3000);
  EXPECT_GE(MonotonicMicros() - start, 3000);
  EXPECT_GE(KernelMicros() - kernel_start, 3000 - 1000);  // the calibration's 1 ms margin
  const int64_t before = KernelMicros();
  SpinFor(0);
  SpinFor(-5);
  EXPECT_LT(KernelMicros() - before, 1000000);  // at once (bounded for a preempted process)
}

TEST(ClockTest, NeverGoesBackAcrossCpus) {
  InitMonotonicClock();
  cpu_set_t allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  std::vector<int> cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c) {
    if (CPU_ISSET(c, &allowed)) cpus.push_back(c);
  }
  int64_t last = MonotonicMicros();
  // 2,000 migrations between the CPUs this process may use, a reading on each.
  for (int i = 0; i < 2000; ++i) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpus[static_cast<size_t>(i) % cpus.size()], &one);
    ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
    const int64_t now = MonotonicMicros();
    ASSERT_GE(now, last) << "on CPU " << cpus[static_cast<size_t>(i) % cpus.size()];
    last = now;
  }
  ASSERT_EQ(sched_setaffinity(0, sizeof allowed, &allowed), 0);
}

TEST(ClockTest, ConcurrentFirstReadsAreConsistent) {
  // Threads reading while another may still be calibrating: each sees a non-decreasing clock.
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      int64_t last = MonotonicMicros();
      for (int i = 0; i < 100000; ++i) {
        const int64_t now = MonotonicMicros();
        if (now < last) ++failures[static_cast<size_t>(t)];
        last = now;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

TEST(ClockTest, CoarseWallSecondsTrailTheFineOnesByAtMostATick) {
  const int64_t coarse = WallSecondsCoarse();
  const int64_t fine = WallSeconds();
  EXPECT_LE(coarse, fine);
  EXPECT_GE(coarse, fine - 1);
}

}  // namespace
}  // namespace warden
