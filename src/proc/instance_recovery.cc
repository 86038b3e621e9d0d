// Instance recovery (see instance_recovery.h).
#include "proc/instance_recovery.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "common/alert_log.h"
#include "common/clock.h"
#include "proc/ckpt.h"
#include "storage/redo_files.h"
#include "storage/redo_log.h"
#include "storage/row_store.h"
#include "txn/checkpoint_file.h"
#include "txn/redo_apply.h"

namespace warden::proc {
namespace {

// A new database's stream starts here (0 is "none" in the transaction table).
constexpr storage::Lsn kStreamStart = storage::kLogHeaderBlock;

Status MakeDir(const std::string& path) {
  if (mkdir(path.c_str(), 0700) == 0 || errno == EEXIST) return Status::OK();
  return Status::FromErrno("cannot create " + path, errno);
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string Seconds(int64_t us) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", double(us) / 1e6);
  return b;
}

// Makes group `g` current from `at` with sequence `seq` (SGA, then the file's header).
Status StartSequence(int32_t g, uint64_t seq, storage::Lsn at) {
  storage::RedoLogState* log = storage::RedoLog();
  log->group[g].sequence.store(seq);
  log->group[g].first_lsn.store(at);
  log->group[g].first_time.store(WallSeconds());
  log->current_group.store(g);
  storage::LogFileHeader h{static_cast<uint32_t>(g), seq, at, WallSeconds(), log->buffer_size};
  return storage::CreateLogFile(storage::LogFilePath(g), h, log->file_bytes);
}

}  // namespace

Status RecoverInstance(const std::string& datadir) {
  storage::RedoLogState* log = storage::RedoLog();
  Status s = MakeDir(datadir + "/redo");
  if (s.ok()) s = MakeDir(datadir + "/data");
  if (!s.ok()) return s;
  const int64_t t0 = MonotonicMicros();
  txn::RedoApplier applier;
  storage::Lsn start = kStreamStart;
  const std::string data_file = log->data_file;
  if (Exists(data_file)) {
    storage::CheckpointRedo header;
    s = txn::LoadDataFile(data_file, &applier, &header);
    if (!s.ok()) return s;
    start = header.start_lsn;
    if (header.next_object_id > 0) storage::NoteObjectId(header.next_object_id - 1);
    log->checkpoint_lsn.store(start);
    log->checkpoint_number.store(header.number);
    log->checkpoint_time.store(header.time);
    struct stat st;
    if (stat(data_file.c_str(), &st) == 0) log->data_file_bytes.store(uint64_t(st.st_size));
    AlertLog::Write("Loaded data file " + data_file + " of checkpoint " + std::to_string(header.number) +
                    " (" + std::to_string(applier.stats().rows) + " rows) in " +
                    Seconds(MonotonicMicros() - t0) + " s");
  }
  std::vector<std::string> paths;
  bool any_log = false;
  for (int32_t g = 0; g < log->groups; ++g) {
    paths.push_back(storage::LogFilePath(g));
    storage::LogFileHeader h;
    if (storage::ReadLogHeader(paths.back(), &h) && int32_t(h.group) == g) {
      any_log = true;
      log->group[g].sequence.store(h.sequence);
      log->group[g].first_lsn.store(h.first_lsn);
      log->group[g].first_time.store(h.time);
    }
  }
  if (!any_log) {
    if (start != kStreamStart) {
      return Status::Error("ORA-00313: open failed for members of every log group: the redo from byte " +
                           std::to_string(start) + " the data file needs is not in " + datadir + "/redo");
    }
    for (int32_t g = 1; g < log->groups; ++g) {
      s = storage::CreateLogFile(paths[g], storage::LogFileHeader{uint32_t(g), 0, 0, 0}, log->file_bytes);
      if (!s.ok()) return s;
    }
    s = StartSequence(0, 1, start);
    if (!s.ok()) return s;
    storage::RedoSetStart(start);
    log->checkpoint_lsn.store(start);
    AlertLog::Write("Created " + std::to_string(log->groups) + " online redo log groups of " +
                    std::to_string(log->file_bytes) + " bytes in " + datadir + "/redo");
    return Status::OK();
  }
  AlertLog::Write("Beginning crash recovery of 1 threads\n  replaying redo from byte " + std::to_string(start));
  const int64_t t1 = MonotonicMicros();
  const txn::RedoApplyStats before = applier.stats();
  storage::RedoScanResult scan;
  s = storage::ScanRedo(paths, start, log->buffer_size,
                        [&](storage::Lsn, std::string_view payload) { return applier.Apply(payload); }, &scan);
  if (!s.ok()) return s;
  applier.Finish();
  txn::RedoApplyStats st = applier.stats();
  st.rows -= before.rows;
  st.ddl -= before.ddl;
  if (scan.tail_discarded) AlertLog::Write("Recovery: " + scan.tail_detail);
  AlertLog::Write("Completed redo application of " + std::to_string(scan.bytes) + " bytes (" +
                  std::to_string(scan.frames) + " records) in " + Seconds(MonotonicMicros() - t1) +
                  " s: " + std::to_string(st.transactions) + " committed transactions, " +
                  std::to_string(st.rows) + " row changes, " + std::to_string(st.ddl) +
                  " catalog changes; " + std::to_string(st.discarded) +
                  " transactions without a commit record were never acknowledged and are dropped" +
                  (st.missing_table > 0 ? "; " + std::to_string(st.missing_table) +
                                              " row changes for tables dropped since were skipped"
                                        : std::string()));
  storage::RedoSetStart(scan.end);
  if (scan.end < log->group[scan.last_group].first_lsn.load()) {
    // The stream ended in a frame LGWR's last write left torn across a log switch (or
    // several, for a frame larger than a file): the files that start after the end hold
    // nothing valid, and a new sequence after them would start before them (ORA-00353 at
    // the next start). The oldest of them begins again at the end of the stream under its
    // own sequence, the others become unused; the torn frame's first part lies past the
    // end of the file before.
    int32_t first = -1;
    for (int32_t g = 0; g < log->groups; ++g) {
      const uint64_t seq = log->group[g].sequence.load();
      if (seq == 0 || log->group[g].first_lsn.load() <= scan.end) continue;
      if (first < 0 || seq < log->group[first].sequence.load()) first = g;
    }
    const uint64_t seq = log->group[first].sequence.load();
    for (int32_t g = 0; g < log->groups; ++g) {
      if (g == first || log->group[g].sequence.load() <= seq) continue;
      s = storage::CreateLogFile(paths[g], storage::LogFileHeader{uint32_t(g), 0, 0, 0}, log->file_bytes);
      if (!s.ok()) return s;
      log->group[g].sequence.store(0);
      log->group[g].first_lsn.store(0);
    }
    s = StartSequence(first, seq, scan.end);
    if (!s.ok()) return s;
    storage::RedoAppend({storage::EncodeMarker(storage::RedoType::kInstanceStart)});
    AlertLog::Write("Completed crash recovery at redo byte " + std::to_string(scan.end) + " in " +
                    Seconds(MonotonicMicros() - t0) + " s\nThread 1 opened at log sequence " +
                    std::to_string(seq) + " (begun again at the end of the redo)");
    return Status::OK();
  }
  // Go on in a new sequence (in the group after the newest), checkpointing first if that
  // group's redo is still needed.
  const int32_t next = (scan.last_group + 1) % log->groups;
  const uint64_t next_seq = log->group[next].sequence.load();
  bool reusable = next_seq == 0;
  for (int32_t g = 0; g < log->groups && !reusable; ++g) {
    if (log->group[g].sequence.load() == next_seq + 1) {
      reusable = log->group[g].first_lsn.load() <= log->checkpoint_lsn.load();
    }
  }
  if (!reusable) {
    s = TakeCheckpoint();
    if (!s.ok()) return s;
  }
  s = StartSequence(next, scan.last_sequence + 1, scan.end);
  if (!s.ok()) return s;
  // Transactions that wrote part of their commit redo before the crash never finish: a
  // later recovery must not take a new transaction reusing one's XID for it.
  storage::RedoAppend({storage::EncodeMarker(storage::RedoType::kInstanceStart)});
  AlertLog::Write("Completed crash recovery at redo byte " + std::to_string(scan.end) + " in " +
                  Seconds(MonotonicMicros() - t0) + " s\nThread 1 opened at log sequence " +
                  std::to_string(scan.last_sequence + 1) + "\n  Current log# " +
                  std::to_string(next + 1) + " seq# " + std::to_string(scan.last_sequence + 1) +
                  " mem# 0: " + storage::LogFilePath(next));
  return Status::OK();
}

}  // namespace warden::proc
