// Kills that always finish (DESIGN.md §5 step 5): a session marked KILLED (KILL or DISCONNECT)
// that has not ended within kill_escalation_timeout is escalated by PMON: its current wait and
// wait history go to a trace file (DATADIR/trace/<instance>_ora_<spid>.trc, Oracle's name),
// the alert log says so, and its OS process is killed; PMON's ordinary clean-up of a dead
// process then frees everything it held. kill_escalation_timeout = 0 keeps Oracle's behaviour
// (a stuck session stays KILLED until someone with OS access kills it).
// Short stacks in the trace come with ORADEBUG (the PMON issue).
#pragma once

#include <cstdint>

namespace warden::proc {

// PMON: escalates every overdue killed session; returns the microseconds until the next
// pending deadline (INT64_MAX when none).
int64_t EscalateOverdueKills();

}  // namespace warden::proc
