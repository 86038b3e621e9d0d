// The enqueue wait-for graph (see enqueue_graph.h).
#include "txn/enqueue_graph.h"

#include <algorithm>

#include "sga/latch.h"
#include "sga/sga.h"

namespace warden::txn {

EnqueueGraph::EnqueueGraph() {
  const auto locks = static_cast<size_t>(sga::Sga::enqueues()->lock_count);
  const auto sessions = static_cast<size_t>(sga::Sga::sessions());
  records_.reserve(locks);
  group_begin_.reserve(locks);
  group_end_.reserve(locks);
  pending_of_session_.reserve(sessions);
  visited_.reserve(sessions);
  stack_.reserve(sessions);
}

void EnqueueGraph::LoadLocked() {
  sga::EnqueueArray* a = sga::Sga::enqueues();
  sga::EnqueueLockSlot* slots = sga::EnqueueLocks(a);
  records_.clear();
  LockRecord r;
  for (int32_t i = 0; i < a->used_count.load(std::memory_order_acquire); ++i) {
    if (ReadLockRecord(slots[i], i, &r)) records_.push_back(r);
  }
  std::sort(records_.begin(), records_.end(), [](const LockRecord& x, const LockRecord& y) {
    if (x.id.type[0] != y.id.type[0]) return x.id.type[0] < y.id.type[0];
    if (x.id.type[1] != y.id.type[1]) return x.id.type[1] < y.id.type[1];
    if (x.id.id1 != y.id.id1) return x.id.id1 < y.id.id1;
    if (x.id.id2 != y.id.id2) return x.id.id2 < y.id.id2;
    return x.index < y.index;
  });
  const int n = static_cast<int>(records_.size());
  group_begin_.assign(static_cast<size_t>(n), 0);
  group_end_.assign(static_cast<size_t>(n), 0);
  for (int begin = 0; begin < n;) {
    int end = begin + 1;
    while (end < n && records_[end].id == records_[begin].id) ++end;
    for (int i = begin; i < end; ++i) {
      group_begin_[i] = begin;
      group_end_[i] = end;
    }
    begin = end;
  }
  pending_of_session_.assign(static_cast<size_t>(sga::Sga::sessions()), -1);
  for (int i = 0; i < n; ++i) {
    const int32_t s = records_[i].session;
    if (records_[i].pending() && s >= 0 && s < sga::Sga::sessions()) pending_of_session_[s] = i;
  }
}

void EnqueueGraph::Load() {
  sga::LatchGuard guard(sga::Sga::latch(sga::kEnqueueLatch));
  LoadLocked();
}

int EnqueueGraph::PendingOf(int32_t session) const {
  if (session < 0 || session >= static_cast<int32_t>(pending_of_session_.size())) return -1;
  return pending_of_session_[session];
}

int EnqueueGraph::FirstBlocker(int r) const {
  int found = -1;
  ForEachBlocker(r, [&](int i) {
    found = i;
    return false;
  });
  return found;
}

bool EnqueueGraph::Blocks(int r) const {
  const LockRecord& holder = records_[r];
  if (holder.lmode == LockMode::kNone) return false;
  for (int i = group_begin_[r]; i < group_end_[r]; ++i) {
    const LockRecord& w = records_[i];
    if (w.pending() && !w.SameOwner(holder) && !LockModesCompatible(holder.lmode, w.request)) {
      return true;
    }
  }
  return false;
}

int32_t EnqueueGraph::FinalBlocker(int32_t session) const {
  int32_t cur = session;
  // Bounded: a chain longer than the number of sessions has a cycle.
  for (size_t steps = 0; steps <= pending_of_session_.size(); ++steps) {
    const int p = PendingOf(cur);
    const int b = p < 0 ? -1 : FirstBlocker(p);
    if (b < 0) return cur == session ? -1 : cur;
    cur = records_[b].session;
    if (cur == session) return -1;  // a deadlock: no final blocker
  }
  return -1;
}

bool EnqueueGraph::FindCycle(int32_t session, std::vector<std::pair<int, int>>* cycle) {
  cycle->clear();
  const int start = PendingOf(session);
  if (start < 0) return false;
  visited_.assign(pending_of_session_.size(), 0);
  visited_[session] = 1;
  stack_.clear();
  stack_.push_back({start, group_begin_[start], -1});
  // Bounded: each session is pushed at most once (visited_), and each frame walks its
  // resource's records once.
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    int i = f.next;
    while (i < group_end_[f.waiter] && !LockBlocks(records_[i], records_[f.waiter])) ++i;
    if (i >= group_end_[f.waiter]) {
      stack_.pop_back();
      continue;
    }
    f.blocker = i;
    f.next = i + 1;
    const int32_t s = records_[i].session;
    if (s == session) {
      for (const Frame& g : stack_) cycle->push_back({g.waiter, g.blocker});
      return true;
    }
    if (s < 0 || s >= static_cast<int32_t>(visited_.size()) || visited_[s] != 0) continue;
    visited_[s] = 1;
    const int p = PendingOf(s);
    if (p >= 0) stack_.push_back({p, group_begin_[p], -1});
  }
  return false;
}

}  // namespace warden::txn
