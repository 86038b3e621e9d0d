// The SGA heap: blocks are zeroed and reused, misuse is an internal error, and a retired
// block stays intact and unreused while a statement that could still see it runs.
#include "storage/shm_heap.h"

#include <gtest/gtest.h>

#include <cstring>

#include "../sga_test_support.h"
#include "common/ora_error.h"
#include "sga/sga.h"

namespace warden::storage {
namespace {

class ShmHeapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(testing::CreateTestSga(), 0);
    HeapInit(sga::Sga::data_area(), sga::Sga::data_size(), sga::Sga::processes());
  }
  void TearDown() override { testing::DestroyTestSga(); }
};

TEST_F(ShmHeapTest, BlocksAreZeroedAndAFreedBlockIsReused) {
  auto* p = static_cast<uint8_t*>(HeapAlloc(40));
  for (int i = 0; i < 40; ++i) EXPECT_EQ(p[i], 0);
  std::memset(p, 0xAB, 40);
  HeapFree(p);
  auto* q = static_cast<uint8_t*>(HeapAlloc(40));
  EXPECT_EQ(q, p);  // same size class, top of its free list
  for (int i = 0; i < 40; ++i) EXPECT_EQ(q[i], 0);
  HeapFree(q);
}

TEST_F(ShmHeapTest, DoubleFreeAndDoubleRetireAreInternalErrors) {
  void* p = HeapAlloc(64);
  HeapFree(p);
  EXPECT_THROW(HeapFree(p), OraError);
  void* q = HeapAlloc(64);
  HeapRetire(q);
  EXPECT_THROW(HeapRetire(q), OraError);
}

// A reader inside an EpochGuard may hold a pointer to a block another process unlinks and
// retires: the block's contents, first byte included, must stay as they were until the
// reader's statement ends, and only then may the block be handed out again.
TEST_F(ShmHeapTest, RetiredBlockStaysIntactWhileAStatementThatCouldSeeItRuns) {
  auto* p = static_cast<uint8_t*>(HeapAlloc(48));
  std::memset(p, 0x5A, 48);
  {
    EpochGuard reader;
    HeapRetire(p);
    for (int i = 0; i < 3; ++i) HeapReclaim();
    for (int i = 0; i < 48; ++i) ASSERT_EQ(p[i], 0x5A) << "byte " << i;
    void* other = HeapAlloc(48);
    EXPECT_NE(other, p);
    HeapFree(other);
    EXPECT_GT(GetHeapStats().retired_bytes, 0u);
  }
  HeapReclaim();
  EXPECT_EQ(GetHeapStats().retired_bytes, 0u);
  // Freed now: the class's free list hands it out again (after the block freed above).
  void* a = HeapAlloc(48);
  void* b = HeapAlloc(48);
  EXPECT_TRUE(a == p || b == p);
  HeapFree(a);
  HeapFree(b);
}

TEST_F(ShmHeapTest, RetiredBlockWithNoStatementRunningIsFreedByTheNextReclaim) {
  const uint64_t before = GetHeapStats().allocated_bytes;  // the heap's own header
  void* p = HeapAlloc(100);
  EXPECT_GT(GetHeapStats().allocated_bytes, before);
  HeapRetire(p);
  HeapReclaim();
  HeapStats s = GetHeapStats();
  EXPECT_EQ(s.retired_bytes, 0u);
  EXPECT_EQ(s.allocated_bytes, before);
}

}  // namespace
}  // namespace warden::storage
