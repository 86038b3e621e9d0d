// The executor's iterators (see operators.h).
#include "sql/operators.h"

#include <algorithm>

#include "common/ora_error.h"
#include "sql/evaluator.h"

namespace warden::sql {

ScanOperator::ScanOperator(std::unique_ptr<Relation> relation, ExecContext& ctx)
    : relation_(std::move(relation)), ctx_(ctx), width_(relation_->columns().size()) {}

bool ScanOperator::Next(Row* row) {
  ctx_.CheckInterrupts();
  if (next_kept_ < kept_.size()) {
    *row = kept_[next_kept_++];
    return true;
  }
  if (exhausted_ || !relation_->Next(row)) {
    exhausted_ = true;
    return false;
  }
  if (row->size() != width_) {
    throw OraError::Make(600, {"relation returned " + std::to_string(row->size()) +
                                   " values for " + std::to_string(width_) + " columns"});
  }
  if (rewindable_) {
    kept_.push_back(*row);
    next_kept_ = kept_.size();
  }
  return true;
}

void ScanOperator::Rewind() {
  if (!rewindable_) throw OraError::Make(600, {"rewind of a scan that keeps no rows"});
  next_kept_ = 0;
}

PlaceOperator::PlaceOperator(std::unique_ptr<Operator> child, int offset, int width)
    : child_(std::move(child)), offset_(offset), width_(width) {}

bool PlaceOperator::Next(Row* row) {
  if (!child_->Next(&input_)) return false;
  row->assign(width_, Value());
  for (size_t i = 0; i < input_.size(); ++i) (*row)[offset_ + i] = std::move(input_[i]);
  return true;
}

FilterOperator::FilterOperator(std::unique_ptr<Operator> child,
                               std::unique_ptr<BoundExpr> condition, ExecContext& ctx)
    : child_(std::move(child)), condition_(std::move(condition)), ctx_(ctx) {}

bool FilterOperator::Next(Row* row) {
  // Bounded by the child's rows.
  while (child_->Next(row)) {
    ctx_.CheckInterrupts();
    if (EvaluateCondition(*condition_, *row, ctx_) == Tri::kTrue) return true;
  }
  return false;
}

void FilterOperator::Rewind() { child_->Rewind(); }

ProjectOperator::ProjectOperator(std::unique_ptr<Operator> child,
                                 std::vector<std::unique_ptr<BoundExpr>> exprs, ExecContext& ctx)
    : child_(std::move(child)), exprs_(std::move(exprs)), ctx_(ctx) {}

bool ProjectOperator::Next(Row* row) {
  if (!child_->Next(&input_)) return false;
  ctx_.CheckInterrupts();
  row->clear();
  row->reserve(exprs_.size());
  for (const auto& e : exprs_) row->push_back(Evaluate(*e, input_, ctx_));
  return true;
}

void ProjectOperator::Rewind() { child_->Rewind(); }

SortOperator::SortOperator(std::unique_ptr<Operator> child, std::vector<SortKey> keys,
                           ExecContext& ctx)
    : child_(std::move(child)), keys_(std::move(keys)), ctx_(ctx) {}

void SortOperator::Load() {
  Row r;
  while (child_->Next(&r)) {
    ctx_.CheckInterrupts();
    rows_.push_back(std::move(r));
  }
  // The sort itself checks for interrupts every kCheckEvery comparisons, so a large sort
  // stays interruptible at a negligible cost.
  constexpr uint32_t kCheckEvery = 1024;
  uint32_t comparisons = 0;
  std::stable_sort(rows_.begin(), rows_.end(), [&](const Row& a, const Row& b) {
    if (++comparisons % kCheckEvery == 0) ctx_.CheckInterrupts();
    for (const SortKey& k : keys_) {
      const Value& x = a[k.column];
      const Value& y = b[k.column];
      if (x.is_null() || y.is_null()) {
        if (x.is_null() == y.is_null()) continue;
        return x.is_null() == k.nulls_first;  // the NULL one goes first iff nulls_first
      }
      const int c = CompareForSort(x, y);
      if (c != 0) return k.descending ? c > 0 : c < 0;
    }
    return false;
  });
  loaded_ = true;
}

bool SortOperator::Next(Row* row) {
  if (!loaded_) Load();
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_++]);
  return true;
}

void SortOperator::Rewind() {
  child_->Rewind();
  loaded_ = false;
  rows_.clear();
  next_ = 0;
}

DistinctOperator::DistinctOperator(std::unique_ptr<Operator> child, ExecContext& ctx)
    : child_(std::move(child)), ctx_(ctx) {}

bool DistinctOperator::Next(Row* row) {
  while (child_->Next(row)) {
    ctx_.CheckInterrupts();
    std::string key;
    for (const Value& v : *row) AppendGroupingKey(v, &key);
    if (seen_.insert(std::move(key)).second) return true;
  }
  return false;
}

void DistinctOperator::Rewind() {
  child_->Rewind();
  seen_.clear();
}

KeepColumnsOperator::KeepColumnsOperator(std::unique_ptr<Operator> child, size_t count)
    : child_(std::move(child)), count_(count) {}

bool KeepColumnsOperator::Next(Row* row) {
  if (!child_->Next(row)) return false;
  row->resize(count_);
  return true;
}

void KeepColumnsOperator::Rewind() { child_->Rewind(); }

}  // namespace warden::sql
