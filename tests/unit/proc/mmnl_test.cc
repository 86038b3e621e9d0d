// MMNL's sampling rule: active sessions on CPU or in a non-Idle wait are sampled; inactive
// sessions and Idle waits are not (Oracle's ASH definition).
#include "proc/mmnl.h"

#include <gtest/gtest.h>

#include "../sga_test_support.h"
#include "sga/post_wait.h"
#include "sga/sga.h"
#include "wait/event_catalog.h"

namespace warden::proc {
namespace {

class MmnlTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(testing::CreateTestSga(), 1); }
  void TearDown() override { testing::DestroyTestSga(); }
  // A session of this process in the given state (the slot fields MMNL reads).
  sga::SessionSlot* MakeSession(sga::SessionStatus status, int32_t event, bool waiting) {
    int32_t sid = sga::SessionSlotClaim(sga::SessionType::kUser, "U", "", "");
    sga::SessionSlot* s = sga::Sga::session(sid);
    sga::SetSessionStatus(s, status);
    s->wait_event.store(event);
    s->waiting.store(waiting ? 1 : 0);
    s->wait_p1.store(7);
    return s;
  }
};

TEST_F(MmnlTest, SamplesActiveSessionsOnly) {
  sga::SessionSlot* on_cpu = MakeSession(sga::SessionStatus::kActive, wait::kLatchFree, false);
  sga::SessionSlot* in_latch = MakeSession(sga::SessionStatus::kActive, wait::kLatchFree, true);
  MakeSession(sga::SessionStatus::kActive, wait::kPlsqlLockTimer, true);  // Idle wait
  MakeSession(sga::SessionStatus::kInactive, wait::kSqlNetMessageFromClient, true);
  MakeSession(sga::SessionStatus::kActive, -1, false);  // this process's own: MMNL skips itself
  SampleActiveSessions();
  const sga::AshRing& ring = sga::Sga::header()->ash;
  ASSERT_EQ(ring.next_slot.load(), 2u);
  const sga::AshSample& a = ring.samples[0];
  const sga::AshSample& b = ring.samples[1];
  EXPECT_EQ(a.sample_id.load(), 1u);
  EXPECT_EQ(b.sample_id.load(), 1u);
  EXPECT_EQ(a.sid, (on_cpu - sga::Sga::session(0)) + 1);
  EXPECT_EQ(a.waiting, 0);
  EXPECT_EQ(a.event, -1);
  EXPECT_EQ(b.sid, (in_latch - sga::Sga::session(0)) + 1);
  EXPECT_EQ(b.waiting, 1);
  EXPECT_EQ(b.event, wait::kLatchFree);
  EXPECT_EQ(b.p1, 7u);
  SampleActiveSessions();
  EXPECT_EQ(ring.next_slot.load(), 4u);
  EXPECT_EQ(ring.samples[3].sample_id.load(), 2u);
}

TEST_F(MmnlTest, RingWrapsAround) {
  MakeSession(sga::SessionStatus::kActive, -1, false);
  // MMNL never samples its own session: the last one claimed is this process's.
  MakeSession(sga::SessionStatus::kActive, -1, false);
  for (int i = 0; i < sga::kAshRingSize + 5; ++i) SampleActiveSessions();
  const sga::AshRing& ring = sga::Sga::header()->ash;
  EXPECT_EQ(ring.next_slot.load(), static_cast<uint64_t>(sga::kAshRingSize + 5));
  // Slot 4 was written last by sample kAshRingSize + 5.
  EXPECT_EQ(ring.samples[4].sample_id.load(), static_cast<uint64_t>(sga::kAshRingSize + 5));
  EXPECT_EQ(ring.samples[5].sample_id.load(), 6u);
}

}  // namespace
}  // namespace warden::proc
