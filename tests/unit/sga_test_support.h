// For unit tests of the layers that need an SGA: creates a small one in the test process and
// attaches the test process to a process slot, as a forked Warden process would be. Tear it
// down in the same test (the SGA is a process-wide singleton).
#pragma once

#include <gtest/gtest.h>

#include "sga/post_wait.h"
#include "sga/sga.h"

namespace warden::testing {

// Returns the test process's slot (-1 after a failed ASSERT, which also fails the test).
inline int32_t CreateTestSga(const char* pname = "", bool background = false,
                             const char* processes = "8", const char* sessions = nullptr) {
  ParameterSet p;
  EXPECT_TRUE(p.Set("processes", processes).ok());
  if (sessions != nullptr) {
    EXPECT_TRUE(p.Set("sessions", sessions).ok());
  }
  EXPECT_TRUE(p.Set("sga_size", "4M").ok());
  EXPECT_TRUE(p.Finalize().ok());
  Status s = sga::Sga::Create(p);
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return -1;
  sga::PostWaitInitProcess();
  int32_t me = sga::ProcessSlotReserve(pname, background);
  sga::ProcessSlotAttach(me);
  return me;
}

inline void DestroyTestSga() {
  sga::ProcessSlotRelease();
  sga::Sga::Destroy();
}

}  // namespace warden::testing
