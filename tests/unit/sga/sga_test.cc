// SGA creation, process and session arrays, state objects and robust latches. Processes that
// die are real forked children of the test.
#include "sga/sga.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "../sga_test_support.h"
#include "sga/post_wait.h"
#include "sga/state_object.h"

namespace warden::sga {
namespace {

class SgaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    me_ = testing::CreateTestSga("TEST", false, "10", "12");
    ASSERT_GE(me_, 1);
  }
  void TearDown() override { testing::DestroyTestSga(); }

  // Runs body in a forked child attached to its own slot; returns the slot and its serial.
  // The child exits without releasing anything, as a crash would.
  template <typename F>
  std::pair<int32_t, uint32_t> RunDyingChild(F body) {
    int32_t slot = ProcessSlotReserve("", false);
    uint32_t serial = Sga::process(slot)->serial.load();
    pid_t pid = fork();
    if (pid == 0) {
      ProcessSlotAttach(slot);
      body();
      _exit(0);
    }
    ProcessSlotSetSpid(slot, pid);
    int status = 0;
    waitpid(pid, &status, 0);
    return {slot, serial};
  }

  int32_t me_ = -1;
};

TEST_F(SgaTest, LayoutAndParameters) {
  EXPECT_EQ(Sga::processes(), 10);
  EXPECT_EQ(Sga::sessions(), 12);
  EXPECT_EQ(Sga::param(kProcesses)->num, 10);
  EXPECT_STREQ(Sga::param(kPort)->text, "1521");
  EXPECT_EQ(Sga::param(kPort)->is_default, 1);
  EXPECT_EQ(Sga::param(kProcesses)->is_default, 0);
}

TEST(SgaCreate, TooSmallIsAClearError) {
  ParameterSet p;
  ASSERT_TRUE(p.Set("processes", "20000").ok());
  ASSERT_TRUE(p.Set("sga_size", "1M").ok());
  ASSERT_TRUE(p.Finalize().ok());
  Status s = Sga::Create(p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("SGA too small"), std::string::npos) << s.message();
  EXPECT_FALSE(Sga::exists());
}

TEST_F(SgaTest, ProcessSlotsSkipPseudoAndRunOut) {
  std::vector<int32_t> got;
  for (int i = 0; i < 20; ++i) {
    int32_t s = ProcessSlotReserve("", false);
    if (s < 0) break;
    EXPECT_NE(s, 0);  // slot 0 is PSEUDO
    got.push_back(s);
  }
  EXPECT_EQ(got.size(), 8u);  // 10 slots - PSEUDO - the test's own
  for (int32_t s : got) {
    ASSERT_TRUE(ProcessSlotMarkDead(s, Sga::process(s)->serial.load()));
    ProcessSlotFreeDead(s);
  }
  EXPECT_GE(ProcessSlotReserve("", false), 1);
}

TEST_F(SgaTest, SessionSerialBumpsOnReuse) {
  int32_t sid = SessionSlotClaim(SessionType::kUser, "SCOTT", "psql", "127.0.0.1");
  ASSERT_GE(sid, 0);
  EXPECT_EQ(MySessionIndex(), sid);
  uint32_t first = Sga::session(sid)->serial.load();
  EXPECT_STREQ(Sga::session(sid)->username, "SCOTT");
  SessionSlotFree(sid);
  EXPECT_EQ(MySession(), nullptr);
  int32_t again = SessionSlotClaim(SessionType::kUser, "SCOTT", "psql", "127.0.0.1");
  EXPECT_EQ(again, sid);
  EXPECT_EQ(Sga::session(again)->serial.load(), first + 1);
  SessionSlotFree(again);
}

TEST_F(SgaTest, SessionsRunOut) {
  std::vector<int32_t> sids;
  for (int i = 0; i < Sga::sessions(); ++i) {
    sids.push_back(SessionSlotClaim(SessionType::kUser, "U", "", ""));
    ASSERT_GE(sids.back(), 0);
  }
  EXPECT_EQ(SessionSlotClaim(SessionType::kUser, "U", "", ""), -1);  // ORA-00018 for the caller
  for (int32_t sid : sids) SessionSlotFree(sid);
  EXPECT_GE(SessionSlotClaim(SessionType::kUser, "U", "", ""), 0);
}

TEST_F(SgaTest, StateObjectsRecordedAndRemoved) {
  ProcessSlot* p = MyProcess();
  auto count = [&](StateObjectType t) {
    int n = 0;
    for (const StateObject& so : p->state_objects) n += so.type.load() == static_cast<uint8_t>(t);
    return n;
  };
  int32_t sid = SessionSlotClaim(SessionType::kUser, "A", "", "");
  EXPECT_EQ(count(StateObjectType::kSession), 1);
  {
    LatchGuard g(Sga::latch(kSessionArrayLatch));
    EXPECT_EQ(count(StateObjectType::kLatch), 1);
    EXPECT_EQ(Sga::latch(kSessionArrayLatch)->holder.load(), me_);
  }
  EXPECT_EQ(count(StateObjectType::kLatch), 0);
  SessionSlotFree(sid);
  EXPECT_EQ(count(StateObjectType::kSession), 0);
}

TEST_F(SgaTest, LatchWithDeadHolderIsRecoveredByNextAcquirer) {
  Latch* l = Sga::latch(kSessionArrayLatch);
  RunDyingChild([l] { LatchAcquire(l); });  // dies holding it
  LatchAcquire(l);                          // EOWNERDEAD inside: recovered, not hung
  EXPECT_EQ(l->holder.load(), me_);
  EXPECT_EQ(l->recoveries.load(), 1u);
  LatchRelease(l);
  LatchAcquire(l);  // consistent again: a plain acquire
  LatchRelease(l);
  EXPECT_EQ(l->recoveries.load(), 1u);
}

TEST_F(SgaTest, LatchRecoverFromDeadHolderOnlyForThatHolder) {
  Latch* l = Sga::latch(kProcessArrayLatch);
  auto [slot, serial] = RunDyingChild([l] { LatchAcquire(l); });
  (void)serial;
  EXPECT_FALSE(LatchRecoverFromDeadHolder(l, slot + 1));  // not the holder
  EXPECT_TRUE(LatchRecoverFromDeadHolder(l, slot));
  EXPECT_EQ(l->holder.load(), -1);
  LatchGuard g(l);  // free and consistent
}

TEST_F(SgaTest, PostWakesASleeper) {
  pollfd none = {-1, 0, 0};
  EXPECT_EQ(SleepUntilPostedOrReady(&none, 0, 1000), WakeReason::kTimeout);
  Post(me_);
  EXPECT_EQ(SleepUntilPostedOrReady(&none, 0, 5000000), WakeReason::kPosted);
  EXPECT_TRUE(ConsumePost());
  EXPECT_FALSE(ConsumePost());
}

TEST_F(SgaTest, PostFromAnotherProcessEndsASleep) {
  pid_t pid = fork();
  if (pid == 0) {
    Post(me_);
    _exit(0);
  }
  pollfd none = {-1, 0, 0};
  // Bounded: a lost post would show as kTimeout after 10 s, not a hang.
  WakeReason why = SleepUntilPostedOrReady(&none, 0, 10000000);
  for (int i = 0; i < 100 && why == WakeReason::kSignal; ++i) {
    why = SleepUntilPostedOrReady(&none, 0, 10000000);
  }
  EXPECT_EQ(why, WakeReason::kPosted);
  waitpid(pid, nullptr, 0);
}

}  // namespace
}  // namespace warden::sga
