// Prepared statements and portals (see prepared_statement.h).
#include "sql/prepared_statement.h"

#include <algorithm>
#include <charconv>

#include "common/clock.h"
#include "common/ora_error.h"
#include "sql/date_time.h"
#include "sga/session_array.h"
#include "sql/parser.h"
#include "sql/sql_id.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

// Most parameters one Bind message can carry.
constexpr int kMaxParams = 65535;

// The position named by an all-digit bind name ("2" -> 2), nullopt for any other name.
std::optional<int> NumberedPosition(const std::string& name) {
  int n = 0;
  const char* end = name.data() + name.size();
  auto [p, ec] = std::from_chars(name.data(), end, n);
  if (name.empty() || ec != std::errc() || p != end) return std::nullopt;
  return n;
}

ExecContext StatementContext(SessionContext& session) {
  ExecContext ctx;
  ctx.session = &session;
  const int64_t now_us = WallMicros();
  ctx.sysdate = LocalCivilSeconds(now_us / kMicrosPerSecond);
  ctx.systimestamp = ctx.sysdate * kMicrosPerSecond + now_us % kMicrosPerSecond;
  return ctx;
}

// Each statement starts with a new statement number (its read view) before it is planned,
// and shows its SQL_ID in V$SESSION while it runs.
SessionContext& BeginStatement(SessionContext& session, const Statement* statement) {
  if (session.txn != nullptr) session.txn->BeginStatement();
  if (sga::SessionSlot* s = sga::MySession(); s != nullptr && statement != nullptr) {
    s->sql_id.store(statement->sql_id, std::memory_order_relaxed);
  }
  return session;
}

}  // namespace

Portal::Portal(std::shared_ptr<const Statement> statement, std::vector<Value> binds,
               Catalog& catalog, SessionContext& session)
    : statement_(std::move(statement)),
      binds_(std::move(binds)),
      catalog_(catalog),
      ctx_(StatementContext(BeginStatement(session, statement_.get()))) {
  statement_open_ = true;
  ctx_.binds = &binds_;
  try {
    if (statement_ != nullptr) plan_ = PlanQuery(*statement_, catalog_, ctx_);
  } catch (...) {
    EndStatement(Ending::kUndoStatement);
    throw;
  }
}

Portal::~Portal() {
  if (!statement_open_) return;
  try {
    EndStatement(Ending::kKeep);
  } catch (...) {  // nothing to undo for a query; never throw from a destructor
  }
}

void Portal::EndStatement(Ending how) {
  statement_open_ = false;
  if (sga::SessionSlot* s = sga::MySession(); s != nullptr && statement_ != nullptr) {
    s->prev_sql_id.store(statement_->sql_id, std::memory_order_relaxed);
    s->sql_id.store(0, std::memory_order_relaxed);
  }
  SessionContext& session = *ctx_.session;
  if (session.txn == nullptr) return;
  if (how == Ending::kUndoTransaction) {
    session.txn->Rollback();
  } else {
    session.txn->EndStatement(how == Ending::kKeep);
  }
  session.transaction_status = session.txn->active() ? 'T' : 'I';
}

void Portal::Fail(Ending how) {
  complete_ = true;
  if (statement_open_) EndStatement(how);
}

std::optional<std::vector<ColumnDef>> Portal::Columns() const {
  if (!plan_) return std::nullopt;
  return plan_->columns;
}

Portal::Outcome Portal::Run(ResultSink& sink, int64_t max_rows) {
  if (complete_) throw OraError::Make(1002);
  try {
    Outcome outcome = RunStatement(sink, max_rows);
    if (complete_) EndStatement(Ending::kKeep);
    return outcome;
  } catch (const OraError& e) {
    // An error that ends the session (a kill) undoes the whole transaction here, before the
    // plan is torn down (a large query's takes a while): the sessions waiting for its locks
    // go on at once, and the session's own end finds nothing left to undo.
    Fail(e.severity() == Severity::kFatal ? Ending::kUndoTransaction : Ending::kUndoStatement);
    throw;
  } catch (...) {
    Fail(Ending::kUndoStatement);
    throw;
  }
}

Portal::Outcome Portal::RunStatement(ResultSink& sink, int64_t max_rows) {
  Outcome outcome;
  if (statement_ == nullptr) {
    complete_ = true;
    return outcome;
  }
  if (!plan_) {
    complete_ = true;  // a command runs once, even when it fails
    outcome.tag = ExecuteCommand(*statement_, catalog_, ctx_);
    return outcome;
  }
  Row row;
  int64_t count = 0;
  // Bounded by the plan's input relations and by max_rows.
  while (max_rows <= 0 || count < max_rows) {
    if (!plan_->root->Next(&row)) {
      complete_ = true;
      // PostgreSQL tags SHOW's answer "SHOW", a query's "SELECT n".
      outcome.tag =
          statement_->kind == StatementKind::kSetting ? "SHOW" : "SELECT " + std::to_string(count);
      return outcome;
    }
    sink.Row(row);
    ++count;
  }
  outcome.suspended = true;
  return outcome;
}

PreparedStatement PreparedStatement::Prepare(std::string_view sql) {
  PreparedStatement p;
  std::unique_ptr<Statement> stmt = ParseStatement(sql);
  if (stmt == nullptr) return p;
  const std::vector<std::string>& names = stmt->bind_names;
  const bool numbered = std::all_of(names.begin(), names.end(), [](const std::string& n) {
    return NumberedPosition(n).has_value();
  });
  for (size_t slot = 0; slot < names.size(); ++slot) {
    int param = static_cast<int>(slot);
    if (numbered) {
      const int position = *NumberedPosition(names[slot]);
      if (position < 1 || position > kMaxParams) throw OraError::Make(1006);
      param = position - 1;
    }
    p.slot_params_.push_back(param);
    p.param_count_ = std::max(p.param_count_, param + 1);
  }
  stmt->sql_id = SqlIdHash(sql);
  p.statement_ = std::move(stmt);
  return p;
}

std::optional<std::vector<ColumnDef>> PreparedStatement::Describe(Catalog& catalog,
                                                                  SessionContext& session) const {
  if (statement_ == nullptr) return std::nullopt;
  storage::EpochGuard epoch;
  ExecContext ctx = StatementContext(session);  // no binds: planning evaluates nothing
  std::optional<QueryPlan> plan = PlanQuery(*statement_, catalog, ctx);
  if (!plan) return std::nullopt;
  return plan->columns;
}

std::unique_ptr<Portal> PreparedStatement::Bind(Catalog& catalog, SessionContext& session,
                                                const BindValues& binds) const {
  if (binds.size() < static_cast<size_t>(param_count_)) throw OraError::Make(1008);
  if (binds.size() > static_cast<size_t>(param_count_)) throw OraError::Make(1006);
  std::vector<Value> by_slot;
  by_slot.reserve(slot_params_.size());
  for (int param : slot_params_) {
    const std::optional<std::string>& text = binds[static_cast<size_t>(param)];
    by_slot.push_back(text ? Value::Varchar(*text) : Value::Null());
  }
  return std::make_unique<Portal>(statement_, std::move(by_slot), catalog, session);
}

std::string PreparedStatement::Execute(Catalog& catalog, SessionContext& session,
                                       const BindValues& binds, ResultSink& sink) const {
  std::unique_ptr<Portal> portal = Bind(catalog, session, binds);
  if (std::optional<std::vector<ColumnDef>> columns = portal->Columns()) sink.Columns(*columns);
  return portal->Run(sink, 0).tag;
}

}  // namespace warden::sql
