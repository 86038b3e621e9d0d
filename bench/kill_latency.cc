// kill_latency: how long ending a session takes, Warden against PostgreSQL, in one run.
//   kill_latency warden "CONNINFO" [RUNS]      ALTER SYSTEM KILL SESSION 'sid,serial#'
//   kill_latency postgres "CONNINFO" [RUNS]    SELECT pg_terminate_backend(pid)
// For each run a fresh victim session is put in a state, then killed from another session;
// measured: kill issued -> the kill statement returns, and kill issued -> the victim's client
// receives its error. Victim states: (b) sleeping (DBMS_LOCK.SLEEP / pg_sleep), (c) running a
// CPU-bound query. (a), idle in a transaction holding a row lock with a waiter, needs
// transactions (issue 5). Prints min / median / p99 in milliseconds.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string Scalar(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return v;
}

void Report(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return;
  const double p99 = v[std::min(v.size() - 1, v.size() * 99 / 100)];
  std::printf("  %-34s min %7.3f  median %7.3f  p99 %7.3f ms  (n=%zu)\n", what, v.front(),
              v[v.size() / 2], p99, v.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: kill_latency warden|postgres CONNINFO [RUNS]\n");
    return 2;
  }
  const bool warden = std::string(argv[1]) == "warden";
  const std::string conninfo = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 50;
  PGconn* killer = PQconnectdb(conninfo.c_str());
  if (PQstatus(killer) != CONNECTION_OK) {
    std::fprintf(stderr, "%s", PQerrorMessage(killer));
    return 1;
  }
  const char* states[2][2] = {
      {"begin dbms_lock.sleep(600); end;",
       "select a.name from v$event_name a, v$event_name b, v$event_name c, v$event_name d, "
       "v$event_name e, v$event_name f where a.name || b.name || c.name || d.name || e.name || "
       "f.name = 'x'"},
      {"select pg_sleep(600)",
       "select count(*) from generate_series(1, 1000000000)"}};
  const char* names[2] = {"(b) sleeping", "(c) CPU-bound query"};
  for (int state = 0; state < 2; ++state) {
    std::vector<double> statement, victim;
    for (int i = 0; i < runs; ++i) {
      PGconn* v = PQconnectdb(conninfo.c_str());
      if (PQstatus(v) != CONNECTION_OK) return 1;
      std::string id = warden ? Scalar(v, "select sid || ',' || serial# from v$session "
                                          "where sid = userenv('SID')")
                              : std::to_string(PQbackendPID(v));
      PQsendQuery(v, states[warden ? 0 : 1][state]);
      // Bounded poll until the victim is in its state (up to 5 s).
      const std::string probe =
          warden ? "select status from v$session where sid = " + id.substr(0, id.find(','))
                 : "select state from pg_stat_activity where pid = " + id;
      for (int k = 0; k < 500 && Scalar(killer, probe) != "active" &&
                      Scalar(killer, probe) != "ACTIVE";
           ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let it settle in the state
      const std::string kill = warden ? "alter system kill session '" + id + "'"
                                      : "select pg_terminate_backend(" + id + ")";
      Clock::time_point t0 = Clock::now();
      PQclear(PQexec(killer, kill.c_str()));
      statement.push_back(Ms(Clock::now() - t0));
      PGresult* r;
      while ((r = PQgetResult(v)) != nullptr) PQclear(r);
      victim.push_back(Ms(Clock::now() - t0));
      PQfinish(v);
    }
    std::printf("%s %s\n", warden ? "Warden" : "PostgreSQL", names[state]);
    Report("kill statement returns", statement);
    Report("victim's client has its error", victim);
  }
  PQfinish(killer);
  return 0;
}
