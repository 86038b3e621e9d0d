// Test harness implementation (see instance.h).
#include "instance.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

namespace warden::testing {

std::string BinDir() { return WARDEN_BIN_DIR; }

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = {};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

bool WaitUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout,
               std::chrono::milliseconds poll) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(poll);
  }
  return pred();
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& stdin_text,
                         const std::vector<std::string>& env, int timeout_s) {
  CommandResult r;
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) return r;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(out_pipe[1], 2);
    for (const std::string& e : env) putenv(strdup(e.c_str()));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (!stdin_text.empty()) {
    ssize_t n = write(in_pipe[1], stdin_text.data(), stdin_text.size());
    (void)n;
  }
  close(in_pipe[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  char buf[4096];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      kill(pid, SIGKILL);
      r.output += "\n[killed after timeout]";
      break;
    }
    pollfd p = {out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    r.output.append(buf, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

Instance::Instance(std::vector<std::string> params) {
  char tmpl[] = "/tmp/warden_it_XXXXXX";
  char* d = mkdtemp(tmpl);
  if (d == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return;
  }
  base_ = d;
  dir_ = base_ + "/data";
  std::string pwfile = base_ + "/pw";
  {
    std::ofstream out(pwfile);
    out << kPassword << "\n";
  }
  CommandResult init = RunCommand({BinDir() + "/wardend", "init", "-D", dir_, "--pwfile", pwfile});
  if (init.exit_code != 0) {
    ADD_FAILURE() << "wardend init failed: " << init.output;
    return;
  }
  port_ = FreeLoopbackPort();
  argv_ = {BinDir() + "/wardend", "start", "-D", dir_, "-c", "port=" + std::to_string(port_)};
  for (const std::string& p : params) {
    argv_.push_back("-c");
    argv_.push_back(p);
  }
  Start(argv_, std::chrono::seconds(20));
}

bool Instance::Start(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                     bool must_start) {
  // Everything the child needs is built before fork: the test process has threads, so the
  // child may only make async-signal-safe calls until exec.
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const std::string out_path = base_ + "/wardend.out";
  const std::string banner = "--- harness: start #" + std::to_string(++starts_) + " ---\n";
  started_ = false;
  exit_status_ = -1;
  pid_ = fork();
  if (pid_ == 0) {
    // Its own process group, so that Crash() reaches every process with one signal.
    setpgid(0, 0);
    // If the test process dies (a crash), the instance dies with it: nothing is left running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int log = open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    ssize_t n = write(log, banner.data(), banner.size());
    (void)n;
    dup2(log, 1);
    dup2(log, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid_ < 0) {
    ADD_FAILURE() << "fork: " << strerror(errno);
    return false;
  }
  setpgid(pid_, pid_);  // also here, so the group exists whichever side runs first
  std::string conninfo =
      "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=warden connect_timeout=2";
  // Until it answers, or has exited (a start that failed ends wardend at once).
  WaitUntil([&] { return Exited() || PQping(conninfo.c_str()) == PQPING_OK; }, timeout);
  started_ = !Exited() && PQping(conninfo.c_str()) == PQPING_OK;
  if (!started_ && must_start) {
    ADD_FAILURE() << "instance did not start (start #" << starts_ << ", pid " << pid_
                  << "): " << ServerOutput();
  }
  return started_;
}

Instance::~Instance() {
  if (pid_ > 0 && !Exited()) {
    Stop("abort", 20);
    if (!Exited()) Crash();  // SIGKILL to every process by its recorded PID, bounded waits
  }
  if (!base_.empty() && getenv("WARDEN_KEEP_TEST_DIRS") == nullptr) {
    std::error_code ec;
    std::filesystem::remove_all(base_, ec);
  }
}

namespace {

// One process as /proc/<pid>/stat shows it.
struct ProcInfo {
  pid_t pid = 0;
  pid_t ppid = 0;
  pid_t pgrp = 0;
  char state = '?';
  unsigned long long starttime = 0;  // clock ticks since boot: tells a reused PID apart
};

std::optional<ProcInfo> ReadProc(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(f, line)) return std::nullopt;
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after
  // the last ')'. starttime is the 22nd field, the 20th after comm.
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream in(line.substr(close + 1));
  ProcInfo p;
  p.pid = pid;
  std::string skip;
  in >> p.state >> p.ppid >> p.pgrp;
  for (int i = 0; i < 16 && in; ++i) in >> skip;
  in >> p.starttime;
  if (!in) return std::nullopt;
  return p;
}

bool Dead(char state) { return state == 'Z' || state == 'X' || state == 'x'; }

// Still the same process and not yet dead (a zombie holds no file, socket or lock).
bool StillRunning(const ProcInfo& p) {
  std::optional<ProcInfo> now = ReadProc(p.pid);
  return now && now->starttime == p.starttime && !Dead(now->state);
}

// `root` (if running) and every running process descended from it by PPid or in its process
// group (an orphan whose parent was killed first keeps the group).
std::vector<ProcInfo> TreeOf(pid_t root) {
  std::vector<ProcInfo> all;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::optional<ProcInfo> p = ReadProc(static_cast<pid_t>(std::stol(name)));
    if (p && !Dead(p->state)) all.push_back(*p);
  }
  std::vector<ProcInfo> tree;
  std::set<pid_t> in_tree;
  for (const ProcInfo& p : all) {
    if (p.pid == root) {
      tree.push_back(p);
      in_tree.insert(p.pid);
    }
  }
  for (const ProcInfo& p : all) {
    if (p.pgrp == root && in_tree.insert(p.pid).second) tree.push_back(p);
  }
  // Descendants by PPid, level by level (bounded: each round adds at least one or stops).
  std::set<pid_t> parents = {root};
  parents.insert(in_tree.begin(), in_tree.end());
  for (size_t round = 0; round < all.size() + 1; ++round) {
    bool added = false;
    for (const ProcInfo& p : all) {
      if (parents.count(p.ppid) > 0 && in_tree.insert(p.pid).second) {
        tree.push_back(p);
        parents.insert(p.pid);
        added = true;
      }
    }
    if (!added) break;
  }
  return tree;
}

}  // namespace

std::vector<pid_t> Instance::ProcessTree() const {
  std::vector<pid_t> pids;
  // Once the supervisor is reaped its PID may be reused: nothing is looked up by it any more.
  if (pid_ <= 0 || exit_status_ >= 0) return pids;
  for (const ProcInfo& p : TreeOf(pid_)) pids.push_back(p.pid);
  return pids;
}

void Instance::Crash() {
  started_ = false;
  if (pid_ <= 0 || exit_status_ >= 0) return;  // already reaped: its children died with it
  // Recorded before any signal: once a parent is dead, its children's PPid changes.
  const std::vector<ProcInfo> procs = TreeOf(pid_);
  // One signal to the whole group: the kernel delivers it to every member, including a child
  // being forked at this moment. Then each recorded process, in case one left the group.
  kill(-pid_, SIGKILL);
  for (const ProcInfo& p : procs) kill(p.pid, SIGKILL);
  if (!WaitUntil([&] { return Exited(); }, std::chrono::seconds(10))) {
    ADD_FAILURE() << "supervisor " << pid_ << " not reaped 10 s after SIGKILL";
    return;
  }
  std::vector<pid_t> left;
  WaitUntil(
      [&] {
        left.clear();
        for (const ProcInfo& p : procs) {
          if (StillRunning(p)) left.push_back(p.pid);
        }
        return left.empty();
      },
      std::chrono::seconds(10));
  for (pid_t p : left) ADD_FAILURE() << "process " << p << " still running 10 s after SIGKILL";
}

bool Instance::Restart(std::vector<std::string> params, bool must_start) {
  if (argv_.empty()) {
    ADD_FAILURE() << "Restart: the instance was never started";
    return false;
  }
  if (!Exited()) {
    ADD_FAILURE() << "Restart: the instance is still running (pid " << pid_ << ")";
    return false;
  }
  // The data directory's lock (an flock on wardend.pid) is released when the last process of
  // the previous instance has exited; a stop or a crash has waited for that already, this
  // bounded check makes a failure to start say why.
  const std::string lock_path = dir_ + "/wardend.pid";
  const bool lock_free = WaitUntil(
      [&] {
        int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return true;  // removed by a clean stop
        const bool free = flock(fd, LOCK_SH | LOCK_NB) == 0;
        close(fd);  // also drops our shared lock
        return free;
      },
      std::chrono::seconds(10));
  if (!lock_free) ADD_FAILURE() << "Restart: " << lock_path << " still locked after 10 s";
  std::vector<std::string> argv = argv_;
  for (const std::string& p : params) {
    argv.push_back("-c");
    argv.push_back(p);
  }
  return Start(argv, std::chrono::seconds(60), must_start);
}

std::string Instance::ServerOutput() const {
  std::ifstream f(base_ + "/wardend.out");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string Instance::Url() const { return "127.0.0.1:" + std::to_string(port_); }

Conn Instance::Connect(const std::string& user, const std::string& password,
                       const std::string& appname) const {
  std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) +
                         " dbname=warden user=" + user + " password=" + password +
                         " connect_timeout=10";
  if (!appname.empty()) conninfo += " application_name=" + appname;
  return Conn(PQconnectdb(conninfo.c_str()));
}

bool Instance::Exited() {
  if (pid_ <= 0) return true;
  if (exit_status_ >= 0) return true;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }
  return false;
}

int Instance::Stop(const std::string& mode, int timeout_s) {
  CommandResult r = RunCommand({BinDir() + "/wardend", "stop", "-D", dir_, "--mode", mode,
                                "--timeout", std::to_string(timeout_s)},
                               "", {}, timeout_s + 10);
  WaitUntil([&] { return Exited(); }, std::chrono::seconds(timeout_s));
  return r.exit_code;
}

std::string Instance::AlertLog() const {
  std::ifstream f(dir_ + "/trace/alert.log");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool CancelCall(PGconn* conn) {
  PGcancel* cancel = PQgetCancel(conn);
  char err[256];
  int ok = PQcancel(cancel, err, sizeof err);
  PQfreeCancel(cancel);
  return ok == 1;
}

std::string AwaitError(PGconn* conn) {
  std::string error;
  PGresult* res;
  // Bounded by the server: results end when the query does or the connection drops.
  while ((res = PQgetResult(conn)) != nullptr) {
    if (PQresultStatus(res) == PGRES_FATAL_ERROR) {
      const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
      error = m != nullptr ? m : PQerrorMessage(conn);
    }
    PQclear(res);
  }
  if (error.empty() && PQstatus(conn) == CONNECTION_BAD) error = PQerrorMessage(conn);
  return error;
}

bool AwaitRowLockWait(PGconn* watcher, const std::string& sid) {
  return WaitUntil([&] {
    return Query(watcher, "select sid from v$session where sid = " + sid +
                              " and event = 'enq: TX - row lock contention' and state = 'WAITING'")
               .size() == 1;
  });
}

std::string TryQuery(PGconn* conn, const std::string& sql, Rows* rows) {
  PGresult* res = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(res);
  if (res == nullptr || (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)) {
    const char* m = res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string err = m != nullptr ? m : PQerrorMessage(conn);
    if (err.empty()) err = "unexpected result status " + std::to_string(status);
    PQclear(res);
    return err;
  }
  for (int r = 0; rows != nullptr && r < PQntuples(res); ++r) {
    std::vector<std::optional<std::string>> row;
    for (int c = 0; c < PQnfields(res); ++c) {
      if (PQgetisnull(res, r, c)) {
        row.push_back(std::nullopt);
      } else {
        row.push_back(std::string(PQgetvalue(res, r, c)));
      }
    }
    rows->push_back(std::move(row));
  }
  PQclear(res);
  return "";
}

Rows Query(PGconn* conn, const std::string& sql) {
  Rows rows;
  std::string err = TryQuery(conn, sql, &rows);
  if (!err.empty()) {
    ADD_FAILURE() << sql << ": " << err;
    rows.clear();
  }
  return rows;
}

std::string QueryError(PGconn* conn, const std::string& sql) { return TryQuery(conn, sql, nullptr); }

}  // namespace warden::testing
