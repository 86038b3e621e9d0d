// Group function names and detection (see aggregate.h).
#include "sql/aggregate.h"

namespace warden::sql {

std::optional<AggregateKind> FindAggregate(std::string_view name) {
  static constexpr std::pair<std::string_view, AggregateKind> kNames[] = {
      {"COUNT", AggregateKind::kCount},
      {"SUM", AggregateKind::kSum},
      {"AVG", AggregateKind::kAvg},
      {"MIN", AggregateKind::kMin},
      {"MAX", AggregateKind::kMax}};
  for (const auto& [n, kind] : kNames) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

std::optional<WindowKind> FindAnalyticFunction(std::string_view name) {
  if (name == "ROW_NUMBER") return WindowKind::kRowNumber;
  if (name == "RANK") return WindowKind::kRank;
  if (name == "DENSE_RANK") return WindowKind::kDenseRank;
  if (name == "LAG") return WindowKind::kLag;
  if (name == "LEAD") return WindowKind::kLead;
  return std::nullopt;
}

bool ContainsAggregate(const Expr& e) {
  if (e.kind == ExprKind::kFunction && e.over == nullptr && FindAggregate(e.name)) return true;
  for (const auto& a : e.args) {
    if (ContainsAggregate(*a)) return true;
  }
  if (e.over != nullptr) {
    for (const auto& p : e.over->partition_by) {
      if (ContainsAggregate(*p)) return true;
    }
    for (const OrderItem& o : e.over->order_by) {
      if (ContainsAggregate(*o.expr)) return true;
    }
  }
  return false;  // e.subquery is a query block of its own
}

bool ContainsNestedAggregate(const Expr& e) {
  if (e.kind == ExprKind::kFunction && e.over == nullptr && FindAggregate(e.name)) {
    for (const auto& a : e.args) {
      if (ContainsAggregate(*a)) return true;
    }
  }
  for (const auto& a : e.args) {
    if (ContainsNestedAggregate(*a)) return true;
  }
  return false;
}

}  // namespace warden::sql
