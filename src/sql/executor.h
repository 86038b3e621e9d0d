// The SQL layer's entry point: parse one statement, plan it, run it, stream its rows to a
// ResultSink. The dedicated server calls ExecuteStatement once per simple-protocol query, and
// the extended protocol goes through PreparedStatement (prepared_statement.h); both reach
// PlanQuery / ExecuteCommand below, the one place that dispatches on the statement kind.
// Relation, Catalog (relation.h) and SessionContext (session_context.h) are part of this
// interface; the lead's fixed views implement Relation and Catalog.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/dual.h"
#include "sql/exec_context.h"
#include "sql/parser.h"
#include "sql/relation.h"
#include "sql/select_planner.h"
#include "sql/session_context.h"
#include "sql/value.h"

namespace warden::sql {

// Receives results as they are produced (the server streams them as DataRow messages).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void Columns(const std::vector<ColumnDef>& cols) = 0;
  virtual void Row(const std::vector<Value>& row) = 0;
};

// Parses and runs one statement; returns the PostgreSQL CommandComplete tag ("SELECT 3").
// Throws OraError on failure (with position() set for parse and name-resolution errors).
// An empty statement (IsEmptyStatement) returns "" and touches neither catalog nor sink.
// A statement with bind variables fails with ORA-01008 (no values are bound here).
std::string ExecuteStatement(std::string_view sql, Catalog& catalog, SessionContext& session,
                             ResultSink& sink);

// A statement that returns rows (SELECT, SHOW) planned, names resolved, not yet run; nullopt
// for every other statement.
std::optional<QueryPlan> PlanQuery(const Statement& stmt, Catalog& catalog, ExecContext& ctx);

// Runs a statement that returns no rows (PlanQuery gave nullopt); returns its tag.
std::string ExecuteCommand(const Statement& stmt, Catalog& catalog, ExecContext& ctx);

}  // namespace warden::sql
