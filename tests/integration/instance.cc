// Test harness implementation (see instance.h).
#include "instance.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
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

bool WaitUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
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
  dir_ = std::string(d) + "/data";
  std::string pwfile = std::string(d) + "/pw";
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
  std::vector<std::string> argv = {BinDir() + "/wardend",          "start", "-D", dir_, "-c",
                                   "port=" + std::to_string(port_)};
  for (const std::string& p : params) {
    argv.push_back("-c");
    argv.push_back(p);
  }
  pid_ = fork();
  if (pid_ == 0) {
    // If the test process dies (a crash), the instance dies with it: nothing is left running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int log = open((std::string(d) + "/wardend.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(log, 1);
    dup2(log, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  std::string conninfo =
      "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=warden connect_timeout=2";
  started_ = WaitUntil([&] { return Exited() ? false : PQping(conninfo.c_str()) == PQPING_OK; },
                       std::chrono::seconds(20));
  if (!started_) {
    std::ifstream f(std::string(d) + "/wardend.out");
    std::stringstream ss;
    ss << f.rdbuf();
    ADD_FAILURE() << "instance did not start: " << ss.str();
  }
}

Instance::~Instance() {
  if (pid_ > 0 && !Exited()) {
    Stop("abort", 20);
    if (!WaitUntil([&] { return Exited(); }, std::chrono::seconds(10))) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  if (!dir_.empty() && getenv("WARDEN_KEEP_TEST_DIRS") == nullptr) {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(dir_).parent_path(), ec);
  }
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
