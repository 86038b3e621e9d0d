// ALTER SYSTEM SET name = value [SCOPE = MEMORY]: changes a dynamic initialization parameter
// of the running instance (V$PARAMETER ISSYS_MODIFIABLE = IMMEDIATE) for every process at
// once, and records the change in the alert log as Oracle does. Needs ALTER SYSTEM.
// Errors as Oracle's: ORA-02065 (no such parameter), ORA-02095 (a static one), ORA-00068 /
// ORA-00096 / ORA-02017 (a bad value), ORA-32001 (SCOPE=SPFILE|BOTH: there is no server
// parameter file yet; warden.conf is edited by hand).
#pragma once

#include "sql/ast.h"
#include "sql/session_context.h"

namespace warden::sql {

void ExecuteSystemSet(const SystemSetStatement& stmt, const SessionContext& session);

}  // namespace warden::sql
