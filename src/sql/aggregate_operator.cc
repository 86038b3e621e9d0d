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

void AggregateOperator::Accumulate(const Row& input, Group* g) {
  for (size_t i = 0; i < calls_.size(); ++i) {
    const AggregateCall& call = calls_[i];
    State& s = g->states[i];
    if (call.arg == nullptr) {  // COUNT(*)
      ++s.count;
      continue;
    }
    Value v = Evaluate(*call.arg, input, ctx_);
    if (v.is_null()) continue;
    if (call.distinct) {
      std::string key;
      AppendGroupingKey(v, &key);
      if (!s.seen.insert(std::move(key)).second) continue;
    }
    ++s.count;
    switch (call.kind) {
      case AggregateKind::kCount:
        break;
      case AggregateKind::kSum:
      case AggregateKind::kAvg:
        s.sum = Number::Add(s.sum, ToNumber(v));
        break;
      case AggregateKind::kMin:
      case AggregateKind::kMax: {
        if (s.extreme.is_null()) {
          s.extreme = std::move(v);
          break;
        }
        const int c = Compare(v, s.extreme).value_or(0);
        if (call.kind == AggregateKind::kMin ? c < 0 : c > 0) s.extreme = std::move(v);
        break;
      }
    }
  }
}

void AggregateOperator::Load() {
  std::unordered_map<std::string, size_t> index;  // grouping key -> groups_
  if (scalar_) groups_.push_back(Group{{}, std::vector<State>(calls_.size())});
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
      if (fresh) groups_.push_back(Group{std::move(values), std::vector<State>(calls_.size())});
      g = &groups_[it->second];
    }
    Accumulate(input, g);
  }
  loaded_ = true;
}

Value AggregateOperator::Result(const AggregateCall& call, const State& s) const {
  switch (call.kind) {
    case AggregateKind::kCount:
      return Value::FromInt(s.count);
    case AggregateKind::kSum:
      return s.count == 0 ? Value::Null() : Value::Num(s.sum);
    case AggregateKind::kAvg:
      return s.count == 0 ? Value::Null()
                          : Value::Num(Number::Divide(s.sum, Number::FromInt64(s.count)));
    case AggregateKind::kMin:
    case AggregateKind::kMax:
      return ConvertTo(s.extreme, call.type);
  }
  throw OraError::Make(600, {"aggregate: unknown function"});
}

bool AggregateOperator::Next(Row* row) {
  if (!loaded_) Load();
  if (next_ >= groups_.size()) return false;
  Group& g = groups_[next_++];
  *row = std::move(g.keys);
  for (size_t i = 0; i < calls_.size(); ++i) row->push_back(Result(calls_[i], g.states[i]));
  return true;
}

void AggregateOperator::Rewind() {
  child_->Rewind();
  loaded_ = false;
  groups_.clear();
  next_ = 0;
}

}  // namespace warden::sql
