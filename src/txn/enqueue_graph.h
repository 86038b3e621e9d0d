// The wait-for graph of enqueues: a consistent copy of every in-use lock entry, grouped by
// resource, with who blocks whom (txn/enqueue_record.h LockBlocks). V$LOCK.BLOCK,
// V$SESSION.BLOCKING_SESSION / FINAL_BLOCKING_SESSION and the deadlock search all read it.
//
// Construction reserves room for the whole array and every session, so Load() and the
// queries allocate nothing and may run under kEnqueueLatch (a latch is never held across a
// syscall, and malloc may make one).
#pragma once

#include <cstdint>
#include <vector>

#include "txn/enqueue_record.h"

namespace warden::txn {

class EnqueueGraph {
 public:
  EnqueueGraph();  // REQUIRES: the SGA exists

  // Copies every in-use entry. REQUIRES: kEnqueueLatch held.
  void LoadLocked();
  // Takes and releases the latch around LoadLocked.
  void Load();

  const std::vector<LockRecord>& records() const { return records_; }
  // The record of `session`'s pending request, -1 if it waits for nothing.
  int PendingOf(int32_t session) const;
  // The first record blocking pending record `r` (holders before queued requests), -1 if it
  // is blocked by nothing (it is about to be granted).
  int FirstBlocker(int r) const;
  // Calls f(record index) for each record blocking pending record `r`, in order, until f
  // returns false.
  template <typename F>
  void ForEachBlocker(int r, F f) const {
    for (int pass = 0; pass < 2; ++pass) {  // holders first, then queued requests
      for (int i = group_begin_[r]; i < group_end_[r]; ++i) {
        const bool holder = !records_[i].pending() || records_[i].converting();
        if ((pass == 0) != holder) continue;
        if (LockBlocks(records_[i], records_[r]) && !f(i)) return;
      }
    }
  }
  // V$LOCK.BLOCK: record `r` holds a mode that blocks another session's request.
  bool Blocks(int r) const;
  // The session at the end of `session`'s chain of blockers (V$SESSION.FINAL_BLOCKING_SESSION):
  // -1 if it waits for nobody or the chain is a cycle.
  int32_t FinalBlocker(int32_t session) const;

  // Searches for a cycle of waits through `session`. On success fills `cycle` with pairs of
  // record indices (waiter's pending request, the record blocking it), starting at `session`,
  // and returns true. Allocation-free: `cycle` must have capacity for sessions() pairs.
  bool FindCycle(int32_t session, std::vector<std::pair<int, int>>* cycle);

 private:
  std::vector<LockRecord> records_;
  std::vector<int> group_begin_, group_end_;  // per record: its resource's record range
  std::vector<int> pending_of_session_;       // session slot -> record, -1
  std::vector<uint8_t> visited_;              // per session, for FindCycle
  struct Frame {
    int waiter;   // pending record
    int next;     // next record of its group to try
    int blocker;  // the blocker being followed
  };
  std::vector<Frame> stack_;
};

}  // namespace warden::txn
