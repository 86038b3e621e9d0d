// ALTER SYSTEM SWITCH LOGFILE (LGWR moves to the next online log group; the session waits
// on 'log file switch completion') and ALTER SYSTEM CHECKPOINT (CKPT writes the data file;
// the session waits on 'checkpoint completed'). Both need ALTER SYSTEM (ORA-01031).
#pragma once

#include "sql/ast.h"
#include "sql/session_context.h"

namespace warden::sql {

void ExecuteSystemLog(const SystemLogStatement& stmt, const SessionContext& session);

}  // namespace warden::sql
