// ExecuteStatement, PlanQuery and ExecuteCommand (see executor.h).
#include "sql/executor.h"

#include "sql/binder.h"
#include "sql/evaluator.h"
#include "sql/operators.h"
#include "sql/prepared_statement.h"
#include "sql/procedures.h"
#include "sql/session_control.h"
#include "sql/setting_statement.h"

namespace warden::sql {

std::string ExecuteStatement(std::string_view sql, Catalog& catalog, SessionContext& session,
                             ResultSink& sink) {
  return PreparedStatement::Prepare(sql).Execute(catalog, session, {}, sink);
}

std::optional<QueryPlan> PlanQuery(const Statement& stmt, Catalog& catalog, ExecContext& ctx) {
  switch (stmt.kind) {
    case StatementKind::kSelect:
      return PlanSelect(*stmt.select, catalog, ctx);
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

std::string ExecuteCommand(const Statement& stmt, Catalog&, ExecContext& ctx) {
  switch (stmt.kind) {
    case StatementKind::kSelect:
      break;  // a query: PlanQuery
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
    case StatementKind::kSetting:
      return ExecuteSetting(stmt.setting, *ctx.session);
  }
  throw OraError::Make(600, {"ExecuteCommand: a statement that returns rows"});
}

}  // namespace warden::sql
