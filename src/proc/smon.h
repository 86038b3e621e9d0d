// SMON, the system monitor: rolls back the dead transactions PMON handed over (those with
// more than _cleanup_rollback_entries undo records), one after another, logging each in the
// alert log. Between jobs it waits on 'smon timer' and is posted when there is work. A
// restarted SMON takes over a recovery its predecessor left unfinished.
#pragma once

namespace warden::proc {

// Recovers every transaction waiting for it; returns how many it finished.
int RecoverDeadTransactions();

// SMON's main; runs in its own forked process until SIGTERM. Returns the exit status.
int SmonMain();

}  // namespace warden::proc
