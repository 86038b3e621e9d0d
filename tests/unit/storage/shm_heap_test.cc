// The SGA heap: blocks are zeroed and reused, misuse is an internal error, and a retired
// block stays intact and unreused while a statement that could still see it runs.
#include "storage/shm_heap.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <set>
#include <vector>

#include "../sga_test_support.h"
#include "common/ora_error.h"
#include "sga/process_array.h"
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

// Each process retires onto a list of its own. A process that dies in a statement leaves
// its list behind with its epoch: nothing on it is freed while that epoch stands (PMON
// clears it), and then another process's pass frees it all, as it frees an idle process's.
TEST_F(ShmHeapTest, ADeadProcesssRetiredBlocksAreFreedByAnotherProcesssPass) {
  const uint64_t before = GetHeapStats().allocated_bytes;
  const int32_t slot = sga::ProcessSlotReserve("", false);
  ASSERT_GE(slot, 0);
  const pid_t pid = fork();
  if (pid == 0) {
    sga::ProcessSlotAttach(slot);
    auto* statement = new EpochGuard();  // never ended: the process dies in its statement
    (void)statement;
    for (int i = 0; i < 1000; ++i) HeapRetire(HeapAlloc(100));
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(GetHeapStats().retired_bytes, 1000u * 128);
  HeapReclaim();
  EXPECT_EQ(GetHeapStats().retired_bytes, 1000u * 128) << "freed under the dead statement";
  HeapClearEpochOf(slot);  // PMON's step
  HeapReclaim();
  EXPECT_EQ(GetHeapStats().retired_bytes, 0u);
  EXPECT_EQ(GetHeapStats().allocated_bytes, before);
  sga::ProcessSlotAbandon(slot);
}

// Two processes with private retires (recovery slaves) do not hold back each other's blocks:
// what this process retires is freed at its statement's end although the other one's
// statement, older, still runs; once this process is back to ordinary retires, that
// statement holds its blocks again, until it is gone.
TEST_F(ShmHeapTest, PrivateRetiresAreNotHeldBackByAnotherPrivateRetirersStatement) {
  const int32_t slot = sga::ProcessSlotReserve("P000", true);
  ASSERT_GE(slot, 0);
  int to_child[2], to_parent[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(to_parent), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    sga::ProcessSlotAttach(slot);
    HeapSetPrivateRetires(true);
    char c = 0;
    {
      EpochGuard statement;
      ssize_t n = write(to_parent[1], &c, 1);
      n = read(to_child[0], &c, 1);  // until the parent is done
      (void)n;
    }
    HeapSetPrivateRetires(false);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(to_parent[0], &c, 1), 1);  // the child's statement runs
  HeapSetPrivateRetires(true);
  {
    EpochGuard statement;
    for (int i = 0; i < 1000; ++i) HeapRetire(HeapAlloc(100));
  }
  EXPECT_EQ(GetHeapStats().retired_bytes, 0u);
  HeapSetPrivateRetires(false);
  {
    EpochGuard statement;
    for (int i = 0; i < 1000; ++i) HeapRetire(HeapAlloc(100));
  }
  EXPECT_EQ(GetHeapStats().retired_bytes, 1000u * 128);
  ASSERT_EQ(write(to_child[1], &c, 1), 1);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  HeapReclaim();
  EXPECT_EQ(GetHeapStats().retired_bytes, 0u);
  sga::ProcessSlotAbandon(slot);
  for (int fd : {to_child[0], to_child[1], to_parent[0], to_parent[1]}) close(fd);
}

}  // namespace
}  // namespace warden::storage

namespace warden::storage {
namespace {

// The heap over a private 16 MB buffer (room for a few hundred thousand blocks).
class ShmHeapReclaimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(testing::CreateTestSga(), 0);
    mem_.assign((16u << 20) + 64, 0);
    auto* base = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(mem_.data()) + 63) & ~uintptr_t{63});
    HeapInit(base, 16u << 20, sga::Sga::processes());
  }
  void TearDown() override { testing::DestroyTestSga(); }
  std::vector<uint8_t> mem_;
};

// A statement that retired far more blocks than one reclaim pass used to look at (65536)
// has all of them freed when it ends.
TEST_F(ShmHeapReclaimTest, AStatementsRetiredBlocksAreAllFreedWhenItEnds) {
  {
    EpochGuard statement;
    for (int i = 0; i < 200000; ++i) HeapRetire(HeapAlloc(16));
  }
  EXPECT_EQ(GetHeapStats().retired_bytes, 0u);
}

// The heap is full while a statement runs: freeable blocks retired before it lie under
// 70000 it retired itself (not freeable yet); allocation finds them, however deep.
TEST_F(ShmHeapReclaimTest, AFullHeapFindsFreeableBlocksUnderOnesStillInUse) {
  std::set<void*> old;
  {
    EpochGuard earlier;  // retired under an earlier statement, which then ends
    for (int i = 0; i < 20000; ++i) old.insert(HeapAlloc(100));
    for (void* p : old) HeapRetire(p);
    HeapReclaim();  // moves the epoch on (frees nothing: `earlier` still runs)
  }
  ASSERT_EQ(GetHeapStats().retired_bytes, 20000u * 128);
  EpochGuard statement;
  for (int i = 0; i < 70000; ++i) HeapRetire(HeapAlloc(16));
  int reused = 0;
  // Bounded by the heap's size: every allocation takes a block.
  for (int i = 0; i < 1000000; ++i) {
    void* p = nullptr;
    try {
      p = HeapAlloc(100);
    } catch (const OraError&) {
      break;
    }
    if (old.count(p) != 0) ++reused;
  }
  EXPECT_EQ(reused, 20000);
}

// Memory freed in one size class serves smaller requests once the heap is full: a table of
// wide rows dropped leaves room for narrow ones.
TEST_F(ShmHeapReclaimTest, AFullHeapServesSmallRequestsFromLargerFreeBlocks) {
  std::vector<void*> wide;
  // Bounded by the heap's size.
  for (int i = 0; i < 1000000; ++i) {
    try {
      wide.push_back(HeapAlloc(100));  // class 128
    } catch (const OraError&) {
      break;
    }
  }
  ASSERT_GT(wide.size(), 50000u);
  for (void* p : wide) HeapFree(p);
  size_t narrow = 0;
  for (size_t i = 0; i < 2 * wide.size(); ++i) {
    try {
      auto* p = static_cast<uint8_t*>(HeapAlloc(20));  // class 32: a few classes smaller
      EXPECT_EQ(p[19], 0);
      ++narrow;
    } catch (const OraError&) {
      break;
    }
  }
  EXPECT_GE(narrow, wide.size());
  EXPECT_THROW(HeapAlloc(100), OraError);  // and now the heap is really full
}

// A normal pass looked at only part of the freeable blocks (its budget); the statement that
// holds the minimum epoch still runs and nothing was retired since. The full heap's pass must
// still look at the rest (it returned at once: the minimum had not moved).
TEST_F(ShmHeapReclaimTest, AFullHeapFindsWhatAnEarlierPassLeftUnderItsBudget) {
  std::set<void*> old;
  {
    EpochGuard earlier;
    for (int i = 0; i < 100000; ++i) old.insert(HeapAlloc(16));
    for (void* p : old) HeapRetire(p);
    HeapReclaim();  // looks at all of them, frees none (`earlier` runs), moves the epoch on
  }
  EpochGuard statement;  // every block of `old` is freeable from now on
  HeapReclaim();         // a budget of 65536: the rest stays retired
  int reused = 0;
  // Bounded by the heap's size: every allocation takes a block.
  for (int i = 0; i < 2000000; ++i) {
    void* p = nullptr;
    try {
      p = HeapAlloc(16);
    } catch (const OraError&) {
      break;
    }
    if (old.count(p) != 0) ++reused;
  }
  EXPECT_EQ(reused, 100000);
}

}  // namespace
}  // namespace warden::storage
