// SET, RESET and SHOW of session settings, the commands PostgreSQL clients send on their own
// (session_settings.h holds the settings):
//   SET [SESSION] name {TO | =} value [, value ...] | DEFAULT     SET TIME ZONE value | DEFAULT
//   RESET name | ALL                                              SHOW name | ALL | TIME ZONE
// A value is a 'string', a [signed] number, or a word (unquoted words are lower-cased, as
// PostgreSQL does). Oracle's own SET statements (SET TRANSACTION, SET ROLE, SET CONSTRAINTS)
// are left to the main parser.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast.h"
#include "sql/lexer.h"
#include "sql/relation.h"
#include "sql/session_context.h"

namespace warden::sql {

// A kSetting statement when the tokens are one of the forms above, nullptr when they are not
// (the caller parses them as SQL). Throws OraError (with position) for a malformed one.
std::unique_ptr<Statement> ParseSettingStatement(const std::vector<Token>& tokens);

// SET or RESET: changes session.settings; returns the CommandComplete tag ("SET", "RESET").
std::string ExecuteSetting(const SettingStatement& statement, SessionContext& session);

// SHOW: one row (name) or every setting (ALL: name, setting, description), as a relation.
std::unique_ptr<Relation> ShowSetting(const SettingStatement& statement,
                                      const SessionContext& session);

}  // namespace warden::sql
