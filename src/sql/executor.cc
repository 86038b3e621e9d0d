// ExecuteStatement (see executor.h).
#include "sql/executor.h"

#include "common/clock.h"
#include "common/ora_error.h"
#include "sql/binder.h"
#include "sql/date_time.h"
#include "sql/evaluator.h"
#include "sql/exec_context.h"
#include "sql/procedures.h"
#include "sql/select_planner.h"
#include "sql/ddl.h"
#include "sql/dml.h"
#include "sql/session_control.h"
#include "sql/stored_table.h"
#include "sql/table_locks.h"
#include "txn/enqueue.h"
#include "storage/shm_heap.h"
#include "txn/transaction.h"

namespace warden::sql {

namespace {

std::string ExecuteTransactionControl(const TransactionControl& tc, SessionContext& session) {
  if (session.txn == nullptr) throw OraError::Make(600, {"transaction control", "no transaction"});
  txn::Transaction& tx = *session.txn;
  switch (tc.action) {
    case TransactionControl::Action::kCommit:
      tx.Commit();
      return "COMMIT";
    case TransactionControl::Action::kRollback:
      tx.Rollback();
      return "ROLLBACK";
    case TransactionControl::Action::kSavepoint:
      tx.Savepoint(tc.savepoint);
      return "SAVEPOINT";
    case TransactionControl::Action::kRollbackToSavepoint:
      tx.RollbackToSavepoint(tc.savepoint);
      return "ROLLBACK";
    case TransactionControl::Action::kBegin:
      tx.EnsureStarted();
      return "BEGIN";
  }
  return "";
}

std::string ExecuteParsed(const Statement& statement, Catalog& catalog, SessionContext& session,
                          ResultSink& sink);

}  // namespace

std::string ExecuteStatement(std::string_view sql, Catalog& catalog, SessionContext& session,
                             ResultSink& sink) {
  std::unique_ptr<Statement> stmt = ParseStatement(sql);
  if (stmt == nullptr) return "";
  storage::EpochGuard epoch;  // rows and undo read by this statement stay valid until it ends
  if (session.txn == nullptr) return ExecuteParsed(*stmt, catalog, session, sink);
  // Statement-level atomicity: a failing statement undoes only its own changes.
  session.txn->BeginStatement();
  try {
    std::string tag = ExecuteParsed(*stmt, catalog, session, sink);
    session.txn->EndStatement(true);
    return tag;
  } catch (...) {
    session.txn->EndStatement(false);
    throw;
  }
}

namespace {

std::string ExecuteParsed(const Statement& statement, Catalog& catalog, SessionContext& session,
                          ResultSink& sink) {
  const Statement* stmt = &statement;
  ExecContext ctx;
  ctx.session = &session;
  const int64_t now_us = WallMicros();
  ctx.sysdate = LocalCivilSeconds(now_us / kMicrosPerSecond);
  ctx.systimestamp = ctx.sysdate * kMicrosPerSecond + now_us % kMicrosPerSecond;
  switch (stmt->kind) {
    case StatementKind::kSelect: {
      QueryPlan plan = PlanSelect(*stmt->select, catalog, ctx);
      sink.Columns(plan.columns);
      Row row;
      int64_t count = 0;
      // Bounded by the plan's input relations.
      while (plan.root->Next(&row)) {
        sink.Row(row);
        ++count;
      }
      return "SELECT " + std::to_string(count);
    }
    case StatementKind::kCall: {
      const Scope no_tables;
      const std::vector<Value> no_row;
      for (const ProcedureCall& call : stmt->calls) {
        std::vector<Value> args;
        for (const auto& arg : call.args) {
          args.push_back(Evaluate(*BindValue(*arg, no_tables), no_row, ctx));
        }
        CallProcedure(call, args, ctx);
      }
      return "CALL";
    }
    case StatementKind::kSessionControl:
      ExecuteSessionControl(stmt->session_control, session);
      return "ALTER SYSTEM";
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kDropTable:
    case StatementKind::kDropIndex:
    case StatementKind::kTruncateTable:
      return ExecuteDdl(*stmt, session);
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
      return ExecuteDml(*stmt, catalog, ctx);
    case StatementKind::kTransactionControl:
      return ExecuteTransactionControl(stmt->transaction_control, session);
    case StatementKind::kLockTable: {
      const LockTableStatement& lt = *stmt->lock_table;
      storage::TableMeta* t = ResolveTable(lt.table.schema, lt.table.name, session);
      if (t == nullptr || (t->owner != session.username && !session.sysdba)) {
        OraError e = OraError::Make(942);
        e.set_position(lt.table.position);
        throw e;
      }
      if (session.txn != nullptr) session.txn->EnsureStarted();
      int64_t timeout = lt.nowait ? txn::kEnqueueNoWait
                                  : (lt.wait_seconds < 0 ? txn::kEnqueueWaitForever
                                                         : lt.wait_seconds * 1'000'000);
      LockTable(*t, static_cast<txn::LockMode>(lt.mode), timeout);
      return "LOCK TABLE";
    }
  }
  return "";
}

}  // namespace

}  // namespace warden::sql
