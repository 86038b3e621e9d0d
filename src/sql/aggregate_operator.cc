// Grouping and group functions (see aggregate_operator.h).
#include "sql/aggregate_operator.h"

#include "common/ora_error.h"
#include "sql/evaluator.h"

namespace warden::sql {

AggregateOperator::AggregateOperator(std::unique_ptr<Operator> child,
                                     std::vector<std::unique_ptr<BoundExpr>> keys,
                                     std::vector<AggregateCall> calls, bool scalar,
                                     ExecContext& ctx)
    : child_(std::move(child)),
      keys_(std::move(keys)),
      calls_(std::move(calls)),
      scalar_(scalar),
      ctx_(ctx) {}

void Accumulator::Add(const AggregateCall& call, Value v) {
  if (call.arg == nullptr) {  // COUNT(*)
    ++count_;
    return;
  }
  if (v.is_null()) return;
  if (call.distinct) {
    std::string key;
    AppendGroupingKey(v, &key);
    if (!seen_.insert(std::move(key)).second) return;
  }
  ++count_;
  switch (call.kind) {
    case AggregateKind::kCount:
      break;
    case AggregateKind::kSum:
    case AggregateKind::kAvg:
      sum_ = Number::Add(sum_, ToNumber(v));
      break;
    case AggregateKind::kMin:
    case AggregateKind::kMax: {
      if (extreme_.is_null()) {
        extreme_ = std::move(v);
        break;
      }
      const int c = Compare(v, extreme_).value_or(0);
      if (call.kind == AggregateKind::kMin ? c < 0 : c > 0) extreme_ = std::move(v);
      break;
    }
  }
}

Value Accumulator::Result(const AggregateCall& call) const {
  switch (call.kind) {
    case AggregateKind::kCount:
      return Value::FromInt(count_);
    case AggregateKind::kSum:
      return count_ == 0 ? Value::Null() : Value::Num(sum_);
    case AggregateKind::kAvg:
      return count_ == 0 ? Value::Null()
                         : Value::Num(Number::Divide(sum_, Number::FromInt64(count_)));
    case AggregateKind::kMin:
    case AggregateKind::kMax:
      return ConvertTo(extreme_, call.type);
  }
  throw OraError::Make(600, {"aggregate: unknown function"});
}

void AggregateOperator::Accumulate(const Row& input, Group* g) {
  for (size_t i = 0; i < calls_.size(); ++i) {
    const AggregateCall& call = calls_[i];
    g->states[i].Add(call, call.arg == nullptr ? Value() : Evaluate(*call.arg, input, ctx_));
  }
}

void AggregateOperator::Load() {
  std::unordered_map<std::string, size_t> index;  // grouping key -> groups_
  if (scalar_) groups_.push_back(Group{{}, std::vector<Accumulator>(calls_.size())});
  Row input;
  std::string key;
  // Bounded by the input.
  while (child_->Next(&input)) {
    ctx_.CheckInterrupts();
    Group* g = nullptr;
    if (scalar_) {
      g = &groups_[0];
    } else {
      Row values;
      key.clear();
      for (const auto& k : keys_) {
        values.push_back(Evaluate(*k, input, ctx_));
        AppendGroupingKey(values.back(), &key);
      }
      auto [it, fresh] = index.emplace(key, groups_.size());
      if (fresh)
        groups_.push_back(Group{std::move(values), std::vector<Accumulator>(calls_.size())});
      g = &groups_[it->second];
    }
    Accumulate(input, g);
  }
  loaded_ = true;
}

bool AggregateOperator::Next(Row* row) {
  if (!loaded_) Load();
  if (next_ >= groups_.size()) return false;
  Group& g = groups_[next_++];
  *row = std::move(g.keys);
  for (size_t i = 0; i < calls_.size(); ++i) row->push_back(g.states[i].Result(calls_[i]));
  return true;
}

void AggregateOperator::Rewind() {
  child_->Rewind();
  loaded_ = false;
  groups_.clear();
  next_ = 0;
}

}  // namespace warden::sql
