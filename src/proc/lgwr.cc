// LGWR (see lgwr.h).
#include "proc/lgwr.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "proc/background.h"
#include "sga/post_wait.h"
#include "sga/sga.h"
#include "storage/redo_files.h"
#include "storage/redo_log.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

class LogWriter {
 public:
  LogWriter() : log_(storage::RedoLog()) {
    for (int32_t g = 0; g < log_->groups; ++g) fd_[g] = -1;
  }
  ~LogWriter() {
    for (int32_t g = 0; g < log_->groups; ++g) {
      if (fd_[g] >= 0) close(fd_[g]);
    }
  }

  // A restarted LGWR: the current group's header as the SGA has it (a predecessor may have
  // died between updating the SGA and writing the header). A predecessor that died in a
  // write crossing a switch left the durable position in an older group: that part of the
  // buffer goes where it belongs first (Write computes offsets in the current group only, and a
  // position before its start underflowed: a write over its header, or a switch to a
  // sequence starting before it, which recovery rejects with ORA-00353).
  void Start() {
    const int32_t cur = log_->current_group.load();
    WriteHeader(cur);
    const storage::Lsn cur_first = log_->group[cur].first_lsn.load();
    storage::Lsn from = log_->flushed.load();
    if (from >= cur_first) return;
    wait::WaitScope io_wait(wait::kLogFileParallelWrite, 1, (cur_first - from + 511) / 512, 1);
    // Bounded: each pass fills one older group up to its successor's start (a write larger
    // than a log file may have crossed several switches); the ring holds [flushed, copied_end).
    for (int pass = 0; pass < storage::kMaxLogGroups && from < cur_first; ++pass) {
      int32_t g = -1;
      storage::Lsn end = 0;
      for (int32_t h = 0; h < log_->groups; ++h) {
        const uint64_t seq = log_->group[h].sequence.load();
        const storage::Lsn next_start = StartOf(seq + 1);
        if (h != cur && seq != 0 && log_->group[h].first_lsn.load() <= from && next_start > from) {
          g = h;
          end = next_start;
        }
      }
      if (g < 0) throw OraError::Make(600, {"LGWR", "no log group holds redo byte " + std::to_string(from)});
      while (from < end) {  // bounded: every pass writes at least one byte
        const uint64_t n = std::min(end - from, RingLeft(from));
        WriteRing(g, from, n);
        from += n;
      }
      Sync(g);
    }
    if (from < cur_first) throw OraError::Make(600, {"LGWR", "redo before the current log file left unwritten"});
    storage::RedoMarkFlushed(cur_first);
  }

  // Writes what the buffer holds and serves a switch request. False when there was nothing.
  bool Step() {
    const storage::Lsn from = log_->flushed.load();
    const storage::Lsn to = log_->copied_end.load();
    const uint64_t switch_wanted = log_->switch_requests.load();
    if (from < to) Write(from, to);
    if (switch_wanted > log_->switches_done.load()) {
      // Not possible before a checkpoint: CKPT posts LGWR when it has completed one.
      if (!Switch(to, "(LGWR switch)")) return false;
      log_->switches_done.store(switch_wanted);
      return true;
    }
    return from < to;
  }

 private:
  int Fd(int32_t g) {
    if (fd_[g] < 0) {
      const std::string path = storage::LogFilePath(g);
      fd_[g] = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
      if (fd_[g] < 0) throw OraError::Make(600, {"LGWR", "cannot open " + path});
    }
    return fd_[g];
  }

  // Writes n bytes of the ring at stream position `from` (not wrapping) into group g's file.
  // REQUIRES: inside the 'log file parallel write' wait.
  void WriteRing(int32_t g, storage::Lsn from, uint64_t n) {
    const uint64_t off = storage::kLogHeaderBlock + (from - log_->group[g].first_lsn.load());
    const uint8_t* src = log_->buffer + (from & (log_->buffer_size - 1));
    // blocking-ok: inside the caller's 'log file parallel write' wait
    if (pwrite(Fd(g), src, n, static_cast<off_t>(off)) != ssize_t(n)) {
      throw OraError::Make(600, {"LGWR", "cannot write " + storage::LogFilePath(g)});
    }
  }

  // REQUIRES: inside the 'log file parallel write' wait.
  void Sync(int32_t g) {
    if (fdatasync(Fd(g)) != 0) {  // blocking-ok: inside the caller's 'log file parallel write' wait
      throw OraError::Make(600, {"LGWR", "cannot sync " + storage::LogFilePath(g)});
    }
  }

  // Bytes of the ring from `from` to its end (a write may not wrap).
  uint64_t RingLeft(storage::Lsn from) const {
    return log_->buffer_size - (from & (log_->buffer_size - 1));
  }

  void WriteHeader(int32_t g) {
    storage::LogFileHeader h;
    h.group = static_cast<uint32_t>(g);
    h.sequence = log_->group[g].sequence.load();
    h.first_lsn = log_->group[g].first_lsn.load();
    h.max_write = log_->buffer_size;
    h.time = log_->group[g].first_time.load();
    const std::string block = storage::EncodeLogHeader(h);
    wait::WaitScope io_wait(wait::kLogFileParallelWrite, 1, 1, 1);
    // blocking-ok: inside the 'log file parallel write' wait
    if (pwrite(Fd(g), block.data(), block.size(), 0) != ssize_t(block.size()) || fdatasync(Fd(g)) != 0) {
      throw OraError::Make(600, {"LGWR", "cannot write the header of " + storage::LogFilePath(g)});
    }
  }

  // [from, to) of the buffer to the log files, then one fdatasync per file written.
  void Write(storage::Lsn from, storage::Lsn to) {
    const uint64_t blocks = (to - from + 511) / 512;
    wait::WaitScope io_wait(wait::kLogFileParallelWrite, 1, blocks, 1);
    int32_t g = log_->current_group.load();
    // Bounded: every pass writes at least one byte or switches files.
    while (from < to) {
      const uint64_t off = storage::kLogHeaderBlock + (from - log_->group[g].first_lsn.load());
      uint64_t room = log_->file_bytes > off ? log_->file_bytes - off : 0;
      if (room == 0) {
        if (Switch(from, "(LGWR switch)")) {
          g = log_->current_group.load();
          if (log_->crash_lgwr_at_switch.exchange(0) != 0) kill(getpid(), SIGKILL);
          continue;
        }
        room = to - from;  // the next group is still needed: this file grows
      }
      const uint64_t n = std::min({to - from, room, RingLeft(from)});
      WriteRing(g, from, n);
      from += n;
    }
    Sync(g);
    log_->stats.redo_writes.fetch_add(1, std::memory_order_relaxed);
    log_->stats.redo_blocks_written.fetch_add(blocks, std::memory_order_relaxed);
    storage::RedoMarkFlushed(to);
  }

  // The first position of the sequence after `seq`, or 0 if no group holds it.
  storage::Lsn StartOf(uint64_t seq) const {
    for (int32_t g = 0; g < log_->groups; ++g) {
      if (log_->group[g].sequence.load() == seq) return log_->group[g].first_lsn.load();
    }
    return 0;
  }

  // Makes the next group current from position `at`. False (a checkpoint requested) when
  // that group's redo is still needed by recovery.
  bool Switch(storage::Lsn at, const char* why) {
    const int32_t cur = log_->current_group.load();
    const int32_t next = (cur + 1) % log_->groups;
    const uint64_t old_seq = log_->group[next].sequence.load();
    const uint64_t seq = log_->group[cur].sequence.load() + 1;
    // old_seq == seq: a predecessor died in this very switch after giving `next` its new
    // sequence and before making it current; it had found the group reusable, and the
    // checkpoint only moves forward (waiting for a sequence no group will ever have
    // blocked every switch from then on).
    if (old_seq != 0 && old_seq < seq) {
      const storage::Lsn end_of_next = StartOf(old_seq + 1);
      if (end_of_next == 0 || end_of_next > log_->checkpoint_lsn.load()) {
        if (blocked_seq_ != seq) {
          blocked_seq_ = seq;
          AlertLog::Write("Thread 1 cannot allocate new log, sequence " + std::to_string(seq) +
                          "\nCheckpoint not complete\n  Current log# " + std::to_string(cur + 1) +
                          " grows past its size until the checkpoint completes");
        }
        RequestCheckpoint();
        return false;
      }
    }
    {
      wait::WaitScope io_wait(wait::kLogFileParallelWrite, 1, 0, 1);
      // Write() syncs only the file it ends in: the older one's part must be durable here
      // (an error ignored here let commits be acknowledged with their redo not on disk).
      Sync(cur);
    }
    // The SGA first, then the header: a successor rewrites the header from the SGA (Start).
    log_->group[next].sequence.store(0);
    log_->group[next].first_lsn.store(at);
    log_->group[next].first_time.store(WallSeconds());
    log_->group[next].sequence.store(seq);
    log_->current_group.store(next);
    WriteHeader(next);
    log_->stats.log_switches.fetch_add(1, std::memory_order_relaxed);
    AlertLog::Write("Thread 1 advanced to log sequence " + std::to_string(seq) + " " + why +
                    "\n  Current log# " + std::to_string(next + 1) + " seq# " + std::to_string(seq) +
                    " mem# 0: " + storage::LogFilePath(next));
    RequestCheckpoint();  // as Oracle's: a log switch starts a checkpoint
    return true;
  }

  void RequestCheckpoint() {
    log_->checkpoint_requests.fetch_add(1);
    const int32_t ckpt = sga::Sga::header()->ckpt_proc.load();
    if (ckpt >= 0) sga::Post(ckpt);
  }

  storage::RedoLogState* log_;
  int fd_[storage::kMaxLogGroups];
  uint64_t blocked_seq_ = 0;
};

}  // namespace

int LgwrMain() {
  int32_t sid = BeginBackgroundProcess("LGWR");
  if (sid < 0) return 1;
  LogWriter writer;
  try {
    writer.Start();
  } catch (const OraError& e) {
    AlertLog::Write("LGWR: " + e.message());
    return 1;
  }
  sga::Sga::header()->lgwr_proc.store(sga::MyProcessIndex());
  // Bounded by the stop flag: LGWR lives as long as the instance.
  while (!BackgroundStopRequested()) {
    try {
      if (writer.Step()) continue;
      BackgroundIdleWait(wait::kRdbmsIpcMessage, 300, 1000000);
    } catch (const OraError& e) {
      // An I/O error: nothing more can be made durable. The instance must not acknowledge
      // another commit, so LGWR ends and the supervisor's policy applies (ORA-00470).
      AlertLog::Write("LGWR: " + e.message() + "; LGWR terminating");
      return 1;
    }
  }
  try {
    writer.Step();  // what committers put in the buffer before the stop
  } catch (const OraError& e) {
    AlertLog::Write("LGWR: " + e.message());
  }
  sga::Sga::header()->lgwr_proc.store(-1);
  EndBackgroundProcess(sid);
  return 0;
}

}  // namespace warden::proc
