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

bool ContainsAggregate(const Expr& e) {
  if (e.kind == ExprKind::kFunction && FindAggregate(e.name)) return true;
  for (const auto& a : e.args) {
    if (ContainsAggregate(*a)) return true;
  }
  return false;  // e.subquery is a query block of its own
}

bool ContainsNestedAggregate(const Expr& e) {
  if (e.kind == ExprKind::kFunction && FindAggregate(e.name)) {
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
