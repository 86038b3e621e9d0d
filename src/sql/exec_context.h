// What one statement's execution carries everywhere: the session, the statement's
// timestamp (SYSDATE is fixed for the whole statement, as in Oracle), and the interrupt
// check every row-producing loop makes.
#pragma once

#include <cstdint>
#include <vector>

#include "common/ora_error.h"

#include "sql/session_context.h"
#include "sql/value.h"
#include "wait/interrupts.h"

namespace warden::sql {

struct ExecContext {
  SessionContext* session = nullptr;
  int64_t sysdate = 0;  // DATE seconds (local civil time) at statement start
  // SYSTIMESTAMP: the same instant in microseconds (sysdate * 10^6 + fraction).
  int64_t systimestamp = 0;
  // The bind variables' values by slot (Statement::bind_names); nullptr when none were bound.
  const std::vector<Value>* binds = nullptr;

  // ORA-01008 when the statement runs without a value for that slot.
  const Value& BindVariable(int slot) const {
    if (binds == nullptr || slot < 0 || static_cast<size_t>(slot) >= binds->size()) {
      throw OraError::Make(1008);
    }
    return (*binds)[static_cast<size_t>(slot)];
  }
  // The rows of the enclosing queries while a correlated subquery runs, innermost last:
  // a reference to the query `level` levels out reads outer_rows[size - level]. Pushed
  // and popped by Subquery (subquery.h) around each run.
  std::vector<const std::vector<Value>*> outer_rows;

  // Called once per row in every executor loop; may throw OraError (kill, cancel). Inline:
  // two loads and a branch on the process's interrupt word (wait/interrupts.h); compiled to
  // nothing in a build without instrumentation.
  void CheckInterrupts() const { wait::CheckInterrupts(); }
};

}  // namespace warden::sql
