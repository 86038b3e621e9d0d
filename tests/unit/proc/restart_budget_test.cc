// The supervisor's restart budget: at most `limit` restarts in a sliding window.
#include "proc/restart_budget.h"

#include <gtest/gtest.h>

namespace warden::proc {
namespace {

TEST(RestartBudget, AllowsUpToTheLimitWithinTheWindow) {
  RestartBudget b(3, 60'000'000);
  EXPECT_TRUE(b.Allow(0));
  EXPECT_TRUE(b.Allow(1'000'000));
  EXPECT_TRUE(b.Allow(2'000'000));
  EXPECT_FALSE(b.Allow(3'000'000));
  EXPECT_EQ(b.RecentRestarts(3'000'000), 3);
}

TEST(RestartBudget, OldRestartsLeaveTheWindow) {
  RestartBudget b(2, 10'000'000);
  EXPECT_TRUE(b.Allow(0));
  EXPECT_TRUE(b.Allow(5'000'000));
  EXPECT_FALSE(b.Allow(9'999'999));
  EXPECT_TRUE(b.Allow(10'000'000));  // the first one has left the window
  EXPECT_EQ(b.RecentRestarts(15'000'000), 1);
  EXPECT_EQ(b.RecentRestarts(100'000'000), 0);
}

}  // namespace
}  // namespace warden::proc
