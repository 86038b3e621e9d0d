// LGWR, the log writer (DESIGN §8): writes the log buffer to the current online redo log
// file and fdatasyncs it, then wakes the committers waiting on 'log file sync' for what is
// now durable. Whatever accumulated while one write was under way goes out in the next
// (group commit). Switches to the next log group when the current file is full or on
// ALTER SYSTEM SWITCH LOGFILE, and asks CKPT for a checkpoint at each switch. A group whose
// redo the last checkpoint still needs is not reused: the current file then grows past its
// size until the checkpoint completes (Oracle would stall every committer on
// 'log file switch (checkpoint incomplete)' instead).
#pragma once

namespace warden::proc {

int LgwrMain();

}  // namespace warden::proc
