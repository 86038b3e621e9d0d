// What one statement's execution carries everywhere: the session, the statement's
// timestamp (SYSDATE is fixed for the whole statement, as in Oracle), and the interrupt
// check every row-producing loop makes.
#pragma once

#include <cstdint>

#include "sql/session_context.h"

namespace warden::sql {

struct ExecContext {
  SessionContext* session = nullptr;
  int64_t sysdate = 0;  // DATE seconds (local civil time) at statement start
  // SYSTIMESTAMP: the same instant in microseconds (sysdate * 10^6 + fraction).
  int64_t systimestamp = 0;

  // Called once per row in every executor loop; may throw OraError (kill, cancel).
  void CheckInterrupts() const {
    if (session->check_interrupts) session->check_interrupts();
  }
};

}  // namespace warden::sql
