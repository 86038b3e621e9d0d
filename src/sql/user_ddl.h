// CREATE/ALTER/DROP USER and GRANT/REVOKE of system and object privileges, with Oracle's
// errors (ORA-01920, 01918, 01917, 01922, 01940, 01952, 01927, 01749, 00990, 01031). Each
// change is published in the SGA user directory at once (a grant takes effect in sessions
// already connected) and written back to the durable user file.
#pragma once

#include <string>

#include "sql/ast.h"
#include "sql/session_context.h"

namespace warden::sql {

std::string ExecuteUserStatement(const UserStatement& stmt, SessionContext& session);
std::string ExecuteGrant(const GrantStatement& stmt, SessionContext& session);

// Turns a password into the stored SCRAM verifier; installed by the process at start (the
// SCRAM code lives in the net layer, above this one).
using PasswordVerifierMaker = std::string (*)(const std::string& password);
void SetPasswordVerifierMaker(PasswordVerifierMaker maker);

}  // namespace warden::sql
