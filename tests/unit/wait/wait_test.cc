// The wait API: what a wait records in the session slot and the totals, timeouts, the history
// ring, interruptible sleeps, and the event catalog.
#include "wait/wait.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "../sga_test_support.h"
#include "common/ora_error.h"
#include "sga/sga.h"
#include "wait/interrupts.h"

namespace warden::wait {
namespace {

class WaitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(testing::CreateTestSga(), 1);
    sid_ = sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");
    ASSERT_GE(sid_, 0);
    s_ = sga::Sga::session(sid_);
    BindInterruptWord(&s_->interrupts);
  }
  void TearDown() override {
    BindInterruptWord(nullptr);
    sga::SessionSlotFree(sid_);
    testing::DestroyTestSga();
  }
  int32_t sid_ = -1;
  sga::SessionSlot* s_ = nullptr;
};

TEST_F(WaitTest, ScopeShowsTheWaitWhileItLastsAndCountsIt) {
  EXPECT_EQ(s_->wait_event.load(), -1);
  {
    WaitScope w(kPlsqlLockTimer, 500, 2, 3, 5000000);
    EXPECT_EQ(s_->waiting.load(), 1);
    EXPECT_EQ(s_->wait_event.load(), kPlsqlLockTimer);
    EXPECT_EQ(s_->wait_p1.load(), 500u);
    EXPECT_EQ(s_->wait_seq.load(), 1u);
    EXPECT_EQ(s_->wait_timeout_us.load(), 5000000);
  }
  EXPECT_EQ(s_->waiting.load(), 0);
  EXPECT_EQ(s_->wait_event.load(), kPlsqlLockTimer);  // the last wait stays visible
  const sga::WaitEventStat& st = s_->event_stats[kPlsqlLockTimer];
  EXPECT_EQ(st.total_waits.load(), 1u);
  EXPECT_EQ(st.total_timeouts.load(), 0u);
  // The system totals take a session's waits when it ends (a wait updates no shared counter).
  const auto& ended = sga::Sga::header()->system_event_stats[kPlsqlLockTimer];
  EXPECT_EQ(ended[0].total_waits.load(), 0u);
  sga::SessionSlotFree(sid_);
  EXPECT_EQ(ended[0].total_waits.load(), 1u);  // a foreground session's
  EXPECT_EQ(ended[1].total_waits.load(), 0u);
  sid_ = sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");  // for TearDown
  ASSERT_GE(sid_, 0);
}

TEST_F(WaitTest, TimeoutsAreCountedAndTimeIsMeasured) {
  pollfd none = {-1, 0, 0};
  EXPECT_EQ(WaitFor(kRdbmsIpcMessage, 1, 0, 0, &none, 0, 20000), sga::WakeReason::kTimeout);
  const sga::WaitEventStat& st = s_->event_stats[kRdbmsIpcMessage];
  EXPECT_EQ(st.total_waits.load(), 1u);
  EXPECT_EQ(st.total_timeouts.load(), 1u);
  EXPECT_GE(st.time_waited_us.load(), 20000u);
  EXPECT_GE(st.max_wait_us.load(), 20000u);
  EXPECT_GE(s_->last_wait_elapsed_us.load(), 20000);
  // A post ends a wait early and is not a timeout.
  sga::Post(sga::MyProcessIndex());
  EXPECT_EQ(WaitFor(kRdbmsIpcMessage, 1, 0, 0, &none, 0, 5000000), sga::WakeReason::kPosted);
  EXPECT_EQ(st.total_waits.load(), 2u);
  EXPECT_EQ(st.total_timeouts.load(), 1u);
}

TEST_F(WaitTest, HistoryKeepsTheLastTenNewestLast) {
  for (uint64_t i = 1; i <= 13; ++i) WaitScope w(kLatchFree, i, 0, 0);
  EXPECT_EQ(s_->history_next.load(), 13u);
  // The newest entry is p1 = 13, the oldest kept p1 = 4.
  std::set<uint64_t> kept;
  for (const sga::WaitHistoryEntry& h : s_->history) {
    EXPECT_EQ(h.event.load(), kLatchFree);
    kept.insert(h.p1);
  }
  EXPECT_EQ(kept.size(), 10u);
  EXPECT_EQ(*kept.begin(), 4u);
  EXPECT_EQ(*kept.rbegin(), 13u);
  EXPECT_EQ(s_->history[12 % sga::kWaitHistoryLength].p1, 13u);
}

TEST_F(WaitTest, SleepForLastsItsDurationInOneWait) {
  const uint32_t seq = s_->wait_seq.load();
  SleepFor(kPlsqlLockTimer, 3, 0, 0, 30000);
  EXPECT_EQ(s_->wait_seq.load(), seq + 1);
  EXPECT_GE(s_->last_wait_elapsed_us.load(), 30000);
  EXPECT_EQ(s_->event_stats[kPlsqlLockTimer].total_timeouts.load(), 1u);
}

TEST_F(WaitTest, SleepEndsAtOnceOnAnInterrupt) {
  s_->interrupts.fetch_or(sga::kInterruptShutdown);
  try {
    SleepFor(kPlsqlLockTimer, 100, 0, 0, 10000000);
    FAIL() << "the sleep should have been interrupted";
  } catch (const OraError& e) {
    EXPECT_EQ(e.code(), 1089);
    EXPECT_EQ(e.severity(), Severity::kFatal);
  }
  EXPECT_EQ(s_->waiting.load(), 0);
}

TEST_F(WaitTest, ReusedSessionStartsWithCleanStatistics) {
  { WaitScope w(kLatchFree); }
  sga::SessionSlotFree(sid_);
  sid_ = sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");
  s_ = sga::Sga::session(sid_);
  EXPECT_EQ(s_->event_stats[kLatchFree].total_waits.load(), 0u);
  EXPECT_EQ(s_->history_next.load(), 0u);
  EXPECT_EQ(s_->wait_event.load(), -1);
}

TEST(EventCatalog, NamesParametersAndIds) {
  std::set<std::string> names;
  std::set<uint32_t> ids;
  for (int i = 0; i < kEventCount; ++i) {
    names.insert(GetEventInfo(static_cast<EventId>(i)).name);
    ids.insert(EventIdHash(static_cast<EventId>(i)));
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kEventCount));
  EXPECT_EQ(ids.size(), static_cast<size_t>(kEventCount));
  EventId id;
  const EventInfo* e = FindEvent("inactive session", &id);
  ASSERT_NE(e, nullptr);
  EXPECT_STREQ(e->p1, "session#");
  EXPECT_STREQ(e->p2, "waited");
  e = FindEvent("enq: TX - row lock contention", &id);
  ASSERT_NE(e, nullptr);
  EXPECT_STREQ(e->p1, "name|mode");
  EXPECT_STREQ(e->p2, "usn<<16 | slot");
  EXPECT_STREQ(e->p3, "sequence");
  EXPECT_STREQ(GetWaitClassInfo(e->wait_class).name, "Application");
  EXPECT_EQ(GetWaitClassInfo(e->wait_class).oid, 4217450380u);
  e = FindEvent("SQL*Net message from client", &id);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(GetWaitClassInfo(e->wait_class).number, 6);  // Idle
  EXPECT_EQ(FindEvent("no such event", &id), nullptr);
}

}  // namespace
}  // namespace warden::wait
