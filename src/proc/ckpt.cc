// CKPT (see ckpt.h).
#include "proc/ckpt.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "proc/background.h"
#include "sga/post_wait.h"
#include "sga/sga.h"
#include "storage/redo_log.h"
#include "storage/row_store.h"
#include "txn/checkpoint_file.h"
#include "txn/transaction.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

// How long CKPT sleeps between looks at log_checkpoint_timeout (requests post it).
constexpr int64_t kCkptSleepUs = 3000000;

Status SyncDirectory(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("cannot open " + dir, errno);
  wait::WaitScope io_wait(wait::kDbFileParallelWrite, 1, 0, 0);
  const int rc = fsync(fd);  // blocking-ok: inside the 'db file parallel write' wait
  const int err = errno;
  close(fd);
  return rc == 0 ? Status::OK() : Status::FromErrno("cannot sync " + dir, err);
}

}  // namespace

std::string DataFilePath(const std::string& datadir) { return datadir + "/data/warden01.dbf"; }

Status TakeCheckpoint() {
  storage::RedoLogState* log = storage::RedoLog();
  const std::string path = log->data_file;
  const std::string tmp = path + ".new";
  const int64_t t0 = MonotonicMicros();
  // Where recovery from this copy starts: read before any row is copied.
  const storage::Lsn start = txn::OldestRedoInFlight(log->copied_end.load());
  storage::CheckpointRedo header;
  header.start_lsn = start;
  header.number = log->checkpoint_number.load() + 1;
  header.time = WallSeconds();
  header.next_object_id = storage::PeekNextObjectId();
  txn::DataFileStats stats;
  Status s = txn::WriteDataFile(tmp, header, &stats);
  if (!s.ok()) return s;
  // Everything the copy holds is committed; its redo must be durable before the copy counts
  // (the copy is not one instant: a transaction's rows may be half in it, and only its redo
  // completes them). Also while LGWR is down being restarted (lgwr_proc -1): RedoSync waits
  // for its successor. Instance recovery and a stopped LGWR leave nothing unflushed.
  storage::RedoSync(log->copied_end.load());
  if (rename(tmp.c_str(), path.c_str()) != 0) return Status::FromErrno("cannot rename " + tmp, errno);
  s = SyncDirectory(path.substr(0, path.rfind('/')));
  if (!s.ok()) return s;
  log->checkpoint_lsn.store(start);
  log->checkpoint_time.store(header.time);
  log->data_file_bytes.store(stats.bytes);
  log->checkpoint_number.store(header.number);
  log->stats.checkpoints_completed.fetch_add(1, std::memory_order_relaxed);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", double(MonotonicMicros() - t0) / 1e6);
  AlertLog::Write("Completed checkpoint " + std::to_string(header.number) + " up to redo byte " +
                  std::to_string(start) + " (" + std::to_string(stats.tables) + " tables, " +
                  std::to_string(stats.rows) + " rows, " + std::to_string(stats.bytes) +
                  " bytes in " + secs + " s)");
  return Status::OK();
}

int CkptMain() {
  int32_t sid = BeginBackgroundProcess("CKPT");
  if (sid < 0) return 1;
  storage::RedoLogState* log = storage::RedoLog();
  sga::Sga::header()->ckpt_proc.store(sga::MyProcessIndex());
  int64_t last = MonotonicMicros();
  // Bounded by the stop flag: CKPT lives as long as the instance.
  while (!BackgroundStopRequested()) {
    const uint64_t wanted = log->checkpoint_requests.load();
    const int64_t timeout_s = sga::Sga::param(kLogCheckpointTimeout)->num;
    const bool due = timeout_s > 0 && MonotonicMicros() - last >= timeout_s * 1000000;
    try {
      if (wanted > log->checkpoints_done.load() || due) {
        Status s = TakeCheckpoint();
        if (!s.ok()) AlertLog::Write("CKPT: checkpoint failed: " + s.message());
        last = MonotonicMicros();
        log->checkpoints_done.store(wanted);
        const int32_t lgwr = sga::Sga::header()->lgwr_proc.load();
        if (lgwr >= 0) sga::Post(lgwr);  // a log switch may have waited for this checkpoint
        continue;
      }
      BackgroundIdleWait(wait::kRdbmsIpcMessage, 300, kCkptSleepUs);
    } catch (const OraError& e) {
      AlertLog::Write("CKPT: " + e.message());
    }
  }
  sga::Sga::header()->ckpt_proc.store(-1);
  EndBackgroundProcess(sid);
  return 0;
}

}  // namespace warden::proc
