// kill_latency: how long ending a session takes, Warden against PostgreSQL, in one run.
//   kill_latency warden "CONNINFO" [RUNS]      ALTER SYSTEM KILL SESSION 'sid,serial#'
//   kill_latency postgres "CONNINFO" [RUNS]    SELECT pg_terminate_backend(pid)
// Each run uses a fresh victim session; every interval starts when the kill is issued.
// Scenarios (RUNS runs each; prints min / median / p99 in milliseconds):
//  1. No waiter: the victim is (b) sleeping (DBMS_LOCK.SLEEP / pg_sleep) or (c) running a
//     CPU-bound query; measured: the kill statement returns, the victim's client has its error.
//  2. Issue 6: the victim has updated row id=1 of KL_T without committing and is then (a) idle
//     in the transaction, (b) sleeping or (c) running a CPU-bound query; a waiter's UPDATE of
//     the same row is confirmed blocked on it, then the kill statement is issued. Measured: the
//     kill statement returns, the waiter's UPDATE returns successfully, the victim has its error.
//  3. Issue 7: as 2 (a), but the victim's server process gets SIGKILL (kill -9; this program
//     runs on the servers' machine). Warden: until the waiter's UPDATE returns successfully, and
//     whether an unrelated idle session still answers. PostgreSQL, whose postmaster then restarts
//     every backend: until the waiter has its error, and until a new connection answers.
// Sessions that have a call in flight are never queried: SIDs and PIDs are recorded first.
// With KILL_LATENCY_TAIL set in the environment, each line also lists its slowest tenth; with
// KILL_LATENCY_ONLY set to a list of scenario ids (1b 1c 2a 2b 2c 3, e.g. "2a,3"), only those
// run (to trace one of them with perf).
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kStateTimeout = std::chrono::seconds(5);   // victim / waiter reaching its state
constexpr auto kCallTimeout = std::chrono::seconds(30);   // a measured call finishing
constexpr auto kRestartTimeout = std::chrono::seconds(60);  // PostgreSQL accepting again

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, ConnCloser>;

void IgnoreNotice(void*, const char*) {}

// A connected session, or null (the reason printed). Notices are dropped: the victims' and
// PostgreSQL's crash-restart FATAL/WARNING messages are expected, and counted where it matters.
Conn Connect(const std::string& conninfo, bool quiet = false) {
  Conn c(PQconnectdb(conninfo.c_str()));
  if (PQstatus(c.get()) != CONNECTION_OK) {
    if (!quiet) std::fprintf(stderr, "connect: %s", PQerrorMessage(c.get()));
    return nullptr;
  }
  PQsetNoticeProcessor(c.get(), IgnoreNotice, nullptr);
  return c;
}

// Runs a statement; returns its error text, "" on success.
std::string Exec(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  const ExecStatusType st = PQresultStatus(r);
  std::string error =
      st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
  if (error.empty() && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) error = "failed";
  PQclear(r);
  return error;
}

std::string Scalar(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return v;
}

// Bounded poll: true once `ready` holds, false after `limit`.
bool PollUntil(const std::function<bool()>& ready, Clock::duration limit) {
  const Clock::time_point deadline = Clock::now() + limit;
  for (int k = 0; k < 100000 && Clock::now() < deadline; ++k) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// An asynchronous call in flight on one connection, and when it finished.
struct Call {
  explicit Call(PGconn* c) : conn(c) {}
  PGconn* conn;
  bool done = false;
  Clock::time_point at{};
  std::string error;  // the first error the call got, "" if it succeeded
};

// Takes whatever has arrived; marks the call done once all its results are in or its
// connection is lost.
void Drain(Call& c) {
  PQconsumeInput(c.conn);
  while (!PQisBusy(c.conn)) {
    PGresult* r = PQgetResult(c.conn);
    if (r == nullptr) break;
    const ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && c.error.empty()) {
      c.error = PQresultErrorMessage(r);
      if (c.error.empty()) c.error = "failed";
    }
    PQclear(r);
  }
  if (!PQisBusy(c.conn) || PQstatus(c.conn) == CONNECTION_BAD) {
    if (PQisBusy(c.conn) && c.error.empty()) c.error = PQerrorMessage(c.conn);
    c.done = true;
    c.at = Clock::now();
  }
}

// Waits on the calls' sockets together until every one has finished (true) or `limit` passes.
bool AwaitCalls(const std::vector<Call*>& calls, Clock::duration limit) {
  const Clock::time_point deadline = Clock::now() + limit;
  for (int k = 0; k < 1000000; ++k) {
    std::vector<pollfd> fds;
    for (Call* c : calls) {
      if (!c->done) Drain(*c);
      if (!c->done) fds.push_back({PQsocket(c->conn), POLLIN, 0});
    }
    if (fds.empty()) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    poll(fds.data(), fds.size(), static_cast<int>(left.count()) + 1);  // ends a wait early
  }
  return false;
}

// The figures of one scenario: named series of milliseconds and named failure counts.
struct Figures {
  std::string note;
  std::vector<std::pair<std::string, std::vector<double>>> series;
  std::vector<std::pair<std::string, int>> counts;
  void Add(const std::string& what, double ms) { Find(series, what).push_back(ms); }
  void Count(const std::string& what, bool happened = true) { Find(counts, what) += happened; }
  template <typename T>
  static T& Find(std::vector<std::pair<std::string, T>>& v, const std::string& what) {
    for (auto& [name, x] : v) {
      if (name == what) return x;
    }
    return v.emplace_back(what, T{}).second;
  }
};

void Report(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return;
  const double p99 = v[std::min(v.size() - 1, v.size() * 99 / 100)];
  std::printf("  %-40s min %7.3f  median %7.3f  p99 %7.3f ms  (n=%zu)\n", what, v.front(),
              v[v.size() / 2], p99, v.size());
  if (std::getenv("KILL_LATENCY_TAIL") != nullptr) {  // the slowest tenth, to read a tail
    std::printf("    slowest:");
    for (size_t i = v.size() - std::max<size_t>(1, v.size() / 10); i < v.size(); ++i) {
      std::printf(" %.2f", v[i]);
    }
    std::printf("\n");
  }
}

void Print(const std::string& title, const Figures& f) {
  std::printf("%s\n", title.c_str());
  if (!f.note.empty()) std::printf("  %s\n", f.note.c_str());
  for (const auto& [name, v] : f.series) Report(name.c_str(), v);
  for (const auto& [name, n] : f.counts) std::printf("  %-40s %d\n", name.c_str(), n);
  std::fflush(stdout);
}

// Victim states. (a) is "nothing further sent" and only exists with the row lock.
enum class State { kIdleInTxn, kSleeping, kCpuBound };
const char* StateName(State s) {
  switch (s) {
    case State::kIdleInTxn:
      return "(a) idle in transaction";
    case State::kSleeping:
      return "(b) sleeping";
    case State::kCpuBound:
      return "(c) CPU-bound query";
  }
  return "";
}
std::string StateLetter(State s) { return std::string(1, StateName(s)[1]); }  // "a", "b", "c"

// What differs between the two peers: SQL text and how a session is named.
struct Peer {
  bool warden;
  std::string conninfo;

  const char* Name() const { return warden ? "Warden" : "PostgreSQL"; }

  // Warden "sid,serial#" (OS pid apart); PostgreSQL the backend pid.
  struct Session {
    std::string sid;   // Warden SID, PostgreSQL pid
    std::string kill_id;
    pid_t os_pid = 0;  // the server process
  };
  Session Identify(PGconn* c) const {
    Session s;
    if (warden) {
      s.sid = Scalar(c, "select sid from v$session where sid = userenv('SID')");
      s.kill_id = s.sid + "," + Scalar(c, "select serial# from v$session where sid = " + s.sid);
      s.os_pid = std::atoi(Scalar(c, "select p.spid from v$process p, v$session s where "
                                     "p.addr = s.paddr and s.sid = " + s.sid)
                               .c_str());
    } else {
      s.sid = s.kill_id = std::to_string(PQbackendPID(c));
      s.os_pid = PQbackendPID(c);
    }
    return s;
  }
  std::string KillSql(const Session& s) const {
    return warden ? "alter system kill session '" + s.kill_id + "'"
                  : "select pg_terminate_backend(" + s.kill_id + ")";
  }
  const char* StateSql(State st) const {
    if (st == State::kSleeping) return warden ? "begin dbms_lock.sleep(600); end;" : "select pg_sleep(600)";
    return warden ? "select a.name from v$event_name a, v$event_name b, v$event_name c, "
                    "v$event_name d, v$event_name e, v$event_name f where a.name || b.name || "
                    "c.name || d.name || e.name || f.name = 'x'"
                  : "select count(*) from generate_series(1, 1000000000)";
  }
  std::string ActiveSql(const Session& s) const {
    return warden ? "select status from v$session where sid = " + s.sid
                  : "select upper(state) from pg_stat_activity where pid = " + s.sid;
  }
  std::string BlockedSql(const Session& waiter, const Session& holder) const {
    return warden ? "select count(*) from v$session where sid = " + waiter.sid +
                        " and blocking_session = " + holder.sid +
                        " and event = 'enq: TX - row lock contention' and state = 'WAITING'"
                  : "select count(*) from pg_stat_activity where pid = " + waiter.sid +
                        " and wait_event_type = 'Lock' and " + holder.sid +
                        " = any(pg_blocking_pids(" + waiter.sid + "))";
  }
  // Starts a transaction that will hold row 1's lock (Warden starts one implicitly).
  std::string Begin(PGconn* c) const { return warden ? "" : Exec(c, "begin"); }
  static constexpr const char* kUpdate = "update kl_t set v = v + 1 where id = 1";
  const char* DualSql() const { return warden ? "select 1 from dual" : "select 1"; }
};

// KL_T with the one row (1, 0), created afresh.
bool CreateTable(const Peer& peer, PGconn* c) {
  Exec(c, "drop table kl_t");  // absent on a fresh instance
  const std::string type = peer.warden ? "number" : "int";
  std::string e = Exec(c, "create table kl_t (id " + type + " primary key, v " + type + ")");
  if (e.empty()) e = Exec(c, "insert into kl_t values (1, 0)");
  if (e.empty() && peer.warden) e = Exec(c, "commit");
  if (!e.empty()) std::fprintf(stderr, "kl_t: %s", e.c_str());
  return e.empty();
}

// Every run leaves row 1 as it found it: the victim's change is undone, the waiter's rolled back.
bool RowRestored(PGconn* c) { return Scalar(c, "select v from kl_t where id = 1") == "0"; }

// Sends `sql` to the victim and waits (bounded) until it is active in it, then 20 ms more to
// let it settle in the state.
bool EnterState(const Peer& peer, PGconn* killer, PGconn* victim, const Peer::Session& v, State st) {
  if (st == State::kIdleInTxn) return true;
  if (PQsendQuery(victim, peer.StateSql(st)) != 1) return false;
  if (!PollUntil([&] { return Scalar(killer, peer.ActiveSql(v)) == "ACTIVE"; }, kStateTimeout)) {
    return false;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return true;
}

// A victim holding row 1's lock (in state `st`) and a waiter confirmed blocked on it.
struct LockPair {
  Conn victim, waiter;
  Peer::Session v, w;
};
bool SetUpLockPair(const Peer& peer, PGconn* killer, State st, LockPair& p) {
  p.victim = Connect(peer.conninfo);
  p.waiter = Connect(peer.conninfo);
  if (!p.victim || !p.waiter) return false;
  p.v = peer.Identify(p.victim.get());
  p.w = peer.Identify(p.waiter.get());
  if (!peer.Begin(p.victim.get()).empty() || !Exec(p.victim.get(), Peer::kUpdate).empty()) return false;
  if (!EnterState(peer, killer, p.victim.get(), p.v, st)) return false;
  if (!peer.Begin(p.waiter.get()).empty() || PQsendQuery(p.waiter.get(), Peer::kUpdate) != 1) {
    return false;
  }
  return PollUntil([&] { return Scalar(killer, peer.BlockedSql(p.w, p.v)) == "1"; }, kStateTimeout);
}

// Scenario 1: no transaction, no waiter.
void RunNoWaiter(const Peer& peer, PGconn* killer, State st, int runs) {
  Figures f;
  for (int i = 0; i < runs; ++i) {
    Conn victim = Connect(peer.conninfo);
    if (!victim) return;
    const Peer::Session v = peer.Identify(victim.get());
    const bool ready = EnterState(peer, killer, victim.get(), v, st);
    f.Count("setup failures (run not counted)", !ready);
    Call kill{killer}, victim_call{victim.get()};
    const Clock::time_point t0 = Clock::now();
    PQsendQuery(killer, peer.KillSql(v).c_str());
    f.Count("calls not finished in 30 s", !AwaitCalls({&kill, &victim_call}, kCallTimeout));
    f.Count("kill statement errors", !kill.error.empty());
    if (!ready) continue;
    f.Add("kill statement returns", Ms(kill.at - t0));
    f.Add("victim's client has its error", Ms(victim_call.at - t0));
  }
  Print(std::string(peer.Name()) + ", no waiter, victim " + StateName(st) + ": kill statement", f);
}

// Scenario 2 (issue 6): the victim holds a row lock a waiter is blocked on; kill statement.
void RunRowLockKill(const Peer& peer, PGconn* killer, State st, int runs) {
  Figures f;
  for (int i = 0; i < runs; ++i) {
    LockPair p;
    const bool ready = SetUpLockPair(peer, killer, st, p);
    f.Count("setup failures (run not counted)", !ready);
    if (!p.victim || !p.waiter) return;
    // An idle victim has no call in flight to end: its client's error is measured in (b), (c).
    Call kill{killer}, waiter{p.waiter.get()}, victim{p.victim.get()};
    const bool busy_victim = st != State::kIdleInTxn;
    std::vector<Call*> calls = {&kill, &waiter};
    if (busy_victim) calls.push_back(&victim);
    const Clock::time_point t0 = Clock::now();
    PQsendQuery(killer, peer.KillSql(p.v).c_str());
    f.Count("calls not finished in 30 s", !AwaitCalls(calls, kCallTimeout));
    f.Count("kill statement errors", !kill.error.empty());
    f.Count("waiter's UPDATE failed", !waiter.error.empty());
    if (ready && kill.error.empty() && waiter.error.empty()) {
      f.Add("kill statement returns", Ms(kill.at - t0));
      f.Add("waiter's UPDATE returns", Ms(waiter.at - t0));
      if (busy_victim) f.Add("victim's client has its error", Ms(victim.at - t0));
    }
    Exec(p.waiter.get(), "rollback");
    f.Count("row 1 not restored afterwards", !RowRestored(killer));
  }
  Print(std::string(peer.Name()) + ", issue 6: row-lock holder " + StateName(st) +
            ", waiter blocked: kill statement",
        f);
}

// Who owns a process (for the report: kill(2) needs the same uid, or root).
uid_t OwnerOf(pid_t pid) {
  struct stat st = {};
  return stat(("/proc/" + std::to_string(pid)).c_str(), &st) == 0 ? st.st_uid : uid_t(-1);
}

// PostgreSQL after a backend's SIGKILL: connects until a new session answers (bounded).
bool AwaitNewConnection(const Peer& peer, Clock::time_point& at) {
  const Clock::time_point deadline = Clock::now() + kRestartTimeout;
  for (int k = 0; k < 100000 && Clock::now() < deadline; ++k) {
    Conn c = Connect(peer.conninfo, /*quiet=*/true);
    if (c && Scalar(c.get(), peer.DualSql()) == "1") {
      at = Clock::now();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Scenario 3 (issue 7): SIGKILL of the row-lock holder's server process.
void RunRowLockSigkill(const Peer& peer, int runs) {
  Figures f;
  Conn killer = Connect(peer.conninfo), bystander = Connect(peer.conninfo);
  if (!killer || !bystander) return;
  for (int i = 0; i < runs; ++i) {
    LockPair p;
    const bool ready = SetUpLockPair(peer, killer.get(), State::kIdleInTxn, p);
    f.Count("setup failures (run not counted)", !ready);
    if (!p.victim || !p.waiter) return;
    if (i == 0) {
      f.note = "(first victim's server process " + std::to_string(p.v.os_pid) + " runs as uid " +
               std::to_string(OwnerOf(p.v.os_pid)) + ", this program as uid " +
               std::to_string(getuid()) + ")";
    }
    Call waiter{p.waiter.get()};
    const Clock::time_point t0 = Clock::now();
    if (p.v.os_pid <= 0 || kill(p.v.os_pid, SIGKILL) != 0) {
      std::fprintf(stderr, "kill -9 %d: %s\n", int(p.v.os_pid), std::strerror(errno));
      return;
    }
    f.Count("calls not finished in 30 s", !AwaitCalls({&waiter}, kCallTimeout));
    if (peer.warden) {
      f.Count("waiter's UPDATE failed", !waiter.error.empty());
      if (ready && waiter.error.empty()) f.Add("waiter's UPDATE returns", Ms(waiter.at - t0));
      Exec(p.waiter.get(), "rollback");
    } else {
      f.Count("waiter kept its connection", waiter.error.empty());
      if (ready && !waiter.error.empty()) f.Add("waiter has its error", Ms(waiter.at - t0));
      Clock::time_point back;
      const bool up = AwaitNewConnection(peer, back);
      f.Count("no new connection within 60 s", !up);
      if (!up) return;
      if (ready) f.Add("a new connection answers", Ms(back - t0));
    }
    const bool lost = Scalar(bystander.get(), peer.DualSql()) != "1";
    f.Count("unrelated idle session lost (of " + std::to_string(runs) + ")", lost);
    if (lost) bystander = Connect(peer.conninfo);
    if (PQstatus(killer.get()) != CONNECTION_OK || Scalar(killer.get(), peer.DualSql()) != "1") {
      killer = Connect(peer.conninfo);
    }
    if (!killer || !bystander) return;
    f.Count("row 1 not restored afterwards", !RowRestored(killer.get()));
  }
  Print(std::string(peer.Name()) + ", issue 7: row-lock holder idle in transaction, waiter " +
            "blocked: kill -9 of the holder's server process",
        f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: kill_latency warden|postgres CONNINFO [RUNS]\n");
    return 2;
  }
  const Peer peer{std::string(argv[1]) == "warden", argv[2]};
  const int runs = argc > 3 ? std::atoi(argv[3]) : 50;
  const char* only = std::getenv("KILL_LATENCY_ONLY");
  auto selected = [only](const std::string& id) {
    return only == nullptr || std::strstr(only, id.c_str()) != nullptr;
  };
  {
    Conn killer = Connect(peer.conninfo);
    if (!killer || !CreateTable(peer, killer.get())) return 1;
    for (State st : {State::kSleeping, State::kCpuBound}) {
      if (selected("1" + StateLetter(st))) RunNoWaiter(peer, killer.get(), st, runs);
    }
    for (State st : {State::kIdleInTxn, State::kSleeping, State::kCpuBound}) {
      if (selected("2" + StateLetter(st))) RunRowLockKill(peer, killer.get(), st, runs);
    }
  }
  if (selected("3")) RunRowLockSigkill(peer, runs);
  return 0;
}
