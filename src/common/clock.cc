// Time helpers (see clock.h).
#include "common/clock.h"

#include <ctime>

namespace warden {

int64_t MonotonicMicros() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

int64_t WallMicros() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

int64_t WallSeconds() { return WallMicros() / 1000000; }

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
