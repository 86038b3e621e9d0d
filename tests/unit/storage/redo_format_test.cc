// Redo frames and records: round trips, and that a frame is refused anywhere but its own
// position, with any bit flipped, or truncated.
#include "storage/redo_format.h"

#include <gtest/gtest.h>

#include <vector>

namespace warden::storage {
namespace {

std::vector<uint8_t> Frame(Lsn lsn, const std::string& payload) {
  std::vector<uint8_t> f(FrameBytes(payload.size()));
  EncodeFrame(lsn, payload, f.data());
  return f;
}

TEST(RedoFormatTest, FrameRoundTripAndAlignment) {
  for (size_t n : {size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{1000}}) {
    const std::string payload(n, 'p');
    std::vector<uint8_t> f = Frame(4096, payload);
    EXPECT_EQ(f.size() % 8, 0u);
    std::string_view got;
    size_t bytes = 0;
    ASSERT_TRUE(DecodeFrame(f.data(), f.size(), 4096, &got, &bytes));
    EXPECT_EQ(got, payload);
    EXPECT_EQ(bytes, f.size());
  }
}

TEST(RedoFormatTest, FrameRefusedElsewhereCorruptOrShort) {
  const std::string payload = EncodeCommit({42, 1, 7});
  std::vector<uint8_t> f = Frame(512, payload);
  std::string_view got;
  size_t bytes = 0;
  EXPECT_FALSE(DecodeFrame(f.data(), f.size(), 520, &got, &bytes));  // not its position
  EXPECT_FALSE(DecodeFrame(f.data(), f.size() - 1, 512, &got, &bytes));  // truncated
  for (size_t bit = 0; bit < (kFrameHeaderBytes + payload.size()) * 8; ++bit) {
    std::vector<uint8_t> bad = f;
    bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    EXPECT_FALSE(DecodeFrame(bad.data(), bad.size(), 512, &got, &bytes)) << bit;
  }
  std::vector<uint8_t> zeros(64, 0);
  EXPECT_FALSE(DecodeFrame(zeros.data(), zeros.size(), 0, &got, &bytes));
}

TEST(RedoFormatTest, RecordsRoundTrip) {
  RowChangeRedo row{(uint64_t{3} << 48) | 77, 2, 70001, 12345, false, std::string("\x00\x01row", 5)};
  RowChangeRedo row2;
  ASSERT_TRUE(DecodeRowChange(EncodeRowChange(row), &row2));
  EXPECT_EQ(row2.xid, row.xid);
  EXPECT_EQ(row2.attempt, 2u);
  EXPECT_EQ(row2.table_id, 70001u);
  EXPECT_EQ(row2.rowno, 12345u);
  EXPECT_FALSE(row2.deleted);
  EXPECT_EQ(row2.image, row.image);
  RowChangeRedo gone{9, 1, 1, 2, true, ""};
  ASSERT_TRUE(DecodeRowChange(EncodeRowChange(gone), &row2));
  EXPECT_TRUE(row2.deleted);

  TableRedo t;
  t.object_id = 70002;
  t.owner = "SYS";
  t.name = "ACCOUNTS";
  t.created = 1700000000;
  NewColumn c;
  c.name = "ID";
  c.type = 2;
  c.precision = 10;
  c.nullable = false;
  c.default_sql = "0";
  t.columns = {c, c};
  t.columns[1].name = "BALANCE";
  TableRedo t2;
  ASSERT_TRUE(DecodeTable(EncodeTable(t), &t2));
  EXPECT_EQ(t2.object_id, 70002u);
  EXPECT_EQ(t2.owner, "SYS");
  EXPECT_EQ(t2.name, "ACCOUNTS");
  ASSERT_EQ(t2.columns.size(), 2u);
  EXPECT_EQ(t2.columns[1].name, "BALANCE");
  EXPECT_EQ(t2.columns[0].precision, 10);
  EXPECT_EQ(t2.columns[0].scale, -1);
  EXPECT_FALSE(t2.columns[0].nullable);
  EXPECT_EQ(t2.columns[0].default_sql, "0");

  IndexRedo ix{70002, 70003, "SYS_C0070003", true, true, {0, 1}};
  IndexRedo ix2;
  ASSERT_TRUE(DecodeIndex(EncodeIndex(ix), &ix2));
  EXPECT_EQ(ix2.object_id, 70003u);
  EXPECT_EQ(ix2.cols, (std::vector<int32_t>{0, 1}));
  EXPECT_TRUE(ix2.primary_key);

  ObjectRedo o;
  ASSERT_TRUE(DecodeObject(EncodeObject(RedoType::kDropIndex, {70002, 70003}), &o));
  EXPECT_EQ(o.object_id, 70003u);
  GrantRedo g;
  ASSERT_TRUE(DecodeGrant(EncodeGrant({70002, "SCOTT", 5}), &g));
  EXPECT_EQ(g.grantee, "SCOTT");
  EXPECT_EQ(g.privs, 5u);
  CheckpointRedo ck;
  ASSERT_TRUE(DecodeCheckpoint(EncodeCheckpoint({4096, 3, 99, 70010}), &ck));
  EXPECT_EQ(ck.start_lsn, 4096u);
  EXPECT_EQ(ck.next_object_id, 70010u);
  EXPECT_EQ(PayloadType(EncodeMarker(RedoType::kInstanceStart)), RedoType::kInstanceStart);
}

TEST(RedoFormatTest, MalformedPayloadsAreRefused) {
  const std::string row = EncodeRowChange({1, 1, 2, 3, false, "abc"});
  RowChangeRedo r;
  EXPECT_FALSE(DecodeRowChange(row.substr(0, row.size() - 1), &r));  // short
  EXPECT_FALSE(DecodeRowChange(row + "x", &r));                       // trailing bytes
  EXPECT_FALSE(DecodeRowChange(EncodeCommit({1, 1, 2}), &r));            // another type
  CommitRedo c;
  EXPECT_FALSE(DecodeCommit("", &c));
}

}  // namespace
}  // namespace warden::storage
