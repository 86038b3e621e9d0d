// DBMS_FAULT: a SYSDBA-only package, enabled by _fault_injection = true, that makes the
// calling session misbehave on purpose, for tests and demonstrations of the bad cases a
// kill must survive (DESIGN §5):
//   SPIN(s)             a CPU loop that never checks interrupts
//   BLOCK(s)            blocked in a system call outside the wait API, deaf to posts
//   HOLD_LATCH(name, s) takes a latch ('table directory', 'enqueues', ...) and keeps it,
//                       deaf to interrupts, so others queue on 'latch free'
//   SLOW_UNDO(s)        every undo record of this session's open and later transactions
//                       takes s seconds longer to apply (a CPU loop, as SPIN's), whoever
//                       applies it (the session, PMON, SMON, a slave): a rollback of known
//                       length, whatever the machine's speed; SLOW_UNDO(0) ends it. A
//                       rollback checks no interrupts: a killed session whose records take
//                       longer than kill_escalation_timeout each is seen making no progress
//                       and escalated, and PMON or SMON then applies the same slow undo
//   CRASH               the process dies at once (SIGKILL to itself), as a segfault would
//                       leave it: PMON cleans up after it
//   CRASH_AT('COMMIT')  dies at the commit point of its next COMMIT (committed, not cleaned
//                       out, the client not told): PMON must finish that commit
//   CRASH_AT('CHANGE', n) dies at its nth row change from now (mid-statement): PMON must
//                       undo the statement's and the transaction's earlier changes
#pragma once

#include <string>
#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/value.h"

namespace warden::sql {

// Runs DBMS_FAULT.<name> if it is one; false when the name is not in the package.
bool CallFaultProcedure(const std::string& name, const ProcedureCall& call,
                        const std::vector<Value>& args, ExecContext& ctx);

}  // namespace warden::sql
