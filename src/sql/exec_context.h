// What one statement's execution carries everywhere: the session, the statement's
// timestamp (SYSDATE is fixed for the whole statement, as in Oracle), and the interrupt
// check every row-producing loop makes.
#pragma once

#include <cstdint>
#include <vector>

#include "sql/session_context.h"
#include "sql/value.h"

namespace warden::sql {

struct ExecContext {
  SessionContext* session = nullptr;
  int64_t sysdate = 0;  // DATE seconds (local civil time) at statement start
  // The rows of the enclosing queries while a correlated subquery runs, innermost last:
  // a reference to the query `level` levels out reads outer_rows[size - level]. Pushed
  // and popped by Subquery (subquery.h) around each run.
  std::vector<const std::vector<Value>*> outer_rows;

  // Called once per row in every executor loop; may throw OraError (kill, cancel).
  void CheckInterrupts() const {
    if (session->check_interrupts) session->check_interrupts();
  }
};

}  // namespace warden::sql
