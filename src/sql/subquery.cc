// Subquery evaluation (see subquery.h).
#include "sql/subquery.h"

#include "common/ora_error.h"

namespace warden::sql {
namespace {

// Pushes the outer row for the duration of one run, popping it also on an exception.
class OuterRowGuard {
 public:
  OuterRowGuard(ExecContext& ctx, const std::vector<Value>& row) : ctx_(ctx) {
    ctx_.outer_rows.push_back(&row);
  }
  ~OuterRowGuard() { ctx_.outer_rows.pop_back(); }
  OuterRowGuard(const OuterRowGuard&) = delete;
  OuterRowGuard& operator=(const OuterRowGuard&) = delete;

 private:
  ExecContext& ctx_;
};

}  // namespace

Subquery::Subquery(QueryPlan plan) : plan_(std::move(plan)) {
  if (plan_.correlated) {
    for (ScanOperator* scan : plan_.scans) scan->KeepRows();
  }
}

void Subquery::Run(const std::vector<Value>& outer, ExecContext& ctx, size_t limit) {
  if (cached_) return;
  if (!plan_.correlated) limit = 0;  // read everything once and keep it
  OuterRowGuard guard(ctx, outer);
  if (ran_) plan_.root->Rewind();
  ran_ = true;
  rows_.clear();
  Row row;
  // Bounded by the subquery's input (and by limit).
  while ((limit == 0 || rows_.size() < limit) && plan_.root->Next(&row)) {
    ctx.CheckInterrupts();
    rows_.push_back(std::move(row[0]));
  }
  cached_ = !plan_.correlated;
}

Value Subquery::Scalar(const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 2);
  if (rows_.size() > 1) throw OraError::Make(1427);
  return rows_.empty() ? Value::Null() : rows_[0];
}

bool Subquery::Exists(const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 1);
  return !rows_.empty();
}

const std::vector<Value>& Subquery::Values(const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 0);
  return rows_;
}

Tri Subquery::In(const Value& v, const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 0);
  if (rows_.empty()) return Tri::kFalse;
  if (v.is_null()) return Tri::kUnknown;
  // Equal grouping keys mean equal values only within one type; other pairs compare with
  // Oracle's implicit conversion, one by one.
  if (cached_ && !keys_built_) {
    for (const Value& r : rows_) {
      ctx.CheckInterrupts();
      if (r.is_null()) {
        has_null_ = true;
      } else if (r.type() == column_type()) {
        std::string key;
        AppendGroupingKey(r, &key);
        keys_.insert(std::move(key));
      } else {
        hash_usable_ = false;
      }
    }
    keys_built_ = true;
  }
  if (cached_ && hash_usable_ && v.type() == column_type()) {
    std::string key;
    AppendGroupingKey(v, &key);
    if (keys_.count(key) != 0) return Tri::kTrue;
    return has_null_ ? Tri::kUnknown : Tri::kFalse;
  }
  Tri result = Tri::kFalse;
  for (const Value& r : rows_) {
    ctx.CheckInterrupts();
    const std::optional<int> c = Compare(v, r);
    if (!c) {
      result = Tri::kUnknown;
    } else if (*c == 0) {
      return Tri::kTrue;
    }
  }
  return result;
}

}  // namespace warden::sql
