// Prepared statements and portals: the SQL layer's side of the extended query protocol
// (Parse / Bind / Describe / Execute), also used once per call by ExecuteStatement.
//
//   PreparedStatement::Prepare(sql)   parse once; ParamCount(), Describe() before any run
//     --Bind(binds)-->  Portal         bind values fixed, query planned (names resolved)
//     Portal::Run(sink, max_rows)      rows in batches of max_rows; complete once
//
// Bind variables: each distinct name (":name", ":1", "$1") is one parameter, in order of
// first appearance, as Oracle binds by name; when every name is a number ($1, :2), the number
// is the parameter's position (PostgreSQL's rule, so "$2 ... $1" takes the second value
// first). Values arrive as text and are VARCHAR2 values (NULL for a SQL NULL or ''), which
// Oracle's implicit conversions turn into what each use needs. Too few values: ORA-01008;
// too many: ORA-01006.
// Process-local; a Portal belongs to one session and must not outlive the Catalog and the
// SessionContext it was bound with.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/executor.h"
#include "sql/relation.h"
#include "sql/select_planner.h"
#include "sql/session_context.h"
#include "storage/shm_heap.h"

namespace warden::sql {

using BindValues = std::vector<std::optional<std::string>>;  // nullopt = SQL NULL

// One execution of a prepared statement with its bind values.
class Portal {
 public:
  struct Outcome {
    bool suspended = false;  // max_rows rows were sent and more may follow
    std::string tag;         // when complete: the CommandComplete tag ("" = empty statement)
  };

  Portal(std::shared_ptr<const Statement> statement, std::vector<Value> binds, Catalog& catalog,
         SessionContext& session);
  ~Portal();  // a statement still open (a suspended query) ends successfully here
  Portal(const Portal&) = delete;
  Portal& operator=(const Portal&) = delete;

  // The columns of its rows; nullopt when the statement returns none.
  std::optional<std::vector<ColumnDef>> Columns() const;

  // Runs the statement, or continues it after a suspension: sends at most max_rows rows
  // (<= 0: all) to sink.Row (never sink.Columns). Once it completed, ORA-01002.
  Outcome Run(ResultSink& sink, int64_t max_rows);

 private:
  // How a statement ends in the session's transaction: its changes kept, undone
  // (statement-level atomicity), or undone with the whole transaction (after an error that
  // ends the session, which will not go on).
  enum class Ending { kKeep, kUndoStatement, kUndoTransaction };
  // Ends the statement; transaction_status then follows the transaction.
  void EndStatement(Ending how);
  // The statement failed: it is complete, and ends as `how` says.
  void Fail(Ending how);
  Outcome RunStatement(ResultSink& sink, int64_t max_rows);

  // Rows, undo and catalog entries the plan reads stay valid while the portal lives.
  storage::EpochGuard epoch_;
  bool statement_open_ = false;
  std::shared_ptr<const Statement> statement_;  // nullptr: the empty statement
  std::vector<Value> binds_;                    // by slot; ctx_.binds points here
  Catalog& catalog_;
  ExecContext ctx_;  // the plan's operators refer to it: the Portal is never moved
  std::optional<QueryPlan> plan_;
  bool complete_ = false;
};

class PreparedStatement {
 public:
  // Parses sql (OraError with position for a syntax error). Blanks and comments only make
  // the empty statement: it describes as NoData and runs with the tag "".
  static PreparedStatement Prepare(std::string_view sql);

  // The number of bind values Bind expects.
  int ParamCount() const { return param_count_; }

  // The columns the statement returns, found without running it (names resolved against
  // the catalog: ORA-00942, ORA-00904 here); nullopt when it returns no rows.
  std::optional<std::vector<ColumnDef>> Describe(Catalog& catalog, SessionContext& session) const;

  // Fixes the bind values (ORA-01008 too few, ORA-01006 too many) and plans the statement.
  std::unique_ptr<Portal> Bind(Catalog& catalog, SessionContext& session,
                               const BindValues& binds) const;

  // Bind, then run to completion: the columns (if any) then every row go to sink. Returns
  // the CommandComplete tag.
  std::string Execute(Catalog& catalog, SessionContext& session, const BindValues& binds,
                      ResultSink& sink) const;

 private:
  std::shared_ptr<const Statement> statement_;  // nullptr: the empty statement
  int param_count_ = 0;
  // Parameter index of each bind slot (Statement::bind_names).
  std::vector<int> slot_params_;
};

}  // namespace warden::sql
