// SMON: a dead process's large transaction is handed by PMON (after _cleanup_rollback_entries
// undo records) to SMON, which rolls it back while V$FAST_START_TRANSACTIONS and
// V$ROLLBACK_PROGRESS show it advancing; a session that needs one of its rows rolls that row
// back on demand instead of waiting for the whole rollback; a SMON killed mid-recovery is
// restarted and its successor finishes the job. The data afterwards equals the data before.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>

#include "instance.h"

namespace warden::testing {
namespace {

constexpr int kRows = 200000;
// Watching a rollback of kRows: at its real speed it takes well under 100 ms (less on a fast
// machine), too short to be seen in progress for sure. DBMS_FAULT.SLOW_UNDO makes each undo
// record of the big transaction take 5 us longer, whoever applies it: 1 s of CPU for the
// whole rollback, about 0.5 s on two cores with recovery slaves (less with more cores, still
// hundreds of the watch's 1 ms polls).
constexpr const char* kUndoDelay = "0.000005";
constexpr std::chrono::milliseconds kWatchPoll{1};

class SmonTest : public SharedInstanceTest<SmonTest> {
 public:
  static std::vector<std::string> Params() { return {"_fault_injection=true"}; }

 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    k_ = instance_->Connect("sys", Instance::kPassword, "k");
    ASSERT_EQ(PQstatus(k_.get()), CONNECTION_OK);
    Query(k_.get(), "create table sm_t (id number primary key, v number)");
    Query(k_.get(), "insert into sm_t values (1, 1)");
    for (int n = 1; n < kRows; n *= 2) {  // doubling: 1, 2, 4, ... then trimmed to kRows
      Query(k_.get(), "insert into sm_t select id + " + std::to_string(n) + ", mod(id, 7) from sm_t");
    }
    Query(k_.get(), "delete from sm_t where id > " + std::to_string(kRows));
    Query(k_.get(), "commit");
    sum_before_ = Scalar("select sum(v) from sm_t");
  }
  void TearDown() override {
    Query(k_.get(), "alter system set \"_cleanup_rollback_entries\" = 100");
    Query(k_.get(), "alter system set fast_start_parallel_rollback = LOW");
    Query(k_.get(), "drop table sm_t");
  }

  std::string Scalar(const std::string& sql) {
    Rows r = Query(k_.get(), sql);
    return r.size() == 1 && r[0][0] ? *r[0][0] : "";
  }
  // A session that changed every row of sm_t in one open transaction whose undo is slowed
  // (kUndoDelay); returns its XID.
  std::string BigTransaction(PGconn* a) {
    Query(a, std::string("begin dbms_fault.slow_undo(") + kUndoDelay + "); end;");
    Query(a, "update sm_t set v = v + 100");
    Rows r = Query(a, "select t.xid from v$transaction t, v$session s "
                      "where t.ses_addr = s.saddr and s.sid = userenv('SID')");
    return r.size() == 1 && r[0][0] ? *r[0][0] : "";
  }
  bool Recovered(const std::string& xid) {
    return Scalar("select state from v$fast_start_transactions where xid = '" + xid + "'") ==
           "RECOVERED";
  }

  Conn k_;
  std::string sum_before_;
};

TEST_F(SmonTest, KilledLargeTransactionIsRolledBackBySmonWithVisibleProgress) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  const std::string a_sid = *Query(a.get(), "select userenv('SID') from dual")[0][0];
  const std::string xid = BigTransaction(a.get());
  ASSERT_FALSE(xid.empty());
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);

  // Watch it: STATE goes to RECOVERING with UNDOBLOCKSDONE rising, V$ROLLBACK_PROGRESS's
  // percentage rising and its estimate falling, then RECOVERED.
  std::set<long> done_seen;
  long last_done = -1;
  double last_pct = -1;
  bool monotonic = true;
  bool progress_seen = false;
  ASSERT_TRUE(WaitUntil(
      [&] {
        Rows f = Query(k_.get(), "select state, undoblocksdone, undoblockstotal, pid "
                                 "from v$fast_start_transactions where xid = '" + xid + "'");
        if (f.size() == 1 && *f[0][0] == "RECOVERING") {
          long done = std::stol(*f[0][1]);
          monotonic = monotonic && done >= last_done;
          last_done = done;
          done_seen.insert(done);
          EXPECT_LE(done, std::stol(*f[0][2]));
          EXPECT_TRUE(f[0][3].has_value());  // SMON's PID
        }
        Rows p = Query(k_.get(), "select rolled_back_by, percent_done, seconds_left "
                                 "from v$rollback_progress where xid = '" + xid + "'");
        if (p.size() == 1 && *p[0][0] == "SMON") {
          double pct = std::stod(*p[0][1]);
          monotonic = monotonic && pct >= last_pct;
          last_pct = pct;
          progress_seen = true;
        }
        return f.size() == 1 && *f[0][0] == "RECOVERED";
      },
      std::chrono::seconds(60), kWatchPoll));
  EXPECT_TRUE(monotonic);
  EXPECT_GE(done_seen.size(), 2u) << "UNDOBLOCKSDONE was not seen advancing";
  EXPECT_TRUE(progress_seen);
  EXPECT_EQ(Scalar("select count(*) from v$fast_start_transactions where xid = '" + xid +
                   "' and undoblocksdone = undoblockstotal and undoblockstotal > 0"),
            "1");
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
  EXPECT_EQ(Scalar("select count(*) from v$transaction"), "0");
  // The DBA's script shows the recovery: nothing left rolling back for that SID, the
  // transaction RECOVERED.
  CommandResult script = RunCommand(
      {BinDir() + "/wsql", "-S", "sys/" + std::string(Instance::kPassword) + "@" + instance_->Url(),
       "@" + std::string(WARDEN_SOURCE_DIR) + "/scripts/rollback", a_sid},
      "exit\n");
  EXPECT_EQ(script.exit_code, 0) << script.output;
  EXPECT_NE(script.output.find("no rows selected"), std::string::npos) << script.output;
  EXPECT_NE(script.output.find("RECOVERED"), std::string::npos) << script.output;
  const std::string log = instance_->AlertLog();
  EXPECT_NE(log.find("100 of " + std::to_string(kRows) + " undo records applied, the rest handed to SMON"),
            std::string::npos);
  EXPECT_NE(log.find("SMON: dead transaction "), std::string::npos);
}

TEST_F(SmonTest, WaiterOnARowOfTheDeadTransactionProceedsBeforeTheRollbackEnds) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  Conn w = instance_->Connect("sys", Instance::kPassword, "w");
  const std::string w_sid = *Query(w.get(), "select userenv('SID') from dual")[0][0];
  const std::string xid = BigTransaction(a.get());
  ASSERT_FALSE(xid.empty());
  // Row 1 was changed first: its undo record is the oldest, the last SMON would reach.
  ASSERT_EQ(PQsendQuery(w.get(), "update sm_t set v = v + 1 where id = 1"), 1);
  ASSERT_TRUE(AwaitRowLockWait(k_.get(), w_sid));
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  EXPECT_EQ(AwaitError(w.get()), "");
  Query(w.get(), "commit");
  ASSERT_TRUE(WaitUntil([&] { return Recovered(xid); }, std::chrono::seconds(60)));
  // The waiter rolled its row back itself (SMON counts it) and changed the restored value.
  EXPECT_NE(instance_->AlertLog().find(" 1 rows rolled back on demand"), std::string::npos)
      << instance_->AlertLog();
  EXPECT_EQ(Scalar("select v from sm_t where id = 1"), "2");  // 1 + 1, not 1 + 100 + 1
  Query(k_.get(), "update sm_t set v = v - 1 where id = 1");
  Query(k_.get(), "commit");
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
}

// With the hand-off limit raised at runtime PMON rolls the whole transaction back itself;
// V$DEAD_CLEANUP shows that clean-up in progress at its TRANSACTION step, then done.
TEST_F(SmonTest, DeadCleanupShowsPmonRollingBackThenDone) {
  Query(k_.get(), "alter system set \"_cleanup_rollback_entries\" = 1000000000");
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  const std::string a_spid = std::to_string(PQbackendPID(a.get()));
  ASSERT_FALSE(BigTransaction(a.get()).empty());
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  bool in_progress = false;
  ASSERT_TRUE(WaitUntil([&] {
    Rows r = Query(k_.get(), "select state, step, undo_records_applied, handed_to_smon, cause "
                             "from v$dead_cleanup where spid = '" + a_spid + "'");
    if (r.size() != 1) return false;
    if (*r[0][0] == "IN PROGRESS") {
      in_progress = true;
      EXPECT_EQ(*r[0][1], "TRANSACTION");
      return false;
    }
    EXPECT_EQ(*r[0][1], "DONE");
    EXPECT_EQ(*r[0][2], std::to_string(kRows));
    EXPECT_EQ(*r[0][3], "NO");
    EXPECT_EQ(*r[0][4], "PROCESS DIED");
    return true;
  }, std::chrono::seconds(60), kWatchPoll));
  EXPECT_TRUE(in_progress) << "the clean-up was never seen in progress";
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
}

TEST_F(SmonTest, SmonKilledMidRecoveryIsRestartedAndFinishes) {
  const size_t log_before = instance_->AlertLog().size();
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  const std::string xid = BigTransaction(a.get());
  ASSERT_FALSE(xid.empty());
  const std::string smon = Scalar("select spid from v$process where pname = 'SMON'");
  ASSERT_FALSE(smon.empty());
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  ASSERT_TRUE(WaitUntil([&] {
    return Scalar("select state from v$fast_start_transactions where xid = '" + xid + "'") ==
           "RECOVERING";
  }, std::chrono::seconds(10), kWatchPoll));
  ASSERT_EQ(kill(std::stoi(smon), SIGKILL), 0);
  ASSERT_TRUE(WaitUntil([&] { return Recovered(xid); }, std::chrono::seconds(60)));
  EXPECT_NE(Scalar("select spid from v$process where pname = 'SMON'"), smon);
  const std::string log = instance_->AlertLog().substr(log_before);
  EXPECT_NE(log.find("SMON (ospid: " + smon + ") terminated unexpectedly"), std::string::npos);
  // Killed mid-recovery, not after it: the new SMON took the transaction over.
  const std::string claim = "SMON: rolling back dead transaction ";
  const size_t first = log.find(claim);
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_NE(log.find(claim, first + 1), std::string::npos) << log;
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
  EXPECT_EQ(Scalar("select count(*) from sm_t"), std::to_string(kRows));
}

// fast_start_parallel_rollback: FALSE rolls back with SMON alone; LOW and HIGH fork recovery
// slaves (P000...) that show in V$PROCESS and V$FAST_START_SERVERS while they work and are
// gone afterwards. The data is the same every time.
TEST_F(SmonTest, ParallelRollbackSlavesComeAndGoAndTheResultIsTheSame) {
  for (const std::string mode : {"FALSE", "LOW", "HIGH"}) {
    SCOPED_TRACE(mode);
    Query(k_.get(), "alter system set fast_start_parallel_rollback = " + mode);
    const size_t log_before = instance_->AlertLog().size();
    Conn a = instance_->Connect("sys", Instance::kPassword, "a");
    const std::string xid = BigTransaction(a.get());
    ASSERT_FALSE(xid.empty());
    ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
    long most_slaves = 0, most_servers = 0;
    ASSERT_TRUE(WaitUntil([&] {
      most_slaves = std::max(most_slaves,
                             std::stol(Scalar("select count(*) from v$process where pname like 'P0%'")));
      most_servers = std::max(most_servers,
                              std::stol(Scalar("select count(*) from v$fast_start_servers where xid = '" + xid + "'")));
      return Recovered(xid);
    }, std::chrono::seconds(60), kWatchPoll));
    const std::string log = instance_->AlertLog().substr(log_before);
    if (mode == "FALSE") {
      EXPECT_EQ(most_slaves, 0);
      EXPECT_EQ(log.find("parallel rollback"), std::string::npos) << log;
    } else {
      EXPECT_GT(most_slaves, 0) << "no recovery slave was seen in V$PROCESS";
      EXPECT_GT(most_servers, 0) << "no recovery slave was seen in V$FAST_START_SERVERS";
      EXPECT_NE(log.find("parallel rollback with "), std::string::npos) << log;
    }
    // Gone afterwards, and the rows are as before.
    EXPECT_TRUE(WaitUntil([&] {
      return Scalar("select count(*) from v$process where pname like 'P0%'") == "0";
    }));
    EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
    EXPECT_EQ(Scalar("select count(*) from sm_t"), std::to_string(kRows));
  }
  Query(k_.get(), "alter system set fast_start_parallel_rollback = LOW");
}

// Changing the degree while slaves work restarts the recovery with the new degree; what the
// first slaves applied stays applied and the result is the same.
TEST_F(SmonTest, DegreeChangedDuringRecoveryRestartsIt) {
  Query(k_.get(), "alter system set fast_start_parallel_rollback = LOW");
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  ASSERT_FALSE(BigTransaction(a.get()).empty());
  const std::string xid = BigTransaction(a.get());  // 2 x 200,000 changes
  ASSERT_FALSE(xid.empty());
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  ASSERT_TRUE(WaitUntil([&] {
    return Scalar("select count(*) from v$fast_start_servers where state = 'RECOVERING'") != "0";
  }, std::chrono::seconds(10), kWatchPoll));
  // HIGH where it means more slaves than LOW (2 x CPU_COUNT and 4 x CPU_COUNT, both capped
  // at 8): below 4 CPUs. With more, LOW and HIGH are the same degree and nothing would
  // restart: FALSE (SMON alone) is the change there.
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  const std::string next = cpus > 0 && cpus < 4 ? "HIGH" : "FALSE";
  Query(k_.get(), "alter system set fast_start_parallel_rollback = " + next);
  ASSERT_TRUE(WaitUntil([&] { return Recovered(xid); }, std::chrono::seconds(60)));
  EXPECT_NE(instance_->AlertLog().find("fast_start_parallel_rollback changed to " + next +
                                       "; restarting the recovery"),
            std::string::npos);
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
  Query(k_.get(), "alter system set fast_start_parallel_rollback = LOW");
}

// A recovery slave killed at its worst point (an undo record it undid unlinked from the
// chain, not yet retired: DBMS_FAULT.CRASH_AT('RECOVERY_UNLINK', n)) loses nothing: PMON
// retires the record in its hand, SMON recounts the undo and applies what the slave left,
// and the data is as before the transaction.
TEST_F(SmonTest, RecoverySlaveKilledMidUnlinkLeavesItsShareToSmon) {
  Query(k_.get(), "alter system set fast_start_parallel_rollback = LOW");
  Query(k_.get(), "begin dbms_fault.crash_at('RECOVERY_UNLINK', 1000); end;");
  const size_t log_before = instance_->AlertLog().size();
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  const std::string xid = BigTransaction(a.get());
  ASSERT_FALSE(xid.empty());
  ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
  ASSERT_TRUE(WaitUntil([&] { return Recovered(xid); }, std::chrono::seconds(60)));
  const std::string log = instance_->AlertLog().substr(log_before);
  // The slave that took the fault died, the others finished.
  EXPECT_NE(log.find("parallel rollback with "), std::string::npos) << log;
  EXPECT_NE(log.find(") killed by signal 9; SMON applies what it left"), std::string::npos) << log;
  EXPECT_TRUE(WaitUntil([&] {
    return Scalar("select count(*) from v$process where pname like 'P0%'") == "0";
  }));
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
  EXPECT_EQ(Scalar("select count(*) from sm_t"), std::to_string(kRows));
  EXPECT_EQ(Scalar("select count(*) from v$transaction"), "0");
}

TEST_F(SmonTest, ASessionsOwnRollbackShowsItsProgress) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "a");
  const std::string a_sid = *Query(a.get(), "select userenv('SID') from dual")[0][0];
  ASSERT_FALSE(BigTransaction(a.get()).empty());
  ASSERT_EQ(PQsendQuery(a.get(), "rollback"), 1);
  bool seen = false;
  WaitUntil(
      [&] {
        Rows p = Query(k_.get(), "select rolled_back_by, undo_records_total from "
                                 "v$rollback_progress where sid = " + a_sid);
        if (p.size() == 1) {
          EXPECT_EQ(*p[0][0], "SESSION");
          EXPECT_EQ(*p[0][1], std::to_string(kRows));
          seen = true;
        }
        return seen;
      },
      std::chrono::seconds(10), kWatchPoll);
  EXPECT_EQ(AwaitError(a.get()), "");
  EXPECT_TRUE(seen) << "the rollback ended before it could be seen";
  EXPECT_EQ(Scalar("select sum(v) from sm_t"), sum_before_);
}

}  // namespace
}  // namespace warden::testing

namespace warden::testing {
namespace {

// SHUTDOWN IMMEDIATE while SMON rolls a dead transaction back, with recovery slaves (LOW) and
// alone (FALSE): SMON stops at its next batch by itself and the next start finds the data as
// it was committed. Before, a stop that a wait inside the recovery took was lost: SMON slept
// on 'smon timer' (300 s), or rolled on deaf to it alone, until the supervisor SIGKILLed it
// 10 s later (PMON then cleaned it up as a dead process).
TEST(SmonShutdownTest, ShutdownImmediateStopsSmonMidRecovery) {
  for (const std::string mode : {"LOW", "FALSE"}) {
    SCOPED_TRACE(mode);
    Instance inst({"_fault_injection=true", "fast_start_parallel_rollback=" + mode});
    ASSERT_TRUE(inst.started());
    Conn k = inst.Connect("sys", Instance::kPassword, "k");
    Query(k.get(), "create table sd_t (id number primary key, v number)");
    Query(k.get(), "insert into sd_t values (1, 1)");
    for (int n = 1; n < 16384; n *= 2) {
      Query(k.get(), "insert into sd_t select id + " + std::to_string(n) + ", v from sd_t");
    }
    Query(k.get(), "commit");
    const std::string smon = *Query(k.get(), "select spid from v$process where pname = 'SMON'")[0][0];
    Conn a = inst.Connect("sys", Instance::kPassword, "a");
    // 16,384 undo records of 0.5 ms: 8 s of rollback, 4 s with slaves on two cores.
    Query(a.get(), "begin dbms_fault.slow_undo(0.0005); end;");
    Query(a.get(), "update sd_t set v = v + 1");
    ASSERT_EQ(kill(PQbackendPID(a.get()), SIGKILL), 0);
    ASSERT_TRUE(WaitUntil([&] {
      Rows r = Query(k.get(), "select state from v$fast_start_transactions");
      return r.size() == 1 && r[0][0] == "RECOVERING";
    }));
    const size_t log_before = inst.AlertLog().size();
    k.reset();
    a.reset();
    EXPECT_EQ(inst.Stop("immediate"), 0);
    const std::string log = inst.AlertLog().substr(log_before);
    EXPECT_EQ(log.find("(ospid " + smon + ")"), std::string::npos) << "SMON was killed:\n" << log;
    if (mode == "FALSE") {
      EXPECT_NE(log.find("stopped for shutdown"), std::string::npos) << log;
    }
    ASSERT_TRUE(inst.Restart());
    k = inst.Connect("sys", Instance::kPassword, "k");
    EXPECT_EQ(Query(k.get(), "select count(*) || '/' || sum(v) from sd_t")[0][0], "16384/16384");
  }
}

}  // namespace
}  // namespace warden::testing
