// Index access for single-table statements (see index_access.h).
#include "sql/index_access.h"

#include "common/ora_error.h"
#include "sql/column_types.h"
#include "sql/row_codec.h"
#include "sql/stored_table.h"

namespace warden::sql {
namespace {

constexpr int kMaxConjuncts = 64;

// Collects the top-level AND terms of e (bounded: deeper trees are just not probed).
void Conjuncts(const Expr* e, std::vector<const Expr*>* out) {
  if (e == nullptr || out->size() >= kMaxConjuncts) return;
  if (e->kind == ExprKind::kAnd) {
    Conjuncts(e->args[0].get(), out);
    Conjuncts(e->args[1].get(), out);
  } else {
    out->push_back(e);
  }
}

int ColumnOf(const storage::TableMeta& t, const std::string& qualifier, const Expr& e) {
  if (e.kind != ExprKind::kColumnRef) return -1;
  if (!e.qualifier.empty() && e.qualifier != qualifier) return -1;
  return StoredColumnIndex(t, e.name);
}

// The value of a literal or bind; nullopt for anything else (or an unbound bind).
std::optional<Value> ConstantOf(const Expr& e, const ExecContext& ctx) {
  if (e.kind == ExprKind::kLiteral) return e.value;
  if (e.kind == ExprKind::kBind && ctx.binds != nullptr && e.bind_slot >= 0 &&
      static_cast<size_t>(e.bind_slot) < ctx.binds->size()) {
    return (*ctx.binds)[static_cast<size_t>(e.bind_slot)];
  }
  return std::nullopt;
}

}  // namespace

std::optional<IndexProbe> FindIndexProbe(const storage::TableMeta& t, const std::string& qualifier,
                                         const Expr* where, const ExecContext& ctx) {
  std::vector<const Expr*> terms;
  Conjuncts(where, &terms);
  // column position -> the constant it must equal
  std::vector<std::optional<Value>> equal(t.ncols);
  for (const Expr* term : terms) {
    if (term->kind != ExprKind::kComparison || term->op != Op::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      int col = ColumnOf(t, qualifier, *term->args[side]);
      std::optional<Value> v = ConstantOf(*term->args[1 - side], ctx);
      if (col < 0 || !v || v->is_null()) continue;
      DataType col_type = static_cast<DataType>(t.cols[col].type);
      // A bind arrives as text: it converts to a NUMBER column's type as Oracle converts it.
      bool convertible = v->type() == col_type ||
                         (term->args[1 - side]->kind == ExprKind::kBind &&
                          col_type == DataType::kNumber && v->type() == DataType::kVarchar2);
      if (!convertible) continue;
      try {
        equal[col] = CoerceToColumn(*v, ColumnTypeOf(t.cols[col]), "");
      } catch (const OraError&) {
        continue;  // the scan's filter raises the error the statement deserves
      }
    }
  }
  const int n = t.nindexes.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i) {
    const storage::IndexMeta* ix = t.indexes[i];
    std::vector<Value> row(t.ncols);
    bool covered = true;
    for (int k = 0; k < ix->ncols && covered; ++k) {
      covered = equal[ix->cols[k]].has_value();
      if (covered) row[ix->cols[k]] = *equal[ix->cols[k]];
    }
    if (!covered) continue;
    IndexProbe probe;
    probe.index = ix;
    if (!EncodeIndexKey(*ix, row, &probe.key)) continue;
    return probe;
  }
  return std::nullopt;
}

std::vector<storage::RowHeader*> ProbeRows(const IndexProbe& probe) {
  std::vector<storage::RowHeader*> rows = storage::IndexLookup(probe.index, probe.key);
  // A row may be listed under the key twice (an update that moved it away and back).
  std::vector<storage::RowHeader*> unique;
  for (storage::RowHeader* r : rows) {
    bool seen = false;
    for (storage::RowHeader* u : unique) seen = seen || u == r;
    if (!seen && storage::RowLinked(r)) unique.push_back(r);
  }
  return unique;
}

}  // namespace warden::sql
