// PMON's record of its clean-ups after dead processes, for V$DEAD_CLEANUP: the one in
// progress and the last ones finished, in a ring in the SGA. PMON is the only writer (one
// clean-up at a time); readers copy fields that are each atomic, so a row read while PMON
// moves on may mix two moments of the same clean-up, never two clean-ups (`seq` is checked).
#pragma once

#include <atomic>
#include <cstdint>

namespace warden::sga {

// Why the process died, as PMON knows it.
enum class DeathCause : uint8_t {
  kDied = 0,         // exited or was killed from outside (kill -9, a crash)
  kKillEscalated,    // PMON ended it: KILLED and not gone within kill_escalation_timeout
  kKillForce,        // ALTER SYSTEM KILL SESSION ... FORCE ended it
};

// The step PMON is at (children before parents, pmon.cc).
enum class CleanupStep : uint8_t { kLatches = 1, kTransaction, kEnqueues, kSession, kDone };

struct DeadCleanupEntry {
  std::atomic<uint64_t> seq;  // 0: empty; the clean-up's number otherwise
  std::atomic<int32_t> pid;   // V$PROCESS.PID of the dead process
  std::atomic<int32_t> spid;
  std::atomic<int32_t> sid;   // its session (V$SESSION.SID), 0 if none
  std::atomic<uint32_t> serial;
  std::atomic<uint8_t> cause;  // DeathCause
  std::atomic<uint8_t> step;   // CleanupStep
  std::atomic<int64_t> start_wall_us;
  std::atomic<int64_t> start_us;  // monotonic
  std::atomic<int64_t> end_us;    // monotonic, 0 while in progress
  std::atomic<uint32_t> latches_recovered;
  std::atomic<uint64_t> undo_applied;
  std::atomic<uint8_t> handed_to_smon;
  std::atomic<uint32_t> enqueues_released;
};

constexpr int kDeadCleanupRing = 16;

struct DeadCleanupLog {
  std::atomic<uint64_t> next_seq;
  DeadCleanupEntry entries[kDeadCleanupRing];
};

}  // namespace warden::sga
