// Running out of room in the SGA's data area is a clean error, not a crash: the statement
// that needed the memory is undone (ORA-30036 for undo, ORA-04031 for row images), the
// transaction and the other sessions go on, and a rollback gives the memory back.
#include <gtest/gtest.h>

#include "instance.h"

namespace warden::testing {
namespace {

class CapacityTest : public SharedInstanceTest<CapacityTest> {
 public:
  static std::vector<std::string> Params() { return {"sga_size=24M", "log_buffer=1M"}; }
};

int64_t Count(PGconn* c, const std::string& table) {
  Rows r = Query(c, "select count(*) from " + table);
  return r.size() == 1 && r[0][0] ? std::stoll(*r[0][0]) : -1;
}

TEST_F(CapacityTest, OutOfSpaceUndoesTheStatementOnly) {
  ASSERT_TRUE(instance_->started());
  Conn a = instance_->Connect();
  Conn b = instance_->Connect();
  Query(a.get(), "create table cap_t (id number primary key, pad varchar2(200))");
  Query(a.get(), "insert into cap_t values (1, rpad('x', 200, 'x'))");
  // Double the table until the data area is full (bounded: 24M holds far fewer than 2^30 rows).
  std::string error;
  int64_t before = 0;
  for (int i = 0; i < 30 && error.empty(); ++i) {
    before = Count(a.get(), "cap_t");
    error = QueryError(a.get(), "insert into cap_t select id + " + std::to_string(before) +
                                    ", pad from cap_t");
  }
  ASSERT_FALSE(error.empty()) << "24M never filled up";
  EXPECT_TRUE(error.rfind("ORA-30036", 0) == 0 || error.rfind("ORA-04031", 0) == 0) << error;
  // Only the failing statement is gone; the transaction is still open with the rest.
  EXPECT_EQ(Count(a.get(), "cap_t"), before);
  EXPECT_EQ(PQtransactionStatus(a.get()), PQTRANS_INTRANS);
  // Another session still works (reading needs no room).
  EXPECT_EQ(Count(b.get(), "cap_t"), 0);
  Query(a.get(), "rollback");
  EXPECT_EQ(Count(a.get(), "cap_t"), 0);
  // The memory came back: the same work fits again.
  Query(a.get(), "insert into cap_t values (1, rpad('x', 200, 'x'))");
  for (int i = 0; i < 6; ++i) {
    int64_t n = Count(a.get(), "cap_t");
    EXPECT_EQ(QueryError(a.get(), "insert into cap_t select id + " + std::to_string(n) +
                                      ", pad from cap_t"),
              "");
  }
  EXPECT_EQ(Count(a.get(), "cap_t"), 64);
  Query(a.get(), "commit");
  Query(a.get(), "drop table cap_t");
}

}  // namespace
}  // namespace warden::testing
