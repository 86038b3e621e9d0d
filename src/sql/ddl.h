// DDL: CREATE/DROP TABLE, TRUNCATE TABLE, CREATE/DROP INDEX. As in Oracle, a DDL statement
// commits the session's open transaction first and is itself committed when it returns.
#pragma once

#include <string>

#include "sql/ast.h"
#include "sql/session_context.h"

namespace warden::sql {

// Runs a DDL statement; returns the CommandComplete tag ("CREATE TABLE").
std::string ExecuteDdl(const Statement& stmt, SessionContext& session);

}  // namespace warden::sql
