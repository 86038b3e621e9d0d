// The crash-cycle test of the durability issue (9): four clients run transfer transactions,
// each recording the transfers whose COMMIT was acknowledged; at a random moment every process
// of the instance gets kill -9; the instance restarts on the same data directory. Then every
// acknowledged transfer is present, nothing is present that never reached COMMIT, the sum of
// balances is unchanged, and every balance agrees with the transfer rows present (no partial
// transaction is visible). 20 cycles, each continuing from the recovered state. The test stops
// at the first cycle that fails, saying what and with which seed (WARDEN_CRASH_SEED repeats it).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "instance.h"

namespace warden::testing {
namespace {

constexpr int kAccounts = 100;
constexpr long kStartBalance = 1000;
constexpr int kClients = 4;
constexpr int kCycles = 20;
constexpr int kMinDelayMs = 100;  // the crash comes this long after the first acknowledged
constexpr int kMaxDelayMs = 600;  // commit of a cycle, drawn from the seed
constexpr long kMaxTransfersPerClient = 100000;  // per cycle; ids leave room for it
constexpr auto kTimeLimit = std::chrono::seconds(150);

struct Transfer {
  long src = 0;
  long dst = 0;
  long amount = 0;
  bool operator==(const Transfer&) const = default;
};

// What the clients of one cycle share. `crashing` is set before the first SIGKILL, so a client
// that loses its connection can tell whether that was the crash.
struct CycleState {
  std::mutex mu;
  std::map<long, Transfer> sent;     // every transfer a client began
  std::set<long> acked;              // COMMIT returned success
  std::set<long> unknown;            // COMMIT sent, its answer lost with the connection
  std::set<long> not_committed;      // the connection died before COMMIT was sent
  std::vector<std::string> unexpected;
  std::atomic<bool> crashing{false};
  std::atomic<int> connected{0};
  std::atomic<int> acks{0};

  void Unexpected(const std::string& what) {
    std::lock_guard<std::mutex> g(mu);
    if (unexpected.size() < 10) unexpected.push_back(what);
  }
};

// One client: transfer until its connection dies (the crash) or an error it did not expect.
// Rows are updated in account order, so the clients cannot deadlock each other.
void Client(const Instance& inst, int cycle, int client, unsigned seed, CycleState* st) {
  std::mt19937 rng(seed);
  Conn c = inst.Connect("sys", Instance::kPassword, "xfer" + std::to_string(client));
  if (PQstatus(c.get()) != CONNECTION_OK) {
    if (!st->crashing.load()) st->Unexpected("connect: " + std::string(PQerrorMessage(c.get())));
    return;
  }
  st->connected.fetch_add(1);
  for (long seq = 1; seq <= kMaxTransfersPerClient; ++seq) {
    const long id = cycle * 10000000L + client * 1000000L + seq;
    Transfer t;
    t.src = static_cast<long>(rng() % kAccounts) + 1;
    t.dst = static_cast<long>(rng() % (kAccounts - 1)) + 1;
    if (t.dst >= t.src) ++t.dst;
    t.amount = static_cast<long>(rng() % 50) + 1;
    const long lo = std::min(t.src, t.dst), hi = std::max(t.src, t.dst);
    auto delta = [&](long acct) { return acct == t.src ? -t.amount : t.amount; };
    const std::vector<std::string> steps = {
        "insert into transfers values (" + std::to_string(id) + ", " + std::to_string(t.src) +
            ", " + std::to_string(t.dst) + ", " + std::to_string(t.amount) + ")",
        "update accounts set balance = balance + " + std::to_string(delta(lo)) +
            " where id = " + std::to_string(lo),
        "update accounts set balance = balance + " + std::to_string(delta(hi)) +
            " where id = " + std::to_string(hi),
        "commit"};
    {
      std::lock_guard<std::mutex> g(st->mu);
      st->sent[id] = t;
    }
    for (size_t i = 0; i < steps.size(); ++i) {
      PGresult* r = PQexec(c.get(), steps[i].c_str());
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      const std::string err = ok ? "" : PQresultErrorMessage(r);
      PQclear(r);
      if (ok) continue;
      // Once the crash has begun, any failure is the crash's (a dying server might still say
      // why): a COMMIT without its answer may or may not have happened; a transaction that
      // never sent its COMMIT cannot have committed. Before the crash, any error fails the test.
      const bool crash = st->crashing.load();
      {
        std::lock_guard<std::mutex> g(st->mu);
        (i + 1 == steps.size() && (crash || PQstatus(c.get()) != CONNECTION_OK)
             ? st->unknown
             : st->not_committed)
            .insert(id);
      }
      if (!crash) {
        st->Unexpected("client " + std::to_string(client) + " `" + steps[i] + "`: " + err);
      }
      return;  // the crash ends this client, and so does any error before it
    }
    std::lock_guard<std::mutex> g(st->mu);
    st->acked.insert(id);
    st->acks.fetch_add(1);
  }
}

// What every recovery so far has established.
struct Ledger {
  std::map<long, Transfer> sent;  // every transfer any client began, all cycles
  std::set<long> must_be_present;  // acknowledged, or present after an earlier recovery
  std::set<long> must_be_absent;   // never reached COMMIT, or absent after an earlier recovery
};

std::string Ids(const std::vector<long>& ids) {
  std::ostringstream out;
  for (size_t i = 0; i < ids.size() && i < 10; ++i) out << (i > 0 ? ", " : "") << ids[i];
  if (ids.size() > 10) out << ", ... (" << ids.size() << " in all)";
  return out.str();
}

// Checks the recovered instance against the ledger, then settles the cycle's unknown commits
// (present or absent from now on). Returns "" or the first problem found.
std::string CheckRecovered(PGconn* c, Ledger* ledger, const std::set<long>& unknown,
                           long* present_count, long* unknown_present) {
  Rows xfer_rows, acct_rows;
  const std::string xfer_sql = "select id, src, dst, amount from transfers";
  std::string err = TryQuery(c, xfer_sql, &xfer_rows);
  if (!err.empty()) {
    return xfer_sql + ": " + err +
           (err.find("ORA-00942") != std::string::npos ? " (the table did not survive)" : "");
  }
  const std::string acct_sql = "select id, balance from accounts order by id";
  err = TryQuery(c, acct_sql, &acct_rows);
  if (!err.empty()) return acct_sql + ": " + err;

  std::map<long, Transfer> present;
  for (const auto& row : xfer_rows) {
    if (row.size() != 4 || !row[0] || !row[1] || !row[2] || !row[3]) return "a NULL in transfers";
    present[std::stol(*row[0])] = {std::stol(*row[1]), std::stol(*row[2]), std::stol(*row[3])};
  }
  std::vector<long> never_sent, altered, resurrected, missing;
  for (const auto& [id, t] : present) {
    auto it = ledger->sent.find(id);
    if (it == ledger->sent.end()) {
      never_sent.push_back(id);
    } else if (!(it->second == t)) {
      altered.push_back(id);
    }
    if (ledger->must_be_absent.count(id) > 0) resurrected.push_back(id);
  }
  for (long id : ledger->must_be_present) {
    if (present.count(id) == 0) missing.push_back(id);
  }
  if (!missing.empty()) return "acknowledged transfers missing: " + Ids(missing);
  if (!never_sent.empty()) return "transfers present that no client sent: " + Ids(never_sent);
  if (!altered.empty()) return "transfers present with other values than sent: " + Ids(altered);
  if (!resurrected.empty()) {
    return "transfers present that never reached COMMIT or were absent after an earlier "
           "recovery: " + Ids(resurrected);
  }

  if (acct_rows.size() != static_cast<size_t>(kAccounts)) {
    return "accounts has " + std::to_string(acct_rows.size()) + " rows, not " +
           std::to_string(kAccounts);
  }
  std::map<long, long> expected;
  for (long a = 1; a <= kAccounts; ++a) expected[a] = kStartBalance;
  for (const auto& [id, t] : present) {
    expected[t.src] -= t.amount;
    expected[t.dst] += t.amount;
  }
  long sum = 0;
  std::vector<std::string> off;
  for (const auto& row : acct_rows) {
    if (row.size() != 2 || !row[0] || !row[1]) return "a NULL in accounts";
    const long id = std::stol(*row[0]), balance = std::stol(*row[1]);
    sum += balance;
    if (expected.count(id) == 0) return "unknown account " + *row[0];
    if (balance != expected[id] && off.size() < 10) {
      off.push_back("account " + *row[0] + " has " + *row[1] + ", its transfers make " +
                    std::to_string(expected[id]));
    }
  }
  if (sum != kAccounts * kStartBalance) {
    return "sum of balances " + std::to_string(sum) + ", not " +
           std::to_string(kAccounts * kStartBalance);
  }
  if (!off.empty()) {
    std::string all = "balances disagree with the transfers present (a partial transaction):";
    for (const std::string& o : off) all += "\n  " + o;
    return all;
  }

  *present_count = static_cast<long>(present.size());
  *unknown_present = 0;
  for (long id : unknown) {
    if (present.count(id) > 0) {
      ledger->must_be_present.insert(id);
      ++*unknown_present;
    } else {
      ledger->must_be_absent.insert(id);
    }
  }
  return "";
}

unsigned Seed() {
  const char* env = getenv("WARDEN_CRASH_SEED");
  if (env != nullptr && *env != '\0') return static_cast<unsigned>(std::stoul(env));
  return std::random_device{}();
}

TEST(CrashCycleTest, KillNineOfEveryProcessLosesNoAcknowledgedCommit) {
  const unsigned seed = Seed();
  std::printf("crash_cycle: seed %u (WARDEN_CRASH_SEED=%u repeats it)\n", seed, seed);
  std::fflush(stdout);
  std::mt19937 rng(seed);
  const auto deadline = std::chrono::steady_clock::now() + kTimeLimit;

  // Small log files: log switches, and checkpoints taken while the clients work, happen in
  // every cycle, so recovery starts from a copy made under load.
  Instance inst({"log_file_size=1M", "log_buffer=256K"});
  ASSERT_TRUE(inst.started());
  {
    Conn c = inst.Connect();
    ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK);
    Query(c.get(), "create table accounts (id number primary key, balance number not null)");
    Query(c.get(), "create table transfers (id number primary key, src number, dst number, "
                   "amount number)");
    for (int i = 1; i <= kAccounts; ++i) {
      Query(c.get(), "insert into accounts values (" + std::to_string(i) + ", " +
                         std::to_string(kStartBalance) + ")");
    }
    ASSERT_EQ(QueryError(c.get(), "commit"), "");
  }

  Ledger ledger;
  long total_acked = 0, total_unknown = 0;
  for (int cycle = 1; cycle <= kCycles; ++cycle) {
    ASSERT_TRUE(std::chrono::steady_clock::now() < deadline)
        << "time limit reached before cycle " << cycle << " (seed " << seed << ")";
    const std::string where =
        "cycle " + std::to_string(cycle) + " of " + std::to_string(kCycles) + " (seed " +
        std::to_string(seed) + ")";
    CycleState st;
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
      clients.emplace_back(Client, std::cref(inst), cycle, i, static_cast<unsigned>(rng()), &st);
    }
    // The crash comes a random time after the workload is going: every client connected and a
    // first commit acknowledged (or a client already failed, which fails the cycle below).
    const bool going = WaitUntil(
        [&] {
          std::lock_guard<std::mutex> g(st.mu);
          return !st.unexpected.empty() || (st.connected.load() == kClients && st.acks.load() > 0);
        },
        std::chrono::seconds(20));
    const int delay_ms = kMinDelayMs + static_cast<int>(rng() % (kMaxDelayMs - kMinDelayMs + 1));
    const bool in_order = rng() % 2 == 1;
    if (going) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));  // the moment
    st.crashing.store(true);
    std::vector<pid_t> order;
    if (in_order) {
      // Variant: one process after another in a random order; Crash() ends what is left.
      order = inst.ProcessTree();
      std::shuffle(order.begin(), order.end(), rng);
      for (pid_t p : order) kill(p, SIGKILL);
    }
    inst.Crash();
    for (auto& t : clients) t.join();  // each ends: its connection died with its server
    for (const std::string& e : st.unexpected) ADD_FAILURE() << where << ": client error: " << e;
    ASSERT_TRUE(going && st.unexpected.empty())
        << where << ": the workload did not run (" << st.connected.load() << " of " << kClients
        << " clients connected, " << st.acks.load() << " commits acknowledged)";

    ledger.sent.insert(st.sent.begin(), st.sent.end());
    ledger.must_be_present.insert(st.acked.begin(), st.acked.end());
    ledger.must_be_absent.insert(st.not_committed.begin(), st.not_committed.end());
    total_acked += static_cast<long>(st.acked.size());
    total_unknown += static_cast<long>(st.unknown.size());

    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(inst.Restart()) << where << ": the instance did not restart";
    const long restart_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - t0)
                                .count();
    Conn c = inst.Connect();
    ASSERT_EQ(PQstatus(c.get()), CONNECTION_OK) << where << ": " << PQerrorMessage(c.get());
    long present = 0, unknown_present = 0;
    const std::string problem = CheckRecovered(c.get(), &ledger, st.unknown, &present,
                                               &unknown_present);
    ASSERT_TRUE(problem.empty())
        << where << ", after the crash " << delay_ms << " ms into the workload"
        << (in_order ? " (processes killed one by one)" : "") << " (" << st.acked.size()
        << " commits acknowledged in this cycle, " << st.unknown.size()
        << " unknown) and a restart:\n" << problem;
    std::printf("crash_cycle: cycle %2d: crash at %3d ms%s, %3zu acknowledged, %zu unknown "
                "(%ld present), %zu never committed; restart %ld ms; %ld transfers present\n",
                cycle, delay_ms, in_order ? " (one by one)" : "             ", st.acked.size(),
                st.unknown.size(), unknown_present, st.not_committed.size(), restart_ms, present);
    std::fflush(stdout);
  }
  EXPECT_GT(total_acked, kCycles) << "too little work to prove anything";
  std::printf("crash_cycle: %d cycles, %ld acknowledged transfers, %ld unknown at the crash\n",
              kCycles, total_acked, total_unknown);
}

}  // namespace
}  // namespace warden::testing
