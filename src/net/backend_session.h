// The server side of one client connection, run by a dedicated server process: startup
// (SSLRequest refused with 'N'), SCRAM-SHA-256 authentication, logon (a session slot in the
// SGA), then the query loop until the client leaves or the session must end: simple Query
// messages here, the extended protocol's through ExtendedQuery (extended_query.h), Sync and
// Flush here; ReadyForQuery carries SessionContext::transaction_status and is preceded by a
// ParameterStatus for every reported setting a statement changed.
//
// States and the functions that move between them:
//   Startup --ReadStartup--> Authenticating --Authenticate--> LoggedOn (session slot claimed)
//   LoggedOn --ServeQueries--> Ended
// A protocol error, a failed authentication or a FATAL OraError at any point sends one
// ErrorResponse (FATAL) and ends the connection; an ERROR-severity OraError ends only the
// statement. The session slot is freed on every way out (normal or exception).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "common/ora_error.h"

namespace warden::net {

struct BackendConfig {
  std::string peer;         // "127.0.0.1:53412", V$SESSION.MACHINE
  std::string mock_secret;  // the database's SCRAM mock secret
  size_t max_message_size = 64u << 20;
  struct UserInfo {
    std::string verifier;  // serialized SCRAM verifier
    bool sysdba = false;
    bool locked = false;          // ACCOUNT LOCK: ORA-28000 after the password check
    bool create_session = true;   // without CREATE SESSION: ORA-01045
  };
  // The user as the client named it (the lookup is case-insensitive); nullopt if unknown.
  std::function<std::optional<UserInfo>(const std::string& user)> find_user;
};

// Sends `error` to a client that cannot be served at all (e.g. ORA-00020: no process slot),
// without waiting, and closes fd. For the listener, which must never block on one client.
void RefuseConnection(int fd, const OraError& error);

// Runs the whole connection on `fd` (takes ownership). Returns when the connection is over.
void RunBackendSession(int fd, const BackendConfig& config);

}  // namespace warden::net
