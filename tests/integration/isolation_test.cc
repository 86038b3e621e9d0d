// The isolation tester: runs every tests/isolation/*.spec (format in tests/isolation/README.md)
// against one shared instance, in the manner of PostgreSQL's src/test/isolation. Each session
// is its own libpq connection; steps are sent with PQsendQuery, and a step that does not
// finish is classed as waiting only when the server says its session waits on a lock that
// somebody holds (V$SESSION: STATE = 'WAITING', an enqueue event, and a final blocker that
// is not itself about to be granted).
// The output is compared exactly with tests/isolation/expected/<name>.out; on a mismatch
// the test fails with a diff and writes the actual output to
// <build>/isolation_results/<name>.out.
#include <gtest/gtest.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "instance.h"
#include "isolation_spec.h"

namespace warden::testing {
namespace {

constexpr auto kStepTimeout = std::chrono::seconds(10);

std::string OneLine(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (isspace(static_cast<unsigned char>(c))) {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string ErrorText(PGresult* res, PGconn* conn) {
  const char* m = res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string s = m != nullptr ? m : PQerrorMessage(conn);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// One result as text: an error's message; a query's column names, then its rows, values
// joined by '|' and NULL written <NULL>; nothing for a command.
std::string ResultText(PGresult* res, PGconn* conn) {
  std::string out;
  switch (PQresultStatus(res)) {
    case PGRES_TUPLES_OK:
      for (int c = 0; c < PQnfields(res); ++c)
        out += (c > 0 ? "|" : "") + std::string(PQfname(res, c));
      out += "\n";
      for (int r = 0; r < PQntuples(res); ++r) {
        for (int c = 0; c < PQnfields(res); ++c) {
          if (c > 0) out += "|";
          out += PQgetisnull(res, r, c) ? "<NULL>" : PQgetvalue(res, r, c);
        }
        out += "\n";
      }
      break;
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
      break;
    default:
      out = ErrorText(res, conn) + "\n";
  }
  return out;
}

// Runs statements synchronously; returns the text of their failures, each prefixed by `who`.
std::string RunStatements(PGconn* conn, const std::vector<std::string>& stmts,
                          const std::string& who) {
  std::string out;
  for (const std::string& sql : stmts) {
    PGresult* res = PQexec(conn, sql.c_str());
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      out += who + " failed: " + OneLine(sql) + ": " + ErrorText(res, conn) + "\n";
    }
    PQclear(res);
  }
  return out;
}

// A minimal line diff (longest common subsequence): "-" expected only, "+" actual only.
std::string Diff(const std::string& expected, const std::string& actual) {
  auto lines = [](const std::string& s) {
    std::vector<std::string> v;
    std::stringstream ss(s);
    for (std::string l; std::getline(ss, l);) v.push_back(l);
    return v;
  };
  std::vector<std::string> a = lines(expected), b = lines(actual);
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out += "  " + a[i++] + "\n";
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out += "- " + a[i++] + "\n";
    } else {
      out += "+ " + b[j++] + "\n";
    }
  }
  return out;
}

// One permutation's run: the sessions' connections and the steps still waiting.
class PermutationRun {
 public:
  PermutationRun(const Instance& instance, const IsolationSpec& spec, PGconn* monitor)
      : instance_(instance), spec_(spec), monitor_(monitor) {}

  // Appends the permutation's output to *out; false if it had to stop (a step timed out,
  // a session could not connect), which also fails the test.
  bool Run(const std::vector<PermutationEntry>& perm, std::string* out) {
    out_ = out;
    *out_ += "starting permutation:";
    for (const PermutationEntry& e : perm) *out_ += " " + spec_.steps[e.step].name;
    *out_ += "\n";
    *out_ += RunStatements(monitor_, spec_.setup, "setup");
    bool ok = Connect() && Steps(perm);
    // Sessions end first (an open transaction is rolled back), then the teardown.
    for (SessionConn& s : sessions_) {
      if (s.active >= 0) Abandon(s);
    }
    sessions_.clear();
    Teardown();
    return ok;
  }

 private:
  struct SessionConn {
    Conn conn;
    std::string sid;
    int active = -1;               // the step in flight
    bool printed_waiting = false;  // its "<waiting ...>" line is out
  };
  enum class Outcome { kDone, kWaiting, kTimedOut };

  bool Connect() {
    for (const IsolationSession& s : spec_.sessions) {
      SessionConn c;
      c.conn =
          instance_.Connect(s.user, s.password.empty() ? Instance::kPassword : s.password, s.name);
      if (PQstatus(c.conn.get()) != CONNECTION_OK) {
        *out_ +=
            "session " + s.name + " could not connect: " + ErrorText(nullptr, c.conn.get()) + "\n";
        ADD_FAILURE() << "session " << s.name << ": " << PQerrorMessage(c.conn.get());
        return false;
      }
      // The SID is read now: a connection with a call in flight cannot be asked.
      PGresult* r = PQexec(c.conn.get(), "select sys_context('USERENV', 'SID') from dual");
      if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) c.sid = PQgetvalue(r, 0, 0);
      PQclear(r);
      if (c.sid.empty()) {
        ADD_FAILURE() << "session " << s.name << ": no SID";
        return false;
      }
      *out_ += RunStatements(c.conn.get(), s.setup, s.name + " setup");
      sessions_.push_back(std::move(c));
    }
    return true;
  }

  bool Steps(const std::vector<PermutationEntry>& perm) {
    std::vector<int> waiting;  // steps, in the order they began to wait
    for (const PermutationEntry& entry : perm) {
      const int step = entry.step;
      SessionConn& s = sessions_[spec_.steps[step].session];
      // A session still busy with an earlier step finishes it first.
      if (s.active >= 0) {
        const int old = s.active;
        if (Complete(old, /*nonblocking=*/false) != Outcome::kDone) return false;
        waiting.erase(std::remove(waiting.begin(), waiting.end(), old), waiting.end());
      }
      if (PQsendQuery(s.conn.get(), spec_.steps[step].sql.c_str()) != 1) {
        *out_ += "step " + spec_.steps[step].name +
                 ": could not send: " + ErrorText(nullptr, s.conn.get()) + "\n";
        return false;
      }
      s.active = step;
      s.printed_waiting = false;
      Outcome now = Complete(step, /*nonblocking=*/true);
      if (now == Outcome::kTimedOut) return false;
      // Steps that were waiting may have been released by this one.
      for (size_t w = 0; w < waiting.size();) {
        Outcome o = Complete(waiting[w], /*nonblocking=*/true);
        if (o == Outcome::kTimedOut) return false;
        if (o == Outcome::kDone) {
          waiting.erase(waiting.begin() + static_cast<long>(w));
        } else {
          ++w;
        }
      }
      if (now == Outcome::kWaiting) {
        waiting.push_back(step);
        if (entry.min_wait_ms > 0 && !WaitedAtLeast(s, entry.min_wait_ms)) return false;
      }
    }
    for (int step : waiting) {
      if (Complete(step, /*nonblocking=*/false) != Outcome::kDone) return false;
    }
    return true;
  }

  // True when the session waits on an enqueue and its wait chain ends in a session that
  // holds it up for good: not one that is itself in an enqueue wait with nobody in its way
  // (a waiter whose holder has just let go, about to be granted: whoever is queued behind
  // it is about to move too). BLOCKING_SESSION clears as soon as a holder lets go, before
  // its waiter has even woken, so a step that has just been released is never taken for a
  // waiting one.
  bool Blocked(const SessionConn& s) {
    static const std::string kEnqueueWait =
        " in ('enq: TX - row lock contention', 'enq: TM - contention', 'enq: UL - contention')";
    PGresult* r =
        PQexec(monitor_, ("select count(*) from v$session w, v$session f where w.sid = " + s.sid +
                          " and w.state = 'WAITING' and w.event" + kEnqueueWait +
                          " and f.sid = w.final_blocking_session and not (f.state = 'WAITING' and "
                          "f.event" +
                          kEnqueueWait + " and f.blocking_session is null)")
                             .c_str());
    bool blocked = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
                   std::string(PQgetvalue(r, 0, 0)) == "1";
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      ADD_FAILURE() << "lock-wait query: " << ErrorText(r, monitor_);
    }
    PQclear(r);
    return blocked;
  }

  // Polls until the session's current wait has lasted `ms` (or its step has finished: the
  // next check reports it). Bounded by kStepTimeout.
  bool WaitedAtLeast(SessionConn& s, int ms) {
    const std::string q =
        "select count(*) from v$session where sid = " + s.sid +
        " and state = 'WAITING' and wait_time_micro >= " + std::to_string(ms * 1000);
    const bool ok = WaitUntil(
        [&] {
          if (PQconsumeInput(s.conn.get()) == 0 || PQisBusy(s.conn.get()) == 0) return true;
          PGresult* r = PQexec(monitor_, q.c_str());
          bool done = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
                      std::string(PQgetvalue(r, 0, 0)) == "1";
          PQclear(r);
          return done;
        },
        kStepTimeout);
    if (!ok) {
      *out_ += "step " + spec_.steps[s.active].name + ": did not wait " + std::to_string(ms) +
               " ms in 10 s\n";
      ADD_FAILURE() << "step " << spec_.steps[s.active].name << " did not wait " << ms << " ms";
    }
    return ok;
  }

  // Waits for `step` to finish (printing its result) or, when nonblocking, to be blocked by
  // another session (printing "<waiting ...>" the first time). Bounded by kStepTimeout.
  Outcome Complete(int step, bool nonblocking) {
    const IsolationStep& st = spec_.steps[step];
    SessionConn& s = sessions_[st.session];
    PGconn* c = s.conn.get();
    const auto deadline = std::chrono::steady_clock::now() + kStepTimeout;
    for (;;) {
      if (PQconsumeInput(c) == 0 || PQisBusy(c) == 0) {
        *out_ += "step " + st.name + ": " +
                 (s.printed_waiting ? "<... completed>" : OneLine(st.sql)) + "\n";
        for (PGresult* r; (r = PQgetResult(c)) != nullptr;) {
          *out_ += ResultText(r, c);
          PQclear(r);
        }
        if (PQstatus(c) != CONNECTION_OK)
          *out_ += "connection lost: " + ErrorText(nullptr, c) + "\n";
        s.active = -1;
        return Outcome::kDone;
      }
      if (nonblocking && Blocked(s)) {
        if (PQconsumeInput(c) != 0 && PQisBusy(c) == 0) continue;  // it finished meanwhile
        if (!s.printed_waiting)
          *out_ += "step " + st.name + ": " + OneLine(st.sql) + " <waiting ...>\n";
        s.printed_waiting = true;
        return Outcome::kWaiting;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        *out_ += "step " + st.name + ": timed out after " + std::to_string(kStepTimeout.count()) +
                 " s\n";
        ADD_FAILURE() << "step " << st.name << " timed out";
        Abandon(s);
        return Outcome::kTimedOut;
      }
      pollfd p{PQsocket(c), POLLIN, 0};
      poll(&p, 1, 10);
    }
  }

  // Cancels the session's call and reads what is left of it, bounded in time.
  void Abandon(SessionConn& s) {
    PGconn* c = s.conn.get();
    CancelCall(c);
    const auto deadline = std::chrono::steady_clock::now() + kStepTimeout;
    while (PQconsumeInput(c) != 0 && PQisBusy(c) != 0 &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd p{PQsocket(c), POLLIN, 0};
      poll(&p, 1, 10);
    }
    // What it had returned by then goes into the output: it tells why the run went wrong.
    *out_ += "step " + spec_.steps[s.active].name + ": <... cancelled>\n";
    if (PQisBusy(c) == 0) {
      while (PGresult* r = PQgetResult(c)) {
        *out_ += ResultText(r, c);
        PQclear(r);
      }
    }
    s.active = -1;
  }

  // The teardown waits (bounded) while a closed session is still ending: ORA-00054 from DDL
  // on a table its transaction still has locked, ORA-01940 from DROP USER while it is still
  // connected.
  void Teardown() {
    for (const std::string& sql : spec_.teardown) {
      std::string error;
      WaitUntil([&] {
        PGresult* r = PQexec(monitor_, sql.c_str());
        ExecStatusType st = PQresultStatus(r);
        error = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? "" : ErrorText(r, monitor_);
        PQclear(r);
        return error.rfind("ORA-00054", 0) != 0 && error.rfind("ORA-01940", 0) != 0;
      });
      if (!error.empty()) *out_ += "teardown failed: " + OneLine(sql) + ": " + error + "\n";
    }
  }

  const Instance& instance_;
  const IsolationSpec& spec_;
  PGconn* monitor_;
  std::vector<SessionConn> sessions_;
  std::string* out_ = nullptr;
};

// The spec files' names; with WARDEN_ISOLATION_TODO set, the *.spec.todo ones too (specs of
// behaviour Warden does not have yet, kept out of the suite).
std::vector<std::string> SpecFiles() {
  std::vector<std::string> files;
  const bool todo = getenv("WARDEN_ISOLATION_TODO") != nullptr;
  for (const auto& e : std::filesystem::directory_iterator(WARDEN_SOURCE_DIR "/tests/isolation")) {
    const std::string f = e.path().filename().string();
    auto ends_with = [&](const std::string& tail) {
      return f.size() > tail.size() && f.compare(f.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends_with(".spec") || (todo && ends_with(".spec.todo"))) files.push_back(f);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class IsolationTest : public SharedInstanceTest<IsolationTest>,
                      public ::testing::WithParamInterface<std::string> {
 public:
  // A deadlock is searched for after one second of waiting (deadlock.spec).
  static std::vector<std::string> Params() { return {"deadlock_detection_interval=1"}; }
};

TEST_P(IsolationTest, Spec) {
  ASSERT_TRUE(instance_->started());
  const std::string file = GetParam();
  const std::string name = file.substr(0, file.find(".spec"));
  const std::filesystem::path dir = WARDEN_SOURCE_DIR "/tests/isolation";
  IsolationSpec spec;
  std::string error;
  ASSERT_TRUE(ParseIsolationSpec(ReadFile(dir / file), &spec, &error)) << file << ": " << error;
  Conn monitor = instance_->Connect("sys", Instance::kPassword, "isolation_monitor");
  ASSERT_EQ(PQstatus(monitor.get()), CONNECTION_OK) << PQerrorMessage(monitor.get());

  std::string out = "Parsed test spec with " + std::to_string(spec.sessions.size()) + " sessions\n";
  for (const std::vector<PermutationEntry>& perm : spec.permutations) {
    out += "\n";
    PermutationRun run(*instance_, spec, monitor.get());
    if (!run.Run(perm, &out)) break;
  }

  const std::filesystem::path results = std::filesystem::path(BinDir()) / "isolation_results";
  const std::filesystem::path actual_file = results / (name + ".out");
  const std::filesystem::path expected_file = dir / "expected" / (name + ".out");
  const std::string expected = ReadFile(expected_file);
  if (out == expected) {
    std::error_code ec;
    std::filesystem::remove(actual_file, ec);
    return;
  }
  std::filesystem::create_directories(results);
  std::ofstream(actual_file) << out;
  ADD_FAILURE() << name << ": the output differs from " << expected_file.string()
                << (expected.empty() ? " (missing or empty)" : "") << "; actual output written to "
                << actual_file.string() << "\n--- diff (- expected, + actual):\n"
                << Diff(expected, out);
}

INSTANTIATE_TEST_SUITE_P(Specs, IsolationTest, ::testing::ValuesIn(SpecFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param.substr(0, info.param.find(".spec"));
                           for (char& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace warden::testing
