// ROWNUM and OFFSET/FETCH (see row_limit_operators.h).
#include "sql/row_limit_operators.h"

#include "sql/evaluator.h"

namespace warden::sql {

RownumOperator::RownumOperator(std::unique_ptr<Operator> child, int slot,
                               std::vector<std::unique_ptr<BoundExpr>> conditions, bool rownum_only,
                               ExecContext& ctx)
    : child_(std::move(child)),
      slot_(slot),
      conditions_(std::move(conditions)),
      rownum_only_(rownum_only),
      ctx_(ctx) {}

bool RownumOperator::Next(Row* row) {
  // Bounded by the child's rows.
  while (!done_ && child_->Next(row)) {
    ctx_.CheckInterrupts();
    (*row)[slot_] = Value::FromInt(returned_ + 1);
    bool keep = true;
    for (const auto& c : conditions_) {
      if (EvaluateCondition(*c, *row, ctx_) != Tri::kTrue) {
        keep = false;
        break;
      }
    }
    if (keep) {
      ++returned_;
      return true;
    }
    if (rownum_only_) done_ = true;
  }
  return false;
}

void RownumOperator::Rewind() {
  child_->Rewind();
  returned_ = 0;
  done_ = false;
}

OffsetFetchOperator::OffsetFetchOperator(std::unique_ptr<Operator> child, int64_t offset,
                                         int64_t limit, ExecContext& ctx)
    : child_(std::move(child)), offset_(offset), limit_(limit), ctx_(ctx) {}

bool OffsetFetchOperator::Next(Row* row) {
  if (limit_ >= 0 && returned_ >= limit_) return false;
  // Bounded by offset_ and the child's rows.
  while (skipped_ < offset_) {
    ctx_.CheckInterrupts();
    if (!child_->Next(row)) return false;
    ++skipped_;
  }
  if (!child_->Next(row)) return false;
  ++returned_;
  return true;
}

void OffsetFetchOperator::Rewind() {
  child_->Rewind();
  skipped_ = 0;
  returned_ = 0;
}

}  // namespace warden::sql
