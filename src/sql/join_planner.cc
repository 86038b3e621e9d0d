// FROM and WHERE planning (see join_planner.h).
#include "sql/join_planner.h"

#include "common/ora_error.h"
#include "sql/dual.h"
#include "sql/join_operator.h"

namespace warden::sql {
namespace {

using TableSet = std::vector<bool>;  // indexed by the scope's table number

bool Empty(const TableSet& s) {
  for (bool b : s) {
    if (b) return false;
  }
  return true;
}
bool Subset(const TableSet& a, const TableSet& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] && !b[i]) return false;
  }
  return true;
}
bool Intersects(const TableSet& a, const TableSet& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] && b[i]) return true;
  }
  return false;
}
void AddAll(const TableSet& from, TableSet* to) {
  for (size_t i = 0; i < from.size(); ++i) {
    if (from[i]) (*to)[i] = true;
  }
}

// The conjuncts of an AND chain. Recursion bounded by kMaxExprDepth.
void SplitAnd(const Expr& e, std::vector<const Expr*>* out) {
  if (e.kind == ExprKind::kAnd) {
    SplitAnd(*e.args[0], out);
    SplitAnd(*e.args[1], out);
  } else {
    out->push_back(&e);
  }
}

std::unique_ptr<BoundExpr> AndAll(std::vector<std::unique_ptr<BoundExpr>> parts) {
  std::unique_ptr<BoundExpr> result;
  for (auto& p : parts) {
    if (result == nullptr) {
      result = std::move(p);
      continue;
    }
    auto both = std::make_unique<BoundExpr>();
    both->kind = BoundKind::kAnd;
    both->args.push_back(std::move(result));
    both->args.push_back(std::move(p));
    result = std::move(both);
  }
  return result;
}

// Column references marked (+) in a WHERE conjunct; ORA-01719 under OR or IN.
void FindMarkers(const Expr& e, bool under_or_in, std::vector<const Expr*>* out) {
  if (e.kind == ExprKind::kColumnRef && e.outer_join) {
    if (under_or_in) OraError::ThrowAt(1719, e.position);
    out->push_back(&e);
  }
  const bool below = under_or_in || e.kind == ExprKind::kOr || e.kind == ExprKind::kIn;
  for (const auto& a : e.args) FindMarkers(*a, below, out);
}

std::unique_ptr<Relation> OpenTable(const TableRef& t, Catalog& catalog) {
  const bool builtin_schema = t.schema.empty() || t.schema == "SYS" || t.schema == "PUBLIC";
  if (builtin_schema && t.name == "DUAL") return std::make_unique<DualRelation>();
  std::unique_ptr<Relation> r = catalog.Open(t.schema, t.name);
  if (r == nullptr) OraError::ThrowAt(942, t.position);
  return r;
}

// What a bound expression reads.
struct Refs {
  TableSet tables;
  bool opaque = false;  // holds a subquery (which may read any table of this block)
  bool rownum = false;
};

class JoinPlanner {
 public:
  JoinPlanner(const SelectStatement& block, Scope* scope, const PlanEnv& env, FromWherePlan* out)
      : block_(block), scope_(*scope), env_(env), out_(*out) {}

  void Plan() {
    OpenAll();
    for (size_t u = 0; u < block_.from.size(); ++u) units_.push_back(BuildItem(u));
    ClassifyWhere();
    JoinUnits();
  }

 private:
  struct Conjunct {
    const Expr* expr;
    std::unique_ptr<BoundExpr> bound;
    Refs refs;
    int outer_unit = -1;  // the unit its (+) marks as outer-joined
    bool used = false;
  };

  // Opens every table and inline view, in FROM order, into the scope.
  void OpenAll() {
    for (const TableRef& item : block_.from) {
      const int first = static_cast<int>(raw_.size());
      item_first_.push_back(first);
      Open(item);
      for (const Join& j : item.joins) {
        Open(j.right);
        using_pairs_.push_back(RegisterUsing(j, first, static_cast<int>(raw_.size()) - 1));
      }
      item_end_.push_back(static_cast<int>(raw_.size()));
    }
    scope_.AddRownumSlot();
  }

  void Open(const TableRef& t) {
    std::vector<ColumnDef> columns;
    const WithEntries* defined_in = nullptr;
    const CommonTableExpr* named =
        t.schema.empty() ? FindWithEntry(t.name, env_, &defined_in) : nullptr;
    if (named != nullptr) {
      // A WITH entry is an inline view planned where it was defined (seeing the entries
      // before it), once per reference.
      WithEntries before{defined_in->entries,
                         static_cast<size_t>(named - defined_in->entries->data()),
                         defined_in->outer};
      PlanEnv at_definition = env_;
      at_definition.with = &before;
      QueryPlan view = PlanQuery(*named->query, nullptr, at_definition);
      if (!named->columns.empty()) {
        if (named->columns.size() != view.columns.size()) OraError::ThrowAt(32038, named->position);
        for (size_t i = 0; i < view.columns.size(); ++i) view.columns[i].name = named->columns[i];
      }
      out_.scans.insert(out_.scans.end(), view.scans.begin(), view.scans.end());
      columns = view.columns;
      raw_.push_back(std::move(view.root));
    } else if (t.subquery != nullptr) {
      QueryPlan view = PlanQuery(*t.subquery, scope_.outer(), env_);
      if (view.correlated) out_.correlated = true;
      out_.scans.insert(out_.scans.end(), view.scans.begin(), view.scans.end());
      columns = view.columns;
      raw_.push_back(std::move(view.root));
    } else {
      std::unique_ptr<Relation> relation = OpenTable(t, *env_.catalog);
      columns = relation->columns();
      auto scan = std::make_unique<ScanOperator>(std::move(relation), *env_.ctx);
      out_.scans.push_back(scan.get());
      raw_.push_back(std::move(scan));
    }
    scope_.AddTable(t.alias.empty() ? t.name : t.alias, std::move(columns));
  }

  std::unique_ptr<Operator> Leaf(int table) {
    const Scope::Table& t = scope_.tables()[table];
    return std::make_unique<PlaceOperator>(std::move(raw_[table]), t.offset, scope_.width());
  }

  TableSet Tables(int first, int end) const {
    TableSet s(scope_.tables().size(), false);
    for (int i = first; i < end; ++i) s[i] = true;
    return s;
  }

  int TableOfColumn(int column) const {
    const auto& tables = scope_.tables();
    for (size_t i = 0; i < tables.size(); ++i) {
      const int begin = tables[i].offset;
      if (column >= begin && column < begin + static_cast<int>(tables[i].columns.size())) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  // Recursion bounded by the expression depth.
  void Collect(const BoundExpr& e, Refs* r) const {
    if (e.kind == BoundKind::kColumn) {
      const int table = TableOfColumn(e.column);
      if (e.column == scope_.rownum_index()) {
        r->rownum = true;
      } else if (table >= 0) {
        r->tables[table] = true;
      }
    }
    if (e.subquery != nullptr) r->opaque = true;
    for (const auto& a : e.args) Collect(*a, r);
  }
  Refs RefsOf(const BoundExpr& e) const {
    Refs r;
    r.tables.assign(scope_.tables().size(), false);
    Collect(e, &r);
    return r;
  }

  // An equality between an expression of the left tables and one of the right ones
  // becomes a hash key pair (when both sides have one type, so equal keys mean equal).
  void TryKey(const Expr& e, const TableSet& left, const TableSet& right, const BindOptions& opts,
              JoinSpec* spec) {
    if (e.kind != ExprKind::kComparison || e.op != Op::kEq) return;
    auto a = BindValue(*e.args[0], scope_, opts);
    auto b = BindValue(*e.args[1], scope_, opts);
    const Refs ra = RefsOf(*a);
    const Refs rb = RefsOf(*b);
    if (ra.opaque || rb.opaque || ra.rownum || rb.rownum) return;
    if (a->is_null_constant || b->is_null_constant || a->type != b->type) return;
    if (Empty(ra.tables) || Empty(rb.tables)) return;
    if (Subset(ra.tables, right) && Subset(rb.tables, left))
      std::swap(a, b);
    else if (!(Subset(ra.tables, left) && Subset(rb.tables, right)))
      return;
    spec->left_keys.push_back(std::move(a));
    spec->right_keys.push_back(std::move(b));
  }

  void SetRight(int first, int end, JoinSpec* spec) const {
    const Scope::Table& f = scope_.tables()[first];
    const Scope::Table& l = scope_.tables()[end - 1];
    spec->right_offset = f.offset;
    spec->right_width = l.offset + static_cast<int>(l.columns.size()) - f.offset;
  }

  // One FROM item with its ANSI joins, left to right.
  std::unique_ptr<Operator> BuildItem(size_t item) {
    const int first = item_first_[item];
    std::unique_ptr<Operator> op = Leaf(first);
    int right = first + 1;
    for (const Join& j : block_.from[item].joins) {
      JoinSpec spec;
      spec.kind = j.kind == JoinKind::kCross ? JoinKind::kInner : j.kind;
      SetRight(right, right + 1, &spec);
      const TableSet left_tables = Tables(first, right);
      const TableSet right_tables = Tables(right, right + 1);
      std::vector<std::unique_ptr<BoundExpr>> conditions;
      if (j.on != nullptr) {
        std::vector<const Expr*> parts;
        SplitAnd(*j.on, &parts);
        for (const Expr* p : parts) {
          conditions.push_back(BindCondition(*p, scope_));
          TryKey(*p, left_tables, right_tables, BindOptions{}, &spec);
        }
      }
      for (const auto& [l, r] : using_pairs_[next_join_]) {
        auto eq = std::make_unique<BoundExpr>();
        eq->kind = BoundKind::kComparison;
        eq->op = Op::kEq;
        if (l.type == r.type) {
          spec.left_keys.push_back(BindColumn(l));
          spec.right_keys.push_back(BindColumn(r));
        }
        eq->args.push_back(BindColumn(l));
        eq->args.push_back(BindColumn(r));
        conditions.push_back(std::move(eq));
      }
      ++next_join_;
      spec.condition = AndAll(std::move(conditions));
      op = std::make_unique<JoinOperator>(std::move(op), Leaf(right), std::move(spec), *env_.ctx);
      ++right;
    }
    return op;
  }

  // The column of that name that a USING clause joining tables [first, end) sees: a USING
  // column of an earlier join in the item, or the one table column (ORA-00918 if several).
  Scope::Column UsingSide(const std::string& name, int first, int end, int position) const {
    std::optional<Scope::Column> found;
    for (const Scope::UsingColumn& u : scope_.using_columns()) {
      if (!u.superseded && u.name == name && u.anchor_table == first) found = u.column;
    }
    for (int t = first; t < end; ++t) {
      const Scope::Table& table = scope_.tables()[t];
      for (size_t i = 0; i < table.columns.size(); ++i) {
        const int index = table.offset + static_cast<int>(i);
        if (table.columns[i].name != name || scope_.IsHidden(index)) continue;
        if (found) OraError::ThrowAt(918, position);
        found = Scope::Column{index, table.columns[i].type};
      }
    }
    if (!found) ThrowInvalidIdentifier("", name, position);
    return *found;
  }

  // NATURAL JOIN: the right table's column names that the left side has too.
  std::vector<std::string> CommonColumnNames(int first, int right) const {
    std::vector<std::string> names;
    for (const ColumnDef& c : scope_.tables()[right].columns) {
      bool on_left = false;
      for (const Scope::UsingColumn& u : scope_.using_columns()) {
        on_left = on_left || (!u.superseded && u.name == c.name && u.anchor_table == first);
      }
      for (int t = first; t < right && !on_left; ++t) {
        const Scope::Table& table = scope_.tables()[t];
        for (size_t i = 0; i < table.columns.size(); ++i) {
          const int index = table.offset + static_cast<int>(i);
          on_left = on_left || (table.columns[i].name == c.name && !scope_.IsHidden(index));
        }
      }
      if (on_left) names.push_back(c.name);
    }
    return names;
  }

  // Merges each USING column of join j (right table `right`, item from `first`) into the
  // scope; returns the column pairs the join compares.
  std::vector<std::pair<Scope::Column, Scope::Column>> RegisterUsing(const Join& j, int first,
                                                                     int right) {
    std::vector<std::pair<Scope::Column, Scope::Column>> pairs;
    std::vector<std::string> names = j.using_columns;
    if (j.natural) names = CommonColumnNames(first, right);
    for (const std::string& name : names) {
      const Scope::Column l = UsingSide(name, first, right, j.position);
      const Scope::Column r = UsingSide(name, right, right + 1, j.position);
      Scope::Column merged = j.kind == JoinKind::kRight ? r : l;
      if (j.kind == JoinKind::kFull) {
        if (l.coalesce_with >= 0) OraError::ThrowAt(3001, j.position);  // a second FULL JOIN USING
        merged.coalesce_with = r.index;
      }
      std::vector<int> hidden = {r.index};
      if (l.coalesce_with < 0) hidden.push_back(l.index);
      scope_.AddUsingColumn(name, merged, first, std::move(hidden));
      pairs.emplace_back(l, r);
    }
    return pairs;
  }

  int UnitOfTable(int table) const {
    for (size_t u = 0; u < item_first_.size(); ++u) {
      if (table >= item_first_[u] && table < item_end_[u]) return static_cast<int>(u);
    }
    return -1;
  }

  void ClassifyWhere() {
    const size_t units = units_.size();
    deps_.assign(units, TableSet(scope_.tables().size(), false));
    if (block_.where == nullptr) return;
    bool ansi = false;
    for (const TableRef& t : block_.from) ansi = ansi || !t.joins.empty();
    std::vector<const Expr*> parts;
    SplitAnd(*block_.where, &parts);
    BindOptions with_markers;
    with_markers.allow_outer_join_marker = true;
    for (const Expr* p : parts) {
      std::vector<const Expr*> markers;
      FindMarkers(*p, false, &markers);
      Conjunct c{p, BindCondition(*p, scope_, with_markers), {}, -1, false};
      c.refs = RefsOf(*c.bound);
      for (const Expr* m : markers) {
        if (ansi) OraError::ThrowAt(25156, m->position);
        std::optional<Scope::Column> col = scope_.FindColumn(m->qualifier, m->name, m->position);
        if (!col) continue;  // an enclosing query's column: nothing to join here
        const int unit = UnitOfTable(TableOfColumn(col->index));
        if (c.outer_unit >= 0 && c.outer_unit != unit) OraError::ThrowAt(1468, m->position);
        c.outer_unit = unit;
      }
      if (c.outer_unit >= 0) {
        TableSet others = c.refs.tables;
        for (int t = item_first_[c.outer_unit]; t < item_end_[c.outer_unit]; ++t) others[t] = false;
        AddAll(others, &deps_[c.outer_unit]);
      }
      conjuncts_.push_back(std::move(c));
    }
    // A (+) on a table joined to nothing (only constants) is an ordinary filter.
    for (Conjunct& c : conjuncts_) {
      if (c.outer_unit >= 0 && Empty(deps_[c.outer_unit])) c.outer_unit = -1;
    }
  }

  bool Plain(const Conjunct& c) const {
    return !c.used && c.outer_unit < 0 && !c.refs.opaque && !c.refs.rownum;
  }

  // A plain conjunct that joins unit u to the tables joined so far.
  bool Connects(int u, const TableSet& joined) const {
    const TableSet ut = Tables(item_first_[u], item_end_[u]);
    TableSet both = joined;
    AddAll(ut, &both);
    for (const Conjunct& c : conjuncts_) {
      if (Plain(c) && Intersects(c.refs.tables, ut) && Intersects(c.refs.tables, joined) &&
          Subset(c.refs.tables, both)) {
        return true;
      }
    }
    return false;
  }

  // Filters the conjuncts whose tables are all in `tables` (outer-joined units excepted:
  // a condition on their columns applies after their join).
  std::unique_ptr<Operator> FilterCovered(std::unique_ptr<Operator> op, const TableSet& tables,
                                          bool require_nonempty) {
    std::vector<std::unique_ptr<BoundExpr>> parts;
    for (Conjunct& c : conjuncts_) {
      if (!Plain(c) || !Subset(c.refs.tables, tables)) continue;
      if (require_nonempty && Empty(c.refs.tables)) continue;
      c.used = true;
      parts.push_back(std::move(c.bound));
    }
    if (parts.empty()) return op;
    return std::make_unique<FilterOperator>(std::move(op), AndAll(std::move(parts)), *env_.ctx);
  }

  void JoinUnits() {
    const int units = static_cast<int>(units_.size());
    const size_t n = scope_.tables().size();
    // Conjuncts on one unit filter it before it joins (not an outer-joined one).
    for (int u = 0; u < units; ++u) {
      if (!Empty(deps_[u])) continue;
      units_[u] = FilterCovered(std::move(units_[u]), Tables(item_first_[u], item_end_[u]), true);
    }
    TableSet joined(n, false);
    std::vector<bool> done(units, false);
    std::unique_ptr<Operator> tree;
    // Each pass joins one unit.
    for (int step = 0; step < units; ++step) {
      int pick = -1;
      for (int u = 0; u < units; ++u) {
        env_.ctx->CheckInterrupts();  // planning many tables takes a while too
        if (done[u] || !Subset(deps_[u], joined)) continue;
        if (pick < 0) pick = u;
        if (tree == nullptr || Connects(u, joined) || !Empty(deps_[u])) {
          pick = u;
          break;
        }
      }
      if (pick < 0) OraError::ThrowAt(1416, block_.where->position);
      const TableSet ut = Tables(item_first_[pick], item_end_[pick]);
      if (tree == nullptr) {
        tree = std::move(units_[pick]);
      } else {
        tree = JoinUnit(std::move(tree), pick, joined, ut);
      }
      done[pick] = true;
      AddAll(ut, &joined);
      tree = FilterCovered(std::move(tree), joined, false);
    }
    // Conjuncts with subqueries, last.
    std::vector<std::unique_ptr<BoundExpr>> rest;
    for (Conjunct& c : conjuncts_) {
      if (c.used) continue;
      c.used = true;
      if (c.refs.rownum) {
        if (c.refs.opaque || !Empty(c.refs.tables)) out_.rownum_only = false;
        out_.rownum_conditions.push_back(std::move(c.bound));
      } else {
        rest.push_back(std::move(c.bound));
      }
    }
    if (!rest.empty()) {
      tree = std::make_unique<FilterOperator>(std::move(tree), AndAll(std::move(rest)), *env_.ctx);
    }
    out_.root = std::move(tree);
  }

  std::unique_ptr<Operator> JoinUnit(std::unique_ptr<Operator> tree, int u, const TableSet& joined,
                                     const TableSet& ut) {
    JoinSpec spec;
    SetRight(item_first_[u], item_end_[u], &spec);
    TableSet both = joined;
    AddAll(ut, &both);
    BindOptions with_markers;
    with_markers.allow_outer_join_marker = true;
    std::vector<std::unique_ptr<BoundExpr>> conditions;
    const bool outer = !Empty(deps_[u]);
    spec.kind = outer ? JoinKind::kLeft : JoinKind::kInner;
    for (Conjunct& c : conjuncts_) {
      const bool take =
          outer ? (!c.used && c.outer_unit == u)
                : (Plain(c) && Intersects(c.refs.tables, ut) && Subset(c.refs.tables, both));
      if (!take) continue;
      c.used = true;
      TryKey(*c.expr, joined, ut, with_markers, &spec);
      conditions.push_back(std::move(c.bound));
    }
    spec.condition = AndAll(std::move(conditions));
    return std::make_unique<JoinOperator>(std::move(tree), std::move(units_[u]), std::move(spec),
                                          *env_.ctx);
  }

  const SelectStatement& block_;
  Scope& scope_;
  const PlanEnv& env_;
  FromWherePlan& out_;
  std::vector<std::unique_ptr<Operator>> raw_;    // per table: its rows, not yet placed
  std::vector<int> item_first_;                   // per FROM item: its first table
  std::vector<int> item_end_;                     // per FROM item: one past its last table
  std::vector<std::unique_ptr<Operator>> units_;  // per FROM item: its rows, placed and joined
  // Per ANSI join in FROM order: the USING column pairs it compares.
  std::vector<std::vector<std::pair<Scope::Column, Scope::Column>>> using_pairs_;
  size_t next_join_ = 0;        // BuildItem's position in using_pairs_
  std::vector<TableSet> deps_;  // per unit: the tables its (+) conditions join it to
  std::vector<Conjunct> conjuncts_;
};

}  // namespace

FromWherePlan PlanFromWhere(const SelectStatement& block, Scope* scope, const PlanEnv& env) {
  FromWherePlan out;
  JoinPlanner(block, scope, env, &out).Plan();
  return out;
}

}  // namespace warden::sql
