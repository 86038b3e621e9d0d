// Per-session facts SQL functions need (USER, USERENV, SYS_CONTEXT), plus the interrupt
// hook every executor loop calls. Filled by the dedicated server at logon.
#pragma once

#include <cstdint>
#include <string>

namespace warden::txn {
class Transaction;
}
#include "sql/session_settings.h"

namespace warden::sql {

struct SessionContext {
  std::string username;        // "SYS"
  int64_t sid = 0;             // V$SESSION.SID
  int64_t serial = 0;
  std::string instance_name;
  bool sysdba = false;         // may ALTER SYSTEM, use DBMS_FAULT (SYS today)
  txn::Transaction* txn = nullptr;  // the session's transaction (txn/transaction.h)
  int32_t oradebug_proc = -1;       // ORADEBUG SETMYPID/SETOSPID/SETORAPID: the process slot
  SessionSettings settings;                // SET / SHOW (PostgreSQL clients)
  // The transaction status ReadyForQuery reports: 'I' idle (no transaction block), 'T' in a
  // transaction block, 'E' in a failed block. The transaction statements set it.
  char transaction_status = 'I';
};

}  // namespace warden::sql
