// SELECT planning (see select_planner.h).
#include "sql/select_planner.h"

#include "common/ora_error.h"
#include "sql/binder.h"
#include "sql/dual.h"

namespace warden::sql {
namespace {

[[noreturn]] void Fail(int code, int position) {
  OraError e = OraError::Make(code);
  e.set_position(position);
  throw e;
}

std::unique_ptr<Relation> OpenTable(const TableRef& t, Catalog& catalog) {
  const bool builtin_schema = t.schema.empty() || t.schema == "SYS" || t.schema == "PUBLIC";
  if (builtin_schema && t.name == "DUAL") return std::make_unique<DualRelation>();
  std::unique_ptr<Relation> r = catalog.Open(t.schema, t.name);
  if (r == nullptr) Fail(942, t.position);
  return r;
}

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

std::vector<OutputColumn> BindSelectList(const SelectStatement& s, const Scope& scope) {
  std::vector<OutputColumn> out;
  for (const SelectItem& item : s.items) {
    if (item.kind != SelectItem::Kind::kExpr) {
      const Scope::Table* only = nullptr;
      if (item.kind == SelectItem::Kind::kQualifiedStar) {
        only = scope.FindTable(item.qualifier);
        if (only == nullptr) ThrowInvalidIdentifier("", item.qualifier, item.position);
      }
      for (const Scope::Table& t : scope.tables()) {
        if (only != nullptr && &t != only) continue;
        for (size_t i = 0; i < t.columns.size(); ++i) {
          const int index = t.offset + static_cast<int>(i);
          out.push_back({ColumnExpr(index, t.columns[i].type), t.columns[i], index, &item});
        }
      }
      continue;
    }
    OutputColumn c;
    c.expr = BindValue(*item.expr, scope);
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

// The select-list column an ORDER BY item refers to, or -1 when it is an expression of
// its own. Raises ORA-01785 for a bad position, ORA-00960 for an ambiguous alias.
int MatchSelectList(const OrderItem& o, const std::vector<OutputColumn>& cols, const Scope& scope) {
  const Expr& e = *o.expr;
  if (e.kind == ExprKind::kLiteral && !e.value.is_null() && e.value.type() == DataType::kNumber) {
    int64_t position = 0;
    if (!e.value.number().ToInt64(&position) || position < 1 ||
        position > static_cast<int64_t>(cols.size())) {
      Fail(1785, o.position);
    }
    return static_cast<int>(position - 1);
  }
  if (e.kind == ExprKind::kColumnRef && e.qualifier.empty()) {
    int match = -1;
    for (size_t i = 0; i < cols.size(); ++i) {
      const SelectItem* item = cols[i].item;
      if (item->kind == SelectItem::Kind::kExpr && item->has_alias && item->alias == e.name) {
        if (match >= 0) Fail(960, o.position);
        match = static_cast<int>(i);
      }
    }
    if (match >= 0) return match;
  }
  if (e.kind == ExprKind::kColumnRef) {
    if (std::optional<Scope::Column> c = scope.FindColumn(e.qualifier, e.name, e.position)) {
      for (size_t i = 0; i < cols.size(); ++i) {
        if (cols[i].source_column == c->index) return static_cast<int>(i);
      }
    }
    return -1;
  }
  for (size_t i = 0; i < cols.size(); ++i) {
    const SelectItem* item = cols[i].item;
    if (item->kind == SelectItem::Kind::kExpr && item->text == o.text) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

QueryPlan PlanSelect(const SelectStatement& s, Catalog& catalog, ExecContext& ctx) {
  Scope scope;
  std::unique_ptr<Operator> root;
  for (const TableRef& t : s.from) {
    std::unique_ptr<Relation> r = OpenTable(t, catalog);
    scope.AddTable(t.alias.empty() ? t.name : t.alias, r->columns());
    auto scan = std::make_unique<ScanOperator>(std::move(r), ctx);
    root = root == nullptr ? std::unique_ptr<Operator>(std::move(scan))
                           : std::make_unique<CrossProductOperator>(std::move(root), std::move(scan), ctx);
  }
  if (s.where != nullptr) {
    root = std::make_unique<FilterOperator>(std::move(root), BindCondition(*s.where, scope), ctx);
  }

  std::vector<OutputColumn> cols = BindSelectList(s, scope);
  const size_t visible = cols.size();
  std::vector<SortKey> keys;
  std::vector<std::unique_ptr<BoundExpr>> extra;  // ORDER BY expressions not selected
  for (const OrderItem& o : s.order_by) {
    int column = MatchSelectList(o, cols, scope);
    if (column < 0) {
      if (s.distinct) Fail(1791, o.position);
      extra.push_back(BindValue(*o.expr, scope));
      column = static_cast<int>(visible + extra.size() - 1);
    }
    SortKey k;
    k.column = column;
    k.descending = o.descending;
    k.nulls_first = o.nulls == NullsOrder::kFirst || (o.nulls == NullsOrder::kDefault && o.descending);
    keys.push_back(k);
  }

  QueryPlan plan;
  std::vector<std::unique_ptr<BoundExpr>> exprs;
  for (OutputColumn& c : cols) {
    plan.columns.push_back(c.def);
    exprs.push_back(std::move(c.expr));
  }
  for (auto& e : extra) exprs.push_back(std::move(e));
  root = std::make_unique<ProjectOperator>(std::move(root), std::move(exprs), ctx);
  if (s.distinct) root = std::make_unique<DistinctOperator>(std::move(root), ctx);
  if (!keys.empty()) root = std::make_unique<SortOperator>(std::move(root), std::move(keys), ctx);
  if (!extra.empty()) root = std::make_unique<KeepColumnsOperator>(std::move(root), visible);
  plan.root = std::move(root);
  return plan;
}

}  // namespace warden::sql
