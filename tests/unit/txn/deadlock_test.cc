// Deadlock detection: cycles of two and three real sessions (forked children), exactly one
// member gets kDeadlock and its request is withdrawn; the others go on once it ends its
// transaction. Also the wait-for graph's answers and the trace text.
#include "txn/deadlock.h"

#include <gtest/gtest.h>

#include "enqueue_test_support.h"

namespace warden::txn::testing {
namespace {

const LockMode kX = LockMode::kExclusive;
const LockMode kS = LockMode::kShare;

// Waits until one of `children` has answered and returns its position; -1 after the bound.
int FirstToAnswer(const std::vector<Child*>& children, int64_t timeout_us = 30000000) {
  const int64_t deadline = MonotonicMicros() + timeout_us;
  while (MonotonicMicros() < deadline) {
    for (size_t i = 0; i < children.size(); ++i) {
      if (children[i]->HasReply()) return static_cast<int>(i);
    }
    usleep(1000);
  }
  return -1;
}

// Session i holds X on its own TX and then requests the next one's: a cycle of n.
void RunCycle(std::vector<Child*> cs) {
  const size_t n = cs.size();
  std::vector<EnqueueId> tx;
  for (size_t i = 0; i < n; ++i) {
    tx.push_back(EnqueueId::Tx(static_cast<uint32_t>(i + 1), 1, 100 + i));
    cs[i]->Acquire(tx[i], kX, 0);
    ASSERT_EQ(cs[i]->AcquireReply(), kGranted);
  }
  for (size_t i = 0; i < n; ++i) {
    cs[i]->Acquire(tx[(i + 1) % n], kX);
    ASSERT_NO_FATAL_FAILURE(EnqueueTest::AwaitRequest(cs[i]->session()));
  }
  // Every member is blocked, none has a final blocker: the chain is a cycle.
  for (Child* c : cs) {
    EXPECT_GE(EnqueueBlockingSession(c->session()), 0);
    EXPECT_EQ(EnqueueFinalBlockingSession(c->session()), -1);
  }
  const int first = FirstToAnswer(cs);
  ASSERT_GE(first, 0) << "no one detected the deadlock";
  Reply r;
  ASSERT_EQ(cs[first]->AcquireReply(&r), kDeadlock);
  EXPECT_EQ(r.pending_after, 0);  // its request is gone, its own TX still held
  EXPECT_EQ(r.graph_rows, static_cast<int>(n));
  EXPECT_EQ(r.held_after, 0);
  // Nobody else is told: they still wait, now on a chain that ends at the detector.
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == first) continue;
    EXPECT_FALSE(cs[i]->HasReply());
    EXPECT_EQ(EnqueueFinalBlockingSession(cs[i]->session()), cs[first]->session());
  }
  // The detector's transaction rolls back: its locks go and the chain unwinds.
  cs[first]->ReleaseAll();
  ASSERT_TRUE(cs[first]->Receive(&r));
  // The waiter on the detector's TX gets it, commits, and so on round the ring.
  size_t next = (first + n - 1) % n;
  for (size_t k = 1; k < n; ++k) {
    ASSERT_EQ(cs[next]->AcquireReply(), kGranted) << "member " << next;
    cs[next]->ReleaseAll();
    ASSERT_TRUE(cs[next]->Receive(&r));
    next = (next + n - 1) % n;
  }
}

TEST_F(EnqueueTest, DeadlockOfTwoSessionsTellsExactlyOne) {
  Child& a = NewChild();
  Child& b = NewChild();
  RunCycle({&a, &b});
}

TEST_F(EnqueueTest, DeadlockOfThreeSessionsTellsExactlyOne) {
  Child& a = NewChild();
  Child& b = NewChild();
  Child& c = NewChild();
  RunCycle({&a, &b, &c});
}

TEST_F(EnqueueTest, AChainIsNotADeadlock) {
  // a waits for b, b waits for us; after several detection intervals nobody is told.
  const EnqueueId ours = EnqueueId::Tm(1), bs = EnqueueId::Tm(2);
  ASSERT_EQ(EnqueueAcquire(ours, kX, 0), AcquireResult::kGranted);
  Child& a = NewChild();
  Child& b = NewChild();
  b.Acquire(bs, kX, 0);
  ASSERT_EQ(b.AcquireReply(), kGranted);
  b.Acquire(ours, kS);
  AwaitRequest(b.session());
  a.Acquire(bs, kS, 2500000);  // outlives two detection intervals, then times out
  Reply r;
  EXPECT_EQ(a.AcquireReply(&r), kTimedOut);
  EXPECT_EQ(r.pending_after, 0);
  EXPECT_FALSE(b.HasReply());
  EXPECT_EQ(EnqueueFinalBlockingSession(b.session()), session_);
  EXPECT_TRUE(EnqueueRelease(ours));
  EXPECT_EQ(b.AcquireReply(), kGranted);
}

TEST_F(EnqueueTest, WaitForGraphFindsTheCycleThroughASession) {
  SetDeadlockInterval(3600);  // the children must not find it first
  const EnqueueId r1 = EnqueueId::Tx(1, 1, 1), r2 = EnqueueId::Tx(2, 2, 2);
  Child& a = NewChild();
  Child& b = NewChild();
  a.Acquire(r1, kX, 0);
  ASSERT_EQ(a.AcquireReply(), kGranted);
  b.Acquire(r2, kX, 0);
  ASSERT_EQ(b.AcquireReply(), kGranted);
  a.Acquire(r2, kS);
  AwaitRequest(a.session());
  b.Acquire(r1, kX);
  AwaitRequest(b.session());

  EnqueueGraph graph;
  graph.Load();
  std::vector<std::pair<int, int>> cycle;
  cycle.reserve(static_cast<size_t>(sga::Sga::sessions()));
  ASSERT_TRUE(graph.FindCycle(a.session(), &cycle));
  std::vector<DeadlockEdge> edges = DeadlockEdges(graph, cycle);
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_TRUE(edges[0].id == r2);
  EXPECT_EQ(edges[0].waiter_session, a.session());
  EXPECT_EQ(edges[0].waiter_waits, kS);
  EXPECT_EQ(edges[0].blocker_session, b.session());
  EXPECT_EQ(edges[0].blocker_holds, kX);
  EXPECT_TRUE(edges[1].id == r1);
  EXPECT_EQ(edges[1].waiter_session, b.session());
  EXPECT_EQ(edges[1].blocker_session, a.session());
  EXPECT_FALSE(graph.FindCycle(session_, &cycle));  // we wait for nothing

  const std::string text = DeadlockGraphText(edges);
  EXPECT_EQ(text.rfind("DEADLOCK DETECTED ( ORA-00060 )\n", 0), 0u) << text;
  EXPECT_NE(text.find("Deadlock graph:\n"), std::string::npos);
  char row[160];
  std::snprintf(row, sizeof row, "%-41s %7d %7d %5s %5s  %7d %7d %5s %5s\n", "TX-00020002-00000002",
                b.proc() + 1, b.session() + 1, "X", "", a.proc() + 1, a.session() + 1, "", "S");
  EXPECT_NE(text.find(row), std::string::npos) << text;
}

}  // namespace
}  // namespace warden::txn::testing
