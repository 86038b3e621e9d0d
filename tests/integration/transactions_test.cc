// Transactions across real sessions: read committed isolation, row-lock waits released by
// commit and by rollback, lost updates prevented, duplicate-key waits, statement-level
// rollback, savepoints, and a killed or crashed lock holder whose work is rolled back and
// whose waiter proceeds.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "instance.h"

namespace warden::testing {
namespace {

class TransactionsTest : public SharedInstanceTest<TransactionsTest> {
 public:
  static std::vector<std::string> Params() {
    return {"kill_session_timeout=10", "deadlock_detection_interval=1"};
  }

 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    a_ = instance_->Connect("sys", Instance::kPassword, "a");
    b_ = instance_->Connect("sys", Instance::kPassword, "b");
    k_ = instance_->Connect("sys", Instance::kPassword, "k");
    ASSERT_EQ(PQstatus(a_.get()), CONNECTION_OK);
    ASSERT_EQ(PQstatus(b_.get()), CONNECTION_OK);
    ASSERT_EQ(PQstatus(k_.get()), CONNECTION_OK);
    sid_a_ = SidOf(a_.get());
    sid_b_ = SidOf(b_.get());
    table_ = std::string("T_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    Query(k_.get(), "create table " + table_ + " (id number primary key, v number)");
    Query(k_.get(), "insert into " + table_ + " values (1, 10), (2, 20)");
    Query(k_.get(), "commit");
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    // The table goes once nobody holds a transaction on it (a killed session may still be
    // rolling back for a moment).
    std::string error;
    EXPECT_TRUE(WaitUntil([&] { return (error = QueryError(k_.get(), "drop table " + table_)).empty(); }))
        << error;
  }
  static std::string IdOf(PGconn* c) {
    Rows r = Query(c, "select sid, serial# from v$session where sid = userenv('SID')");
    return r.size() == 1 ? *r[0][0] + "," + *r[0][1] : "";
  }
  static std::string SidOf(PGconn* c) {
    std::string id = IdOf(c);
    return id.substr(0, id.find(','));
  }
  // (by SID recorded in SetUp: a connection with a call in flight cannot be asked)
  bool IsWaitingOnRowLock(const std::string& sid) { return AwaitRowLockWait(k_.get(), sid); }
  std::string Value(PGconn* c, int id) {
    Rows r = Query(c, "select v from " + table_ + " where id = " + std::to_string(id));
    return r.size() == 1 && r[0][0] ? *r[0][0] : "<none>";
  }

  Conn a_, b_, k_;
  std::string sid_a_, sid_b_;
  std::string table_;
};

TEST_F(TransactionsTest, ReadersSeeOnlyCommittedData) {
  Query(a_.get(), "update " + table_ + " set v = 11 where id = 1");
  Query(a_.get(), "insert into " + table_ + " values (3, 30)");
  EXPECT_EQ(Value(a_.get(), 1), "11");  // a sees its own changes
  EXPECT_EQ(Value(b_.get(), 1), "10");  // b reads the before-image, without waiting
  EXPECT_EQ(Value(b_.get(), 3), "<none>");
  EXPECT_EQ(PQtransactionStatus(a_.get()), PQTRANS_INTRANS);
  EXPECT_EQ(PQtransactionStatus(b_.get()), PQTRANS_IDLE);
  Query(a_.get(), "commit");
  EXPECT_EQ(PQtransactionStatus(a_.get()), PQTRANS_IDLE);
  EXPECT_EQ(Value(b_.get(), 1), "11");
  EXPECT_EQ(Value(b_.get(), 3), "30");
}

TEST_F(TransactionsTest, WriterWaitsForCommitAndNoUpdateIsLost) {
  Query(a_.get(), "update " + table_ + " set v = v + 1 where id = 1");
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = v + 1 where id = 1").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  // V$SESSION_WAIT shows Oracle's TX encoding: P1 = 'TX' mode 6.
  Rows w = Query(k_.get(), "select p1 from v$session_wait where sid = " + sid_b_);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0][0], std::to_string(0x54580006));
  Query(a_.get(), "commit");
  EXPECT_EQ(AwaitError(b_.get()), "");
  Query(b_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 1), "12");  // both increments
}

TEST_F(TransactionsTest, WriterWaitsForRollback) {
  Query(a_.get(), "delete from " + table_ + " where id = 2");
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = 21 where id = 2").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  Query(a_.get(), "rollback");
  EXPECT_EQ(AwaitError(b_.get()), "");
  Query(b_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 2), "21");
}

TEST_F(TransactionsTest, DuplicateKeyWaitsForTheOtherInsert) {
  Query(a_.get(), "insert into " + table_ + " values (5, 50)");
  ASSERT_EQ(PQsendQuery(b_.get(), ("insert into " + table_ + " values (5, 51)").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  Query(a_.get(), "commit");
  EXPECT_EQ(AwaitError(b_.get()).rfind("ORA-00001: unique constraint", 0), 0u);
  // Once the first insert is rolled back instead, the second one goes in.
  Query(a_.get(), "insert into " + table_ + " values (6, 60)");
  ASSERT_EQ(PQsendQuery(b_.get(), ("insert into " + table_ + " values (6, 61)").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  Query(a_.get(), "rollback");
  EXPECT_EQ(AwaitError(b_.get()), "");
  Query(b_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 6), "61");
}

TEST_F(TransactionsTest, FailingStatementUndoesOnlyItself) {
  Query(a_.get(), "insert into " + table_ + " values (7, 70)");
  // The second row collides with id 1: the whole statement is undone, row 8 too.
  EXPECT_EQ(QueryError(a_.get(), "insert into " + table_ + " values (8, 80), (1, 0)")
                .rfind("ORA-00001", 0),
            0u);
  EXPECT_EQ(PQtransactionStatus(a_.get()), PQTRANS_INTRANS);
  Query(a_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 7), "70");
  EXPECT_EQ(Value(k_.get(), 8), "<none>");
}

TEST_F(TransactionsTest, SavepointRollsBackPartOfTheWork) {
  Query(a_.get(), "update " + table_ + " set v = 100 where id = 1");
  Query(a_.get(), "savepoint s1");
  Query(a_.get(), "update " + table_ + " set v = 200 where id = 2");
  Query(a_.get(), "delete from " + table_ + " where id = 1");
  Query(a_.get(), "rollback to savepoint s1");
  EXPECT_EQ(Value(a_.get(), 1), "100");
  EXPECT_EQ(Value(a_.get(), 2), "20");
  // Row 2's lock was taken after the savepoint: it is free again.
  Query(b_.get(), "update " + table_ + " set v = 22 where id = 2");
  Query(b_.get(), "commit");
  EXPECT_EQ(QueryError(a_.get(), "rollback to savepoint nosuch").rfind("ORA-01086", 0), 0u);
  Query(a_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 1), "100");
  EXPECT_EQ(Value(k_.get(), 2), "22");
}

TEST_F(TransactionsTest, KilledHolderIsRolledBackAndWaiterProceeds) {
  Query(a_.get(), "update " + table_ + " set v = 99 where id = 1");
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = v + 5 where id = 1").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  std::string victim = IdOf(a_.get());
  EXPECT_EQ(QueryError(k_.get(), "alter system kill session '" + victim + "'"), "");
  EXPECT_EQ(AwaitError(b_.get()), "");  // the lock was released by the rollback
  Query(b_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 1), "15");  // 10 + 5: the killed session's 99 was undone
  EXPECT_NE(QueryError(a_.get(), "select 1 from dual"), "");
}

TEST_F(TransactionsTest, CrashedHolderIsRolledBackByPmon) {
  Query(a_.get(), "update " + table_ + " set v = 77 where id = 2");
  Query(a_.get(), "insert into " + table_ + " values (9, 90)");
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = v + 1 where id = 2").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  pid_t server = PQbackendPID(a_.get());
  ASSERT_EQ(kill(server, SIGKILL), 0);
  EXPECT_EQ(AwaitError(b_.get()), "");
  Query(b_.get(), "commit");
  EXPECT_EQ(Value(k_.get(), 2), "21");
  EXPECT_EQ(Value(k_.get(), 9), "<none>");
  EXPECT_TRUE(WaitUntil([&] { return instance_->AlertLog().find("rolled back") != std::string::npos; }));
}

TEST_F(TransactionsTest, DeadlockOfTwoSessionsFailsOneStatement) {
  Query(a_.get(), "update " + table_ + " set v = 11 where id = 1");
  Query(b_.get(), "update " + table_ + " set v = 22 where id = 2");
  ASSERT_EQ(PQsendQuery(a_.get(), ("update " + table_ + " set v = 12 where id = 2").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_a_));
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = 21 where id = 1").c_str()), 1);
  // Exactly one of them is told; its statement is undone, its transaction goes on (and
  // still holds its first row, so the other waits until the victim rolls back).
  std::atomic<int> done{0};
  std::string ea, eb;
  std::thread ta([&] { ea = AwaitError(a_.get()); done |= 1; });
  std::thread tb([&] { eb = AwaitError(b_.get()); done |= 2; });
  ASSERT_TRUE(WaitUntil([&] { return done.load() != 0; }, std::chrono::seconds(30)));
  PGconn* victim = done.load() == 1 ? a_.get() : b_.get();
  Conn& survivor = done.load() == 1 ? b_ : a_;
  const std::string& victim_error = done.load() == 1 ? ea : eb;
  EXPECT_EQ(victim_error.rfind("ORA-00060: deadlock detected", 0), 0u) << victim_error;
  EXPECT_EQ(PQtransactionStatus(victim), PQTRANS_INTRANS);
  Query(victim, "rollback");
  ta.join();
  tb.join();
  EXPECT_EQ(done.load(), 3);
  EXPECT_EQ(done.load() == 3 ? (victim == a_.get() ? eb : ea) : "x", "");
  Query(survivor.get(), "commit");
  EXPECT_TRUE(WaitUntil(
      [&] { return instance_->AlertLog().find("ORA-00060: Deadlock detected") != std::string::npos; }));
}

TEST_F(TransactionsTest, LockTableNowaitAndDdlAgainstAnOpenTransaction) {
  Query(a_.get(), "update " + table_ + " set v = 1 where id = 1");
  // a holds TM row exclusive: an exclusive table lock is busy, and so is DDL.
  EXPECT_EQ(QueryError(b_.get(), "lock table " + table_ + " in exclusive mode nowait")
                .rfind("ORA-00054", 0),
            0u);
  EXPECT_EQ(QueryError(b_.get(), "lock table " + table_ + " in exclusive mode wait 1")
                .rfind("ORA-30006", 0),
            0u);
  EXPECT_EQ(QueryError(k_.get(), "truncate table " + table_).rfind("ORA-00054", 0), 0u);
  // Row share is compatible with row exclusive.
  EXPECT_EQ(QueryError(b_.get(), "lock table " + table_ + " in row share mode nowait"), "");
  Query(b_.get(), "rollback");
  Query(a_.get(), "rollback");
  EXPECT_EQ(QueryError(b_.get(), "lock table " + table_ + " in exclusive mode nowait"), "");
  Query(b_.get(), "commit");
}

TEST_F(TransactionsTest, SelectForUpdateNowaitWaitAndSkipLocked) {
  Rows locked = Query(a_.get(), "select id, v from " + table_ + " where id = 1 for update");
  ASSERT_EQ(locked.size(), 1u);
  EXPECT_EQ(locked[0][1], "10");
  EXPECT_EQ(QueryError(b_.get(), "select v from " + table_ + " where id = 1 for update nowait")
                .rfind("ORA-00054", 0),
            0u);
  EXPECT_EQ(QueryError(b_.get(), "select v from " + table_ + " where id = 1 for update wait 1")
                .rfind("ORA-30006", 0),
            0u);
  Rows skipped = Query(b_.get(), "select id from " + table_ + " for update skip locked");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0][0], "2");
  Query(b_.get(), "rollback");
  // A plain FOR UPDATE waits for the holder and returns the row as committed.
  ASSERT_EQ(PQsendQuery(b_.get(), ("select v from " + table_ + " where id = 1 for update").c_str()),
            1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  Query(a_.get(), "update " + table_ + " set v = 11 where id = 1");
  Query(a_.get(), "commit");
  ASSERT_EQ(PQconsumeInput(b_.get()), 1);
  PGresult* r = PQgetResult(b_.get());
  ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(b_.get());
  EXPECT_EQ(std::string(PQgetvalue(r, 0, 0)), "11");
  PQclear(r);
  while ((r = PQgetResult(b_.get())) != nullptr) PQclear(r);
  Query(b_.get(), "rollback");
  EXPECT_EQ(QueryError(b_.get(), "select 1 from dual for update").rfind("ORA-02014", 0), 0u);
}

TEST_F(TransactionsTest, DisconnectPostTransactionWaitsForTheCommit) {
  Query(a_.get(), "update " + table_ + " set v = 5 where id = 1");
  EXPECT_EQ(QueryError(k_.get(), "alter system disconnect session '" + sid_a_ + "," +
                                      IdOf(a_.get()).substr(sid_a_.size() + 1) +
                                      "' post_transaction"),
            "");
  // The transaction goes on and may commit; then the session is gone.
  EXPECT_EQ(Value(a_.get(), 1), "5");
  Query(a_.get(), "commit");
  EXPECT_TRUE(WaitUntil([&] {
    return Query(k_.get(), "select sid from v$session where sid = " + sid_a_ +
                               " and program = 'a'").empty();
  }));
  EXPECT_NE(QueryError(a_.get(), "select 1 from dual"), "");
  EXPECT_EQ(Value(k_.get(), 1), "5");  // the commit stands
  // Without an open transaction it is immediate.
  std::string b_id = IdOf(b_.get());
  EXPECT_EQ(QueryError(k_.get(), "alter system disconnect session '" + b_id + "' post_transaction"), "");
  EXPECT_TRUE(WaitUntil([&] { return !QueryError(b_.get(), "select 1 from dual").empty(); }));
}

TEST_F(TransactionsTest, ActiveSessionHistoryNamesTheBlocker) {
  Query(a_.get(), "update " + table_ + " set v = 1 where id = 1");
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = 2 where id = 1").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  // MMNL samples once a second: the waiter's sample names the holder and the statement.
  Rows sample;
  EXPECT_TRUE(WaitUntil(
      [&] {
        sample = Query(k_.get(), "select blocking_session, event, sql_id from "
                                 "v$active_session_history where session_id = " + sid_b_);
        return !sample.empty();
      },
      std::chrono::seconds(10)));
  if (!sample.empty()) {
    EXPECT_EQ(sample[0][0], sid_a_);
    EXPECT_EQ(sample[0][1], "enq: TX - row lock contention");
    EXPECT_TRUE(sample[0][2].has_value());
  }
  Query(a_.get(), "rollback");
  EXPECT_EQ(AwaitError(b_.get()), "");
  Query(b_.get(), "rollback");
}

TEST_F(TransactionsTest, LockViewsShowHoldersWaitersAndTheChain) {
  Conn c = instance_->Connect("sys", Instance::kPassword, "c");
  const std::string sid_c = Query(c.get(), "select userenv('SID') from dual")[0][0].value_or("");
  Rows obj = Query(k_.get(), "select object_id from user_objects where object_name = upper('" +
                                 table_ + "') and object_type = 'TABLE'");
  ASSERT_EQ(obj.size(), 1u);
  Query(a_.get(), "update " + table_ + " set v = 11 where id = 1");
  Query(b_.get(), "update " + table_ + " set v = 21 where id = 2");
  ASSERT_EQ(PQsendQuery(b_.get(), ("update " + table_ + " set v = 12 where id = 1").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_b_));
  ASSERT_EQ(PQsendQuery(c.get(), ("update " + table_ + " set v = 22 where id = 2").c_str()), 1);
  ASSERT_TRUE(IsWaitingOnRowLock(sid_c));
  // The chain c -> b -> a.
  Rows s = Query(k_.get(), "select sid, blocking_session, blocking_session_status, "
                           "final_blocking_session, row_wait_obj# from v$session where sid in (" +
                               sid_a_ + ", " + sid_b_ + ", " + sid_c + ") order by sid");
  ASSERT_EQ(s.size(), 3u);
  for (const auto& row : s) {
    if (row[0] == sid_a_) {
      EXPECT_EQ(row[1], std::nullopt);
      EXPECT_EQ(row[2], "NO HOLDER");  // idle on 'SQL*Net message from client'
    } else if (row[0] == sid_b_) {
      EXPECT_EQ(row[1], sid_a_);
      EXPECT_EQ(row[2], "VALID");
      EXPECT_EQ(row[3], sid_a_);
      EXPECT_EQ(row[4], obj[0][0]);
    } else {
      EXPECT_EQ(row[1], sid_b_);
      EXPECT_EQ(row[3], sid_a_);
    }
  }
  // V$LOCK: a holds its TX in mode 6 and blocks; b asks for it in mode 6; TM row exclusive.
  Rows held = Query(k_.get(), "select type, lmode, request, block from v$lock where sid = " +
                                  sid_a_ + " order by type");
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0], (std::vector<std::optional<std::string>>{"TM", "3", "0", "0"}));
  EXPECT_EQ(held[1], (std::vector<std::optional<std::string>>{"TX", "6", "0", "1"}));
  Rows asked = Query(k_.get(), "select l.id1, l.id2 from v$lock l where l.sid = " + sid_b_ +
                                   " and l.type = 'TX' and l.request = 6");
  ASSERT_EQ(asked.size(), 1u);
  Rows tx = Query(k_.get(), "select t.xidusn * 65536 + t.xidslot, t.xidsqn, t.used_urec, t.status "
                            "from v$transaction t, v$session s where s.taddr = t.addr and s.sid = " +
                                sid_a_);
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_EQ(tx[0][0], asked[0][0]);  // b waits for exactly a's transaction
  EXPECT_EQ(tx[0][1], asked[0][1]);
  EXPECT_EQ(tx[0][2], "1");
  EXPECT_EQ(tx[0][3], "ACTIVE");
  EXPECT_EQ(Query(k_.get(), "select object_id from v$locked_object where session_id = " + sid_a_)
                .size(),
            1u);
  Query(a_.get(), "commit");
  EXPECT_EQ(AwaitError(b_.get()), "");
  Query(b_.get(), "commit");
  EXPECT_EQ(AwaitError(c.get()), "");
  Query(c.get(), "commit");
  EXPECT_TRUE(Query(k_.get(), "select sid from v$lock where sid in (" + sid_a_ + ", " + sid_b_ +
                                  ", " + sid_c + ")")
                  .empty());
  Rows stats = Query(k_.get(), "select total_wait# from v$enqueue_statistics where eq_type = 'TX'");
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_GE(std::stoi(*stats[0][0]), 2);
}

}  // namespace
}  // namespace warden::testing
