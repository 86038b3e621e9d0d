// ExecuteStatement, PlanQuery and ExecuteCommand (see executor.h).
#include "sql/executor.h"

#include "sql/binder.h"
#include "sql/evaluator.h"
#include "sql/operators.h"
#include "sql/prepared_statement.h"
#include "sql/oradebug.h"
#include "sql/privileges.h"
#include "sql/procedures.h"
#include "sql/select_for_update.h"
#include "sql/ddl.h"
#include "sql/dml.h"
#include "sql/session_control.h"
#include "sql/system_log.h"
#include "sql/system_set.h"
#include "sql/setting_statement.h"
#include "sql/stored_table.h"
#include "sql/table_locks.h"
#include "sql/user_ddl.h"
#include "txn/enqueue.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

std::string ExecuteTransactionControl(const TransactionControl& tc, SessionContext& session) {
  if (session.txn == nullptr) throw OraError::Make(600, {"transaction control", "no transaction"});
  txn::Transaction& tx = *session.txn;
  switch (tc.action) {
    case TransactionControl::Action::kCommit:
      tx.Commit({tc.commit_wait, tc.commit_logging});
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

std::string ExecuteLockTable(const LockTableStatement& lt, SessionContext& session) {
  storage::TableMeta* t = ResolveTable(lt.table.schema, lt.table.name, session);
  if (t == nullptr) OraError::ThrowAt(942, lt.table.position);
  // Any privilege on the table lets one lock it (Oracle); LOCK ANY TABLE does for all.
  if (!HasSysPriv(session, storage::kPrivLockAnyTable)) {
    CheckTableAccess(session, *t, storage::kObjSelect, lt.table.position);
  }
  if (session.txn != nullptr) session.txn->EnsureStarted();
  const int64_t timeout = lt.nowait ? txn::kEnqueueNoWait
                                    : (lt.wait_seconds < 0 ? txn::kEnqueueWaitForever
                                                           : lt.wait_seconds * 1'000'000);
  LockTable(*t, static_cast<txn::LockMode>(lt.mode), timeout, session.txn);
  return "LOCK TABLE";
}

}  // namespace

std::string ExecuteStatement(std::string_view sql, Catalog& catalog, SessionContext& session,
                             ResultSink& sink) {
  return PreparedStatement::Prepare(sql).Execute(catalog, session, {}, sink);
}

std::optional<QueryPlan> PlanQuery(const Statement& stmt, Catalog& catalog, ExecContext& ctx) {
  switch (stmt.kind) {
    case StatementKind::kSelect:
      if (stmt.select->for_update) {
        // The catalog is needed only while planning; the relation it opens locks rows on
        // its first read.
        std::unique_ptr<Catalog> locking = ForUpdateCatalogFor(*stmt.select, catalog, ctx);
        return PlanSelect(*stmt.select, *locking, ctx);
      }
      if (std::unique_ptr<Catalog> probe = IndexProbeCatalogFor(*stmt.select, catalog, ctx)) {
        return PlanSelect(*stmt.select, *probe, ctx);
      }
      return PlanSelect(*stmt.select, catalog, ctx);
    case StatementKind::kOradebug: {
      std::unique_ptr<Relation> rows = OradebugRelation(stmt.oradebug, ctx);
      QueryPlan plan;
      plan.columns = rows->columns();
      plan.root = std::make_unique<ScanOperator>(std::move(rows), ctx);
      return plan;
    }
    case StatementKind::kSetting: {
      if (stmt.setting.action != SettingStatement::Action::kShow) break;
      std::unique_ptr<Relation> rows = ShowSetting(stmt.setting, *ctx.session);
      QueryPlan plan;
      plan.columns = rows->columns();
      plan.root = std::make_unique<ScanOperator>(std::move(rows), ctx);
      return plan;
    }
    default:
      break;
  }
  return std::nullopt;
}

std::string ExecuteCommand(const Statement& stmt, Catalog& catalog, ExecContext& ctx) {
  switch (stmt.kind) {
    case StatementKind::kSelect:
    case StatementKind::kOradebug:
      break;  // rows: PlanQuery
    case StatementKind::kCall: {
      const Scope no_tables;
      const std::vector<Value> no_row;
      for (const ProcedureCall& call : stmt.calls) {
        std::vector<Value> args;
        for (const auto& arg : call.args) {
          args.push_back(Evaluate(*BindValue(*arg, no_tables), no_row, ctx));
        }
        CallProcedure(call, args, ctx);
      }
      return "CALL";
    }
    case StatementKind::kSessionControl:
      ExecuteSessionControl(stmt.session_control, *ctx.session);
      return "ALTER SYSTEM";
    case StatementKind::kSystemSet:
      ExecuteSystemSet(stmt.system_set, *ctx.session);
      return "ALTER SYSTEM";
    case StatementKind::kSystemLog:
      ExecuteSystemLog(stmt.system_log, *ctx.session);
      return "ALTER SYSTEM";
    case StatementKind::kSetting:
      return ExecuteSetting(stmt.setting, *ctx.session);
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kDropTable:
    case StatementKind::kDropIndex:
    case StatementKind::kTruncateTable:
      return ExecuteDdl(stmt, *ctx.session);
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
      return ExecuteDml(stmt, catalog, ctx);
    case StatementKind::kTransactionControl:
      return ExecuteTransactionControl(stmt.transaction_control, *ctx.session);
    case StatementKind::kLockTable:
      return ExecuteLockTable(*stmt.lock_table, *ctx.session);
    case StatementKind::kUser:
      return ExecuteUserStatement(*stmt.user, *ctx.session);
    case StatementKind::kGrant:
      return ExecuteGrant(*stmt.grant, *ctx.session);
  }
  throw OraError::Make(600, {"ExecuteCommand: a statement that returns rows"});
}

}  // namespace warden::sql
