// ORADEBUG as SQL statements for SYSDBA (ORA-01031 for anyone else): SETMYPID,
// SETOSPID <spid>, SETORAPID <pid>, WAKEUP <pid>, SHORT_STACK, EVENT IMMEDIATE CRASH,
// DUMP ERRORSTACK <level>, TRACEFILE_NAME. The attached process is the session's. The answer
// is a one-column result (ORADEBUG) of the lines SQL*Plus would print, produced when the
// statement is run (describing it does nothing).
#pragma once

#include <memory>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/relation.h"

namespace warden::sql {

std::unique_ptr<Relation> OradebugRelation(const OradebugStatement& stmt, ExecContext& ctx);

}  // namespace warden::sql
