// The data file a checkpoint writes (DATADIR/data/warden01.dbf): every table's definition,
// indexes, committed rows and grants, as redo records in frames (storage/redo_format.h)
// whose positions are their file offsets, between a kCheckpointHeader and a kCheckpointEnd.
// The header names the redo position recovery replays from. A file is written whole under a
// temporary name and renamed into place, so the one in place is always complete; a file
// that is not (corruption) is a clear error at start.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "storage/redo_format.h"
#include "txn/redo_apply.h"

namespace warden::txn {

struct DataFileStats {
  uint64_t tables = 0;
  uint64_t rows = 0;
  uint64_t bytes = 0;
};

// Writes the committed state of every table to `path` (fsync'd), headed by `header`.
// Runs beside sessions: each row's committed image (txn::VisibleImage with no transaction).
Status WriteDataFile(const std::string& path, const storage::CheckpointRedo& header,
                     DataFileStats* stats);
// Applies a data file through `applier`; *header is its header record.
Status LoadDataFile(const std::string& path, RedoApplier* applier, storage::CheckpointRedo* header);

}  // namespace warden::txn
