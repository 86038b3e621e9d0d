// CKPT, the checkpoint process (DESIGN §8): writes the committed state of every table to the
// data file (txn/checkpoint_file.h) and then records, in its header, the redo position from
// which recovery must replay, so that older log files can be reused and a restart replays
// little. Runs when asked (a log switch, ALTER SYSTEM CHECKPOINT, a clean shutdown) and every
// log_checkpoint_timeout seconds.
//
// Why a checkpoint taken while sessions work is sound: recovery starts at the redo position
// read before the copy began (or the first record of a transaction still writing its commit
// redo then), replay sets rows to images, and the copy is made durable only after the redo
// of everything it contains is (so it never holds a commit the log could lose).
#pragma once

#include <string>

#include "common/status.h"

namespace warden::proc {

int CkptMain();

// Takes one checkpoint now (CKPT, or instance recovery before any other process runs).
Status TakeCheckpoint();

// DATADIR/data/warden01.dbf
std::string DataFilePath(const std::string& datadir);

}  // namespace warden::proc
