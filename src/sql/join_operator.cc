// The join operator (see join_operator.h).
#include "sql/join_operator.h"

#include "sql/evaluator.h"

namespace warden::sql {
namespace {

// The hash key of one value: integers (the usual join columns: ids, SIDs) as their eight
// bytes, everything else as its grouping key. Both sides of a join key have one type, and
// a value is an integer or not whichever side it is on, so equal values get equal keys.
void AppendJoinKey(const Value& v, std::string* key) {
  int64_t n = 0;
  if (v.type() == DataType::kNumber && v.number().ToInt64(&n)) {
    key->push_back('i');
    key->append(reinterpret_cast<const char*>(&n), sizeof n);
    return;
  }
  AppendGroupingKey(v, key);
}

}  // namespace

JoinOperator::JoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
                           JoinSpec spec, ExecContext& ctx)
    : left_(std::move(left)),
      right_(std::move(right)),
      spec_(std::move(spec)),
      ctx_(ctx),
      preserve_left_(spec_.kind == JoinKind::kLeft || spec_.kind == JoinKind::kFull),
      preserve_right_(spec_.kind == JoinKind::kRight || spec_.kind == JoinKind::kFull) {}

bool JoinOperator::Key(const std::vector<std::unique_ptr<BoundExpr>>& keys, const Row& row,
                       std::string* key) {
  key->clear();
  for (const auto& k : keys) {
    const Value v = Evaluate(*k, row, ctx_);
    if (v.is_null()) return false;
    AppendJoinKey(v, key);
  }
  return true;
}

void JoinOperator::LoadRight() {
  Row r;
  std::string key;
  // Bounded by the right input.
  while (right_->Next(&r)) {
    ctx_.CheckInterrupts();
    if (!spec_.right_keys.empty() && Key(spec_.right_keys, r, &key)) {
      index_[key].push_back(right_rows_.size());
    }
    right_rows_.push_back(std::move(r));
  }
  right_matched_.assign(preserve_right_ ? right_rows_.size() : 0, false);
  loaded_ = true;
}

bool JoinOperator::StartLeftRow() {
  if (!left_->Next(&combined_)) return false;
  left_matched_ = false;
  next_candidate_ = 0;
  bucket_ = nullptr;
  if (!spec_.left_keys.empty()) {
    std::string key;
    if (Key(spec_.left_keys, combined_, &key)) {
      auto it = index_.find(key);
      if (it != index_.end()) bucket_ = &it->second;
    }
  }
  return true;
}

bool JoinOperator::Next(Row* row) {
  if (!loaded_) LoadRight();
  const bool hashed = !spec_.left_keys.empty();
  const size_t begin = static_cast<size_t>(spec_.right_offset);
  const size_t end = begin + static_cast<size_t>(spec_.right_width);
  // Each pass tries one candidate or finishes one left row: bounded by the inputs.
  while (!left_done_) {
    ctx_.CheckInterrupts();
    if (!have_left_) {
      if (!StartLeftRow()) {
        left_done_ = true;
        break;
      }
      have_left_ = true;
    }
    const size_t candidates =
        hashed ? (bucket_ == nullptr ? 0 : bucket_->size()) : right_rows_.size();
    if (next_candidate_ < candidates) {
      const size_t r = hashed ? (*bucket_)[next_candidate_] : next_candidate_;
      ++next_candidate_;
      const Row& right = right_rows_[r];
      for (size_t i = begin; i < end; ++i) combined_[i] = right[i];
      if (spec_.condition != nullptr &&
          EvaluateCondition(*spec_.condition, combined_, ctx_) != Tri::kTrue) {
        continue;
      }
      left_matched_ = true;
      if (preserve_right_) right_matched_[r] = true;
      *row = combined_;
      return true;
    }
    have_left_ = false;
    if (preserve_left_ && !left_matched_) {
      for (size_t i = begin; i < end; ++i) combined_[i] = Value();
      *row = std::move(combined_);
      return true;
    }
  }
  // Right and full joins: the right rows no left row matched, with NULLs on the left.
  while (preserve_right_ && next_unmatched_right_ < right_rows_.size()) {
    ctx_.CheckInterrupts();
    const size_t r = next_unmatched_right_++;
    if (!right_matched_[r]) {
      *row = right_rows_[r];
      return true;
    }
  }
  return false;
}

void JoinOperator::Rewind() {
  left_->Rewind();
  right_->Rewind();
  loaded_ = false;
  right_rows_.clear();
  right_matched_.clear();
  index_.clear();
  have_left_ = false;
  left_done_ = false;
  bucket_ = nullptr;
  next_candidate_ = 0;
  next_unmatched_right_ = 0;
}

}  // namespace warden::sql
