// The chaos test of the PMON issue: eight client sessions move money between 100 accounts
// while a killer sends SIGKILL to a random one of their server processes every ~100 ms, 200
// times. A dead process must never hurt another session: afterwards the sum of balances is
// unchanged, every balance agrees with the transfer log (no partial transaction is visible),
// every transfer whose COMMIT was acknowledged is present, no client whose process was not
// killed saw an error, and V$SESSION / V$PROCESS / V$TRANSACTION / V$LOCK are back to their
// baseline.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "instance.h"

namespace warden::testing {
namespace {

constexpr int kAccounts = 100;
constexpr int kStartBalance = 1000;
constexpr int kClients = 8;
constexpr int kKills = 200;
constexpr auto kKillEvery = std::chrono::milliseconds(100);
constexpr auto kTimeLimit = std::chrono::seconds(90);

// What the clients and the killer share. A pid goes into `killed` before the signal is sent,
// so a client that loses its connection can tell whether that was the killer's doing.
struct Shared {
  std::mutex mu;
  std::set<pid_t> live;    // server processes of connected clients
  std::set<pid_t> killed;  // every pid the killer signalled
  std::set<long> acked;    // transfer ids whose COMMIT returned success
  std::vector<std::string> unexpected;  // errors seen by clients whose process was not killed
  std::atomic<bool> stop{false};
  std::atomic<long> lost{0};  // transactions lost with their killed process

  bool WasKilled(pid_t pid) {
    std::lock_guard<std::mutex> g(mu);
    return killed.count(pid) > 0;
  }
  void Unexpected(const std::string& what) {
    std::lock_guard<std::mutex> g(mu);
    if (unexpected.size() < 20) unexpected.push_back(what);
  }
};

// One client: connect, transfer until told to stop, reconnect whenever the killer took its
// process. Rows are locked in account order, so the transfers cannot deadlock each other.
void Client(const Instance& inst, int client, Shared* sh) {
  std::mt19937 rng(static_cast<unsigned>(client) * 7919u + 1u);
  long seq = 0;
  Conn c;
  pid_t pid = 0;
  auto drop = [&] {
    std::lock_guard<std::mutex> g(sh->mu);
    sh->live.erase(pid);
  };
  for (int round = 0; round < 1000000 && !sh->stop.load(); ++round) {
    if (!c || PQstatus(c.get()) != CONNECTION_OK) {
      c = inst.Connect("sys", Instance::kPassword, "chaos" + std::to_string(client));
      if (PQstatus(c.get()) != CONNECTION_OK) {
        sh->Unexpected("connect: " + std::string(PQerrorMessage(c.get())));
        return;
      }
      pid = PQbackendPID(c.get());
      std::lock_guard<std::mutex> g(sh->mu);
      sh->live.insert(pid);
    }
    int a = static_cast<int>(rng() % kAccounts) + 1;
    int b = static_cast<int>(rng() % (kAccounts - 1)) + 1;
    if (b >= a) ++b;
    const int amount = static_cast<int>(rng() % 50) + 1;
    const long id = client * 1000000L + ++seq;
    const int lo = std::min(a, b), hi = std::max(a, b);
    auto delta = [&](int acct) { return acct == a ? -amount : amount; };
    const std::vector<std::string> steps = {
        "update chaos_acct set bal = bal + " + std::to_string(delta(lo)) + " where id = " +
            std::to_string(lo),
        "update chaos_acct set bal = bal + " + std::to_string(delta(hi)) + " where id = " +
            std::to_string(hi),
        "insert into chaos_xfer values (" + std::to_string(id) + ", " + std::to_string(a) + ", " +
            std::to_string(b) + ", " + std::to_string(amount) + ")",
        "commit"};
    bool committed = true;
    for (const std::string& sql : steps) {
      PGresult* r = PQexec(c.get(), sql.c_str());
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      std::string err = ok ? "" : PQresultErrorMessage(r);
      PQclear(r);
      if (ok) continue;
      committed = false;
      // Killed: the transaction is gone with the process, whatever step it was at (a COMMIT
      // cut off may or may not have happened; the balance check covers both).
      if (PQstatus(c.get()) != CONNECTION_OK && sh->WasKilled(pid)) {
        sh->lost.fetch_add(1);
      } else {
        sh->Unexpected("pid " + std::to_string(pid) + " `" + sql + "`: " + err);
        PQclear(PQexec(c.get(), "rollback"));
      }
      break;
    }
    if (committed) {
      std::lock_guard<std::mutex> g(sh->mu);
      sh->acked.insert(id);
    }
    if (PQstatus(c.get()) != CONNECTION_OK) {
      drop();
      c.reset();
    }
  }
  drop();
}

// The killer: every ~100 ms, SIGKILL one live client process, kKills times.
int Killer(Shared* sh) {
  std::mt19937 rng(12345);
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + kTimeLimit;
  while (kills < kKills && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(kKillEvery);  // the pace of the chaos, not a wait for a state
    pid_t victim = 0;
    {
      std::lock_guard<std::mutex> g(sh->mu);
      if (sh->live.empty()) continue;
      auto it = sh->live.begin();
      std::advance(it, static_cast<long>(rng() % sh->live.size()));
      victim = *it;
      sh->live.erase(it);
      sh->killed.insert(victim);
    }
    if (kill(victim, SIGKILL) == 0) ++kills;
  }
  return kills;
}

long Count(PGconn* c, const std::string& sql) {
  Rows r = Query(c, sql);
  return r.size() == 1 && r[0][0] ? std::stol(*r[0][0]) : -1;
}

TEST(ChaosTest, RandomKillNineOfServerProcessesDuringTransfers) {
  Instance inst;
  ASSERT_TRUE(inst.started());
  Conn mon = inst.Connect("sys", Instance::kPassword, "monitor");
  ASSERT_EQ(PQstatus(mon.get()), CONNECTION_OK);
  Query(mon.get(), "create table chaos_acct (id number primary key, bal number not null)");
  Query(mon.get(),
        "create table chaos_xfer (id number primary key, src number, dst number, amt number)");
  for (int i = 1; i <= kAccounts; ++i) {
    Query(mon.get(), "insert into chaos_acct values (" + std::to_string(i) + ", " +
                         std::to_string(kStartBalance) + ")");
  }
  Query(mon.get(), "commit");
  const long sessions0 = Count(mon.get(), "select count(*) from v$session");
  const long processes0 = Count(mon.get(), "select count(*) from v$process");

  Shared sh;
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) clients.emplace_back(Client, std::cref(inst), i, &sh);
  const int kills = Killer(&sh);
  sh.stop.store(true);
  for (auto& t : clients) t.join();

  EXPECT_EQ(kills, kKills);
  for (const std::string& e : sh.unexpected) ADD_FAILURE() << "client error: " << e;
  EXPECT_GT(sh.acked.size(), 1000u);

  // Every killed process is cleaned up: the views return to the baseline.
  EXPECT_TRUE(WaitUntil(
      [&] {
        return Count(mon.get(), "select count(*) from v$session") == sessions0 &&
               Count(mon.get(), "select count(*) from v$process") == processes0 &&
               Count(mon.get(), "select count(*) from v$transaction") == 0 &&
               Count(mon.get(), "select count(*) from v$lock where type in ('TX', 'TM')") == 0;
      },
      std::chrono::seconds(20)))
      << "sessions " << Count(mon.get(), "select count(*) from v$session") << " vs " << sessions0
      << ", processes " << Count(mon.get(), "select count(*) from v$process") << " vs "
      << processes0 << ", transactions " << Count(mon.get(), "select count(*) from v$transaction")
      << ", locks " << Count(mon.get(), "select count(*) from v$lock where type in ('TX', 'TM')");

  EXPECT_EQ(Count(mon.get(), "select sum(bal) from chaos_acct"), kAccounts * kStartBalance);
  // Each balance is the start balance plus what the transfer log says: a transfer is either
  // wholly there (both rows changed and its log row) or not at all.
  EXPECT_EQ(Count(mon.get(),
                  "select count(*) from chaos_acct a where a.bal <> " +
                      std::to_string(kStartBalance) +
                      " - nvl((select sum(amt) from chaos_xfer x where x.src = a.id), 0)"
                      " + nvl((select sum(amt) from chaos_xfer x where x.dst = a.id), 0)"),
            0);
  for (const auto& row : Query(mon.get(),
                              "select a.id, a.bal - (" + std::to_string(kStartBalance) +
                                  " - nvl((select sum(amt) from chaos_xfer x where x.src = a.id), 0)"
                                  " + nvl((select sum(amt) from chaos_xfer x where x.dst = a.id), 0)) from "
                                  "chaos_acct a order by 1")) {
    if (*row[1] != "0") std::printf("account %s off by %s\n", row[0]->c_str(), row[1]->c_str());
  }
  std::set<long> present;
  for (const auto& row : Query(mon.get(), "select id from chaos_xfer")) present.insert(std::stol(*row[0]));
  long missing = 0;
  for (long id : sh.acked) missing += present.count(id) == 0;
  EXPECT_EQ(missing, 0) << "acknowledged transfers missing";
  EXPECT_GE(present.size(), sh.acked.size());
  std::printf("chaos: %d kills, %zu acknowledged transfers, %ld transactions lost with their process\n",
              kills, sh.acked.size(), sh.lost.load());
}

}  // namespace
}  // namespace warden::testing
