// ALTER SYSTEM SET name = value [SCOPE = MEMORY | SPFILE | BOTH]: MEMORY changes a dynamic
// initialization parameter of the running instance (V$PARAMETER ISSYS_MODIFIABLE = IMMEDIATE) for every process at once;
// SPFILE writes it into the parameter file the instance starts from (DATADIR/warden.conf,
// Warden's server parameter file), for any parameter, static ones included; BOTH does both
// and is the default, as Oracle's for an instance started from an SPFILE.
// The change goes to the alert log as Oracle writes it. Needs ALTER SYSTEM.
// Errors as Oracle's: ORA-02065 (no such parameter), ORA-02095 (a static one in memory),
// ORA-00068 / ORA-00096 / ORA-02017 (a bad value), ORA-27041 / ORA-27072 (the file).
#pragma once

#include "sql/ast.h"
#include "sql/session_context.h"

namespace warden::sql {

void ExecuteSystemSet(const SystemSetStatement& stmt, const SessionContext& session);

}  // namespace warden::sql
