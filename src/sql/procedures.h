// Built-in procedures callable with CALL or from an anonymous block (BEGIN p(...); END;):
// the PL/SQL packages DBA scripts use. Arguments arrive evaluated.
//   DBMS_LOCK.SLEEP(seconds), DBMS_SESSION.SLEEP(seconds): wait on 'PL/SQL lock timer'
//   (fractions allowed, 0..3600 s); unlike Oracle's, they end at once when the session is
//   killed, cancelled or the instance shuts down (the interrupt's error is raised).
//   DBMS_FAULT.SPIN(seconds): SYSDBA only, and only with _fault_injection = true: a CPU loop
//   that never checks interrupts, to reproduce the session a kill cannot reach.
#pragma once

#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/value.h"

namespace warden::sql {

// Runs one call. Unknown procedure: ORA-06550 with PLS-00201; wrong arguments: PLS-00306.
void CallProcedure(const ProcedureCall& call, const std::vector<Value>& args, ExecContext& ctx);

}  // namespace warden::sql
