// Durability (issue 9, DESIGN §8): the catalog (tables, indexes, grants, drops, truncates)
// survives kill -9 of the whole instance; a torn or bit-flipped redo tail ends recovery at
// the last good record, corruption before the tail stops the start with ORA-00353; every
// shutdown mode keeps what was committed and nothing else; log switches under load and a
// transaction whose redo spans several log files are recovered; the redo views and waits.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "instance.h"

namespace warden::testing {
namespace {

std::string Scalar(PGconn* c, const std::string& sql) {
  Rows r = Query(c, sql);
  return r.empty() || !r[0][0] ? std::string() : *r[0][0];
}

// The member of the CURRENT log group.
std::string CurrentLogFile(PGconn* c) {
  return Scalar(c, "select f.member from v$log l join v$logfile f on f.group# = l.group# "
                   "where l.status = 'CURRENT'");
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The end of the non-zero data of a log file written only by this instance (sparse beyond).
size_t EndOfData(const std::string& bytes) {
  size_t end = bytes.size();
  while (end > 512 && bytes[end - 1] == '\0') --end;
  return end;
}

void PatchFile(const std::string& path, size_t offset, const std::string& bytes) {
  int fd = open(path.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0) << path;
  ASSERT_EQ(pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset)), ssize_t(bytes.size()));
  close(fd);
}

TEST(DurabilityTest, CatalogAndDataSurviveKillOfEveryProcess) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "create user dur_u identified by Dur_pw_1");
    Query(sys.get(), "grant create session to dur_u");
    Query(sys.get(), "create table dur_t (id number primary key, name varchar2(30), n number)");
    Query(sys.get(), "create index dur_t_n on dur_t (n)");
    Query(sys.get(), "insert into dur_t values (1, 'one', 10)");
    Query(sys.get(), "insert into dur_t values (2, 'two', 20)");
    Query(sys.get(), "insert into dur_t values (3, 'three', 30)");
    Query(sys.get(), "commit");
    Query(sys.get(), "update dur_t set name = 'TWO', n = 21 where id = 2");
    Query(sys.get(), "delete from dur_t where id = 3");
    Query(sys.get(), "commit");
    Query(sys.get(), "grant select on dur_t to dur_u");
    Query(sys.get(), "create table dur_gone (a number)");
    Query(sys.get(), "drop table dur_gone");
    Query(sys.get(), "create table dur_trunc (a number)");
    Query(sys.get(), "insert into dur_trunc values (1)");
    Query(sys.get(), "commit");
    Query(sys.get(), "truncate table dur_trunc");
    // Uncommitted at the crash: must not be there afterwards.
    Query(sys.get(), "insert into dur_t values (4, 'four', 40)");
    Query(sys.get(), "update dur_t set name = 'uncommitted' where id = 1");
  }
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn sys = inst.Connect();
  EXPECT_EQ(Query(sys.get(), "select id, name, n from dur_t order by id"),
            (Rows{{"1", "one", "10"}, {"2", "TWO", "21"}}));
  // The indexes came back: the primary key still refuses a duplicate, the index serves n.
  EXPECT_EQ(QueryError(sys.get(), "insert into dur_t values (1, 'again', 1)").rfind("ORA-00001", 0), 0u);
  EXPECT_EQ(Query(sys.get(), "select name from dur_t where n = 21"), (Rows{{"TWO"}}));
  EXPECT_EQ(Query(sys.get(), "select index_name from user_indexes where table_name = 'DUR_T' "
                             "order by index_name")
                .size(),
            2u);
  EXPECT_EQ(QueryError(sys.get(), "select * from dur_gone").rfind("ORA-00942", 0), 0u);
  EXPECT_EQ(Scalar(sys.get(), "select count(*) from dur_trunc"), "0");
  Conn u = inst.Connect("dur_u", "Dur_pw_1");
  ASSERT_EQ(PQstatus(u.get()), CONNECTION_OK);
  EXPECT_EQ(Scalar(u.get(), "select count(*) from sys.dur_t"), "2");
  // New objects get new ids and rows new numbers: work goes on normally.
  Query(sys.get(), "insert into dur_t values (5, 'five', 50)");
  Query(sys.get(), "commit");
  Query(sys.get(), "create table dur_next (a number)");
  EXPECT_EQ(Scalar(sys.get(), "select count(*) from dur_t"), "3");
  EXPECT_NE(inst.AlertLog().find("Completed crash recovery"), std::string::npos);
}

// CREATE TABLE logs the table before it is visible (so rows others commit into it at once are
// never replayed without it); one that fails after that is logged as dropped.
TEST(DurabilityTest, AFailedCreateTableLeavesNoTableAfterRecovery) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  {
    Conn sys = inst.Connect();
    // Two constraints on the same column: ORA-02261 after the table itself was created.
    EXPECT_EQ(QueryError(sys.get(), "create table fc_t (a number primary key, unique (a))")
                  .rfind("ORA-02261", 0),
              0u);
    Query(sys.get(), "create table fc_ok (a number primary key)");
    Query(sys.get(), "insert into fc_ok values (1)");
    Query(sys.get(), "commit");
  }
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn sys = inst.Connect();
  EXPECT_EQ(QueryError(sys.get(), "select * from fc_t").rfind("ORA-00942", 0), 0u);
  EXPECT_EQ(Scalar(sys.get(), "select count(*) from fc_ok"), "1");
  Query(sys.get(), "create table fc_t (a number)");  // the name is free
}

// Commits rows 1..n one by one (each acknowledged), crashes, damages the last record of the
// current log file with `damage`, restarts: rows 1..n-1 are there, row n is not.
void ExpectTailDamageLosesOnlyTheLastRecord(const std::function<void(std::string*, size_t)>& damage) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  std::string log_file;
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "create table tail_t (id number)");
    for (int i = 1; i <= 5; ++i) {
      Query(sys.get(), "insert into tail_t values (" + std::to_string(i) + ")");
      Query(sys.get(), "commit");
    }
    log_file = CurrentLogFile(sys.get());
  }
  inst.Crash();
  std::string bytes = ReadFileBytes(log_file);
  const size_t end = EndOfData(bytes);
  ASSERT_GT(end, 512u);
  std::string patched = bytes.substr(0, end);
  damage(&patched, end);
  PatchFile(log_file, 0, patched);
  if (patched.size() < end) PatchFile(log_file, patched.size(), std::string(end - patched.size(), '\0'));
  ASSERT_TRUE(inst.Restart());
  Conn sys = inst.Connect();
  EXPECT_EQ(Query(sys.get(), "select id from tail_t order by id"), (Rows{{"1"}, {"2"}, {"3"}, {"4"}}));
  EXPECT_NE(inst.AlertLog().find("redo tail discarded"), std::string::npos);
  // And the instance goes on writing after the damaged tail.
  Query(sys.get(), "insert into tail_t values (6)");
  Query(sys.get(), "commit");
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn again = inst.Connect();
  EXPECT_EQ(Scalar(again.get(), "select count(*) from tail_t"), "5");
}

TEST(DurabilityTest, TruncatedRedoTailEndsRecoveryAtTheLastGoodRecord) {
  // The last commit record was half written: its last 16 bytes never reached the disk.
  ExpectTailDamageLosesOnlyTheLastRecord([](std::string* b, size_t end) { b->resize(end - 16); });
}

TEST(DurabilityTest, BitFlippedRedoTailEndsRecoveryAtTheLastGoodRecord) {
  ExpectTailDamageLosesOnlyTheLastRecord([](std::string* b, size_t end) { (*b)[end - 12] ^= 0x08; });
}

TEST(DurabilityTest, CorruptionBeforeTheTailStopsTheStartWithOra00353) {
  Instance inst({"log_buffer=64K"});
  ASSERT_TRUE(inst.started());
  std::string log_file;
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "create table mid_t (id number, pad varchar2(1000))");
    // Well over one log buffer (one LGWR write) of redo after the first commit.
    for (int i = 0; i < 200; ++i) {
      Query(sys.get(), "insert into mid_t values (" + std::to_string(i) + ", rpad('x', 900, 'x'))");
      Query(sys.get(), "commit");
    }
    log_file = CurrentLogFile(sys.get());
  }
  inst.Crash();
  std::string bytes = ReadFileBytes(log_file);
  // A bit of the first record (the CREATE TABLE, right after the header) flips.
  PatchFile(log_file, 512 + 20, std::string(1, char(bytes[512 + 20] ^ 0x40)));
  EXPECT_FALSE(inst.Restart({}, /*must_start=*/false));
  EXPECT_NE(inst.ServerOutput().find("ORA-00353"), std::string::npos) << inst.ServerOutput();
}

TEST(DurabilityTest, EveryShutdownModeKeepsCommittedWorkOnly) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "create table sd_t (mode_name varchar2(20))");
  }
  for (const std::string mode : {"normal", "immediate", "abort"}) {
    {
      Conn sys = inst.Connect();
      Query(sys.get(), "insert into sd_t values ('" + mode + "')");
      Query(sys.get(), "commit");
    }
    Conn open_txn = inst.Connect();
    if (mode != "normal") {  // NORMAL waits for sessions to log off: none is left open
      Query(open_txn.get(), "insert into sd_t values ('uncommitted')");
    } else {
      open_txn.reset();
    }
    EXPECT_EQ(inst.Stop(mode), 0) << mode;
    ASSERT_TRUE(WaitUntil([&] { return inst.Exited(); })) << mode;
    open_txn.reset();
    ASSERT_TRUE(inst.Restart()) << mode;
    Conn sys = inst.Connect();
    EXPECT_EQ(Scalar(sys.get(), "select count(*) from sd_t where mode_name = 'uncommitted'"), "0") << mode;
    EXPECT_EQ(Scalar(sys.get(), "select count(*) from sd_t where mode_name = '" + mode + "'"), "1") << mode;
  }
  // A clean shutdown checkpoints: the start after it replays nothing.
  EXPECT_NE(inst.AlertLog().find("Completed checkpoint"), std::string::npos);
}

TEST(DurabilityTest, LogSwitchesUnderLoadAndATransactionSpanningLogFiles) {
  Instance inst({"log_file_size=1M", "log_buffer=256K"});
  ASSERT_TRUE(inst.started());
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "create table sw_t (id number primary key, client number, pad varchar2(400))");
  }
  // Four clients commit rows of ~400 bytes: about 2.5 MB of redo over 1 MB log files.
  constexpr int kClients = 4, kRows = 1500;
  std::vector<std::thread> clients;
  std::vector<int> acked(kClients, 0);
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      Conn conn = inst.Connect();
      for (int i = 0; i < kRows; ++i) {
        const int id = c * kRows + i;
        if (!TryQuery(conn.get(), "insert into sw_t values (" + std::to_string(id) + ", " +
                                      std::to_string(c) + ", rpad('p', 400, 'p'))", nullptr).empty() ||
            !TryQuery(conn.get(), "commit", nullptr).empty()) {
          return;
        }
        ++acked[c];
      }
    });
  }
  for (std::thread& t : clients) t.join();
  Conn sys = inst.Connect();
  const int switches_before = std::stoi(Scalar(sys.get(), "select max(sequence#) from v$log"));
  EXPECT_GE(switches_before, 3);  // at least two switches
  // One transaction of ~2.5 MB of redo: its records span three log files or more.
  Query(sys.get(), "insert into sw_t select id + 100000, 9, rpad('q', 400, 'q') from sw_t");
  Query(sys.get(), "commit");
  EXPECT_GE(std::stoi(Scalar(sys.get(), "select max(sequence#) from v$log")), switches_before + 2);
  EXPECT_NE(inst.AlertLog().find("advanced to log sequence"), std::string::npos);
  sys.reset();
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn after = inst.Connect();
  for (int c = 0; c < kClients; ++c) {
    EXPECT_EQ(Scalar(after.get(), "select count(*) from sw_t where client = " + std::to_string(c)),
              std::to_string(acked[c]));
  }
  EXPECT_EQ(Scalar(after.get(), "select count(*) from sw_t where client = 9"),
            std::to_string(kClients * kRows));
}

// LGWR's write that crosses a log switch syncs the older file's part of a frame, writes the
// new file's header and dies before the rest is on disk: a torn tail across the switch. The
// checkpoint the switch asked for had not completed (the data file from before it is put
// back). The start must replay to the frame before the torn one (it said ORA-00353), and
// the next start after more work must open too (the new sequence started before the newest
// file).
TEST(DurabilityTest, TornRecordAcrossALogSwitchIsATornTail) {
  Instance inst({"log_file_size=1M", "log_buffer=256K"});
  ASSERT_TRUE(inst.started());
  const std::string data_file = inst.dir() + "/data/warden01.dbf";
  std::string before_switch, newest;
  int acked = 0;
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "create table ts_t (id number primary key, pad varchar2(2000))");
    Query(sys.get(), "alter system checkpoint");
    before_switch = ReadFileBytes(data_file);
    ASSERT_FALSE(before_switch.empty());
    const std::string first = CurrentLogFile(sys.get());
    // Rows of ~2 KB one by one until LGWR switches because the file is full: the switch
    // point is almost surely inside a frame (checked below: the tail is discarded).
    for (int i = 1; i <= 2000 && CurrentLogFile(sys.get()) == first; ++i) {
      Query(sys.get(), "insert into ts_t values (" + std::to_string(i) + ", rpad('x', 2000, 'x'))");
      Query(sys.get(), "commit");
      acked = i;
    }
    newest = CurrentLogFile(sys.get());
    ASSERT_NE(newest, first);
  }
  inst.Crash();
  // The newest file's data never reached the disk; the switch's checkpoint never completed.
  const std::string bytes = ReadFileBytes(newest);
  ASSERT_GT(bytes.size(), 512u);
  PatchFile(newest, 512, std::string(bytes.size() - 512, '\0'));
  ASSERT_EQ(unlink(data_file.c_str()), 0);
  {
    std::ofstream out(data_file, std::ios::binary);
    out << before_switch;
  }
  ASSERT_TRUE(inst.Restart());
  EXPECT_NE(inst.AlertLog().find("redo tail discarded"), std::string::npos);
  int present = 0;
  {
    Conn sys = inst.Connect();
    present = std::stoi(Scalar(sys.get(), "select count(*) from ts_t"));
    EXPECT_GT(present, 0);
    EXPECT_LE(present, acked);
    EXPECT_EQ(Scalar(sys.get(), "select max(id) from ts_t"), std::to_string(present));  // a prefix
    Query(sys.get(), "insert into ts_t values (100000, 'after')");
    Query(sys.get(), "commit");
  }
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn again = inst.Connect();
  EXPECT_EQ(Scalar(again.get(), "select count(*) from ts_t"), std::to_string(present + 1));
  EXPECT_EQ(Scalar(again.get(), "select pad from ts_t where id = 100000"), "after");
}

TEST(DurabilityTest, CommitWaitsOnLogFileSyncUnlessNowait) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn sys = inst.Connect();
  Query(sys.get(), "create table cw_t (a number)");
  auto synch_writes = [&] {
    return std::stol(Scalar(sys.get(), "select value from v$sysstat where name = 'redo synch writes'"));
  };
  auto commits = [&] {
    return std::stol(Scalar(sys.get(), "select value from v$sysstat where name = 'user commits'"));
  };
  const long c0 = commits();
  for (int i = 0; i < 5; ++i) {
    Query(sys.get(), "insert into cw_t values (" + std::to_string(i) + ")");
    Query(sys.get(), "commit");
  }
  EXPECT_EQ(commits() - c0, 5);
  EXPECT_NE(Scalar(sys.get(), "select total_waits from v$system_event where event = 'log file sync'"), "");
  Query(sys.get(), "alter system set commit_wait = nowait");
  const long s0 = synch_writes();
  for (int i = 0; i < 5; ++i) {
    Query(sys.get(), "insert into cw_t values (" + std::to_string(i) + ")");
    Query(sys.get(), "commit");
  }
  EXPECT_EQ(synch_writes(), s0);  // nobody waited for LGWR
  Query(sys.get(), "alter system set commit_wait = wait");
  // The statement's own choice, as Oracle's COMMIT WRITE.
  Query(sys.get(), "insert into cw_t values (10)");
  Query(sys.get(), "commit write batch nowait");
  EXPECT_EQ(synch_writes(), s0);
  Query(sys.get(), "insert into cw_t values (11)");
  Query(sys.get(), "commit work comment 'in-doubt note' write wait immediate");
  EXPECT_EQ(synch_writes(), s0 + 1);
  EXPECT_EQ(QueryError(sys.get(), "commit write soon").rfind("ORA-00933", 0), 0u);
  // The redo views.
  EXPECT_EQ(Query(sys.get(), "select count(*) from v$log where status = 'CURRENT'"), (Rows{{"1"}}));
  EXPECT_EQ(Scalar(sys.get(), "select count(*) from v$logfile"), "3");
  Query(sys.get(), "alter system checkpoint");
  EXPECT_NE(Scalar(sys.get(), "select checkpoint_count from v$datafile"), "0");
  const std::string seq = Scalar(sys.get(), "select sequence# from v$log where status = 'CURRENT'");
  Query(sys.get(), "alter system switch logfile");
  EXPECT_EQ(Scalar(sys.get(), "select sequence# from v$log where status = 'CURRENT'"),
            std::to_string(std::stol(seq) + 1));
  Query(sys.get(), "create user cw_u identified by Cw_pw_1");
  Query(sys.get(), "grant create session to cw_u");
  Conn u = inst.Connect("cw_u", "Cw_pw_1");
  EXPECT_EQ(QueryError(u.get(), "alter system checkpoint").rfind("ORA-01031", 0), 0u);
  EXPECT_EQ(QueryError(u.get(), "alter system switch logfile").rfind("ORA-01031", 0), 0u);
}

// SHUTDOWN TRANSACTIONAL: an idle session is disconnected at once, one in a transaction
// finishes it (its COMMIT succeeds) and is then disconnected; the instance then stops with a
// checkpoint and the committed work is there after the restart.
TEST(DurabilityTest, ShutdownTransactionalLetsOpenTransactionsFinish) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn idle = inst.Connect();
  Conn busy = inst.Connect();
  Query(busy.get(), "create table st_t (a number)");
  Query(busy.get(), "insert into st_t values (1)");
  int stop_rc = -1;
  std::thread stopper([&] { stop_rc = inst.Stop("transactional"); });
  EXPECT_TRUE(WaitUntil([&] {
    return inst.AlertLog().find("Shutting down instance (TRANSACTIONAL)") != std::string::npos;
  }));
  // The idle session goes; the busy one may still work on its transaction and commit it.
  EXPECT_TRUE(WaitUntil([&] { return !TryQuery(idle.get(), "select 1 from dual", nullptr).empty(); }));
  Query(busy.get(), "insert into st_t values (2)");
  EXPECT_EQ(TryQuery(busy.get(), "commit", nullptr), "");
  stopper.join();
  EXPECT_EQ(stop_rc, 0);
  EXPECT_NE(TryQuery(busy.get(), "select 1 from dual", nullptr), "");  // disconnected since
  idle.reset();
  busy.reset();
  ASSERT_TRUE(inst.Restart());
  Conn sys = inst.Connect();
  EXPECT_EQ(Scalar(sys.get(), "select count(*) from st_t"), "2");
}

// DATADIR/warden.conf is the server parameter file: SCOPE=SPFILE (any parameter) and BOTH
// (the default) write it, MEMORY does not; the next start reads it.
TEST(DurabilityTest, ParametersSetWithScopeSpfileOrBothSurviveARestart) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  {
    Conn sys = inst.Connect();
    Query(sys.get(), "alter system set kill_escalation_timeout = 17");  // BOTH
    Query(sys.get(), "alter system set deadlock_detection_interval = 4 scope = memory");
    Query(sys.get(), "alter system set pmon_interval = 2 scope = spfile");  // static
    Query(sys.get(), "alter system set fast_start_parallel_rollback = high scope = spfile");
    // SPFILE only: the running instance keeps its value.
    EXPECT_EQ(Scalar(sys.get(), "select value from v$parameter where name = 'fast_start_parallel_rollback'"),
              "LOW");
    EXPECT_EQ(Scalar(sys.get(), "select value from v$parameter where name = 'kill_escalation_timeout'"),
              "17");
  }
  inst.Crash();
  ASSERT_TRUE(inst.Restart());
  Conn sys = inst.Connect();
  auto value = [&](const std::string& name) {
    return Scalar(sys.get(), "select value from v$parameter where name = '" + name + "'");
  };
  EXPECT_EQ(value("kill_escalation_timeout"), "17");
  EXPECT_EQ(value("deadlock_detection_interval"), "3");
  EXPECT_EQ(value("pmon_interval"), "2");
  EXPECT_EQ(value("fast_start_parallel_rollback"), "HIGH");
  const std::string conf = ReadFileBytes(inst.dir() + "/warden.conf");
  EXPECT_NE(conf.find("pmon_interval = 2"), std::string::npos) << conf;
  EXPECT_NE(inst.AlertLog().find("ALTER SYSTEM SET pmon_interval=2 SCOPE=SPFILE;"), std::string::npos);
}

// Concurrent ALTER SYSTEM SET ... SCOPE = SPFILE of different parameters: none loses
// another's change (a writer that opened the file before another renamed a new one over it
// locked, read and rewrote the old file).
TEST(DurabilityTest, ConcurrentSpfileWritesLoseNoChange) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  const std::vector<std::string> names = {"pmon_interval", "deadlock_detection_interval",
                                          "kill_session_timeout", "log_checkpoint_timeout"};
  constexpr int kRounds = 40;
  std::vector<std::thread> writers;
  std::vector<std::string> errors(names.size());
  for (size_t w = 0; w < names.size(); ++w) {
    writers.emplace_back([&, w] {
      Conn c = inst.Connect();
      for (int i = 1; i <= kRounds && errors[w].empty(); ++i) {
        errors[w] = TryQuery(c.get(), "alter system set " + names[w] + " = " +
                                          std::to_string(100 + i) + " scope = spfile", nullptr);
      }
    });
  }
  for (std::thread& t : writers) t.join();
  for (const std::string& e : errors) EXPECT_TRUE(e.empty()) << e;
  const std::string conf = ReadFileBytes(inst.dir() + "/warden.conf");
  for (const std::string& n : names) {
    EXPECT_NE(conf.find(n + " = " + std::to_string(100 + kRounds)), std::string::npos) << n << "\n" << conf;
  }
}

}  // namespace
}  // namespace warden::testing
