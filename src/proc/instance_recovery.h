// Instance recovery at start (DESIGN §8), run by the supervisor before it forks anything:
// the data file of the last checkpoint is loaded, the redo stream is replayed from the
// position it names (committed transactions only: nothing needs rolling back), the log
// groups are read into the SGA, and the stream goes on in a new log sequence so that a torn
// tail left by the crash is never read again. A new database gets its log files here.
// Every step is written to the alert log.
#pragma once

#include <string>

#include "common/status.h"

namespace warden::proc {

// REQUIRES: the SGA, heap, row store, user directory and redo log state exist, and this
// process has its process slot (latches).
Status RecoverInstance(const std::string& datadir);

}  // namespace warden::proc
