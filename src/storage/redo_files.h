// The online redo log files on disk: each file's header, and reading the redo stream back
// for instance recovery (DESIGN §8).
//
// A log file is a 512-byte header (group, sequence, the stream position of its first data
// byte, CRC-32C) and then a stretch of the redo stream. Sequence k+1 starts where sequence k
// ends, so the files in sequence order are the stream; a frame may continue in the next file.
// LGWR writes a new header (and fdatasyncs it) only when it switches to that file.
//
// Reading: every file but the newest must hold valid frames up to the next file's start
// (an invalid one there is corruption: ORA-00353). In the newest file the first invalid
// frame ends the stream (a torn or corrupt tail, from the write a crash interrupted) unless
// valid frames follow it beyond what one write of LGWR can cover, which is corruption too.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/redo_format.h"

namespace warden::storage {

constexpr size_t kLogHeaderBlock = 512;  // every online log file starts with its header

struct LogFileHeader {
  uint32_t group = 0;  // 0-based
  uint64_t sequence = 0;
  Lsn first_lsn = 0;
  int64_t time = 0;
  // The most LGWR wrote at once into it (the log buffer of the instance that wrote it; 0 if
  // unknown): how far past a torn tail valid redo may still lie without it being corruption.
  uint64_t max_write = 0;
};

// The 512-byte header block.
std::string EncodeLogHeader(const LogFileHeader& h);
bool DecodeLogHeader(std::string_view block, LogFileHeader* h);

// Creates (or truncates) a log file with its header, sized `file_bytes` (sparse), fsync'd.
Status CreateLogFile(const std::string& path, const LogFileHeader& h, uint64_t file_bytes);
// The header of an existing log file; false if it has none valid (never used, torn).
bool ReadLogHeader(const std::string& path, LogFileHeader* h);

struct RedoScanResult {
  Lsn end = 0;          // position after the last valid frame
  uint64_t frames = 0;
  uint64_t bytes = 0;
  bool tail_discarded = false;  // an invalid tail was found (and ignored) in the newest file
  std::string tail_detail;      // what and where, for the alert log
  uint64_t last_sequence = 0;   // the newest file's sequence
  int32_t last_group = -1;
};

// Reads the stream from `start` through the log files `paths` (any order; those without a
// valid header are skipped) and calls `apply` for every frame's payload in order.
// `max_write` is the most LGWR writes at once (the log buffer size; a file's header may
// say more, from an instance that ran with a larger one, and then that counts). Errors: the redo from
// `start` is not in the files, corruption before the tail, or what `apply` returns.
Status ScanRedo(const std::vector<std::string>& paths, Lsn start, uint64_t max_write,
                const std::function<Status(Lsn, std::string_view)>& apply, RedoScanResult* out);

}  // namespace warden::storage
