// Query planning (see select_planner.h); FROM and WHERE are join_planner.cc's.
#include "sql/select_planner.h"

#include "common/ora_error.h"
#include "sql/aggregate_operator.h"
#include "sql/binder.h"
#include "sql/evaluator.h"
#include "sql/join_planner.h"
#include "sql/row_limit_operators.h"
#include "sql/set_operators.h"
#include "sql/window_operator.h"

namespace warden::sql {
namespace {

// One output column of the select list.
struct OutputColumn {
  std::unique_ptr<BoundExpr> expr;
  ColumnDef def;
  int source_column = -1;  // scope index when the column is a plain column reference
  const SelectItem* item = nullptr;
};

std::unique_ptr<BoundExpr> ColumnExpr(int index, DataType type) {
  auto b = std::make_unique<BoundExpr>();
  b->kind = BoundKind::kColumn;
  b->column = index;
  b->type = type;
  return b;
}

std::vector<OutputColumn> BindSelectList(const SelectStatement& s, const Scope& scope,
                                         const BindOptions& opts) {
  std::vector<OutputColumn> out;
  for (const SelectItem& item : s.items) {
    if (item.kind != SelectItem::Kind::kExpr) {
      const Scope::Table* only = nullptr;
      if (item.kind == SelectItem::Kind::kQualifiedStar) {
        only = scope.FindTable(item.qualifier);
        if (only == nullptr) ThrowInvalidIdentifier("", item.qualifier, item.position);
      }
      if (opts.group != nullptr) OraError::ThrowAt(opts.group->has_group_by ? 979 : 937, item.position);
      // SELECT *: a USING column once, before its join's tables, as Oracle lists it.
      for (size_t ti = 0; ti < scope.tables().size(); ++ti) {
        const Scope::Table& t = scope.tables()[ti];
        if (only != nullptr && &t != only) continue;
        for (const Scope::UsingColumn& u : scope.using_columns()) {
          if (only != nullptr || u.superseded || u.anchor_table != static_cast<int>(ti)) continue;
          out.push_back({BindColumn(u.column), ColumnDef{u.name, u.column.type}, -1, &item});
        }
        for (size_t i = 0; i < t.columns.size(); ++i) {
          const int index = t.offset + static_cast<int>(i);
          if (only == nullptr && scope.IsHidden(index)) continue;
          out.push_back({ColumnExpr(index, t.columns[i].type), t.columns[i], index, &item});
        }
      }
      continue;
    }
    OutputColumn c;
    c.expr = BindValue(*item.expr, scope, opts);
    c.item = &item;
    if (c.expr->kind == BoundKind::kColumn) c.source_column = c.expr->column;
    c.def.type = c.expr->type;
    if (item.has_alias) {
      c.def.name = item.alias;
    } else if (item.expr->kind == ExprKind::kColumnRef && c.expr->kind == BoundKind::kColumn) {
      c.def.name = item.expr->name;
    } else {
      c.def.name = item.text;
    }
    out.push_back(std::move(c));
  }
  return out;
}

// A positive integer ORDER BY position (ORA-01785 when out of range), or -1.
int OrderPosition(const OrderItem& o, size_t columns) {
  const Expr& e = *o.expr;
  if (e.kind != ExprKind::kLiteral || e.value.is_null() || e.value.type() != DataType::kNumber) {
    return -1;
  }
  int64_t position = 0;
  if (!e.value.number().ToInt64(&position) || position < 1 ||
      position > static_cast<int64_t>(columns)) {
    OraError::ThrowAt(1785, o.position);
  }
  return static_cast<int>(position - 1);
}

// The select-list column an ORDER BY item refers to, or -1 when it is an expression of
// its own. Raises ORA-01785 for a bad position, ORA-00960 for an ambiguous alias.
int MatchSelectList(const OrderItem& o, const std::vector<OutputColumn>& cols, const Scope& scope,
                    bool grouped) {
  const Expr& e = *o.expr;
  const int position = OrderPosition(o, cols.size());
  if (position >= 0) return position;
  if (e.kind == ExprKind::kColumnRef && e.qualifier.empty()) {
    int match = -1;
    for (size_t i = 0; i < cols.size(); ++i) {
      const SelectItem* item = cols[i].item;
      if (item->kind == SelectItem::Kind::kExpr && item->has_alias && item->alias == e.name) {
        if (match >= 0) OraError::ThrowAt(960, o.position);
        match = static_cast<int>(i);
      }
    }
    if (match >= 0) return match;
  }
  if (e.kind == ExprKind::kColumnRef && !grouped) {
    if (std::optional<Scope::Column> c = scope.FindColumn(e.qualifier, e.name, e.position)) {
      for (size_t i = 0; i < cols.size(); ++i) {
        if (cols[i].source_column == c->index) return static_cast<int>(i);
      }
    }
  }
  for (size_t i = 0; i < cols.size(); ++i) {
    const SelectItem* item = cols[i].item;
    if (item->kind == SelectItem::Kind::kExpr && item->text == o.text) return static_cast<int>(i);
  }
  return -1;
}

SortKey MakeSortKey(int column, const OrderItem& o) {
  SortKey k;
  k.column = column;
  k.descending = o.descending;
  k.nulls_first =
      o.nulls == NullsOrder::kFirst || (o.nulls == NullsOrder::kDefault && o.descending);
  return k;
}

// OFFSET n ROWS / FETCH FIRST n ROWS ONLY: constant expressions, fractions truncated.
int64_t RowCount(const Expr* e, int64_t if_absent, ExecContext& ctx) {
  if (e == nullptr) return if_absent;
  const Scope no_tables;
  const Value v = Evaluate(*BindValue(*e, no_tables), {}, ctx);
  if (v.is_null()) return 0;
  const int64_t n = ToNumber(v).Trunc(0).ToInt64Saturating();
  return n < 0 ? 0 : n;
}

std::unique_ptr<Operator> LimitRows(std::unique_ptr<Operator> root, const SelectStatement& s,
                                    ExecContext& ctx) {
  if (s.offset == nullptr && s.fetch == nullptr) return root;
  return std::make_unique<OffsetFetchOperator>(std::move(root), RowCount(s.offset.get(), 0, ctx),
                                               RowCount(s.fetch.get(), -1, ctx), ctx);
}

// Moves the analytic functions' placeholder columns (-1 - i) to base + i. Recursion
// bounded by kMaxExprDepth.
void PlaceWindowColumns(int base, BoundExpr* e) {
  if (e->kind == BoundKind::kColumn && e->column < 0) e->column = base - 1 - e->column;
  for (auto& a : e->args) PlaceWindowColumns(base, a.get());
}

bool NestedAggregates(const SelectStatement& s) {
  for (const SelectItem& item : s.items) {
    if (item.expr != nullptr && ContainsNestedAggregate(*item.expr)) return true;
  }
  for (const OrderItem& o : s.order_by) {
    if (ContainsNestedAggregate(*o.expr)) return true;
  }
  return s.having != nullptr && ContainsNestedAggregate(*s.having);
}

bool Aggregates(const SelectStatement& s) {
  if (!s.group_by.empty() || s.having != nullptr) return true;
  for (const SelectItem& item : s.items) {
    if (item.expr != nullptr && ContainsAggregate(*item.expr)) return true;
  }
  for (const OrderItem& o : s.order_by) {
    if (ContainsAggregate(*o.expr)) return true;
  }
  return false;
}

QueryPlan PlanBlock(const SelectStatement& s, const Scope* outer, const PlanEnv& env) {
  ExecContext& ctx = *env.ctx;
  Scope scope;
  scope.set_outer(outer);
  scope.set_env(&env);
  FromWherePlan from = PlanFromWhere(s, &scope, env);

  GroupBinding group;
  GroupBinding over_groups;  // nested group functions: the second level
  BindOptions opts;
  const bool aggregating = Aggregates(s);
  if (aggregating) {
    group.has_group_by = !s.group_by.empty();
    for (const auto& g : s.group_by) {
      group.keys.push_back(g.get());
      group.key_exprs.push_back(BindValue(*g, scope));
    }
    opts.group = &group;
    if (group.has_group_by && NestedAggregates(s)) {
      over_groups.inner = &group;
      opts.group = &over_groups;
    }
    scope.set_grouping(opts.group);
  }
  WindowBinding window;
  BindOptions select_opts = opts;  // the select list and ORDER BY may hold analytic functions
  select_opts.window = &window;
  std::vector<OutputColumn> cols = BindSelectList(s, scope, select_opts);
  std::unique_ptr<BoundExpr> having;
  if (s.having != nullptr) having = BindCondition(*s.having, scope, opts);
  const size_t visible = cols.size();
  std::vector<SortKey> keys;
  std::vector<std::unique_ptr<BoundExpr>> extra;  // ORDER BY expressions not selected
  for (const OrderItem& o : s.order_by) {
    int column = MatchSelectList(o, cols, scope, aggregating);
    if (column < 0) {
      if (s.distinct) OraError::ThrowAt(1791, o.position);
      extra.push_back(BindValue(*o.expr, scope, select_opts));
      column = static_cast<int>(visible + extra.size() - 1);
    }
    keys.push_back(MakeSortKey(column, o));
  }

  // The analytic functions' columns follow the row the window operator reads.
  const int window_base = !aggregating ? scope.width()
                          : over_groups.inner != nullptr
                              ? static_cast<int>(over_groups.aggregates.size())
                              : static_cast<int>(group.keys.size() + group.aggregates.size());
  for (OutputColumn& c : cols) PlaceWindowColumns(window_base, c.expr.get());
  for (auto& e : extra) PlaceWindowColumns(window_base, e.get());

  QueryPlan plan;
  std::unique_ptr<Operator> root = std::move(from.root);
  if (scope.rownum_used()) {
    root =
        std::make_unique<RownumOperator>(std::move(root), scope.rownum_index(),
                                         std::move(from.rownum_conditions), from.rownum_only, ctx);
  }
  if (aggregating) {
    root =
        std::make_unique<AggregateOperator>(std::move(root), std::move(group.key_exprs),
                                            std::move(group.aggregates), s.group_by.empty(), ctx);
    if (over_groups.inner != nullptr) {
      root = std::make_unique<AggregateOperator>(std::move(root), std::move(over_groups.key_exprs),
                                                 std::move(over_groups.aggregates), true, ctx);
    }
    if (having != nullptr) {
      root = std::make_unique<FilterOperator>(std::move(root), std::move(having), ctx);
    }
  }
  if (!window.calls.empty()) {
    root = std::make_unique<WindowOperator>(std::move(root), std::move(window.calls), ctx);
  }
  std::vector<std::unique_ptr<BoundExpr>> exprs;
  for (OutputColumn& c : cols) {
    plan.columns.push_back(c.def);
    plan.untyped.push_back(c.expr->is_null_constant);
    exprs.push_back(std::move(c.expr));
  }
  for (auto& e : extra) exprs.push_back(std::move(e));
  root = std::make_unique<ProjectOperator>(std::move(root), std::move(exprs), ctx);
  if (s.distinct) root = std::make_unique<DistinctOperator>(std::move(root), ctx);
  if (!keys.empty()) root = std::make_unique<SortOperator>(std::move(root), std::move(keys), ctx);
  if (!extra.empty()) root = std::make_unique<KeepColumnsOperator>(std::move(root), visible);
  plan.root = LimitRows(std::move(root), s, ctx);
  plan.correlated = scope.correlated() || from.correlated;
  plan.scans = std::move(from.scans);
  return plan;
}

// ORDER BY of a compound query: a position, or the name of a column of the first branch.
SortKey CompoundSortKey(const OrderItem& o, const std::vector<ColumnDef>& columns) {
  int column = OrderPosition(o, columns.size());
  const Expr& e = *o.expr;
  if (column < 0 && e.kind == ExprKind::kColumnRef) {
    for (size_t i = 0; i < columns.size() && column < 0 && e.qualifier.empty(); ++i) {
      if (columns[i].name == e.name) column = static_cast<int>(i);
    }
    if (column < 0) ThrowInvalidIdentifier(e.qualifier, e.name, e.position);
  }
  if (column < 0) OraError::ThrowAt(1785, o.position);
  return MakeSortKey(column, o);
}

QueryPlan PlanCompound(const SelectStatement& s, const Scope* outer, const PlanEnv& env) {
  ExecContext& ctx = *env.ctx;
  QueryPlan left = PlanQuery(*s.set_left, outer, env);
  QueryPlan right = PlanQuery(*s.set_right, outer, env);
  if (left.columns.size() != right.columns.size()) OraError::ThrowAt(1789, s.set_position);
  QueryPlan plan;
  plan.columns = left.columns;
  for (size_t i = 0; i < left.columns.size(); ++i) {
    const bool l_typed = !left.untyped[i];
    const bool r_typed = !right.untyped[i];
    if (l_typed && r_typed && left.columns[i].type != right.columns[i].type) {
      OraError::ThrowAt(1790, s.set_right->position);
    }
    if (!l_typed) plan.columns[i].type = right.columns[i].type;
    plan.untyped.push_back(!l_typed && !r_typed);
  }
  std::unique_ptr<Operator> root =
      std::make_unique<SetOperator>(s.set_op, std::move(left.root), std::move(right.root), ctx);
  std::vector<SortKey> keys;
  for (const OrderItem& o : s.order_by) keys.push_back(CompoundSortKey(o, plan.columns));
  if (keys.empty() && s.set_op != SetOp::kUnionAll) {
    // Oracle's SORT UNIQUE returns the distinct rows in order of all columns.
    for (size_t i = 0; i < plan.columns.size(); ++i) keys.push_back(SortKey{static_cast<int>(i)});
  }
  if (!keys.empty()) root = std::make_unique<SortOperator>(std::move(root), std::move(keys), ctx);
  plan.root = LimitRows(std::move(root), s, ctx);
  plan.correlated = left.correlated || right.correlated;
  plan.scans = std::move(left.scans);
  plan.scans.insert(plan.scans.end(), right.scans.begin(), right.scans.end());
  return plan;
}

QueryPlan PlanQueryBody(const SelectStatement& query, const Scope* outer, const PlanEnv& env) {
  if (query.set_op != SetOp::kNone) return PlanCompound(query, outer, env);
  return PlanBlock(query, outer, env);
}

}  // namespace

QueryPlan PlanQuery(const SelectStatement& query, const Scope* outer, const PlanEnv& env) {
  if (!query.with.empty()) {
    WithEntries visible{&query.with, query.with.size(), env.with};
    PlanEnv inner = env;
    inner.with = &visible;
    return PlanQueryBody(query, outer, inner);
  }
  return PlanQueryBody(query, outer, env);
}

const CommonTableExpr* FindWithEntry(const std::string& name, const PlanEnv& env,
                                     const WithEntries** defined_in) {
  // Bounded by the query nesting.
  for (const WithEntries* w = env.with; w != nullptr; w = w->outer) {
    for (size_t i = w->count; i-- > 0;) {
      if ((*w->entries)[i].name == name) {
        *defined_in = w;
        return &(*w->entries)[i];
      }
    }
  }
  return nullptr;
}

QueryPlan PlanSelect(const SelectStatement& select, Catalog& catalog, ExecContext& ctx) {
  PlanEnv env;
  env.catalog = &catalog;
  env.ctx = &ctx;
  return PlanQuery(select, nullptr, env);
}

}  // namespace warden::sql
