// Redo apply (instance recovery): committed transactions take effect at their commit record
// and only with the records of the commit try it names; transactions without one are dropped,
// also when an instance start lies between; rows used before their table's CREATE record are
// applied with it; replaying records twice changes nothing; indexes follow the rows.
#include "txn/redo_apply.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "../sga_test_support.h"
#include "storage/row_store.h"
#include "storage/shm_heap.h"
#include "storage/user_directory.h"
#include "txn/transaction.h"

namespace warden::txn {
namespace {

using storage::RedoType;

// Index key: the image's first two bytes.
bool FirstTwoBytes(const storage::TableMeta*, const storage::IndexMeta*, const storage::RowImage* image,
                   std::string* key) {
  *key = std::string(storage::ImageBytes(image).substr(0, 2));
  return true;
}

class RedoApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(warden::testing::CreateTestSga("TEST", false, "16", "40"), 1);
    storage::HeapInit(sga::Sga::data_area(), sga::Sga::data_size(), sga::Sga::processes());
    storage::RowStoreInit();
    TransactionTableInit(16);
    storage::UserDirectoryInit();
    SetIndexKeyFunction(&FirstTwoBytes);
  }
  void TearDown() override { warden::testing::DestroyTestSga(); }

  void Apply(const std::string& payload) {
    Status s = applier_.Apply(payload);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  static std::string Table(uint32_t id, const std::string& name) {
    storage::TableRedo t;
    t.object_id = id;
    t.owner = "SYS";
    t.name = name;
    storage::NewColumn c;
    c.name = "V";
    t.columns = {c};
    return storage::EncodeTable(t);
  }
  static std::string Row(Xid xid, uint32_t attempt, uint32_t table, uint64_t rowno, const char* image) {
    return storage::EncodeRowChange({xid, attempt, table, rowno, image == nullptr, image == nullptr ? "" : image});
  }
  static std::string Commit(Xid xid, uint32_t attempt) { return storage::EncodeCommit({xid, attempt, 0}); }
  // Row number -> image of every row of the table.
  static std::map<uint64_t, std::string> Rows(uint32_t table) {
    std::map<uint64_t, std::string> out;
    storage::TableMeta* t = storage::TableById(table);
    if (t == nullptr) return out;
    storage::RowCursor cursor(t);
    for (storage::RowHeader* r = cursor.Next(); r != nullptr; r = cursor.Next()) {
      if (const storage::RowImage* i = r->image.load()) out[r->rowno] = std::string(storage::ImageBytes(i));
    }
    return out;
  }

  RedoApplier applier_;
};

TEST_F(RedoApplyTest, CommittedWorkOnlyAtItsCommitRecord) {
  Apply(Table(70001, "T"));
  Apply(Row(100, 1, 70001, 1, "a1"));
  Apply(Row(101, 1, 70001, 2, "b1"));
  EXPECT_TRUE(Rows(70001).empty());  // nothing before the commit record
  Apply(Commit(100, 1));
  EXPECT_EQ(Rows(70001), (std::map<uint64_t, std::string>{{1, "a1"}}));
  Apply(Row(102, 1, 70001, 1, "a2"));
  Apply(Row(102, 1, 70001, 3, "c1"));
  Apply(Commit(102, 1));
  Apply(Row(103, 1, 70001, 3, nullptr));  // deleted
  Apply(Commit(103, 1));
  applier_.Finish();
  EXPECT_EQ(Rows(70001), (std::map<uint64_t, std::string>{{1, "a2"}}));
  EXPECT_EQ(applier_.stats().transactions, 3u);
  EXPECT_EQ(applier_.stats().discarded, 1u);  // 101 never committed
  // New rows get numbers past every number the redo used.
  EXPECT_GE(storage::TableById(70001)->next_rowno.load(), 4u);
}

TEST_F(RedoApplyTest, OnlyTheCommitTryTheCommitRecordNames) {
  Apply(Table(70001, "T"));
  Apply(Row(200, 1, 70001, 1, "stale"));  // a COMMIT interrupted while writing its redo...
  Apply(Row(200, 2, 70001, 2, "fresh"));  // ...then tried again after a ROLLBACK TO
  Apply(Commit(200, 2));
  EXPECT_EQ(Rows(70001), (std::map<uint64_t, std::string>{{2, "fresh"}}));
}

TEST_F(RedoApplyTest, AnInstanceStartDropsWhatNeverCommitted) {
  Apply(Table(70001, "T"));
  Apply(Row(300, 1, 70001, 1, "before crash"));
  Apply(storage::EncodeMarker(RedoType::kInstanceStart));
  Apply(Row(300, 1, 70001, 2, "after restart"));  // a new transaction reusing the XID
  Apply(Commit(300, 1));
  EXPECT_EQ(Rows(70001), (std::map<uint64_t, std::string>{{2, "after restart"}}));
}

TEST_F(RedoApplyTest, RowsBeforeTheirTableIsCreatedAndReplayTwice) {
  const std::vector<std::string> stream = {
      Row(400, 1, 70005, 1, "x1"), Commit(400, 1),  // committed before the CREATE record
      Table(70005, "LATE"),        Row(401, 1, 70005, 2, "y1"),
      Commit(401, 1),              storage::EncodeIndex({70005, 70006, "LATE_I", true, false, {0}}),
      Row(402, 1, 70005, 1, "x2"), Commit(402, 1),
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& p : stream) Apply(p);
  }
  applier_.Finish();
  EXPECT_EQ(Rows(70005), (std::map<uint64_t, std::string>{{1, "x2"}, {2, "y1"}}));
  EXPECT_EQ(applier_.stats().missing_table, 0u);
  storage::TableMeta* t = storage::TableById(70005);
  ASSERT_EQ(t->nindexes.load(), 1);
  EXPECT_EQ(storage::IndexLookup(t->indexes[0], "x2").size(), 1u);
  EXPECT_EQ(storage::IndexLookup(t->indexes[0], "x1").size(), 0u);  // its old key is gone
  EXPECT_EQ(storage::IndexLookup(t->indexes[0], "y1").size(), 1u);
  EXPECT_GE(storage::PeekNextObjectId(), 70007u);
}

TEST_F(RedoApplyTest, DropTruncateAndAReusedName) {
  Apply(Table(70010, "T"));
  Apply(Row(500, 1, 70010, 1, "r"));
  Apply(Commit(500, 1));
  Apply(storage::EncodeObject(RedoType::kTruncate, {70010, 0}));
  EXPECT_TRUE(Rows(70010).empty());
  Apply(storage::EncodeObject(RedoType::kDropTable, {70010, 0}));
  EXPECT_EQ(storage::TableById(70010), nullptr);
  Apply(Table(70011, "T"));  // the name again, a new table
  EXPECT_NE(storage::FindTable("SYS", "T"), nullptr);
  // A CREATE replayed over a newer copy that holds another table of that name: kept aside
  // under a recycle-bin name until its DROP record comes.
  Apply(Table(70009, "T"));
  EXPECT_EQ(std::string(storage::TableById(70009)->name), "BIN$70009");
  EXPECT_EQ(storage::FindTable("SYS", "T")->object_id, 70011u);
}

// DROP TABLE T drops it in memory and then copies its record; another session's CREATE
// TABLE T in between can copy its record first. Recovery must end with the new table under
// its own name (it stayed BIN$<id>: the table was lost to its users).
TEST_F(RedoApplyTest, ANameReusedBeforeTheDropRecordGetsItsNameBack) {
  Apply(Table(70020, "T"));  // the data file
  Apply(Table(70021, "T"));  // the new table's record, before...
  Apply(storage::EncodeObject(RedoType::kDropTable, {70020, 0}));  // ...the old one's drop
  Apply(storage::EncodeIndex({70021, 70022, "T_I", false, false, {0}}));
  Apply(storage::EncodeIndex({70020, 70023, "U_I", false, false, {0}}));  // ignored: dropped
  // The same for an index name: DROP INDEX X on one table, CREATE INDEX X on another.
  Apply(Table(70024, "A"));
  Apply(storage::EncodeIndex({70024, 70025, "X", false, false, {0}}));
  Apply(Table(70026, "B"));
  Apply(storage::EncodeIndex({70026, 70027, "X", false, false, {0}}));
  Apply(storage::EncodeObject(RedoType::kDropIndex, {70024, 70025}));
  applier_.Finish();
  ASSERT_NE(storage::FindTable("SYS", "T"), nullptr);
  EXPECT_EQ(storage::FindTable("SYS", "T")->object_id, 70021u);
  storage::TableMeta* on = nullptr;
  ASSERT_NE(storage::FindIndex("SYS", "X", &on), nullptr);
  EXPECT_EQ(on->object_id, 70026u);
}

// A new table dropped by another session before its creator copied the CREATE record: the
// DROP record comes first. Object ids are never reused, so the drop holds whatever the order
// (the table came back after a crash).
TEST_F(RedoApplyTest, ADropRecordBeforeTheCreateRecordStillDrops) {
  Apply(Row(600, 1, 70030, 1, "r"));
  Apply(Commit(600, 1));
  Apply(storage::EncodeObject(RedoType::kDropTable, {70030, 0}));
  Apply(Table(70030, "GONE"));
  applier_.Finish();
  EXPECT_EQ(storage::TableById(70030), nullptr);
  EXPECT_EQ(storage::FindTable("SYS", "GONE"), nullptr);
  EXPECT_GE(storage::PeekNextObjectId(), 70031u);  // never given again
}

TEST_F(RedoApplyTest, MalformedRecordsAreErrors) {
  std::string bad = Row(1, 1, 70001, 1, "x");
  bad.pop_back();
  EXPECT_FALSE(applier_.Apply(bad).ok());
  EXPECT_FALSE(applier_.Apply(std::string(1, char(99))).ok());
}

}  // namespace
}  // namespace warden::txn
