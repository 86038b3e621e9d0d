// ALTER SYSTEM KILL SESSION / DISCONNECT SESSION / CANCEL SQL (DESIGN.md §5).
//   KILL: validate (ORA-00026, 00030, 00027, 00029, 01031 in that order), mark the target
//   KILLED, set its kill interrupt and post it, then wait on 'inactive session' (P1 session#,
//   P2 seconds waited; 1 s at a time, as Oracle) until the target's session is gone or the
//   timeout passes: kill_session_timeout by default, TIMEOUT n, 0 with IMMEDIATE, 5 s with
//   FORCE. On time-out: ORA-00031 (the target stays marked), or with FORCE its OS process is
//   killed and PMON cleans up after it. The target posts the killer when its session is freed,
//   so a quick death returns at once.
//   DISCONNECT ... IMMEDIATE | POST_TRANSACTION: the same without waiting; the client gets
//   ORA-03113 (no transactions exist yet, so POST_TRANSACTION acts at once).
//   CANCEL SQL: the target's current call ends with ORA-01013; the session lives on.
// Every request is written to the alert log in Oracle 19c's layout.
#pragma once

#include "sql/ast.h"
#include "sql/session_context.h"

namespace warden::sql {

// Returns normally when the request succeeded ("System altered."); throws OraError otherwise.
void ExecuteSessionControl(const SessionControl& request, const SessionContext& session);

}  // namespace warden::sql
