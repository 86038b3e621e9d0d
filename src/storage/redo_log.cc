// The log buffer and the commit protocol (see redo_log.h).
#include "storage/redo_log.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>

#include "common/fixed_string.h"
#include "common/ora_error.h"
#include "sga/latch.h"
#include "sga/post_wait.h"
#include "sga/process_array.h"
#include "sga/sga.h"
#include "storage/shm_heap.h"
#include "wait/wait.h"

namespace warden::storage {
namespace {

RedoLogState* g_log = nullptr;
bool g_crash_in_commit_record = false;  // process-private (DBMS_FAULT)

// How long one wait for LGWR lasts before the waiter looks again (and posts LGWR again, in
// case a restarted LGWR missed the first post).
constexpr int64_t kSyncWaitSliceUs = 100000;

void PostLgwr() {
  const int32_t lgwr = sga::Sga::header()->lgwr_proc.load(std::memory_order_acquire);
  if (lgwr >= 0) sga::Post(lgwr);
}

// Copies `n` bytes to the ring at stream position `lsn` (wrapping at the end).
void CopyToRing(Lsn lsn, const uint8_t* src, size_t n) {
  const uint64_t mask = g_log->buffer_size - 1;
  const size_t at = static_cast<size_t>(lsn & mask);
  const size_t first = std::min<size_t>(n, g_log->buffer_size - at);
  std::memcpy(g_log->buffer + at, src, first);
  if (first < n) std::memcpy(g_log->buffer, src + first, n - first);
}

// Holds the redo allocation latch with room for `bytes` after copied_end; waits on
// 'log buffer space' (latch released) while LGWR catches up.
class AllocationLatch {
 public:
  explicit AllocationLatch(uint64_t bytes) {
    if (bytes > g_log->buffer_size) throw OraError::Make(600, {"RedoAppend", "record larger than log_buffer"});
    // Bounded: LGWR frees space with every write; a stuck LGWR leaves us waiting, visibly.
    for (;;) {
      sga::LatchAcquire(Latch());
      const Lsn end = g_log->copied_end.load(std::memory_order_relaxed);
      if (end + bytes - g_log->flushed.load(std::memory_order_acquire) <= g_log->buffer_size) return;
      sga::LatchRelease(Latch());
      g_log->stats.redo_log_space_requests.fetch_add(1, std::memory_order_relaxed);
      PostLgwr();
      wait::WaitFor(wait::kLogBufferSpace, 0, 0, 0, nullptr, 0, 10000);
    }
  }
  ~AllocationLatch() { sga::LatchRelease(Latch()); }
  AllocationLatch(const AllocationLatch&) = delete;
  AllocationLatch& operator=(const AllocationLatch&) = delete;

 private:
  static sga::Latch* Latch() { return sga::Sga::latch(sga::kRedoAllocationLatch); }
};

// Encodes frames for payloads[from, to) at copied_end, straight into the ring (through a
// scratch buffer only for a frame that wraps); returns the new end.
// REQUIRES: the allocation latch, with room.
Lsn CopyFrames(const std::vector<std::string>& payloads, size_t from, size_t to) {
  const uint64_t mask = g_log->buffer_size - 1;
  Lsn pos = g_log->copied_end.load(std::memory_order_relaxed);
  const Lsn start = pos;
  for (size_t i = from; i < to; ++i) {
    const size_t n = FrameBytes(payloads[i].size());
    const size_t at = static_cast<size_t>(pos & mask);
    if (at + n <= g_log->buffer_size) {
      EncodeFrame(pos, payloads[i], g_log->buffer + at);
    } else {
      std::vector<uint8_t> frame(n);
      EncodeFrame(pos, payloads[i], frame.data());
      CopyToRing(pos, frame.data(), n);
    }
    pos += n;
  }
  g_log->stats.redo_entries.fetch_add(to - from, std::memory_order_relaxed);
  g_log->stats.redo_size.fetch_add(pos - start, std::memory_order_relaxed);
  return pos;
}

// The latch's recovery hook: a holder that published a commit record but died before it set
// the transaction's commit_lsn.
void SettlePendingCommit() {
  std::atomic<Lsn>* slot = g_log->pending_commit.load();
  if (slot == nullptr) return;
  const Lsn end = g_log->copied_end.load();
  if (end > g_log->pending_pos.load()) slot->store(end);
  g_log->pending_commit.store(nullptr);
}

}  // namespace

void RedoLogInit(uint64_t buffer_size, int32_t groups, uint64_t file_bytes, const std::string& dir) {
  uint64_t size = 1 << 16;
  while (size < buffer_size) size <<= 1;
  g_log = new (HeapAlloc(sizeof(RedoLogState))) RedoLogState();
  g_log->buffer_size = size;
  g_log->buffer = static_cast<uint8_t*>(HeapAlloc(size));
  g_log->groups = std::clamp(groups, 2, kMaxLogGroups);
  g_log->file_bytes = file_bytes;
  CopyToFixed(g_log->dir, sizeof g_log->dir, dir);
  sga::SetLatchRecoveryHook(sga::kRedoAllocationLatch, &SettlePendingCommit);
}

RedoLogState* RedoLog() { return g_log; }

std::string LogFilePath(int32_t group) {
  char name[32];
  std::snprintf(name, sizeof name, "/redo%02d.log", group + 1);
  return std::string(g_log->dir) + name;
}

void RedoSetStart(Lsn lsn) {
  g_log->copied_end.store(lsn);
  g_log->flushed.store(lsn);
}

Lsn RedoAppend(const std::vector<std::string>& payloads) {
  Lsn end = g_log->copied_end.load();
  // As many records per latch hold as fit in a quarter of the buffer (LGWR drains the rest).
  const uint64_t chunk = g_log->buffer_size / 4;
  for (size_t i = 0; i < payloads.size();) {
    size_t j = i;
    uint64_t bytes = 0;
    while (j < payloads.size() && (j == i || bytes + FrameBytes(payloads[j].size()) <= chunk)) {
      bytes += FrameBytes(payloads[j].size());
      ++j;
    }
    AllocationLatch latch(bytes);
    end = CopyFrames(payloads, i, j);
    g_log->copied_end.store(end, std::memory_order_release);
    i = j;
  }
  return end;
}

Lsn RedoAppendCommit(std::string_view payload, std::atomic<Lsn>* commit_lsn) {
  std::vector<std::string> one = {std::string(payload)};
  AllocationLatch latch(FrameBytes(payload.size()));
  g_log->pending_pos.store(g_log->copied_end.load());
  g_log->pending_commit.store(commit_lsn);
  const Lsn end = CopyFrames(one, 0, 1);
  g_log->copied_end.store(end, std::memory_order_release);
  if (g_crash_in_commit_record) kill(getpid(), SIGKILL);
  commit_lsn->store(end);
  g_log->pending_commit.store(nullptr);
  g_log->stats.user_commits.fetch_add(1, std::memory_order_relaxed);
  return end;
}

void RedoKick() { PostLgwr(); }

void ArmCrashInCommitRecord() { g_crash_in_commit_record = true; }

void RedoWriteDurably(const std::vector<std::string>& payloads) {
  if (g_log == nullptr) return;
  RedoSync(RedoAppend(payloads));
}

void RedoSync(Lsn upto) {
  if (g_log->flushed.load(std::memory_order_acquire) >= upto) return;
  sga::ProcessSlot* me = sga::MyProcess();
  g_log->stats.redo_synch_writes.fetch_add(1, std::memory_order_relaxed);
  struct Clear {
    sga::ProcessSlot* p;
    ~Clear() {
      if (p != nullptr) p->redo_sync_lsn.store(0);
    }
  } clear{me};
  if (me != nullptr) me->redo_sync_lsn.store(upto, std::memory_order_seq_cst);
  // Bounded by LGWR's progress; each slice re-posts LGWR (a restarted one may have missed it).
  while (g_log->flushed.load(std::memory_order_seq_cst) < upto) {
    PostLgwr();
    wait::WaitFor(wait::kLogFileSync, upto / 512, upto, 0, nullptr, 0, kSyncWaitSliceUs);
  }
}

void RedoMarkFlushed(Lsn lsn) {
  // Sequentially consistent, as the waiter's store of redo_sync_lsn and load of flushed in
  // RedoSync: either the waiter sees the new position or we see its request. (Release and
  // acquire let both read the old values: a commit then waited out a whole slice.)
  g_log->flushed.store(lsn, std::memory_order_seq_cst);
  for (int32_t i = 0; i < sga::Sga::processes(); ++i) {
    sga::ProcessSlot* p = sga::Sga::process(i);
    const uint64_t want = p->redo_sync_lsn.load(std::memory_order_seq_cst);
    if (want != 0 && want <= lsn) sga::Post(i);
  }
}

}  // namespace warden::storage
