// ExecuteStatement (see executor.h).
#include "sql/executor.h"

#include "common/clock.h"
#include "sql/binder.h"
#include "sql/date_time.h"
#include "sql/evaluator.h"
#include "sql/exec_context.h"
#include "sql/procedures.h"
#include "sql/select_planner.h"
#include "sql/session_control.h"

namespace warden::sql {

std::string ExecuteStatement(std::string_view sql, Catalog& catalog, SessionContext& session,
                             ResultSink& sink) {
  std::unique_ptr<Statement> stmt = ParseStatement(sql);
  if (stmt == nullptr) return "";
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
  }
  return "";
}

}  // namespace warden::sql
