// connect_bench: connection cost and idle-session memory of a PostgreSQL-protocol server.
//   connect_bench "CONNINFO" [N]
// Opens and closes N (default 200) sequential connections (each fully authenticated, one
// round trip "SELECT 1" is NOT sent: a bare logon/logoff), and reports connections per second.
// Then opens one connection, leaves it idle and reports the memory of its server process
// (PQbackendPID) from /proc: RSS, and PSS/private from smaps_rollup, which count shared pages
// (the SGA, shared_buffers) fairly. Run it against Warden and PostgreSQL in the same run:
// bench/run_vs_postgres.sh does that.
#include <libpq-fe.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {

std::map<std::string, long> ReadKb(const std::string& path, const char* const* keys, int nkeys) {
  std::map<std::string, long> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    for (int i = 0; i < nkeys; ++i) {
      std::string k = std::string(keys[i]) + ":";
      if (line.rfind(k, 0) == 0) {
        std::istringstream ss(line.substr(k.size()));
        long v = 0;
        ss >> v;
        out[keys[i]] = v;
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: connect_bench CONNINFO [N]\n");
    return 2;
  }
  const std::string conninfo = argv[1];
  const int n = argc > 2 ? std::atoi(argv[2]) : 200;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::fprintf(stderr, "connect %d failed: %s", i, PQerrorMessage(c));
      PQfinish(c);
      return 1;
    }
    PQfinish(c);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("connects: %d sequential in %.3f s = %.1f connections/s (%.2f ms each)\n", n, secs,
              n / secs, secs * 1000 / n);

  PGconn* idle = PQconnectdb(conninfo.c_str());
  if (PQstatus(idle) != CONNECTION_OK) return 1;
  PQclear(PQexec(idle, "SELECT 1"));  // a warm session, as a real client leaves it
  usleep(200000);
  int pid = PQbackendPID(idle);
  const char* status_keys[] = {"VmRSS", "RssAnon", "RssShmem"};
  const char* smaps_keys[] = {"Rss", "Pss", "Private_Clean", "Private_Dirty"};
  auto st = ReadKb("/proc/" + std::to_string(pid) + "/status", status_keys, 3);
  auto sm = ReadKb("/proc/" + std::to_string(pid) + "/smaps_rollup", smaps_keys, 4);
  std::printf(
      "idle session process %d: RSS %ld kB (anon %ld kB, shmem %ld kB), PSS %ld kB, "
      "private %ld kB\n",
      pid, st["VmRSS"], st["RssAnon"], st["RssShmem"], sm["Pss"],
      sm["Private_Clean"] + sm["Private_Dirty"]);
  PQfinish(idle);
  return 0;
}
