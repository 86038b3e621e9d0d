// Transactions below the SQL layer: row images as undo restores them, row locks and their
// undo records (FOR UPDATE, savepoints, statement-level rollback), and a dead process's
// transaction rolled back in part by "PMON", handed over, rolled back on demand for one row
// and finished by "SMON" — the dead process a real forked child that exits without cleaning.
#include "txn/transaction.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../sga_test_support.h"
#include "common/ora_error.h"
#include "sga/session_array.h"
#include "sga/sga.h"
#include "storage/row_store.h"
#include "storage/shm_heap.h"
#include "txn/enqueue.h"

namespace warden::txn {
namespace {

using storage::RowHeader;
using storage::TableMeta;

std::string ImageOf(const RowHeader* r) {
  const storage::RowImage* i = r->image.load();
  return i == nullptr ? "<none>" : std::string(storage::ImageBytes(i));
}

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(warden::testing::CreateTestSga("TEST", false, "16", "40"), 1);
    storage::HeapInit(sga::Sga::data_area(), sga::Sga::data_size(), sga::Sga::processes());
    storage::RowStoreInit();
    TransactionTableInit(16);
    session_ = sga::SessionSlotClaim(sga::SessionType::kUser, "SYS", "", "");
    ASSERT_GE(session_, 0);
    storage::NewColumn v;
    v.name = "V";
    t_ = storage::CreateTable("SYS", "T", {v});
    for (int i = 0; i < 3; ++i) rows_.push_back(CommittedRow("r" + std::to_string(i)));
  }
  void TearDown() override {
    EnqueueReleaseAllOwnedBy(session_);
    sga::SessionSlotFree(session_);
    warden::testing::DestroyTestSga();
  }
  RowHeader* CommittedRow(const std::string& value) {
    Transaction tx;
    storage::EpochGuard epoch;
    RowHeader* r = tx.Insert(t_, storage::MakeImage(value));
    tx.Commit();
    return r;
  }
  void Update(Transaction& tx, RowHeader* r, const std::string& value, TableMeta* for_update = nullptr) {
    storage::EpochGuard epoch;
    ASSERT_EQ(tx.LockRow(r, [](Xid) { FAIL() << "no other transaction holds it"; }, for_update),
              Transaction::LockResult::kLocked);
    if (!value.empty()) tx.Update(t_, r, storage::MakeImage(value));
  }

  int32_t session_ = -1;
  TableMeta* t_ = nullptr;
  std::vector<RowHeader*> rows_;
};

TEST_F(TransactionTest, RollbackRestoresImagesAndReleasesLocks) {
  Transaction tx;
  Update(tx, rows_[0], "a1");
  Update(tx, rows_[0], "a2");
  EXPECT_EQ(ImageOf(rows_[0]), "a2");
  EXPECT_EQ(TxnAt(uint32_t(tx.index()))->used_urec.load(), 2u);
  const Xid xid = tx.xid();
  tx.Rollback();
  EXPECT_EQ(ImageOf(rows_[0]), "r0");
  EXPECT_EQ(rows_[0]->lock_xid.load(), 0u);
  EXPECT_FALSE(XidHoldsLocks(xid));
}

TEST_F(TransactionTest, OthersSeeTheBeforeImageUntilCommit) {
  Transaction tx;
  Update(tx, rows_[1], "b1");
  const ReadView other{0, 1};
  EXPECT_EQ(std::string(storage::ImageBytes(VisibleImage(rows_[1], other))), "r1");
  tx.Commit();
  EXPECT_EQ(std::string(storage::ImageBytes(VisibleImage(rows_[1], other))), "b1");
}

TEST_F(TransactionTest, FailedStatementUndoesOnlyItself) {
  Transaction tx;
  tx.BeginStatement();
  Update(tx, rows_[0], "s1");
  tx.EndStatement(true);
  tx.BeginStatement();
  Update(tx, rows_[1], "s2");
  Update(tx, rows_[0], "s2");
  tx.EndStatement(false);
  EXPECT_EQ(ImageOf(rows_[0]), "s1");
  EXPECT_EQ(ImageOf(rows_[1]), "r1");
  EXPECT_EQ(rows_[0]->lock_xid.load(), tx.xid());  // its own earlier change keeps the lock
  EXPECT_EQ(rows_[1]->lock_xid.load(), 0u);        // taken by the failed statement: released
  tx.Rollback();
}

// A FOR UPDATE lock has its own undo record: undoing a later change keeps the lock, rolling
// back past the lock releases it (Oracle's ROLLBACK TO SAVEPOINT).
TEST_F(TransactionTest, ForUpdateLockLivesWithItsSavepoint) {
  Transaction tx;
  Update(tx, rows_[0], "", t_);  // SELECT ... FOR UPDATE
  tx.Savepoint("a");
  Update(tx, rows_[0], "x");
  Update(tx, rows_[2], "", t_);  // locked after the savepoint
  tx.RollbackToSavepoint("a");
  EXPECT_EQ(ImageOf(rows_[0]), "r0");
  EXPECT_EQ(rows_[0]->lock_xid.load(), tx.xid());
  EXPECT_EQ(rows_[2]->lock_xid.load(), 0u);
  tx.Rollback();
  EXPECT_EQ(rows_[0]->lock_xid.load(), 0u);
  EXPECT_THROW(tx.RollbackToSavepoint("a"), OraError);  // gone with the transaction (ORA-01086)
}

// A child process changes every row (and inserts one) and dies without cleaning up; its
// entry is what PMON finds. PMON applies 2 records, hands the rest over; a session needing
// row 0 rolls it back on demand; SMON finishes. The rows are as before the transaction.
TEST_F(TransactionTest, DeadTransactionPmonThenOnDemandThenSmon) {
  const int32_t slot = sga::ProcessSlotReserve("", false);
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    sga::ProcessSlotAttach(slot);
    sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");
    auto* tx = new Transaction();  // never destroyed: the process "dies" holding it
    storage::EpochGuard epoch;
    for (RowHeader* r : rows_) {
      tx->LockRow(r, [](Xid) {});
      tx->Update(t_, r, storage::MakeImage("dead"));
    }
    tx->Insert(t_, storage::MakeImage("new"));
    const int32_t index = tx->index();
    ssize_t n = write(pipefd[1], &index, sizeof index);
    (void)n;
    _exit(0);
  }
  int32_t index = -1;
  ASSERT_EQ(read(pipefd[0], &index, sizeof index), ssize_t(sizeof index));
  waitpid(pid, nullptr, 0);
  close(pipefd[0]);
  close(pipefd[1]);
  TxnEntry* e = TxnAt(uint32_t(index));
  const Xid xid = MakeXid(uint32_t(index), e->sqn.load());
  EXPECT_EQ(e->used_urec.load(), 4u);
  EXPECT_EQ(t_->live_rows.load(), 4u);

  uint64_t applied = 0;
  EXPECT_EQ(RollbackDeadTransaction(e, 2, &applied), DeadTxnOutcome::kPartial);
  EXPECT_EQ(applied, 2u);  // the insert and the last row's update, newest first
  EXPECT_EQ(t_->live_rows.load(), 3u);
  EXPECT_EQ(ImageOf(rows_[2]), "r2");
  EXPECT_FALSE(XidBeingRecovered(xid));
  HandOffDeadTransaction(e);
  EXPECT_TRUE(XidBeingRecovered(xid));

  EXPECT_TRUE(RollBackRowOnDemand(rows_[0], xid));  // the oldest change, SMON's last
  EXPECT_EQ(ImageOf(rows_[0]), "r0");
  EXPECT_EQ(rows_[0]->lock_xid.load(), 0u);
  EXPECT_EQ(e->rows_on_demand.load(), 1u);
  EXPECT_EQ(ImageOf(rows_[1]), "dead");  // not needed by anyone yet

  EXPECT_EQ(ClaimTransactionToRecover(sga::MyProcessIndex()), e);
  // A shutdown stops SMON before its next batch: nothing applied, the entry still claimed.
  EXPECT_FALSE(RecoverDeadTransaction(e, [] { return true; }, &applied));
  EXPECT_EQ(applied, 0u);
  EXPECT_EQ(ImageOf(rows_[1]), "dead");
  EXPECT_TRUE(XidBeingRecovered(xid));
  EXPECT_TRUE(RecoverDeadTransaction(e, nullptr, &applied));
  EXPECT_EQ(applied, 2u);  // row 1's update applied, row 0's only unlinked
  EXPECT_EQ(ImageOf(rows_[1]), "r1");
  EXPECT_EQ(ImageOf(rows_[0]), "r0");  // not applied twice
  EXPECT_FALSE(XidHoldsLocks(xid));
  ASSERT_EQ(RecentlyRecovered().size(), 1u);
  EXPECT_EQ(RecentlyRecovered()[0].xid, xid);
  sga::ProcessSlotAbandon(slot);  // the child's slot: nobody runs PMON here
}

// Parallel rollback's new invariant: a recovery slave unlinks and retires what it undid, and
// one killed at its worst point (a record unlinked from the chain and not yet retired) leaves
// nothing behind: PMON retires the record in its hand, SMON recounts and finishes, the rows
// are as before the transaction and every byte the transaction took is back in the heap.
TEST_F(TransactionTest, KilledRecoverySlaveLeavesNothingLeakedAndTheRowsAsBefore) {
  constexpr int kRows = 3000;  // milestones every 1024 records: two segments
  for (int i = 3; i < kRows; ++i) rows_.push_back(CommittedRow("r" + std::to_string(i)));
  for (int i = 0; i < 10 && storage::GetHeapStats().retired_bytes > 0; ++i) storage::HeapReclaim();
  ASSERT_EQ(storage::GetHeapStats().retired_bytes, 0u);
  const uint64_t allocated_before = storage::GetHeapStats().allocated_bytes;

  // The dead session: every row changed in one transaction, then gone.
  const int32_t session_slot = sga::ProcessSlotReserve("", false);
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  pid_t pid = fork();
  if (pid == 0) {
    sga::ProcessSlotAttach(session_slot);
    sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");
    auto* tx = new Transaction();  // never destroyed: the process "dies" holding it
    storage::EpochGuard epoch;
    for (RowHeader* r : rows_) {
      tx->LockRow(r, [](Xid) {});
      tx->Update(t_, r, storage::MakeImage("dead"));
    }
    const int32_t index = tx->index();
    ssize_t n = write(pipefd[1], &index, sizeof index);
    (void)n;
    _exit(0);
  }
  int32_t index = -1;
  ASSERT_EQ(read(pipefd[0], &index, sizeof index), ssize_t(sizeof index));
  waitpid(pid, nullptr, 0);
  close(pipefd[0]);
  close(pipefd[1]);
  storage::HeapClearEpochOf(session_slot);  // PMON's steps for the dead session
  TxnEntry* e = TxnAt(uint32_t(index));
  uint64_t applied = 0;
  ASSERT_EQ(RollbackDeadTransaction(e, 0, &applied), DeadTxnOutcome::kPartial);
  HandOffDeadTransaction(e);
  ASSERT_EQ(ClaimTransactionToRecover(sga::MyProcessIndex()), e);

  // A slave on the newest segment, killed right after its 500th unlink, before that retire.
  SetRecoveryPartitions(e, kMaxRecoveryServers);
  const std::vector<UndoRecord*> starts = RecoverySegments(e, 2);
  ASSERT_EQ(starts.size(), 2u);
  const int32_t slave_slot = sga::ProcessSlotReserve("P000", true);
  ArmCrashAtRecoveryUnlink(500);
  pid = fork();
  if (pid == 0) {
    sga::ProcessSlotAttach(slave_slot);
    ApplyRecoverySegment(e, starts[0], starts[1], RecoveryServerAt(0));
    _exit(0);  // not reached
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  // 500 records are out of the chain; the counts of the batch it died in were not published.
  EXPECT_GT(e->used_urec.load(), uint64_t{kRows} - 500);

  // PMON: the record in the slave's hand is retired (it was out of the chain), then its epoch
  // goes. SMON: the counts from the chain, then the rest in order.
  const uint64_t retired_before = storage::GetHeapStats().retired_bytes;
  RecoverySlaveCleanupDead(slave_slot);
  EXPECT_EQ(storage::GetHeapStats().retired_bytes, retired_before + 64) << "one 64-byte record";
  RecoverySlaveCleanupDead(slave_slot);  // repeatable (a PMON that died in it)
  EXPECT_EQ(storage::GetHeapStats().retired_bytes, retired_before + 64);
  storage::HeapClearEpochOf(slave_slot);
  RecountUndo(e);
  EXPECT_EQ(e->used_urec.load(), uint64_t{kRows} - 500);
  SetRecoveryPartitions(e, 1);
  EXPECT_TRUE(RecoverDeadTransaction(e, nullptr, &applied));

  for (int i = 0; i < kRows; ++i) {
    ASSERT_EQ(ImageOf(rows_[i]), "r" + std::to_string(i));
    ASSERT_EQ(rows_[i]->lock_xid.load(), 0u);
  }
  EXPECT_EQ(t_->live_rows.load(), uint64_t{kRows});
  // Every list, the dead processes' too, is gone through within a few passes.
  for (int i = 0; i < 10 && storage::GetHeapStats().retired_bytes > 0; ++i) storage::HeapReclaim();
  EXPECT_EQ(storage::GetHeapStats().retired_bytes, 0u);
  EXPECT_EQ(storage::GetHeapStats().allocated_bytes, allocated_before);
  sga::ProcessSlotAbandon(slave_slot);
  sga::ProcessSlotAbandon(session_slot);
}

}  // namespace
}  // namespace warden::txn
