// Active session history: a ring of samples in the SGA, written once a second by MMNL
// (proc/mmnl.h) and read by V$ACTIVE_SESSION_HISTORY. A sample is one active session at one
// moment: on CPU, or waiting on an event that is not Idle (Oracle's definition).
//
// Single writer (MMNL). An entry is published seqlock-style: sample_id is set to 0, the fields
// are written, then sample_id is stored with release; a reader copies the fields between two
// acquire-loads of sample_id and drops the entry if they differ or are 0.
#pragma once

#include <atomic>
#include <cstdint>

namespace warden::sga {

constexpr int kAshRingSize = 4096;

struct AshSample {
  std::atomic<uint64_t> sample_id;  // 0: empty or being written
  int64_t sample_time;              // wall seconds
  int32_t sid;                      // V$SESSION.SID
  uint32_t serial;
  uint8_t background;
  uint8_t waiting;  // 0: ON CPU
  int32_t event;    // event# of the current (waiting) or last wait, -1 none
  uint32_t seq;
  uint64_t p1, p2, p3;
  int64_t time_waited_us;  // so far, for a wait in progress
  uint64_t sql_id;          // the statement's SQL_ID hash (sql/sql_id.h), 0 = none
  int32_t blocking_session; // SID of the enqueue holder it waits for, -1 = none
};

struct AshRing {
  std::atomic<uint64_t> next_sample_id;  // the next SAMPLE_ID MMNL will use (starts at 1)
  std::atomic<uint64_t> next_slot;       // total entries ever written
  AshSample samples[kAshRingSize];
};

}  // namespace warden::sga
