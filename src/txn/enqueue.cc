// The enqueue manager (see enqueue.h for the contract, sga/enqueue_array.h for the layout).
#include "txn/enqueue.h"

#include <limits>
#include <memory>

#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/latch.h"
#include "sga/post_wait.h"
#include "sga/process_array.h"
#include "sga/session_array.h"
#include "sga/sga.h"
#include "sga/state_object.h"
#include "txn/deadlock.h"
#include "txn/enqueue_graph.h"
#include "txn/enqueue_record.h"
#include "wait/interrupts.h"
#include "wait/wait.h"

namespace warden::txn {
namespace {

using sga::EnqueueLockState;

sga::EnqueueArray* Array() { return sga::Sga::enqueues(); }
// Scans look at the entries that may be in use (sga/enqueue_array.h: used_count).
int32_t UsedCount() { return Array()->used_count.load(std::memory_order_acquire); }

sga::EnqueueLockSlot* Slot(int32_t i) { return sga::EnqueueLocks(Array()) + i; }
sga::Latch* EnqueueLatch() { return sga::Sga::latch(sga::kEnqueueLatch); }

struct Owner {
  int32_t session;
  uint32_t session_serial;
  int32_t proc;
  uint32_t proc_serial;
};

Owner Me() {
  const int32_t session = sga::MySessionIndex();
  const int32_t proc = sga::MyProcessIndex();
  if (session < 0 || proc < 0) {
    throw OraError::Make(600, {"enqueue request from a process without a session"});
  }
  return {session, sga::Sga::session(session)->serial.load(), proc,
          sga::Sga::process(proc)->serial.load()};
}

bool Owns(const LockRecord& r, const Owner& o) {
  return r.session == o.session && r.session_serial == o.session_serial;
}

// --- the kEnqueues state object of the calling process ---------------------------------
// Recorded for (process slot, serial): a forked child inherits this variable from its parent
// but not the parent's slot.
int32_t g_recorded_proc = -1;
uint32_t g_recorded_serial = 0;

void RecordStateObject(const Owner& me) {
  if (g_recorded_proc == me.proc && g_recorded_serial == me.proc_serial) return;
  sga::StateObjectAdd(sga::StateObjectType::kEnqueues, static_cast<uint32_t>(me.proc),
                      me.proc_serial);
  g_recorded_proc = me.proc;
  g_recorded_serial = me.proc_serial;
}

// Called after the latch is released with whether the calling process still owns entries.
void ForgetStateObjectIfNone(bool mine_left) {
  const int32_t proc = sga::MyProcessIndex();
  if (mine_left || proc < 0 || g_recorded_proc != proc ||
      g_recorded_serial != sga::Sga::process(proc)->serial.load()) {
    return;
  }
  sga::StateObjectRemove(sga::StateObjectType::kEnqueues, static_cast<uint32_t>(proc));
  g_recorded_proc = -1;
}

// REQUIRES: latch. Whether the calling process owns any entry.
bool MineLeftLocked() {
  const int32_t proc = sga::MyProcessIndex();
  const uint32_t serial = proc < 0 ? 0 : sga::Sga::process(proc)->serial.load();
  for (int32_t i = 0; i < UsedCount(); ++i) {
    const sga::EnqueueLockSlot* s = Slot(i);
    if (s->word.load(std::memory_order_relaxed) != 0 && s->proc == proc &&
        s->proc_serial == serial) {
      return true;
    }
  }
  return false;
}

// --- posting the waiters of a resource ---------------------------------------------------
// Processes to post once the latch is released (a post is a syscall). Allocated before the
// latch is taken.
class PostSet {
 public:
  PostSet() : marked_(static_cast<size_t>(sga::Sga::processes()), 0) {}
  // REQUIRES: latch. Marks the process of every pending request on `id`.
  void MarkWaitersLocked(const EnqueueId& id) {
    LockRecord r;
    for (int32_t i = 0; i < UsedCount(); ++i) {
      if (ReadLockRecord(*Slot(i), i, &r) && r.pending() && r.id == id && r.proc >= 0 &&
          r.proc < static_cast<int32_t>(marked_.size())) {
        marked_[r.proc] = 1;
      }
    }
  }
  void PostAll() {
    for (size_t p = 0; p < marked_.size(); ++p) {
      if (marked_[p] != 0) sga::Post(static_cast<int32_t>(p));
    }
  }

 private:
  std::vector<uint8_t> marked_;
};

// REQUIRES: latch. Frees entry `i` (one store) and marks the waiters on its resource.
void FreeEntryLocked(int32_t i, const EnqueueId& id, PostSet* posts) {
  Slot(i)->word.store(0, std::memory_order_release);
  posts->MarkWaitersLocked(id);
}

// REQUIRES: latch. The owner's entry on `id`, -1 if none.
int32_t FindEntryLocked(const Owner& o, const EnqueueId& id) {
  LockRecord r;
  for (int32_t i = 0; i < UsedCount(); ++i) {
    if (ReadLockRecord(*Slot(i), i, &r) && Owns(r, o) && r.id == id) return i;
  }
  return -1;
}

// REQUIRES: latch. True if some other entry keeps `want` (a pending request) from a grant.
bool BlockedLocked(const LockRecord& want) {
  LockRecord r;
  for (int32_t i = 0; i < UsedCount(); ++i) {
    if (i != want.index && ReadLockRecord(*Slot(i), i, &r) && LockBlocks(r, want)) return true;
  }
  return false;
}

// REQUIRES: latch. Fills a free entry for `o` and publishes it with one store; -1 if full.
int32_t PublishNewLocked(const Owner& o, const EnqueueId& id, LockMode lmode, LockMode request,
                         uint64_t seq) {
  for (int32_t i = 0; i < Array()->lock_count; ++i) {
    sga::EnqueueLockSlot* s = Slot(i);
    if (s->word.load(std::memory_order_relaxed) != 0) continue;
    if (Array()->used_count.load(std::memory_order_relaxed) <= i) {
      Array()->used_count.store(i + 1, std::memory_order_release);  // before the entry is
    }
    s->session = o.session;
    s->session_serial = o.session_serial;
    s->proc = o.proc;
    s->proc_serial = o.proc_serial;
    s->type[0] = id.type[0];
    s->type[1] = id.type[1];
    s->id1 = id.id1;
    s->id2 = id.id2;
    s->seq = seq;
    s->since_us = MonotonicMicros();
    const EnqueueLockState state =
        lmode != LockMode::kNone ? EnqueueLockState::kGranted : EnqueueLockState::kWaiting;
    s->word.store(PackLockWord(state, lmode, request), std::memory_order_release);
    return i;
  }
  return -1;
}

// REQUIRES: latch; entry i is the owner's pending request. Grants it if nothing blocks it.
bool TryGrantLocked(int32_t i, const Owner& o) {
  LockRecord r;
  if (!ReadLockRecord(*Slot(i), i, &r) || !Owns(r, o) || !r.pending()) {
    // Only the owner changes its own pending request while it lives.
    throw OraError::Make(600, {"enqueue request entry lost"});
  }
  if (BlockedLocked(r)) return false;
  Slot(i)->since_us = MonotonicMicros();
  Slot(i)->word.store(PackLockWord(EnqueueLockState::kGranted, r.request, LockMode::kNone),
                      std::memory_order_release);
  return true;
}

// REQUIRES: latch. Withdraws the owner's pending request in entry i: a new request frees the
// entry, a conversion goes back to the mode it held. Marks the waiters behind it.
void WithdrawLocked(int32_t i, const Owner& o, PostSet* posts) {
  LockRecord r;
  if (!ReadLockRecord(*Slot(i), i, &r) || !Owns(r, o) || !r.pending()) return;
  if (r.lmode == LockMode::kNone) {
    FreeEntryLocked(i, r.id, posts);
  } else {
    Slot(i)->word.store(PackLockWord(EnqueueLockState::kGranted, r.lmode, LockMode::kNone),
                        std::memory_order_release);
    posts->MarkWaitersLocked(r.id);
  }
}

// --- statistics -------------------------------------------------------------------------
sga::EnqueueTypeStat* StatFor(const EnqueueId& id) {
  const uint16_t packed = static_cast<uint16_t>(static_cast<uint8_t>(id.type[0]) << 8 |
                                                static_cast<uint8_t>(id.type[1]));
  for (sga::EnqueueTypeStat& st : Array()->stats) {
    uint16_t t = st.type.load(std::memory_order_acquire);
    if (t == packed) return &st;
    if (t == 0 && (st.type.compare_exchange_strong(t, packed) || t == packed)) return &st;
  }
  return nullptr;  // more types than rows: not counted
}

void Count(std::atomic<uint64_t> sga::EnqueueTypeStat::*field, sga::EnqueueTypeStat* st,
           uint64_t n = 1) {
  if (st != nullptr) (st->*field).fetch_add(n, std::memory_order_relaxed);
}

// A pending request of the calling session: withdrawn on every exit that is not a grant
// (timeout, interrupt, any exception), and counted.
class PendingRequest {
 public:
  PendingRequest(int32_t index, const Owner& owner, sga::EnqueueTypeStat* stat)
      : index_(index), owner_(owner), stat_(stat), start_us_(MonotonicMicros()) {
    Count(&sga::EnqueueTypeStat::total_wait, stat_);
  }
  ~PendingRequest() {
    Count(&sga::EnqueueTypeStat::cum_wait_us, stat_,
          static_cast<uint64_t>(MonotonicMicros() - start_us_));
    if (done_) return;
    Count(&sga::EnqueueTypeStat::failed_req, stat_);
    PostSet posts;
    bool mine_left;
    {
      sga::LatchGuard guard(EnqueueLatch());
      WithdrawLocked(index_, owner_, &posts);
      mine_left = MineLeftLocked();
    }
    posts.PostAll();
    ForgetStateObjectIfNone(mine_left);
  }
  PendingRequest(const PendingRequest&) = delete;
  PendingRequest& operator=(const PendingRequest&) = delete;

  // The request was granted, or withdrawn by the caller under the latch (deadlock).
  void Done(bool granted) {
    done_ = true;
    Count(granted ? &sga::EnqueueTypeStat::succ_req : &sga::EnqueueTypeStat::failed_req, stat_);
  }

 private:
  int32_t index_;
  Owner owner_;
  sga::EnqueueTypeStat* stat_;
  int64_t start_us_;
  bool done_ = false;
};

// Waits for the pending request in entry `index` (see the contract in enqueue.h).
AcquireResult WaitForGrant(int32_t index, const Owner& me, const EnqueueId& id, LockMode mode,
                           wait::EventId event, int64_t timeout_us, sga::EnqueueTypeStat* stat) {
  PendingRequest request(index, me, stat);
  const int64_t start = MonotonicMicros();
  const int64_t deadline =
      timeout_us < 0 ? std::numeric_limits<int64_t>::max() : start + timeout_us;
  const int64_t interval_us = sga::Sga::param(kDeadlockDetectionInterval)->num * 1000000;
  int64_t next_check = start + interval_us;
  std::unique_ptr<EnqueueGraph> graph;  // built at the first deadlock search
  std::vector<std::pair<int, int>> cycle;
  // Ends by a grant, the deadline, a deadlock or an interrupt (OraError); with no timeout it
  // lasts as long as the blockers hold their locks, as Oracle's enqueue waits. Each sleep is
  // one wait (WaitFor): it ends when a releaser posts us or at the next deadlock search,
  // like Oracle's 3-second enqueue timeouts; the latch is only taken between waits.
  for (;;) {
    const int64_t now = MonotonicMicros();
    if (now >= deadline) return AcquireResult::kTimedOut;  // ~PendingRequest withdraws it
    const int64_t until = deadline < next_check ? deadline : next_check;
    wait::WaitFor(event, EnqueueNameMode(id, mode), id.id1, id.id2, nullptr, 0, until - now);
    {
      sga::LatchGuard guard(EnqueueLatch());
      if (TryGrantLocked(index, me)) {
        request.Done(true);
        return AcquireResult::kGranted;
      }
    }
    if (MonotonicMicros() < next_check) continue;
    if (graph == nullptr) {
      graph = std::make_unique<EnqueueGraph>();
      cycle.reserve(static_cast<size_t>(sga::Sga::sessions()));
    }
    PostSet posts;
    bool deadlock;
    bool mine_left = true;
    {
      sga::LatchGuard guard(EnqueueLatch());
      graph->LoadLocked();
      deadlock = graph->FindCycle(me.session, &cycle);
      // Withdrawn in the same latch hold as the search: no other member of the cycle can
      // find it too.
      if (deadlock) {
        WithdrawLocked(index, me, &posts);
        mine_left = MineLeftLocked();
      }
    }
    if (deadlock) {
      request.Done(false);
      posts.PostAll();
      ForgetStateObjectIfNone(mine_left);
      ReportDeadlock(DeadlockGraphText(DeadlockEdges(*graph, cycle)));
      return AcquireResult::kDeadlock;
    }
    next_check = MonotonicMicros() + interval_us;
  }
}

}  // namespace

AcquireResult EnqueueAcquire(const EnqueueId& id, LockMode mode, int64_t timeout_us) {
  wait::EventId event;
  if (!EnqueueWaitEvent(id, &event) || mode == LockMode::kNone) {
    throw OraError::Make(600, {"enqueue request for an unknown type or mode none"});
  }
  const Owner me = Me();
  sga::EnqueueTypeStat* stat = StatFor(id);
  Count(&sga::EnqueueTypeStat::total_req, stat);
  RecordStateObject(me);  // before any entry of ours can become visible (invariant 1)
  int32_t index;
  bool granted = false;
  bool nowait_failed = false;
  bool mine_left = true;
  {
    sga::LatchGuard guard(EnqueueLatch());
    index = FindEntryLocked(me, id);
    LockRecord want{
        index, me.session, me.session_serial, me.proc, me.proc_serial, id, LockMode::kNone, mode,
        0,     0};
    if (index >= 0) {
      LockRecord held;
      ReadLockRecord(*Slot(index), index, &held);
      if (LockModeCovers(held.lmode, mode)) {
        Count(&sga::EnqueueTypeStat::succ_req, stat);
        return AcquireResult::kGranted;
      }
      want.lmode = held.lmode;
      want.request = LockModeCombine(held.lmode, mode);
    }
    want.seq = Array()->next_seq.fetch_add(1, std::memory_order_relaxed);
    granted = !BlockedLocked(want);
    if (!granted && timeout_us == 0) {
      nowait_failed = true;  // nothing of ours was published or changed
      mine_left = MineLeftLocked();
    } else {
      const LockMode lmode = granted ? want.request : want.lmode;
      const LockMode request = granted ? LockMode::kNone : want.request;
      if (index < 0) {
        index = PublishNewLocked(me, id, lmode, request, want.seq);
        if (index < 0) mine_left = MineLeftLocked();
      } else {
        sga::EnqueueLockSlot* s = Slot(index);
        // Plain fields first, then the one store that makes the change (enqueue_array.h).
        if (granted) {
          s->since_us = MonotonicMicros();
        } else {
          s->seq = want.seq;
        }
        s->word.store(PackLockWord(EnqueueLockState::kGranted, lmode, request),
                      std::memory_order_release);
      }
    }
  }
  if (nowait_failed || index < 0) {
    Count(&sga::EnqueueTypeStat::failed_req, stat);
    ForgetStateObjectIfNone(mine_left);
    if (nowait_failed) return AcquireResult::kTimedOut;
    throw OraError::Make(53);
  }
  if (granted) {
    Count(&sga::EnqueueTypeStat::succ_req, stat);
    return AcquireResult::kGranted;
  }
  return WaitForGrant(index, me, id, mode, event, timeout_us, stat);
}

bool EnqueueRelease(const EnqueueId& id) {
  const Owner me = Me();
  PostSet posts;
  bool found;
  bool mine_left;
  {
    sga::LatchGuard guard(EnqueueLatch());
    const int32_t i = FindEntryLocked(me, id);
    found = i >= 0;
    if (found) FreeEntryLocked(i, id, &posts);
    mine_left = MineLeftLocked();
  }
  posts.PostAll();
  ForgetStateObjectIfNone(mine_left);
  return found;
}

int EnqueueReleaseAllOwnedBy(int32_t session) {
  if (session < 0 || session >= sga::Sga::sessions()) return 0;
  const uint32_t serial = sga::Sga::session(session)->serial.load();
  PostSet posts;
  int released = 0;
  bool mine_left;
  {
    sga::LatchGuard guard(EnqueueLatch());
    LockRecord r;
    for (int32_t i = 0; i < UsedCount(); ++i) {
      if (ReadLockRecord(*Slot(i), i, &r) && r.session == session && r.session_serial == serial) {
        FreeEntryLocked(i, r.id, &posts);
        ++released;
      }
    }
    mine_left = MineLeftLocked();
  }
  posts.PostAll();
  ForgetStateObjectIfNone(mine_left);
  return released;
}

LockMode EnqueueHeldMode(const EnqueueId& id) {
  const Owner me = Me();
  sga::LatchGuard guard(EnqueueLatch());
  const int32_t i = FindEntryLocked(me, id);
  LockRecord r;
  if (i < 0 || !ReadLockRecord(*Slot(i), i, &r)) return LockMode::kNone;
  return r.lmode;
}

int EnqueueCleanupDeadProcess(int32_t proc, uint32_t proc_serial) {
  PostSet posts;
  int freed = 0;
  {
    sga::LatchGuard guard(EnqueueLatch());
    LockRecord r;
    for (int32_t i = 0; i < UsedCount(); ++i) {
      // Ownership checked entry by entry (state_object.h invariant 4).
      if (ReadLockRecord(*Slot(i), i, &r) && r.proc == proc && r.proc_serial == proc_serial) {
        FreeEntryLocked(i, r.id, &posts);
        ++freed;
      }
    }
  }
  posts.PostAll();
  return freed;
}

std::vector<EnqueueTypeStatistics> EnqueueStatistics() {
  std::vector<EnqueueTypeStatistics> out;
  for (const sga::EnqueueTypeStat& st : Array()->stats) {
    const uint16_t t = st.type.load(std::memory_order_acquire);
    if (t == 0) continue;
    out.push_back({{static_cast<char>(t >> 8), static_cast<char>(t & 0xFF), '\0'},
                   st.total_req.load(std::memory_order_relaxed),
                   st.total_wait.load(std::memory_order_relaxed),
                   st.succ_req.load(std::memory_order_relaxed),
                   st.failed_req.load(std::memory_order_relaxed),
                   st.cum_wait_us.load(std::memory_order_relaxed)});
  }
  return out;
}

}  // namespace warden::txn
