// Per-session facts SQL functions need (USER, USERENV, SYS_CONTEXT), plus the interrupt
// hook every executor loop calls. Filled by the dedicated server at logon.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace warden::txn {
class Transaction;
}

namespace warden::sql {

struct SessionContext {
  std::string username;        // "SYS"
  int64_t sid = 0;             // V$SESSION.SID
  int64_t serial = 0;
  std::string instance_name;
  bool sysdba = false;         // may ALTER SYSTEM, use DBMS_FAULT (SYS today)
  txn::Transaction* txn = nullptr;  // the session's transaction (txn/transaction.h)
  std::function<void()> check_interrupts;  // called per row in every executor loop; may throw OraError
};

}  // namespace warden::sql
