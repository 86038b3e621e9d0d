// PMON's clean-up of a dead process through its state-object list: a real forked child dies
// holding a latch and a session; CleanupDeadProcess must recover the latch and free both slots.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../sga_test_support.h"
#include "proc/pmon.h"
#include "sga/post_wait.h"
#include "sga/sga.h"

namespace warden::proc {
namespace {

class PmonCleanupTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(testing::CreateTestSga("PMON", true), 1); }
  void TearDown() override { testing::DestroyTestSga(); }
};

TEST_F(PmonCleanupTest, DeadProcessLatchSessionAndSlotAreFreed) {
  int32_t slot = sga::ProcessSlotReserve("", false);
  uint32_t serial = sga::Sga::process(slot)->serial.load();
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  pid_t pid = fork();
  if (pid == 0) {
    sga::ProcessSlotAttach(slot);
    int32_t sid = sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");
    sga::LatchAcquire(sga::Sga::latch(sga::kSessionArrayLatch));
    char c = static_cast<char>(sid);
    ssize_t n = write(pipefd[1], &c, 1);
    (void)n;
    _exit(9);  // dies holding the latch and the session
  }
  sga::ProcessSlotSetSpid(slot, pid);
  char sid = -1;
  ASSERT_EQ(read(pipefd[0], &sid, 1), 1);
  waitpid(pid, nullptr, 0);
  ASSERT_GE(sid, 0);
  EXPECT_EQ(sga::Sga::session(sid)->in_use.load(), 1u);
  EXPECT_EQ(sga::Sga::latch(sga::kSessionArrayLatch)->holder.load(), slot);

  EXPECT_TRUE(CleanupDeadProcess(slot, serial));

  EXPECT_EQ(sga::Sga::session(sid)->in_use.load(), 0u);
  EXPECT_EQ(sga::Sga::latch(sga::kSessionArrayLatch)->holder.load(), -1);
  EXPECT_EQ(sga::Sga::latch(sga::kSessionArrayLatch)->recoveries.load(), 1u);
  EXPECT_EQ(sga::Sga::process(slot)->state.load(), static_cast<uint32_t>(sga::ProcState::kFree));
  // A second report of the same death (pidfd and sweep) does nothing.
  EXPECT_FALSE(CleanupDeadProcess(slot, serial));
  // The session array works after the recovery.
  int32_t mine = sga::SessionSlotClaim(sga::SessionType::kBackground, "", "", "");
  EXPECT_GE(mine, 0);
  sga::SessionSlotFree(mine);
  close(pipefd[0]);
  close(pipefd[1]);
}

TEST_F(PmonCleanupTest, ReusedSlotIsNotTouched) {
  int32_t slot = sga::ProcessSlotReserve("", false);
  uint32_t old_serial = sga::Sga::process(slot)->serial.load();
  ASSERT_TRUE(sga::ProcessSlotMarkDead(slot, old_serial));
  sga::ProcessSlotFreeDead(slot);
  int32_t again = sga::ProcessSlotReserve("", false);
  ASSERT_EQ(again, slot);
  EXPECT_FALSE(CleanupDeadProcess(slot, old_serial));  // stale report of the old process
  EXPECT_EQ(sga::Sga::process(slot)->state.load(),
            static_cast<uint32_t>(sga::ProcState::kReserved));
}

}  // namespace
}  // namespace warden::proc
