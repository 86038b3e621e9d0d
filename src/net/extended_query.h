// The extended query protocol of one session (Parse, Bind, Describe, Execute, Close; the
// session loop handles Sync and Flush and calls Sync() here): named and unnamed prepared
// statements and portals over the SQL layer's PreparedStatement and Portal.
//
// Invariants:
//  1. After an ERROR-severity failure of any message, every message up to the next Sync is
//     discarded (skipping() is true), as PostgreSQL does; Sync ends that state.
//  2. Sync ends the implicit transaction: all portals are closed, unless a transaction block
//     is open (SessionContext::transaction_status != 'I'). Statements live until Close.
//  3. A Parse or Bind with an empty name replaces the unnamed statement or portal; a named
//     one must be closed before its name is used again (ORA-00955). Unknown names: ORA-01001.
//  4. Only text format is served: binary parameters or results are ORA-03115 (the message
//     fails, the session goes on).
// A FATAL OraError (kill, lost client) and a malformed message (ORA-03137) propagate to the
// caller, which ends the session. Process-local; one per dedicated server session.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "net/pg_frame_reader.h"
#include "net/pg_frontend_messages.h"
#include "net/wire_result.h"
#include "sql/prepared_statement.h"

namespace warden::net {

class ExtendedQuery {
 public:
  ExtendedQuery(sql::Catalog& catalog, sql::SessionContext& session)
      : catalog_(catalog), session_(session) {}

  // True when frame's type is one of P B D E C.
  static bool Handles(char type);
  // True while messages are discarded after an error, until Sync.
  bool skipping() const { return skipping_; }

  // Handles one P B D E C message: its answer (and Execute's rows, through sink) is appended
  // to *out. An ERROR becomes an ErrorResponse and starts skipping.
  void Handle(const PgFrame& frame, std::string* out, WireSink& sink);
  // Sync (invariants 1 and 2).
  void Sync();
  // A simple Query ends the unnamed statement and portal, as in PostgreSQL.
  void DropUnnamed();

 private:
  struct Statement {
    sql::PreparedStatement prepared;
    std::vector<PgOid> param_types;  // one per parameter; 0 = unspecified (sent as text)
  };

  void Parse(const PgParse& m, std::string* out);
  void Bind(const PgBind& m, std::string* out);
  void Describe(const PgDescribe& m, std::string* out);
  void Execute(const PgExecute& m, std::string* out, WireSink& sink);
  void Close(const PgClose& m, std::string* out);

  const Statement& FindStatement(const std::string& name) const;
  sql::Portal& FindPortal(const std::string& name) const;

  sql::Catalog& catalog_;
  sql::SessionContext& session_;
  std::map<std::string, Statement> statements_;                  // "" = the unnamed statement
  std::map<std::string, std::unique_ptr<sql::Portal>> portals_;  // "" = the unnamed portal
  bool skipping_ = false;
};

}  // namespace warden::net
