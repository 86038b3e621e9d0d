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

// Row equality of v and r, three-valued: FALSE when some column differs, else UNKNOWN
// when some column is NULL, else TRUE.
Tri TupleEquals(const std::vector<Value>& v, const Row& r) {
  Tri result = Tri::kTrue;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::optional<int> c = Compare(v[i], r[i]);
    if (!c) {
      result = Tri::kUnknown;
    } else if (*c != 0) {
      return Tri::kFalse;
    }
  }
  return result;
}

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
    rows_.push_back(std::move(row));
  }
  cached_ = !plan_.correlated;
}

Value Subquery::Scalar(const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 2);
  if (rows_.size() > 1) throw OraError::Make(1427);
  return rows_.empty() ? Value::Null() : rows_[0][0];
}

bool Subquery::Exists(const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 1);
  return !rows_.empty();
}

const std::vector<Row>& Subquery::Rows(const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 0);
  return rows_;
}

void Subquery::BuildKeys(ExecContext& ctx) {
  for (size_t r = 0; r < rows_.size(); ++r) {
    ctx.CheckInterrupts();
    std::string key;
    bool has_null = false;
    for (size_t i = 0; i < width(); ++i) {
      const Value& x = rows_[r][i];
      if (x.is_null()) {
        has_null = true;
      } else if (x.type() != column_type(i)) {
        hash_usable_ = false;
      }
      AppendGroupingKey(x, &key);
    }
    if (has_null) {
      rows_with_null_.push_back(r);
    } else {
      keys_.insert(std::move(key));
    }
  }
  keys_built_ = true;
}

Tri Subquery::In(const std::vector<Value>& v, const std::vector<Value>& outer, ExecContext& ctx) {
  Run(outer, ctx, 0);
  if (rows_.empty()) return Tri::kFalse;
  // Equal grouping keys mean equal values only within one type; other pairs compare with
  // Oracle's implicit conversion, one by one.
  bool hashable = cached_;
  for (size_t i = 0; i < v.size() && hashable; ++i) {
    hashable = !v[i].is_null() && v[i].type() == column_type(i);
  }
  if (hashable && !keys_built_) BuildKeys(ctx);
  if (hashable && hash_usable_) {
    std::string key;
    for (const Value& x : v) AppendGroupingKey(x, &key);
    if (keys_.count(key) != 0) return Tri::kTrue;
    // Rows with a NULL never equal v, but may leave the answer unknown.
    for (size_t r : rows_with_null_) {
      ctx.CheckInterrupts();
      if (TupleEquals(v, rows_[r]) == Tri::kUnknown) return Tri::kUnknown;
    }
    return Tri::kFalse;
  }
  Tri result = Tri::kFalse;
  for (const Row& r : rows_) {
    ctx.CheckInterrupts();
    const Tri t = TupleEquals(v, r);
    if (t == Tri::kTrue) return t;
    if (t == Tri::kUnknown) result = t;
  }
  return result;
}

}  // namespace warden::sql
