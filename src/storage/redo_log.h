// The redo log's shared state (DESIGN §8): the log buffer in the SGA, where committers copy
// their records; the positions LGWR has made durable; the online log groups; the last
// checkpoint; and the redo statistics (V$SYSSTAT).
//
// Positions are Lsn, byte offsets in the redo stream (redo_format.h). Invariants:
//   flushed <= copied_end <= flushed + buffer size
//   [flushed, copied_end) is in the buffer at (lsn mod size) and not yet on disk;
//   everything below flushed is on disk (fdatasync'd) in the online log files.
// A writer reserves and copies under the "redo allocation" latch and publishes its frames
// with one store of copied_end, so a writer that dies mid-copy leaves nothing published.
//
// The commit protocol: a commit record is published, then the transaction's commit_lsn is
// set (both under the latch); a transaction whose commit_lsn is set is committed even if
// its process dies before its commit point (PMON finishes the commit). The latch's recovery
// hook settles a holder that died between the two stores.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/redo_format.h"

namespace warden::storage {

constexpr int kMaxLogGroups = 16;

struct LogGroupInfo {
  std::atomic<uint64_t> sequence;  // 0: never used
  std::atomic<Lsn> first_lsn;      // stream position of its first data byte
  std::atomic<int64_t> first_time; // wall seconds
};

// Redo statistics, as V$SYSSTAT names them.
struct RedoStats {
  std::atomic<uint64_t> user_commits;
  std::atomic<uint64_t> redo_entries;     // frames copied into the buffer
  std::atomic<uint64_t> redo_size;        // bytes copied into the buffer
  std::atomic<uint64_t> redo_writes;      // LGWR writes (each ends with an fdatasync)
  std::atomic<uint64_t> redo_blocks_written;  // 512-byte blocks
  std::atomic<uint64_t> redo_synch_writes;    // committers that had to wait for LGWR
  std::atomic<uint64_t> redo_log_space_requests;  // writers that waited for buffer space
  std::atomic<uint64_t> log_switches;
  std::atomic<uint64_t> checkpoints_completed;
};

struct RedoLogState {
  uint64_t buffer_size;  // a power of two
  uint8_t* buffer;
  std::atomic<Lsn> copied_end;
  std::atomic<Lsn> flushed;
  // The commit record being published by the latch holder (see the commit protocol).
  std::atomic<std::atomic<Lsn>*> pending_commit;
  std::atomic<Lsn> pending_pos;
  // Online log groups (files DATADIR/redo/redoNN.log).
  int32_t groups;
  uint64_t file_bytes;  // configured size of each file, header included
  char dir[512];
  LogGroupInfo group[kMaxLogGroups];
  std::atomic<int32_t> current_group;  // 0-based
  std::atomic<uint64_t> switch_requests;  // ALTER SYSTEM SWITCH LOGFILE
  std::atomic<uint64_t> switches_done;
  // The last completed checkpoint: recovery replays the stream from checkpoint_lsn.
  std::atomic<Lsn> checkpoint_lsn;
  std::atomic<uint64_t> checkpoint_number;
  std::atomic<int64_t> checkpoint_time;
  std::atomic<uint64_t> checkpoint_requests;
  std::atomic<uint64_t> checkpoints_done;  // requests served (CKPT stores the request it served)
  char data_file[512];
  std::atomic<uint64_t> data_file_bytes;
  RedoStats stats;
  // DBMS_FAULT.CRASH_AT('LGWR_SWITCH'): LGWR SIGKILLs itself in its next write that crosses
  // a log switch, after the switch and before the rest of the write (cleared first).
  std::atomic<uint32_t> crash_lgwr_at_switch;
};

// Supervisor, once after the heap: the state with a buffer of `buffer_size` bytes (rounded
// up to a power of two) and the groups' layout.
void RedoLogInit(uint64_t buffer_size, int32_t groups, uint64_t file_bytes, const std::string& dir);
// nullptr when the process runs without redo (unit tests of the layers above).
RedoLogState* RedoLog();
std::string LogFilePath(int32_t group);  // 0-based group

// Recovery, before anything writes: the stream goes on from `lsn`.
void RedoSetStart(Lsn lsn);

// Copies records (payloads) into the buffer, waiting on 'log buffer space' while it is
// full. Returns the stream position after the last one.
Lsn RedoAppend(const std::vector<std::string>& payloads);
// Copies one commit record and sets *commit_lsn to the position after it (the commit
// protocol above). Returns that position.
Lsn RedoAppendCommit(std::string_view payload, std::atomic<Lsn>* commit_lsn);
// Wakes LGWR (it writes what is in the buffer).
void RedoKick();
// Copies the records and waits until they are durable (DDL: no commit record of its own).
void RedoWriteDurably(const std::vector<std::string>& payloads);
// Waits on 'log file sync' until the stream is durable up to `upto` (posts LGWR).
void RedoSync(Lsn upto);

// Fault injection (DBMS_FAULT.CRASH_AT('REDO_COPY')): the calling process SIGKILLs itself in
// its next commit record's copy, after publishing it and before the transaction's commit_lsn
// is set, holding the redo allocation latch (the latch's recovery hook must settle it).
void ArmCrashInCommitRecord();

// LGWR: the durable position moved to `lsn`; wakes the committers waiting for it.
void RedoMarkFlushed(Lsn lsn);

}  // namespace warden::storage
