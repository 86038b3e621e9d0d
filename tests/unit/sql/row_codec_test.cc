// Row images and index keys: two images whose key columns hold the same bytes have the same
// key, so a rollback or clean-out leaves that index entry alone without computing keys; any
// other difference (another column, a NULL, a longer string) is left to the key computation.
#include "sql/row_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../sga_test_support.h"
#include "storage/shm_heap.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

class RowCodecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(testing::CreateTestSga(), 0);
    storage::HeapInit(sga::Sga::data_area(), sga::Sga::data_size(), sga::Sga::processes());
    RegisterRowCodec();
  }
  void TearDown() override { testing::DestroyTestSga(); }

  static const storage::RowImage* Image(const std::vector<Value>& values) {
    return storage::MakeImage(EncodeRow(values));
  }
  static void SetColumns(storage::IndexMeta* ix, std::vector<int> cols) {
    ix->ncols = static_cast<int32_t>(cols.size());
    for (size_t i = 0; i < cols.size(); ++i) ix->cols[i] = cols[i];
  }
  static std::string Key(const storage::IndexMeta& ix, const storage::RowImage* image) {
    std::string key;
    txn::IndexKeyOf(nullptr, &ix, image, &key);
    return key;
  }
};

TEST_F(RowCodecTest, SameKeyColumnBytesMeanTheSameKeyAndOnlyKeyColumnsCount) {
  storage::IndexMeta by_id{}, by_name_id{};
  SetColumns(&by_id, {0});
  SetColumns(&by_name_id, {2, 0});
  const auto* a = Image({Value::FromInt(1), Value::FromInt(5), Value::Varchar("x")});
  const auto* v_changed = Image({Value::FromInt(1), Value::FromInt(6), Value::Varchar("x")});
  const auto* id_changed = Image({Value::FromInt(2), Value::FromInt(5), Value::Varchar("x")});
  const auto* id_null = Image({Value::Null(), Value::FromInt(5), Value::Varchar("x")});
  const auto* name_longer = Image({Value::FromInt(1), Value::FromInt(5), Value::Varchar("xy")});

  EXPECT_TRUE(txn::SameKeyColumns(&by_id, a, v_changed));
  EXPECT_EQ(Key(by_id, a), Key(by_id, v_changed));
  EXPECT_TRUE(txn::SameKeyColumns(&by_name_id, a, v_changed));
  EXPECT_EQ(Key(by_name_id, a), Key(by_name_id, v_changed));

  EXPECT_FALSE(txn::SameKeyColumns(&by_id, a, id_changed));
  EXPECT_NE(Key(by_id, a), Key(by_id, id_changed));
  EXPECT_FALSE(txn::SameKeyColumns(&by_id, a, id_null));
  EXPECT_FALSE(txn::SameKeyColumns(&by_id, id_null, a));
  EXPECT_FALSE(txn::SameKeyColumns(&by_name_id, a, name_longer));
  EXPECT_TRUE(txn::SameKeyColumns(&by_id, a, name_longer));  // the name is not in that key
}

}  // namespace
}  // namespace warden::sql
