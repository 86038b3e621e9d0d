// What the fixed views show of enqueues: V$LOCK rows and V$SESSION.BLOCKING_SESSION /
// FINAL_BLOCKING_SESSION. Each call copies the whole lock array once under kEnqueueLatch
// and computes outside it; the result is consistent as of that moment.
// Sessions and processes are slot indices here (SID = slot + 1, PID = slot + 1 in the views).
#pragma once

#include <cstdint>
#include <vector>

namespace warden::txn {

// One V$LOCK row.
struct EnqueueLockInfo {
  int32_t addr;  // entry number in the enqueue array (ADDR, KADDR)
  int32_t session;
  uint32_t session_serial;
  int32_t proc;
  char type[3];  // "TX"
  uint64_t id1;
  uint64_t id2;
  int lmode;      // 0..6
  int request;    // 0..6
  int64_t ctime;  // seconds since the mode was granted, or since the request was made
  int block;      // 1 if this lock keeps another session's request waiting
};
std::vector<EnqueueLockInfo> EnqueueSnapshot();

// The first session blocking `session`'s pending request (holders before queued requests),
// -1 if it waits for none.
int32_t EnqueueBlockingSession(int32_t session);
// The session at the end of the chain of blockers, -1 if none or if the chain is a cycle.
int32_t EnqueueFinalBlockingSession(int32_t session);

// Both of the above for every session slot at once (V$SESSION in one pass).
struct EnqueueBlockers {
  int32_t blocking;
  int32_t final_blocking;
};
std::vector<EnqueueBlockers> EnqueueAllBlockers();

}  // namespace warden::txn
