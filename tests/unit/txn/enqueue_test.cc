// The enqueue manager: modes and ids, grants, conversions, NOWAIT and timeouts, FIFO queues,
// prompt wake-ups, interrupted and dead waiters and holders, V$LOCK and blocking sessions.
// Concurrent sessions are forked children (enqueue_test_support.h).
#include "txn/enqueue.h"

#include <gtest/gtest.h>

#include "enqueue_test_support.h"
#include "sga/post_wait.h"
#include "txn/enqueue_id.h"
#include "txn/lock_mode.h"
#include "wait/event_catalog.h"

namespace warden::txn::testing {
namespace {

const LockMode kN = LockMode::kNull, kSS = LockMode::kRowShare, kSX = LockMode::kRowExclusive,
               kS = LockMode::kShare, kSSX = LockMode::kShareRowExclusive,
               kX = LockMode::kExclusive, kNone = LockMode::kNone;

TEST(LockModeTest, OracleCompatibilityMatrix) {
  // Oracle Concepts, "Summary of Table Locks": rows held, columns requested (N..X).
  const LockMode modes[] = {kN, kSS, kSX, kS, kSSX, kX};
  const char* expected[] = {
      "YYYYYY",  // N
      "YYYYYN",  // SS
      "YYYNNN",  // SX
      "YYNYNN",  // S
      "YYNNNN",  // SSX
      "YNNNNN",  // X
  };
  for (int h = 0; h < 6; ++h) {
    for (int w = 0; w < 6; ++w) {
      EXPECT_EQ(LockModesCompatible(modes[h], modes[w]), expected[h][w] == 'Y')
          << LockModeName(modes[h]) << " held, " << LockModeName(modes[w]) << " wanted";
    }
    EXPECT_TRUE(LockModesCompatible(kNone, modes[h]));
    EXPECT_TRUE(LockModesCompatible(modes[h], kNone));
  }
}

TEST(LockModeTest, ConversionsCombineToTheWeakestCoveringMode) {
  EXPECT_EQ(LockModeCombine(kSX, kS), kSSX);  // LOCK TABLE IN SHARE MODE after DML
  EXPECT_EQ(LockModeCombine(kS, kSX), kSSX);
  EXPECT_EQ(LockModeCombine(kSS, kSX), kSX);
  EXPECT_EQ(LockModeCombine(kSS, kS), kS);
  EXPECT_EQ(LockModeCombine(kN, kSS), kSS);
  EXPECT_EQ(LockModeCombine(kNone, kN), kN);
  EXPECT_EQ(LockModeCombine(kSSX, kSX), kSSX);
  EXPECT_EQ(LockModeCombine(kSSX, kX), kX);
  EXPECT_EQ(LockModeCombine(kX, kSS), kX);
  EXPECT_TRUE(LockModeCovers(kSSX, kS));
  EXPECT_FALSE(LockModeCovers(kSX, kS));
  EXPECT_FALSE(LockModeCovers(kNone, kN));
  EXPECT_STREQ(LockModeName(kSSX), "SSX");
}

TEST(EnqueueIdTest, OracleNamesAndWaitParameters) {
  const EnqueueId tx = EnqueueId::Tx(6, 7, 2089);
  EXPECT_EQ(tx.id1, 393223u);  // 0x00060007, the reference's P2
  EXPECT_EQ(tx.id2, 2089u);
  EXPECT_EQ(EnqueueNameMode(tx, kX), 0x54580006u);
  EXPECT_EQ(EnqueueNameMode(tx, kS), 1415053316u);
  EXPECT_EQ(EnqueueResourceName(tx), "TX-00060007-00000829");
  wait::EventId e;
  ASSERT_TRUE(EnqueueWaitEvent(tx, &e));
  EXPECT_STREQ(wait::GetEventInfo(e).name, "enq: TX - row lock contention");
  ASSERT_TRUE(EnqueueWaitEvent(EnqueueId::Tm(5), &e));
  EXPECT_STREQ(wait::GetEventInfo(e).name, "enq: TM - contention");
  EXPECT_FALSE(EnqueueWaitEvent(EnqueueId{{'Z', 'Z'}, 1, 0}, &e));
}

TEST_F(EnqueueTest, GrantConvertAndReleaseInOneSession) {
  const EnqueueId tm = EnqueueId::Tm(4242);
  EXPECT_FALSE(HasStateObject(me_, sga::StateObjectType::kEnqueues));
  ASSERT_EQ(EnqueueAcquire(tm, kSX, kEnqueueNoWait), AcquireResult::kGranted);
  EXPECT_TRUE(HasStateObject(me_, sga::StateObjectType::kEnqueues));
  EXPECT_EQ(EnqueueHeldMode(tm), kSX);
  ASSERT_EQ(EnqueueAcquire(tm, kS, kEnqueueNoWait), AcquireResult::kGranted);
  EXPECT_EQ(EnqueueHeldMode(tm), kSSX);  // converted, one entry
  ASSERT_EQ(EnqueueAcquire(tm, kSS, kEnqueueNoWait), AcquireResult::kGranted);
  EXPECT_EQ(EnqueueHeldMode(tm), kSSX);  // already covered
  std::vector<EnqueueLockInfo> rows = EnqueueSnapshot();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].session, session_);
  EXPECT_STREQ(rows[0].type, "TM");
  EXPECT_EQ(rows[0].id1, 4242u);
  EXPECT_EQ(rows[0].lmode, 5);
  EXPECT_EQ(rows[0].request, 0);
  EXPECT_EQ(rows[0].block, 0);
  EXPECT_EQ(rows[0].ctime, 0);
  EXPECT_TRUE(EnqueueRelease(tm));
  EXPECT_FALSE(EnqueueRelease(tm));
  EXPECT_TRUE(EnqueueSnapshot().empty());
  EXPECT_FALSE(HasStateObject(me_, sga::StateObjectType::kEnqueues));
}

TEST_F(EnqueueTest, ReleaseAllEndsATransaction) {
  ASSERT_EQ(EnqueueAcquire(EnqueueId::Tx(1, 2, 3), kX, 0), AcquireResult::kGranted);
  ASSERT_EQ(EnqueueAcquire(EnqueueId::Tm(10), kSX, 0), AcquireResult::kGranted);
  ASSERT_EQ(EnqueueAcquire(EnqueueId::Tm(11), kSX, 0), AcquireResult::kGranted);
  EXPECT_EQ(EnqueueReleaseAllOwnedBy(session_), 3);
  EXPECT_TRUE(EnqueueSnapshot().empty());
  EXPECT_FALSE(HasStateObject(me_, sga::StateObjectType::kEnqueues));
}

TEST_F(EnqueueTest, SharedModesCoexistAcrossSessions) {
  const EnqueueId tm = EnqueueId::Tm(7);
  Child& a = NewChild();
  a.Acquire(tm, kSX, 0);
  ASSERT_EQ(a.AcquireReply(), kGranted);
  EXPECT_EQ(EnqueueAcquire(tm, kSX, 0), AcquireResult::kGranted);  // two DMLs on one table
  EXPECT_EQ(EnqueueAcquire(tm, kS, 0), AcquireResult::kTimedOut);  // SSX conflicts with SX
  EXPECT_EQ(EnqueueHeldMode(tm), kSX);                             // the conversion undone
  EXPECT_FALSE(HasRequest(session_));
}

TEST_F(EnqueueTest, NowaitAndTimeoutGiveUpAndLeaveNothing) {
  const EnqueueId tx = EnqueueId::Tx(2, 5, 77);
  Child& holder = NewChild();
  holder.Acquire(tx, kX, 0);
  ASSERT_EQ(holder.AcquireReply(), kGranted);

  EXPECT_EQ(EnqueueAcquire(tx, kX, kEnqueueNoWait), AcquireResult::kTimedOut);
  EXPECT_FALSE(FindLock(session_, tx));
  EXPECT_FALSE(HasStateObject(me_, sga::StateObjectType::kEnqueues));

  const int64_t start = MonotonicMicros();
  EXPECT_EQ(EnqueueAcquire(tx, kS, 200000), AcquireResult::kTimedOut);
  EXPECT_GE(MonotonicMicros() - start, 200000);
  EXPECT_FALSE(FindLock(session_, tx));
  EXPECT_FALSE(HasStateObject(me_, sga::StateObjectType::kEnqueues));
  // The timed-out wait was one wait on the TX event, counted as a timeout.
  const sga::WaitEventStat& ev =
      sga::Sga::session(session_)->event_stats[wait::kEnqTxRowLockContention];
  EXPECT_EQ(ev.total_waits.load(), 1u);
  EXPECT_EQ(ev.total_timeouts.load(), 1u);

  bool found = false;
  for (const EnqueueTypeStatistics& st : EnqueueStatistics()) {
    if (std::string(st.type) != "TX") continue;
    found = true;
    EXPECT_EQ(st.total_req, 3u);  // the holder's and our two
    EXPECT_EQ(st.succ_req, 1u);
    EXPECT_EQ(st.failed_req, 2u);
    EXPECT_EQ(st.total_wait, 1u);  // NOWAIT never waits
    EXPECT_GE(st.cum_wait_us, 200000u);
  }
  EXPECT_TRUE(found);
}

TEST_F(EnqueueTest, ReleaseWakesTheWaiterAtOnce) {
  // A long deadlock interval: a waiter that is not posted would sleep far past the poll bound.
  SetDeadlockInterval(3600);
  const EnqueueId tx = EnqueueId::Tx(6, 7, 2089);
  ASSERT_EQ(EnqueueAcquire(tx, kX, 0), AcquireResult::kGranted);
  Child& waiter = NewChild();
  waiter.Acquire(tx, kX);
  AwaitRequest(waiter.session());

  // What V$SESSION and V$LOCK show meanwhile.
  sga::SessionSlot* ws = sga::Sga::session(waiter.session());
  ASSERT_TRUE(PollUntil([&] { return ws->waiting.load() == 1; }));
  EXPECT_EQ(ws->wait_event.load(), wait::kEnqTxRowLockContention);
  EXPECT_EQ(ws->wait_p1.load(), 0x54580006u);
  EXPECT_EQ(ws->wait_p2.load(), 393223u);
  EXPECT_EQ(ws->wait_p3.load(), 2089u);
  EXPECT_EQ(EnqueueBlockingSession(waiter.session()), session_);
  EXPECT_EQ(EnqueueFinalBlockingSession(waiter.session()), session_);
  EXPECT_EQ(EnqueueBlockingSession(session_), -1);
  EnqueueLockInfo mine, theirs;
  ASSERT_TRUE(FindLock(session_, tx, &mine));
  ASSERT_TRUE(FindLock(waiter.session(), tx, &theirs));
  EXPECT_EQ(mine.lmode, 6);
  EXPECT_EQ(mine.request, 0);
  EXPECT_EQ(mine.block, 1);
  EXPECT_EQ(theirs.lmode, 0);
  EXPECT_EQ(theirs.request, 6);
  EXPECT_EQ(theirs.block, 0);
  std::vector<EnqueueBlockers> all = EnqueueAllBlockers();
  EXPECT_EQ(all[waiter.session()].blocking, session_);
  EXPECT_EQ(all[session_].blocking, -1);
  EXPECT_FALSE(waiter.HasReply());

  const int64_t released_at = MonotonicMicros();
  EXPECT_TRUE(EnqueueRelease(tx));
  Reply r;
  EXPECT_EQ(waiter.AcquireReply(&r), kGranted);
  EXPECT_EQ(r.held_after, 6);
  EXPECT_LT(MonotonicMicros() - released_at, 10000000);
  EXPECT_EQ(ws->waiting.load(), 0);
  EXPECT_EQ(EnqueueBlockingSession(waiter.session()), -1);
}

TEST_F(EnqueueTest, WaitersAreGrantedInArrivalOrder) {
  SetDeadlockInterval(3600);
  const EnqueueId tm = EnqueueId::Tm(99);
  ASSERT_EQ(EnqueueAcquire(tm, kS, 0), AcquireResult::kGranted);
  Child& writer = NewChild();
  Child& reader = NewChild();
  writer.Acquire(tm, kX);
  AwaitRequest(writer.session());
  // S is compatible with the S held, but the X queued ahead of it conflicts: it waits.
  reader.Acquire(tm, kS);
  AwaitRequest(reader.session());
  EXPECT_EQ(EnqueueBlockingSession(reader.session()), writer.session());
  EXPECT_EQ(EnqueueFinalBlockingSession(reader.session()), session_);
  // A NOWAIT request that would jump the queue fails too.
  Child& jumper = NewChild();
  jumper.Acquire(tm, kSS, 0);
  EXPECT_EQ(jumper.AcquireReply(), kTimedOut);

  EXPECT_TRUE(EnqueueRelease(tm));
  EXPECT_EQ(writer.AcquireReply(), kGranted);
  EXPECT_FALSE(reader.HasReply());
  EXPECT_EQ(EnqueueBlockingSession(reader.session()), writer.session());
  writer.Release(tm);
  Reply r;
  ASSERT_TRUE(writer.Receive(&r));
  EXPECT_EQ(r.result, 1);
  EXPECT_EQ(reader.AcquireReply(), kGranted);
}

TEST_F(EnqueueTest, ConversionsGoAheadOfNewRequests) {
  SetDeadlockInterval(3600);
  const EnqueueId tm = EnqueueId::Tm(5);
  ASSERT_EQ(EnqueueAcquire(tm, kS, 0), AcquireResult::kGranted);
  Child& converter = NewChild();
  Child& newcomer = NewChild();
  converter.Acquire(tm, kS, 0);
  ASSERT_EQ(converter.AcquireReply(), kGranted);
  newcomer.Acquire(tm, kSX);  // blocked by both S
  AwaitRequest(newcomer.session());
  converter.Acquire(tm, kSX);  // S + SX = SSX, blocked by our S
  AwaitRequest(converter.session());
  EnqueueLockInfo row;
  ASSERT_TRUE(FindLock(converter.session(), tm, &row));
  EXPECT_EQ(row.lmode, 4);
  EXPECT_EQ(row.request, 5);

  EXPECT_TRUE(EnqueueRelease(tm));
  Reply r;
  EXPECT_EQ(converter.AcquireReply(&r), kGranted);
  EXPECT_EQ(r.held_after, 5);
  EXPECT_FALSE(newcomer.HasReply());
  EXPECT_EQ(EnqueueBlockingSession(newcomer.session()), converter.session());
  converter.ReleaseAll();
  ASSERT_TRUE(converter.Receive(&r));
  EXPECT_EQ(newcomer.AcquireReply(), kGranted);
}

// Sets `bits` in the session's interrupt word and posts its process, as ALTER SYSTEM KILL
// SESSION and CANCEL SQL do.
void Interrupt(int32_t session, uint32_t bits) {
  sga::SessionSlot* s = sga::Sga::session(session);
  s->interrupts.fetch_or(bits);
  sga::Post(s->owner_proc.load());
}

TEST_F(EnqueueTest, KilledWaiterLeavesNoRequestAndUnblocksThoseBehind) {
  SetDeadlockInterval(3600);
  const EnqueueId tm = EnqueueId::Tm(31);
  ASSERT_EQ(EnqueueAcquire(tm, kSS, 0), AcquireResult::kGranted);
  Child& victim = NewChild();
  Child& behind = NewChild();
  victim.Acquire(tm, kX);
  AwaitRequest(victim.session());
  behind.Acquire(tm, kSS);  // compatible with our SS, queued behind the X
  AwaitRequest(behind.session());

  Interrupt(victim.session(), sga::kInterruptKill);
  Reply r;
  EXPECT_EQ(victim.AcquireReply(&r), -1);
  EXPECT_EQ(r.ora_code, 28);
  EXPECT_EQ(r.pending_after, 0);  // withdrawn before the session released anything
  EXPECT_EQ(r.held_after, 0);
  EXPECT_EQ(behind.AcquireReply(), kGranted);
  EXPECT_FALSE(FindLock(victim.session(), tm));
}

TEST_F(EnqueueTest, CancelledWaiterWithdrawsAndTheSessionLivesOn) {
  SetDeadlockInterval(3600);
  const EnqueueId tx = EnqueueId::Tx(3, 3, 3);
  const EnqueueId tm = EnqueueId::Tm(3);
  Child& c = NewChild();
  c.Acquire(tm, kSX, 0);
  ASSERT_EQ(c.AcquireReply(), kGranted);
  ASSERT_EQ(EnqueueAcquire(tm, kSX, 0), AcquireResult::kGranted);
  ASSERT_EQ(EnqueueAcquire(tx, kX, 0), AcquireResult::kGranted);
  // A conversion that waits, then is cancelled: back to the mode it held.
  c.Acquire(tm, kS);  // SX + S = SSX, blocked by our SX
  AwaitRequest(c.session());
  Interrupt(c.session(), sga::kInterruptCancel);
  Reply r;
  EXPECT_EQ(c.AcquireReply(&r), -1);
  EXPECT_EQ(r.ora_code, 1013);
  EXPECT_EQ(r.pending_after, 0);
  EXPECT_EQ(r.held_after, 3);
  // A new request that waits, then is cancelled: no entry left.
  c.Acquire(tx, kX);
  AwaitRequest(c.session());
  Interrupt(c.session(), sga::kInterruptCancel);
  EXPECT_EQ(c.AcquireReply(&r), -1);
  EXPECT_EQ(r.ora_code, 1013);
  EXPECT_FALSE(FindLock(c.session(), tx));
  // The session goes on working.
  EXPECT_TRUE(EnqueueRelease(tx));
  c.Acquire(tx, kX, 0);
  EXPECT_EQ(c.AcquireReply(), kGranted);
}

TEST_F(EnqueueTest, DeadHolderCleanedUpByPmonWakesItsWaiter) {
  SetDeadlockInterval(3600);
  const EnqueueId tx = EnqueueId::Tx(9, 1, 1);
  Child& dead = NewChild();
  dead.Acquire(tx, kX, 0);
  ASSERT_EQ(dead.AcquireReply(), kGranted);
  dead.Acquire(EnqueueId::Tm(8), kSX, 0);
  ASSERT_EQ(dead.AcquireReply(), kGranted);
  Child& waiter = NewChild();
  waiter.Acquire(tx, kS);
  AwaitRequest(waiter.session());

  dead.Crash();
  EXPECT_TRUE(HasStateObject(dead.proc(), sga::StateObjectType::kEnqueues));
  EXPECT_FALSE(waiter.HasReply());
  EXPECT_EQ(EnqueueCleanupDeadProcess(dead.proc(), dead.proc_serial() + 1), 0);  // not it
  EXPECT_EQ(EnqueueCleanupDeadProcess(dead.proc(), dead.proc_serial()), 2);
  EXPECT_EQ(waiter.AcquireReply(), kGranted);
  EXPECT_FALSE(FindLock(dead.session(), tx));
  EXPECT_EQ(EnqueueCleanupDeadProcess(dead.proc(), dead.proc_serial()), 0);  // done once
}

TEST_F(EnqueueTest, DeathHoldingTheLatchLeavesTheArrayConsistent) {
  SetDeadlockInterval(3600);
  const EnqueueId tx = EnqueueId::Tx(4, 4, 4);
  Child& dead = NewChild();
  dead.Acquire(tx, kX, 0);
  ASSERT_EQ(dead.AcquireReply(), kGranted);
  dead.Crash(Op::kCrashHoldingLatch);
  sga::Latch* latch = sga::Sga::latch(sga::kEnqueueLatch);
  EXPECT_EQ(latch->holder.load(), dead.proc());
  // PMON's order: the latch (recovery kConsistent), then the enqueues, then the session.
  EXPECT_TRUE(sga::LatchRecoverFromDeadHolder(latch, dead.proc()));
  EXPECT_EQ(EnqueueCleanupDeadProcess(dead.proc(), dead.proc_serial()), 1);
  EXPECT_EQ(EnqueueAcquire(tx, kX, 0), AcquireResult::kGranted);
}

TEST_F(EnqueueTest, DeadWaiterIsRemovedAndThoseBehindItMoveUp) {
  SetDeadlockInterval(3600);
  const EnqueueId tm = EnqueueId::Tm(12);
  ASSERT_EQ(EnqueueAcquire(tm, kSS, 0), AcquireResult::kGranted);
  Child& dead = NewChild();
  Child& behind = NewChild();
  dead.Acquire(tm, kX);
  AwaitRequest(dead.session());
  behind.Acquire(tm, kSS);
  AwaitRequest(behind.session());
  dead.KillAndReap();
  EXPECT_TRUE(HasRequest(dead.session()));  // a death leaves the request; PMON removes it
  EXPECT_EQ(EnqueueCleanupDeadProcess(dead.proc(), dead.proc_serial()), 1);
  EXPECT_EQ(behind.AcquireReply(), kGranted);
}

TEST_F(EnqueueTest, FullArrayIsOra00053) {
  const int32_t n = sga::Sga::enqueues()->lock_count;
  int32_t got = 0;
  try {
    for (int32_t i = 0; i <= n; ++i) {
      ASSERT_EQ(EnqueueAcquire(EnqueueId::Tm(static_cast<uint64_t>(i)), kSX, 0),
                AcquireResult::kGranted);
      ++got;
    }
    FAIL() << "no ORA-00053";
  } catch (const OraError& e) {
    EXPECT_EQ(e.code(), 53);
  }
  EXPECT_EQ(got, n);
  EXPECT_EQ(EnqueueReleaseAllOwnedBy(session_), n);
  EXPECT_EQ(EnqueueAcquire(EnqueueId::Tm(1), kSX, 0), AcquireResult::kGranted);
}

}  // namespace
}  // namespace warden::txn::testing
