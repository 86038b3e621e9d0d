// Test harness: a real Warden instance in a temporary directory on a free loopback port,
// started as a child of the test (its PID recorded and always ended), crashed (kill -9 of all
// its processes) and restarted on the same directory and port, plus helpers to drive it
// through libpq and to run the command-line clients with a bounded time.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace warden::testing {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

struct PGconnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, PGconnDeleter>;

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `argv` with optional stdin text and extra environment, killed after timeout_s.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                         const std::vector<std::string>& env = {}, int timeout_s = 60);

std::string BinDir();  // where wardend and wsql were built
int FreeLoopbackPort();

// Polls `pred` every `poll` (10 ms) until true or `timeout` passes; returns the last result.
bool WaitUntil(const std::function<bool()>& pred,
               std::chrono::milliseconds timeout = std::chrono::seconds(10),
               std::chrono::milliseconds poll = std::chrono::milliseconds(10));

class Instance {
 public:
  static constexpr const char* kPassword = "Warden_test_1";

  // init + start with `-c` overrides; fails the test (ADD_FAILURE) if it does not come up.
  // The supervisor leads its own process group, so Crash() can signal every process at once.
  // REQUIRES: called from a thread that outlives the instance (the instance is started with
  // PR_SET_PDEATHSIG, which fires when the starting thread ends).
  explicit Instance(std::vector<std::string> params = {});
  // Stops (abort if need be), kills what is left by the recorded PIDs, removes the directory.
  ~Instance();

  const std::string& dir() const { return dir_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool started() const { return started_; }
  std::string Url() const;

  // A libpq connection; nullptr-free: on failure the returned conn has a bad status.
  Conn Connect(const std::string& user = "sys", const std::string& password = kPassword,
               const std::string& appname = "") const;
  // `wardend stop --mode`, then waits for the supervisor to exit; returns stop's exit code.
  int Stop(const std::string& mode, int timeout_s = 60);
  // True once the supervisor process has exited (reaps it).
  bool Exited();
  int exit_status() const { return exit_status_; }
  std::string AlertLog() const;
  // What wardend wrote to stdout and stderr, every start of this instance one after another.
  std::string ServerOutput() const;

  // The supervisor (first) and every live process descended from it or in its process group,
  // read from /proc. Empty once the supervisor has exited and nothing of it is left.
  std::vector<pid_t> ProcessTree() const;
  // kill -9 of every process of the instance at once: SIGKILL to the supervisor's process
  // group and to each process of ProcessTree() (recorded before any signal, as an orphan's
  // parent changes). Then reaps the supervisor and waits (bounded) until every recorded
  // process is gone (no longer exists, or a zombie: it holds no file, socket or lock any
  // more); ADD_FAILURE if one is still there after 10 s. Killing in another order or at a
  // chosen moment is the caller's job (with ProcessTree()); Crash() then ends the rest.
  void Crash();
  // Starts wardend again on the same data directory and port with the first start's argv,
  // plus `params` as further -c overrides (applied after the first ones, so they win), and
  // waits up to 60 s (recovery may replay redo) until it accepts connections. Returns
  // started(); ADD_FAILURE with wardend's output if it did not come up.
  // REQUIRES: the previous supervisor has exited (Stop or Crash); same thread rule as above.
  // With must_start = false a start that fails (wardend exits) is an expected outcome: no
  // ADD_FAILURE, and the wait ends as soon as wardend has exited.
  bool Restart(std::vector<std::string> params = {}, bool must_start = true);

 private:
  // Forks and execs `argv` (wardend start) and waits up to `timeout` until it answers PQping.
  bool Start(const std::vector<std::string>& argv, std::chrono::seconds timeout,
             bool must_start = true);

  std::string base_;  // the temporary directory: data/, pw, wardend.out
  std::string dir_;   // the data directory, base_/data
  std::vector<std::string> argv_;  // the first start's command line
  int port_ = 0;
  pid_t pid_ = -1;
  bool started_ = false;
  int exit_status_ = -1;
  int starts_ = 0;
};

// A test suite that shares one instance across its tests. Derived may define
// `static std::vector<std::string> Params()` with the instance's -c overrides.
template <typename Derived>
class SharedInstanceTest : public ::testing::Test {
 public:
  static std::vector<std::string> Params() { return {}; }

 protected:
  static void SetUpTestSuite() { instance_ = new Instance(Derived::Params()); }
  static void TearDownTestSuite() {
    delete instance_;
    instance_ = nullptr;
  }
  static inline Instance* instance_ = nullptr;
};

// Sends the protocol's CancelRequest for the connection's call in progress (libpq PQcancel).
bool CancelCall(PGconn* conn);
// Waits for every result of an async query; returns its error message ("ORA-..."), the
// connection's error if it was lost, or "" if it succeeded.
std::string AwaitError(PGconn* conn);

// Waits (bounded) until session `sid` is WAITING on 'enq: TX - row lock contention' as
// `watcher` sees it in V$SESSION (the waiter's own connection has a call in flight).
bool AwaitRowLockWait(PGconn* watcher, const std::string& sid);

// Runs a query that must succeed; ADD_FAILURE and empty rows otherwise.
Rows Query(PGconn* conn, const std::string& sql);
// Runs a statement once: its rows into *rows (may be null) and "", or its error message.
std::string TryQuery(PGconn* conn, const std::string& sql, Rows* rows);
// Runs a statement expected to fail; returns the error message ("ORA-...") or "" if it worked.
std::string QueryError(PGconn* conn, const std::string& sql);

}  // namespace warden::testing
