// Set operators (see set_operators.h).
#include "sql/set_operators.h"

namespace warden::sql {

SetOperator::SetOperator(SetOp op, std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
                         ExecContext& ctx)
    : op_(op), left_(std::move(left)), right_(std::move(right)), ctx_(ctx) {}

std::string SetOperator::KeyOf(const Row& row) {
  std::string key;
  for (const Value& v : row) AppendGroupingKey(v, &key);
  return key;
}

void SetOperator::LoadRight() {
  Row r;
  // Bounded by the right input.
  while (right_->Next(&r)) {
    ctx_.CheckInterrupts();
    right_keys_.insert(KeyOf(r));
  }
  right_loaded_ = true;
}

bool SetOperator::Next(Row* row) {
  const bool streams_right = op_ == SetOp::kUnionAll || op_ == SetOp::kUnion;
  if (!streams_right && !right_loaded_) LoadRight();
  // Each pass consumes one input row: bounded by the inputs.
  while (true) {
    ctx_.CheckInterrupts();
    if (!left_done_) {
      if (!left_->Next(row)) {
        left_done_ = true;
        continue;
      }
    } else if (!streams_right || !right_->Next(row)) {
      return false;
    }
    if (op_ == SetOp::kUnionAll) return true;
    std::string key = KeyOf(*row);
    if (op_ == SetOp::kIntersect && right_keys_.count(key) == 0) continue;
    if (op_ == SetOp::kMinus && right_keys_.count(key) != 0) continue;
    if (returned_.insert(std::move(key)).second) return true;
  }
}

void SetOperator::Rewind() {
  left_->Rewind();
  right_->Rewind();
  left_done_ = false;
  right_loaded_ = false;
  right_keys_.clear();
  returned_.clear();
}

}  // namespace warden::sql
