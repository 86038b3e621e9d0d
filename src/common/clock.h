// Time: monotonic microseconds for measuring waits, wall-clock seconds for LOGON_TIME and
// alert-log stamps, and Oracle-style timestamp text.
#pragma once

#include <cstdint>
#include <string>

namespace warden {

int64_t MonotonicMicros();
int64_t WallSeconds();  // seconds since the Unix epoch
int64_t WallMicros();
// "2026-11-23T20:14:03.123456+00:00", the alert log's line stamp (Oracle 12c+ format).
std::string AlertTimestamp(int64_t wall_micros);
// "2026-11-23 20:14:03" in local time.
std::string IsoDateTime(int64_t wall_seconds);

}  // namespace warden
