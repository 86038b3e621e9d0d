// The binder (see binder.h). Recursion follows the AST, whose depth the parser bounds.
#include "sql/binder.h"

#include "common/ora_error.h"
#include "sql/functions.h"
#include "sql/select_planner.h"
#include "sql/subquery.h"

namespace warden::sql {
namespace {

[[noreturn]] void Fail(int code, std::initializer_list<std::string_view> args, int position) {
  OraError e = OraError::Make(code, args);
  e.set_position(position);
  throw e;
}

std::unique_ptr<BoundExpr> Make(BoundKind kind, DataType type) {
  auto b = std::make_unique<BoundExpr>();
  b->kind = kind;
  b->type = type;
  return b;
}

// A DATE- or TIMESTAMP-typed expression (a NULL literal has no type yet).
bool IsDate(const BoundExpr& b) {
  return !b.is_null_constant && (b.type == DataType::kDate || b.type == DataType::kTimestamp);
}

class Binder {
 public:
  Binder(const Scope& scope, const BindOptions& options) : scope_(scope), options_(options) {}

  std::unique_ptr<BoundExpr> Value(const Expr& e) {
    if (e.kind == ExprKind::kFunction && e.over != nullptr) return Window(e);
    if (GroupBinding* g = Grouped()) {
      for (size_t k = 0; k < g->keys.size(); ++k) {
        if (SameExpr(e, *g->keys[k])) return GroupedColumn(static_cast<int>(k), *g->key_exprs[k]);
      }
      if (e.kind == ExprKind::kFunction && FindAggregate(e.name)) return Aggregate(e);
    }
    switch (e.kind) {
      case ExprKind::kLiteral: {
        auto b = Make(BoundKind::kConstant, DataType::kVarchar2);
        b->constant = e.value;
        if (e.value.is_null()) {
          b->is_null_constant = true;
        } else {
          b->type = e.value.type();
        }
        return b;
      }
      case ExprKind::kColumnRef:
        return Column(e);
      case ExprKind::kBind: {
        // Bind values arrive as text: VARCHAR2, converted implicitly where used (Oracle).
        auto b = Make(BoundKind::kBind, DataType::kVarchar2);
        b->bind_slot = e.bind_slot;
        return b;
      }
      case ExprKind::kNegate: {
        auto b = Make(BoundKind::kNegate, DataType::kNumber);
        b->args.push_back(Value(*e.args[0]));
        if (IsDate(*b->args[0])) Fail(932, {"NUMBER", "DATE"}, e.position);
        return b;
      }
      case ExprKind::kArithmetic:
        return Arithmetic(e);
      case ExprKind::kConcat: {
        auto b = Make(BoundKind::kConcat, DataType::kVarchar2);
        b->args.push_back(Value(*e.args[0]));
        b->args.push_back(Value(*e.args[1]));
        return b;
      }
      case ExprKind::kFunction:
        return Function(e);
      case ExprKind::kCase:
        return Case(e);
      case ExprKind::kScalarSubquery: {
        auto b = Make(BoundKind::kScalarSubquery, DataType::kVarchar2);
        b->subquery = PlanSubquery(e, 1);
        b->type = b->subquery->column_type(0);
        if (b->subquery->column_untyped(0)) b->is_null_constant = true;
        return b;
      }
      default:
        break;
    }
    Fail(600, {"binder: condition where a value is expected"}, e.position);
  }

  std::unique_ptr<BoundExpr> Condition(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kComparison: {
        auto b = Make(BoundKind::kComparison, DataType::kNumber);
        b->op = e.op;
        b->args.push_back(Value(*e.args[0]));
        b->args.push_back(Value(*e.args[1]));
        CheckComparable(*b->args[0], *b->args[1], e.args[1]->position);
        return b;
      }
      case ExprKind::kAnd:
      case ExprKind::kOr: {
        auto b = Make(e.kind == ExprKind::kAnd ? BoundKind::kAnd : BoundKind::kOr, DataType::kNumber);
        b->args.push_back(Condition(*e.args[0]));
        b->args.push_back(Condition(*e.args[1]));
        return b;
      }
      case ExprKind::kNot: {
        auto b = Make(BoundKind::kNot, DataType::kNumber);
        b->args.push_back(Condition(*e.args[0]));
        return b;
      }
      case ExprKind::kExists: {
        auto b = Make(BoundKind::kExists, DataType::kNumber);
        b->subquery = PlanSubquery(e, 0);
        return b;
      }
      case ExprKind::kQuantified: {
        auto b = Make(BoundKind::kQuantified, DataType::kNumber);
        b->op = e.op;
        b->quantifier_all = e.quantifier_all;
        for (const auto& a : e.args) b->args.push_back(Value(*a));
        for (size_t i = 1; i < b->args.size(); ++i) {
          CheckComparable(*b->args[0], *b->args[i], e.args[i]->position);
        }
        if (e.subquery != nullptr) {
          b->subquery = PlanSubquery(e, 1);
          CheckComparableColumns(*b, 1, e.position);
        }
        return b;
      }
      case ExprKind::kInSubquery: {
        auto b = Make(BoundKind::kInSubquery, DataType::kNumber);
        b->negated = e.negated;
        for (const auto& a : e.args) b->args.push_back(Value(*a));
        b->subquery = PlanSubquery(e, b->args.size());
        CheckComparableColumns(*b, b->args.size(), e.position);
        return b;
      }
      case ExprKind::kIsNull:
      case ExprKind::kIn:
      case ExprKind::kBetween:
      case ExprKind::kLike: {
        static constexpr std::pair<ExprKind, BoundKind> kMap[] = {
            {ExprKind::kIsNull, BoundKind::kIsNull},
            {ExprKind::kIn, BoundKind::kIn},
            {ExprKind::kBetween, BoundKind::kBetween},
            {ExprKind::kLike, BoundKind::kLike}};
        BoundKind kind = BoundKind::kIsNull;
        for (const auto& [from, to] : kMap) {
          if (from == e.kind) kind = to;
        }
        auto b = Make(kind, DataType::kNumber);
        b->negated = e.negated;
        b->tuple_width = e.tuple_width;
        for (const auto& a : e.args) b->args.push_back(Value(*a));
        if (kind == BoundKind::kIn || kind == BoundKind::kBetween) {
          const size_t w = static_cast<size_t>(e.tuple_width);
          for (size_t i = w; i < b->args.size(); ++i) {
            CheckComparable(*b->args[i % w], *b->args[i], e.args[i]->position);
          }
        }
        return b;
      }
      default:
        break;
    }
    Fail(600, {"binder: value where a condition is expected"}, e.position);
  }

 private:
  // NUMBER against DATE can never compare (strings convert at run time).
  static void CheckComparable(const BoundExpr& l, const BoundExpr& r, int position) {
    if (l.is_null_constant || r.is_null_constant) return;
    const bool ln = l.type == DataType::kNumber;
    const bool rn = r.type == DataType::kNumber;
    const bool ld = l.type == DataType::kDate;
    const bool rd = r.type == DataType::kDate;
    if ((ln && rd) || (ld && rn)) Fail(932, {DataTypeName(l.type), DataTypeName(r.type)}, position);
  }

  GroupBinding* Grouped() const { return in_aggregate_ ? nullptr : options_.group; }

  // Recursion bounded by kMaxExprDepth.
  static bool HasSubquery(const Expr& e) {
    if (e.subquery != nullptr) return true;
    for (const auto& a : e.args) {
      if (HasSubquery(*a)) return true;
    }
    return false;
  }

  // The grouped row's column for a column of the FROM row: its GROUP BY key.
  static int GroupedIndex(const GroupBinding& g, const Scope::Column& c, int position) {
    for (size_t k = 0; k < g.key_exprs.size(); ++k) {
      const BoundExpr& key = *g.key_exprs[k];
      if (key.kind == BoundKind::kColumn && key.column == c.index && c.coalesce_with < 0) {
        return static_cast<int>(k);
      }
    }
    Fail(g.has_group_by ? 979 : 937, {}, position);
  }

  // Column k of the grouped row, which holds the value of key.
  static std::unique_ptr<BoundExpr> GroupedColumn(int k, const BoundExpr& key) {
    auto b = Make(BoundKind::kColumn, key.type);
    b->column = k;
    b->is_null_constant = key.is_null_constant;
    return b;
  }

  // A group function call in an aggregating block: its argument binds against the FROM
  // row; the call itself is a column of the grouped row.
  std::unique_ptr<BoundExpr> Aggregate(const Expr& e) {
    GroupBinding* g = options_.group;
    AggregateCall call;
    call.kind = *FindAggregate(e.name);
    call.distinct = e.distinct_arg;
    const size_t n = e.args.size();
    if (e.star_arg ? call.kind != AggregateKind::kCount : n != 1) Fail(909, {}, e.position);
    if (!e.star_arg) {
      // The argument runs against the FROM row, where a subquery would read grouped keys.
      if (HasSubquery(*e.args[0])) Fail(3001, {}, e.args[0]->position);
      if (g->inner != nullptr) {
        BindOptions inner;
        inner.group = g->inner;
        call.arg = Binder(scope_, inner).Value(*e.args[0]);
      } else {
        in_aggregate_ = true;
        call.arg = Value(*e.args[0]);
        in_aggregate_ = false;
      }
      const bool is_date = IsDate(*call.arg);
      if ((call.kind == AggregateKind::kSum || call.kind == AggregateKind::kAvg) && is_date) {
        Fail(932, {"NUMBER", "DATE"}, e.args[0]->position);
      }
      if (call.kind == AggregateKind::kMin || call.kind == AggregateKind::kMax) {
        call.type = call.arg->type;
      }
    }
    auto b = Make(BoundKind::kColumn, call.type);
    b->column = static_cast<int>(g->keys.size() + g->aggregates.size());
    g->aggregates.push_back(std::move(call));
    return b;
  }

  // An analytic function: its arguments, PARTITION BY and ORDER BY bind against the row
  // the window operator reads; the call is a column appended to that row (its index is
  // fixed by the planner, see WindowBinding).
  std::unique_ptr<BoundExpr> Window(const Expr& e) {
    if (options_.window == nullptr || in_window_) Fail(30483, {}, e.position);
    WindowCall call;
    DataType type = DataType::kNumber;
    in_window_ = true;
    if (std::optional<WindowKind> analytic = FindAnalyticFunction(e.name)) {
      call.kind = *analytic;
      const bool shifts = call.kind == WindowKind::kLag || call.kind == WindowKind::kLead;
      const size_t n = e.args.size();
      if (e.star_arg || e.distinct_arg || (shifts ? n < 1 || n > 3 : n != 0)) {
        Fail(909, {}, e.position);
      }
      if (shifts && e.over->order_by.empty()) Fail(30485, {}, e.position);
      for (const auto& a : e.args) call.args.push_back(Value(*a));
      if (shifts) type = call.args[0]->type;
    } else if (std::optional<AggregateKind> kind = FindAggregate(e.name)) {
      call.kind = WindowKind::kAggregate;
      call.aggregate.kind = *kind;
      call.aggregate.distinct = e.distinct_arg;
      if (e.star_arg ? *kind != AggregateKind::kCount : e.args.size() != 1) {
        Fail(909, {}, e.position);
      }
      if (!e.star_arg) {
        call.aggregate.arg = Value(*e.args[0]);
        const bool is_date = IsDate(*call.aggregate.arg);
        if ((*kind == AggregateKind::kSum || *kind == AggregateKind::kAvg) && is_date) {
          Fail(932, {"NUMBER", "DATE"}, e.args[0]->position);
        }
        if (*kind == AggregateKind::kMin || *kind == AggregateKind::kMax) {
          call.aggregate.type = call.aggregate.arg->type;
        }
      }
      type = call.aggregate.type;
    } else {
      ThrowInvalidIdentifier("", e.name, e.position);
    }
    for (const auto& p : e.over->partition_by) call.partition_by.push_back(Value(*p));
    for (const OrderItem& o : e.over->order_by) {
      WindowOrderKey k;
      k.expr = Value(*o.expr);
      k.descending = o.descending;
      k.nulls_first =
          o.nulls == NullsOrder::kFirst || (o.nulls == NullsOrder::kDefault && o.descending);
      call.order_by.push_back(std::move(k));
    }
    in_window_ = false;
    call.type = type;
    auto b = Make(BoundKind::kColumn, type);
    b->column = -1 - static_cast<int>(options_.window->calls.size());
    options_.window->calls.push_back(std::move(call));
    return b;
  }

  // Plans e's subquery with this scope as its enclosing one; it must return `width`
  // columns (0: any number) else ORA-00913 too many / ORA-00947 not enough values.
  std::shared_ptr<Subquery> PlanSubquery(const Expr& e, size_t width) {
    if (scope_.env() == nullptr) Fail(3001, {}, e.position);
    QueryPlan plan = PlanQuery(*e.subquery, &scope_, *scope_.env());
    if (width != 0 && plan.columns.size() > width) Fail(913, {}, e.subquery->position);
    if (width != 0 && plan.columns.size() < width) Fail(947, {}, e.subquery->position);
    return std::make_shared<Subquery>(std::move(plan));
  }

  // b.args[0, n) against the subquery's columns.
  static void CheckComparableColumns(const BoundExpr& b, size_t n, int position) {
    for (size_t i = 0; i < n; ++i) {
      if (b.subquery->column_untyped(i)) continue;
      BoundExpr column;
      column.type = b.subquery->column_type(i);
      CheckComparable(*b.args[i], column, position);
    }
  }

  std::unique_ptr<BoundExpr> Column(const Expr& e) {
    if (e.outer_join && !options_.allow_outer_join_marker) Fail(30563, {}, e.position);
    if (e.name == "ROWNUM" && e.qualifier.empty() && !e.quoted && scope_.rownum_index() >= 0) {
      if (Grouped() != nullptr) Fail(options_.group->has_group_by ? 979 : 937, {}, e.position);
      scope_.MarkRownumUsed();
      auto b = Make(BoundKind::kColumn, DataType::kNumber);
      b->column = scope_.rownum_index();
      return b;
    }
    if (std::optional<Scope::Column> c = scope_.FindColumn(e.qualifier, e.name, e.position)) {
      if (GroupBinding* g = Grouped()) {
        const int k = GroupedIndex(*g, *c, e.position);
        return GroupedColumn(k, *g->key_exprs[k]);
      }
      return BindColumn(*c);
    }
    // An enclosing query's column: the scopes in between become correlated.
    int level = 1;
    for (const Scope* s = scope_.outer(); s != nullptr; s = s->outer(), ++level) {
      std::optional<Scope::Column> c = s->FindColumn(e.qualifier, e.name, e.position);
      if (!c) continue;
      for (const Scope* in = &scope_; in != s; in = in->outer()) in->MarkCorrelated();
      if (c->coalesce_with >= 0) Fail(3001, {}, e.position);
      auto b = Make(BoundKind::kOuterColumn, c->type);
      b->column = c->index;
      b->outer_level = level;
      if (const GroupBinding* g = s->grouping()) b->column = GroupedIndex(*g, *c, e.position);
      return b;
    }
    // Not a column: an unquoted bare name may be a function that takes no parentheses.
    if (e.qualifier.empty() && !e.quoted) {
      const FunctionDef* f = FindFunction(e.name);
      if (f != nullptr && f->no_parentheses) {
        auto b = Make(BoundKind::kCall, DataType::kVarchar2);
        b->function = f;
        b->type = f->result_type(b->args);
        return b;
      }
    }
    ThrowInvalidIdentifier(e.qualifier, e.name, e.position);
  }

  std::unique_ptr<BoundExpr> Arithmetic(const Expr& e) {
    auto b = Make(BoundKind::kArithmetic, DataType::kNumber);
    b->op = e.op;
    b->args.push_back(Value(*e.args[0]));
    b->args.push_back(Value(*e.args[1]));
    const bool ld = IsDate(*b->args[0]);
    const bool rd = IsDate(*b->args[1]);
    if (ld && rd) {
      if (e.op == Op::kAdd) Fail(975, {}, e.position);
      if (e.op != Op::kSubtract) Fail(932, {"NUMBER", "DATE"}, e.position);
      b->type = DataType::kNumber;  // days between
    } else if (ld) {
      if (e.op != Op::kAdd && e.op != Op::kSubtract) Fail(932, {"NUMBER", "DATE"}, e.position);
      b->type = DataType::kDate;
    } else if (rd) {
      if (e.op != Op::kAdd) Fail(932, {"NUMBER", "DATE"}, e.position);
      b->type = DataType::kDate;
    }
    return b;
  }

  std::unique_ptr<BoundExpr> Function(const Expr& e) {
    if (FindAggregate(e.name)) {
      if (!in_aggregate_) Fail(934, {}, e.position);
      // Two levels nest with GROUP BY (GroupBinding::inner); a third never does.
      Fail(options_.group->has_group_by ? 935 : 978, {}, e.position);
    }
    if (FindAnalyticFunction(e.name)) Fail(30484, {}, e.position);
    if (e.star_arg || e.distinct_arg) Fail(936, {}, e.position);
    const FunctionDef* f = nullptr;
    if (e.trim_mode != TrimMode::kNone) {
      const char* internal = e.trim_mode == TrimMode::kLeading    ? "TRIM LEADING"
                             : e.trim_mode == TrimMode::kTrailing ? "TRIM TRAILING"
                                                                  : "TRIM BOTH";
      f = FindFunction(internal, true);
    } else {
      f = FindFunction(e.name);
    }
    if (f == nullptr) {
      const size_t dot = e.name.find('.');
      if (dot == std::string::npos) ThrowInvalidIdentifier("", e.name, e.position);
      ThrowInvalidIdentifier(e.name.substr(0, dot), e.name.substr(dot + 1), e.position);
    }
    const int n = static_cast<int>(e.args.size());
    if (n < f->min_args || (f->max_args != kVariadic && n > f->max_args)) {
      Fail(909, {}, e.position);
    }
    auto b = Make(BoundKind::kCall, DataType::kVarchar2);
    b->function = f;
    for (const auto& a : e.args) b->args.push_back(Value(*a));
    b->type = f->result_type(b->args);
    return b;
  }

  std::unique_ptr<BoundExpr> Case(const Expr& e) {
    auto b = Make(BoundKind::kCase, DataType::kVarchar2);
    b->case_has_operand = e.case_has_operand;
    b->case_has_else = e.case_has_else;
    const size_t first = e.case_has_operand ? 1 : 0;
    const size_t results_end = e.args.size() - (e.case_has_else ? 1 : 0);
    std::vector<size_t> result_indices;
    for (size_t i = 0; i < e.args.size(); ++i) {
      const bool is_when = i >= first && i < results_end && (i - first) % 2 == 0;
      const bool is_result = (i >= first && i < results_end && (i - first) % 2 == 1) ||
                             (e.case_has_else && i + 1 == e.args.size());
      if (is_when && !e.case_has_operand) {
        b->args.push_back(Condition(*e.args[i]));
      } else {
        b->args.push_back(Value(*e.args[i]));
      }
      if (is_result) result_indices.push_back(i);
    }
    if (e.case_has_operand) {
      for (size_t i = first; i < results_end; i += 2) {
        CheckComparable(*b->args[0], *b->args[i], e.args[i]->position);
      }
    }
    // The first non-NULL result decides the type; every other must match it.
    const BoundExpr* decider = nullptr;
    for (size_t i : result_indices) {
      const BoundExpr& r = *b->args[i];
      if (r.is_null_constant) continue;
      if (decider == nullptr) {
        decider = &r;
        b->type = r.type;
      } else if (r.type != b->type) {
        Fail(932, {DataTypeName(b->type), DataTypeName(r.type)}, e.args[i]->position);
      }
    }
    return b;
  }

  const Scope& scope_;
  const BindOptions& options_;
  bool in_aggregate_ = false;  // binding a group function's argument
  bool in_window_ = false;     // binding an analytic function's expressions
};

}  // namespace

void Scope::AddTable(std::string qualifier, std::vector<ColumnDef> columns) {
  const int n = static_cast<int>(columns.size());
  tables_.push_back(Table{std::move(qualifier), std::move(columns), width_});
  width_ += n;
}

const Scope::Table* Scope::FindTable(const std::string& qualifier) const {
  for (const Table& t : tables_) {
    if (t.qualifier == qualifier) return &t;
  }
  return nullptr;
}

std::optional<Scope::Column> Scope::FindColumn(const std::string& qualifier,
                                               const std::string& name, int position) const {
  std::optional<Column> found;
  if (qualifier.empty()) {
    for (const UsingColumn& u : using_) {
      if (u.superseded || u.name != name) continue;
      if (found) Fail(918, {}, position);
      found = u.column;
    }
  }
  for (const Table& t : tables_) {
    if (!qualifier.empty() && t.qualifier != qualifier) continue;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].name != name) continue;
      const int index = t.offset + static_cast<int>(i);
      if (IsHidden(index)) {
        if (!qualifier.empty()) Fail(25154, {}, position);
        continue;
      }
      if (found) Fail(918, {}, position);
      found = Column{index, t.columns[i].type};
    }
  }
  return found;
}

void Scope::AddUsingColumn(std::string name, Column merged, int anchor_table,
                           std::vector<int> hidden) {
  for (UsingColumn& u : using_) {
    if (u.name == name) u.superseded = true;
  }
  using_.push_back(UsingColumn{std::move(name), merged, anchor_table});
  hidden_.insert(hidden_.end(), hidden.begin(), hidden.end());
}

bool Scope::IsHidden(int column_index) const {
  for (int h : hidden_) {
    if (h == column_index) return true;
  }
  return false;
}

std::unique_ptr<BoundExpr> BindColumn(const Scope::Column& c) {
  auto column = Make(BoundKind::kColumn, c.type);
  column->column = c.index;
  if (c.coalesce_with < 0) return column;
  // CASE WHEN index IS NOT NULL THEN index ELSE coalesce_with END
  auto other = Make(BoundKind::kColumn, c.type);
  other->column = c.coalesce_with;
  auto test = Make(BoundKind::kIsNull, DataType::kNumber);
  test->negated = true;
  auto copy = Make(BoundKind::kColumn, c.type);
  copy->column = c.index;
  test->args.push_back(std::move(copy));
  auto b = Make(BoundKind::kCase, c.type);
  b->case_has_else = true;
  b->args.push_back(std::move(test));
  b->args.push_back(std::move(column));
  b->args.push_back(std::move(other));
  return b;
}

std::unique_ptr<BoundExpr> BindValue(const Expr& e, const Scope& scope) {
  return Binder(scope, BindOptions{}).Value(e);
}

std::unique_ptr<BoundExpr> BindCondition(const Expr& e, const Scope& scope) {
  return Binder(scope, BindOptions{}).Condition(e);
}

std::unique_ptr<BoundExpr> BindValue(const Expr& e, const Scope& scope,
                                     const BindOptions& options) {
  return Binder(scope, options).Value(e);
}

std::unique_ptr<BoundExpr> BindCondition(const Expr& e, const Scope& scope,
                                         const BindOptions& options) {
  return Binder(scope, options).Condition(e);
}

void ThrowInvalidIdentifier(const std::string& qualifier, const std::string& name, int position) {
  std::string text = qualifier.empty() ? "" : "\"" + qualifier + "\".";
  text += "\"" + name + "\"";
  Fail(904, {text}, position);
}

}  // namespace warden::sql
