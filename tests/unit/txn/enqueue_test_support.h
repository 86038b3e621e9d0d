// For the enqueue and deadlock tests: a small SGA with the test process as one session, and
// forked child processes, each a real session attached to the same SGA, driven by commands
// over a pipe (acquire, release, exit, crash) and answering over another. The parent polls
// SGA state with a bound; nothing sleeps and hopes.
#pragma once

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../sga_test_support.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/session_array.h"
#include "sga/sga.h"
#include "txn/deadlock.h"
#include "txn/enqueue.h"
#include "txn/enqueue_views.h"
#include "wait/interrupts.h"

namespace warden::txn::testing {

enum class Op : int { kAcquire, kRelease, kReleaseAll, kExit, kCrash, kCrashHoldingLatch };

struct Command {
  Op op;
  EnqueueId id;
  LockMode mode;
  int64_t timeout_us;
};

struct Reply {
  int result;         // AcquireResult, or -1 when an OraError ended the call, 1/0 for releases
  int ora_code;       // the OraError's code
  int graph_rows;     // kDeadlock: resource rows in the reported graph
  int held_after;     // mode the session holds on the resource after the call
  int pending_after;  // 1 if the session still has a request queued after the call
};

// The deadlock reporter of a child: keeps the last graph text.
inline std::string& ChildGraphText() {
  static std::string text;
  return text;
}
inline void KeepGraph(const std::string& text) { ChildGraphText() = text; }

inline int CountGraphRows(const std::string& text) {
  int rows = 0;
  for (size_t pos = text.find("\nTX-"); pos != std::string::npos;
       pos = text.find("\nTX-", pos + 1)) {
    ++rows;
  }
  return rows;
}

class Child {
 public:
  // Forks a child attached to a fresh process slot, with its own user session.
  Child() {
    proc_ = sga::ProcessSlotReserve("", false);
    EXPECT_GE(proc_, 1);
    proc_serial_ = sga::Sga::process(proc_)->serial.load();
    EXPECT_EQ(pipe(to_child_), 0);
    EXPECT_EQ(pipe(from_child_), 0);
    pid_ = fork();
    if (pid_ == 0) RunChild();
    sga::ProcessSlotSetSpid(proc_, pid_);
    close(to_child_[0]);
    close(from_child_[1]);
    Reply hello{};
    EXPECT_TRUE(Receive(&hello));
    session_ = hello.result;
  }
  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(to_child_[1]);
    close(from_child_[0]);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  int32_t session() const { return session_; }
  int32_t proc() const { return proc_; }
  uint32_t proc_serial() const { return proc_serial_; }

  void Send(const Command& c) { ASSERT_EQ(write(to_child_[1], &c, sizeof c), ssize_t(sizeof c)); }
  void Acquire(const EnqueueId& id, LockMode mode, int64_t timeout_us = kEnqueueWaitForever) {
    Send({Op::kAcquire, id, mode, timeout_us});
  }
  void Release(const EnqueueId& id) { Send({Op::kRelease, id, LockMode::kNone, 0}); }
  void ReleaseAll() { Send({Op::kReleaseAll, {}, LockMode::kNone, 0}); }

  // Waits up to timeout_ms for the child's next reply.
  bool Receive(Reply* r, int timeout_ms = 20000) {
    pollfd pfd{from_child_[0], POLLIN, 0};
    if (poll(&pfd, 1, timeout_ms) != 1) return false;
    return read(from_child_[0], r, sizeof *r) == ssize_t(sizeof *r);
  }
  // True if a reply is already there (the child's call has ended).
  bool HasReply() {
    pollfd pfd{from_child_[0], POLLIN, 0};
    return poll(&pfd, 1, 0) == 1;
  }
  // Waits for a reply to an acquire and returns its result.
  int AcquireReply(Reply* out = nullptr) {
    Reply r{-2, 0, 0, 0, 0};
    EXPECT_TRUE(Receive(&r)) << "no reply from the child";
    if (out != nullptr) *out = r;
    return r.result;
  }
  // SIGKILL, whatever the child is doing (waiting, say); returns after it is reaped.
  void KillAndReap() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  // The child dies without releasing anything, as a crash; returns after it is reaped.
  void Crash(Op how = Op::kCrash) {
    Send({how, {}, LockMode::kNone, 0});
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  [[noreturn]] void RunChild() {
    close(to_child_[1]);
    close(from_child_[0]);
    sga::ProcessSlotAttach(proc_);
    const int32_t sid = sga::SessionSlotClaim(sga::SessionType::kUser, "SCOTT", "", "");
    sga::SessionSlot* s = sga::Sga::session(sid);
    sga::SetSessionStatus(s, sga::SessionStatus::kActive);  // in a call: a cancel applies
    wait::BindInterruptWord(&s->interrupts);
    SetDeadlockReporter(&KeepGraph);
    Reply hello{sid, 0, 0, 0, 0};
    Write(hello);
    Command c;
    // Bounded by the parent: it sends kExit/kCrash or closes the pipe (read returns 0).
    while (read(to_child_[0], &c, sizeof c) == ssize_t(sizeof c)) {
      Reply r{0, 0, 0, 0, 0};
      bool fatal = false;
      try {
        switch (c.op) {
          case Op::kAcquire:
            ChildGraphText().clear();
            r.result = static_cast<int>(EnqueueAcquire(c.id, c.mode, c.timeout_us));
            r.graph_rows = CountGraphRows(ChildGraphText());
            break;
          case Op::kRelease:
            r.result = EnqueueRelease(c.id) ? 1 : 0;
            break;
          case Op::kReleaseAll:
            r.result = EnqueueReleaseAllOwnedBy(sid);
            break;
          case Op::kExit:
            ExitCleanly(sid);
          case Op::kCrash:
            _exit(9);
          case Op::kCrashHoldingLatch:
            sga::LatchAcquire(sga::Sga::latch(sga::kEnqueueLatch));
            _exit(9);
        }
      } catch (const OraError& e) {
        r.result = -1;
        r.ora_code = e.code();
        fatal = e.severity() != Severity::kError;  // a cancel leaves the session alive
      }
      if (c.op == Op::kAcquire) r.held_after = static_cast<int>(EnqueueHeldMode(c.id));
      r.pending_after = HasRequestOf(sid) ? 1 : 0;
      Write(r);
      if (fatal) ExitCleanly(sid);  // as a killed session: release, free, end
    }
    _exit(0);
  }
  [[noreturn]] static void ExitCleanly(int32_t sid) {
    EnqueueReleaseAllOwnedBy(sid);
    sga::SessionSlotFree(sid);
    sga::ProcessSlotRelease();
    _exit(0);
  }
  static bool HasRequestOf(int32_t session) {
    for (const EnqueueLockInfo& l : EnqueueSnapshot()) {
      if (l.session == session && l.request != 0) return true;
    }
    return false;
  }
  void Write(const Reply& r) {
    if (write(from_child_[1], &r, sizeof r) != ssize_t(sizeof r)) _exit(3);
  }

  int32_t proc_ = -1;
  uint32_t proc_serial_ = 0;
  int32_t session_ = -1;
  pid_t pid_ = -1;
  int to_child_[2] = {-1, -1};
  int from_child_[2] = {-1, -1};
};

class EnqueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    me_ = warden::testing::CreateTestSga("TEST", false, "16", "40");
    ASSERT_GE(me_, 1);
    SetDeadlockInterval(1);
    session_ = sga::SessionSlotClaim(sga::SessionType::kUser, "SYS", "", "");
    ASSERT_GE(session_, 0);
  }
  void TearDown() override {
    children_.clear();
    EnqueueReleaseAllOwnedBy(session_);
    sga::SessionSlotFree(session_);
    warden::testing::DestroyTestSga();
  }

  static void SetDeadlockInterval(int64_t seconds) {
    sga::Sga::param(kDeadlockDetectionInterval)->num = seconds;
  }

  Child& NewChild() {
    children_.push_back(std::make_unique<Child>());
    return *children_.back();
  }

 public:
  // Polls `cond` until it holds or timeout_us passes.
  static bool PollUntil(const std::function<bool()>& cond, int64_t timeout_us = 20000000) {
    const int64_t deadline = MonotonicMicros() + timeout_us;
    while (!cond()) {
      if (MonotonicMicros() > deadline) return false;
      usleep(1000);
    }
    return true;
  }

  // The V$LOCK row of `session` on `id`; false if none.
  static bool FindLock(int32_t session, const EnqueueId& id, EnqueueLockInfo* out = nullptr) {
    for (const EnqueueLockInfo& l : EnqueueSnapshot()) {
      if (l.session == session && l.type[0] == id.type[0] && l.type[1] == id.type[1] &&
          l.id1 == id.id1 && l.id2 == id.id2) {
        if (out != nullptr) *out = l;
        return true;
      }
    }
    return false;
  }
  static bool HasRequest(int32_t session) {
    for (const EnqueueLockInfo& l : EnqueueSnapshot()) {
      if (l.session == session && l.request != 0) return true;
    }
    return false;
  }
  // Waits until `session` has a pending request; fails the test if it never comes.
  static void AwaitRequest(int32_t session) {
    ASSERT_TRUE(PollUntil([&] { return HasRequest(session); }))
        << "session " << session << " never queued";
  }
  static bool HasStateObject(int32_t proc, sga::StateObjectType type) {
    for (const sga::StateObject& so : sga::Sga::process(proc)->state_objects) {
      if (so.type.load() == static_cast<uint8_t>(type)) return true;
    }
    return false;
  }

 protected:
  int32_t me_ = -1;
  int32_t session_ = -1;
  std::vector<std::unique_ptr<Child>> children_;
};

constexpr int kGranted = static_cast<int>(AcquireResult::kGranted);
constexpr int kTimedOut = static_cast<int>(AcquireResult::kTimedOut);
constexpr int kDeadlock = static_cast<int>(AcquireResult::kDeadlock);

}  // namespace warden::txn::testing
