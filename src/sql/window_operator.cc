// Analytic functions (see window_operator.h).
#include "sql/window_operator.h"

#include <algorithm>
#include <string>

#include "common/ora_error.h"
#include "sql/aggregate_operator.h"
#include "sql/evaluator.h"

namespace warden::sql {

WindowOperator::WindowOperator(std::unique_ptr<Operator> child, std::vector<WindowCall> calls,
                               ExecContext& ctx)
    : child_(std::move(child)), calls_(std::move(calls)), ctx_(ctx) {}

void WindowOperator::Load() {
  Row r;
  // Bounded by the input.
  while (child_->Next(&r)) {
    ctx_.CheckInterrupts();
    rows_.push_back(std::move(r));
  }
  results_.assign(rows_.size(), std::vector<Value>(calls_.size()));
  for (size_t c = 0; c < calls_.size(); ++c) Compute(c);
  loaded_ = true;
}

void WindowOperator::Compute(size_t c) {
  const WindowCall& call = calls_[c];
  const size_t n = rows_.size();
  // Per row: its partition's key and its ORDER BY values.
  std::vector<std::string> partition(n);
  std::vector<Row> order(n);
  for (size_t i = 0; i < n; ++i) {
    ctx_.CheckInterrupts();
    for (const auto& p : call.partition_by) {
      AppendGroupingKey(Evaluate(*p, rows_[i], ctx_), &partition[i]);
    }
    for (const WindowOrderKey& k : call.order_by)
      order[i].push_back(Evaluate(*k.expr, rows_[i], ctx_));
  }
  // -1, 0, 1 by the ORDER BY keys (NULLs placed as the key says).
  auto compare_order = [&](size_t a, size_t b) {
    for (size_t k = 0; k < call.order_by.size(); ++k) {
      const Value& x = order[a][k];
      const Value& y = order[b][k];
      if (x.is_null() || y.is_null()) {
        if (x.is_null() == y.is_null()) continue;
        return x.is_null() == call.order_by[k].nulls_first ? -1 : 1;
      }
      const int cmp = CompareForSort(x, y);
      if (cmp != 0) return call.order_by[k].descending ? -cmp : cmp;
    }
    return 0;
  };
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; ++i) idx[i] = i;
  constexpr uint32_t kCheckEvery = 1024;  // interrupt checks during the sort, as SortOperator
  uint32_t comparisons = 0;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (++comparisons % kCheckEvery == 0) ctx_.CheckInterrupts();
    if (partition[a] != partition[b]) return partition[a] < partition[b];
    return compare_order(a, b) < 0;
  });
  // One partition [begin, end) of idx at a time; within it, one group of peers at a time.
  size_t begin = 0;
  while (begin < n) {
    size_t end = begin;
    while (end < n && partition[idx[end]] == partition[idx[begin]]) ++end;
    Accumulator acc;
    if (call.kind == WindowKind::kAggregate && call.order_by.empty()) {
      for (size_t i = begin; i < end; ++i) {
        ctx_.CheckInterrupts();
        const AggregateCall& a = call.aggregate;
        acc.Add(a, a.arg == nullptr ? Value() : Evaluate(*a.arg, rows_[idx[i]], ctx_));
      }
    }
    int64_t dense = 0;
    size_t peer_begin = begin;
    while (peer_begin < end) {
      size_t peer_end = peer_begin + 1;
      while (peer_end < end && compare_order(idx[peer_begin], idx[peer_end]) == 0) ++peer_end;
      ++dense;
      if (call.kind == WindowKind::kAggregate && !call.order_by.empty()) {
        for (size_t i = peer_begin; i < peer_end; ++i) {
          const AggregateCall& a = call.aggregate;
          acc.Add(a, a.arg == nullptr ? Value() : Evaluate(*a.arg, rows_[idx[i]], ctx_));
        }
      }
      for (size_t i = peer_begin; i < peer_end; ++i) {
        ctx_.CheckInterrupts();
        Value& out = results_[idx[i]][c];
        switch (call.kind) {
          case WindowKind::kRowNumber:
            out = Value::FromInt(static_cast<int64_t>(i - begin + 1));
            break;
          case WindowKind::kRank:
            out = Value::FromInt(static_cast<int64_t>(peer_begin - begin + 1));
            break;
          case WindowKind::kDenseRank:
            out = Value::FromInt(dense);
            break;
          case WindowKind::kLag:
          case WindowKind::kLead:
            out = Shifted(call, begin, end, i, idx);
            break;
          case WindowKind::kAggregate:
            out = acc.Result(call.aggregate);
            break;
        }
      }
      peer_begin = peer_end;
    }
    begin = end;
  }
}

Value WindowOperator::Shifted(const WindowCall& call, size_t begin, size_t end, size_t i,
                              const std::vector<size_t>& idx) {
  const Row& current = rows_[idx[i]];
  int64_t offset = 1;
  if (call.args.size() > 1) {
    const Value o = Evaluate(*call.args[1], current, ctx_);
    if (o.is_null()) return Value::Null();
    offset = ToNumber(o).Trunc(0).ToInt64Saturating();
    if (offset < 0) throw OraError::Make(1428, {std::string(ToVarchar(o))});
  }
  const int64_t pos = static_cast<int64_t>(i - begin);
  const int64_t size = static_cast<int64_t>(end - begin);
  // Offsets beyond the partition saturate; the target is then simply outside it.
  const int64_t target =
      call.kind == WindowKind::kLag ? pos - std::min(offset, size) : pos + std::min(offset, size);
  if (target >= 0 && target < size) {
    return ConvertTo(Evaluate(*call.args[0], rows_[idx[begin + target]], ctx_), call.type);
  }
  if (call.args.size() > 2) return ConvertTo(Evaluate(*call.args[2], current, ctx_), call.type);
  return Value::Null();
}

bool WindowOperator::Next(Row* row) {
  if (!loaded_) Load();
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_]);
  for (Value& v : results_[next_]) row->push_back(std::move(v));
  ++next_;
  return true;
}

void WindowOperator::Rewind() {
  child_->Rewind();
  loaded_ = false;
  rows_.clear();
  results_.clear();
  next_ = 0;
}

}  // namespace warden::sql
