// DML statements (see dml.h).
#include "sql/dml.h"

#include <set>

#include "common/ora_error.h"
#include "sql/binder.h"
#include "sql/column_types.h"
#include "sql/evaluator.h"
#include "sql/index_access.h"
#include "sql/parser.h"
#include "sql/privileges.h"
#include "sql/row_codec.h"
#include "sql/row_lock_wait.h"
#include "sql/select_planner.h"
#include "sql/stored_table.h"
#include "sql/table_locks.h"
#include "storage/shm_heap.h"
#include "txn/enqueue.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

using storage::RowHeader;
using storage::TableMeta;

txn::Transaction& SessionTxn(ExecContext& ctx) {
  if (ctx.session->txn == nullptr) throw OraError::Make(600, {"DML", "no transaction"});
  return *ctx.session->txn;
}

// The value of column i's DEFAULT (NULL when it has none), evaluated per row as Oracle.
Value DefaultValue(const TableMeta& t, int i, ExecContext& ctx) {
  const char* text = t.cols[i].default_sql;
  if (text[0] == '\0') return Value::Null();
  std::unique_ptr<Statement> s = ParseStatement(std::string("SELECT ") + text + " FROM DUAL");
  const Scope no_tables;
  return Evaluate(*BindValue(*s->select->items[0].expr, no_tables), {}, ctx);
}

// Makes the values fit their columns and checks NOT NULL (ORA-01400 on insert, ORA-01407
// on update).
void FitRow(const TableMeta& t, std::vector<Value>* row, bool insert) {
  for (int i = 0; i < t.ncols; ++i) {
    std::string q = QualifiedColumnName(t, t.cols[i]);
    (*row)[i] = CoerceToColumn((*row)[i], ColumnTypeOf(t.cols[i]), q);
    if ((*row)[i].is_null() && !t.cols[i].nullable) {
      throw OraError::Make(insert ? 1400 : 1407, {q});
    }
  }
}

// Adds the index entries of `row` for its new values; keys equal to the old values' are
// already there. Unique keys: ORA-00001 if another row has the key, a wait if that row's
// transaction is still active.
void AddIndexEntries(TableMeta* t, RowHeader* row, const std::vector<Value>& values,
                     const std::vector<Value>* old_values, ExecContext& ctx) {
  txn::Transaction& tx = SessionTxn(ctx);
  int n = t->nindexes.load();
  for (int i = 0; i < n; ++i) {
    storage::IndexMeta* ix = t->indexes[i];
    std::string key, old_key;
    if (!EncodeIndexKey(*ix, values, &key)) continue;
    if (old_values != nullptr && EncodeIndexKey(*ix, *old_values, &old_key) && old_key == key) {
      continue;
    }
    for (int attempt = 0; attempt < 1'000'000; ++attempt) {
      storage::Xid wait_for = 0;
      RowHeader* wait_row = nullptr;
      {
        storage::DirectoryLatchGuard latch;
        if (ix->unique) {
          for (RowHeader* other : storage::IndexLookup(ix, key)) {
            if (other == row || !storage::RowLinked(other)) continue;
            storage::Xid x = other->lock_xid.load();
            if (x != 0 && x != tx.xid() && txn::XidHoldsLocks(x)) {
              wait_for = x;
              wait_row = other;
              break;
            }
            const storage::RowImage* img = other->image.load();
            if (img == nullptr) continue;
            std::vector<Value> ov;
            DecodeRow(storage::ImageBytes(img), &ov);
            std::string other_key;
            if (EncodeIndexKey(*ix, ov, &other_key) && other_key == key) {
              throw OraError::Make(1, {std::string(t->owner) + "." + ix->name});
            }
          }
        }
        if (wait_for == 0) {
          storage::IndexInsert(ix, key, row);
          break;
        }
      }
      WaitForRowLockHolder(wait_for, -1, ctx, wait_row);
    }
  }
}

std::vector<std::vector<Value>> InsertSourceRows(const InsertStatement& ins, Catalog& catalog,
                                                 ExecContext& ctx, size_t width) {
  std::vector<std::vector<Value>> rows;
  if (ins.select != nullptr) {
    QueryPlan plan = PlanSelect(*ins.select, catalog, ctx);
    if (plan.columns.size() > width) OraError::ThrowAt(913, ins.table.position);
    if (plan.columns.size() < width) OraError::ThrowAt(947, ins.table.position);
    Row row;
    while (plan.root->Next(&row)) {  // bounded by the query's input
      ctx.CheckInterrupts();
      rows.push_back(row);
    }
    return rows;
  }
  const Scope no_tables;
  for (const auto& exprs : ins.rows) {
    if (exprs.size() > width) OraError::ThrowAt(913, ins.table.position);
    if (exprs.size() < width) OraError::ThrowAt(947, ins.table.position);
    std::vector<Value> row;
    for (const auto& e : exprs) {
      // DEFAULT in VALUES is a nullptr here; filled from the column's default by the caller.
      row.push_back(e == nullptr ? Value::Null() : Evaluate(*BindValue(*e, no_tables), {}, ctx));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Insert(const InsertStatement& ins, Catalog& catalog, ExecContext& ctx) {
  TableMeta* t = DmlTable(ins.table, storage::kObjInsert, ctx);
  std::vector<int> targets;
  std::set<int> seen;
  if (ins.columns.empty()) {
    for (int i = 0; i < t->ncols; ++i) targets.push_back(i);
  } else {
    for (const std::string& c : ins.columns) {
      int i = StoredColumnIndexOrFail(*t, c, ins.columns_position);
      if (!seen.insert(i).second) OraError::ThrowAt(957, ins.columns_position);
      targets.push_back(i);
    }
  }
  std::vector<std::vector<Value>> source = InsertSourceRows(ins, catalog, ctx, targets.size());
  txn::Transaction& tx = SessionTxn(ctx);
  int64_t count = 0;
  for (size_t r = 0; r < source.size(); ++r) {
    ctx.CheckInterrupts();
    std::vector<Value> row(t->ncols);
    std::vector<bool> given(t->ncols, false);
    for (size_t k = 0; k < targets.size(); ++k) {
      bool is_default = ins.select == nullptr && ins.rows[r][k] == nullptr;
      if (!is_default) {
        row[targets[k]] = source[r][k];
        given[targets[k]] = true;
      }
    }
    for (int i = 0; i < t->ncols; ++i) {
      if (!given[i]) row[i] = DefaultValue(*t, i, ctx);
    }
    FitRow(*t, &row, true);
    RowHeader* h = tx.Insert(t, storage::MakeImage(EncodeRow(row)));
    AddIndexEntries(t, h, row, nullptr, ctx);
    ++count;
  }
  return "INSERT 0 " + std::to_string(count);
}

std::string Update(const UpdateStatement& up, Catalog& catalog, ExecContext& ctx) {
  TableMeta* t = DmlTable(up.table, storage::kObjUpdate, ctx);
  Scope scope = TableScope(*t, up.alias);
  PlanEnv env{&catalog, &ctx, nullptr};  // subqueries in SET and WHERE
  scope.set_env(&env);
  std::vector<std::pair<int, std::unique_ptr<BoundExpr>>> sets;
  std::set<int> seen;
  for (const Assignment& a : up.sets) {
    int i = StoredColumnIndexOrFail(*t, a.column, a.position);
    if (!seen.insert(i).second) OraError::ThrowAt(957, a.position);
    sets.emplace_back(i, a.value == nullptr ? nullptr : BindValue(*a.value, scope));
  }
  std::unique_ptr<BoundExpr> where = up.where ? BindCondition(*up.where, scope) : nullptr;
  txn::Transaction& tx = SessionTxn(ctx);
  int64_t count = 0;
  for (RowHeader* r : MatchingRows(t, up.alias.empty() ? t->name : up.alias, up.where.get(), where.get(), ctx)) {
    ctx.CheckInterrupts();
    std::vector<Value> current;
    if (!LockMatchingRow(r, where.get(), RowLockPolicy{}, ctx, &current)) continue;
    std::vector<Value> next = current;
    for (auto& [i, e] : sets) next[i] = e == nullptr ? DefaultValue(*t, i, ctx) : Evaluate(*e, current, ctx);
    FitRow(*t, &next, false);
    tx.Update(t, r, storage::MakeImage(EncodeRow(next)));
    AddIndexEntries(t, r, next, &current, ctx);
    ++count;
  }
  return "UPDATE " + std::to_string(count);
}

std::string Delete(const DeleteStatement& del, Catalog& catalog, ExecContext& ctx) {
  TableMeta* t = DmlTable(del.table, storage::kObjDelete, ctx);
  Scope scope = TableScope(*t, del.alias);
  PlanEnv env{&catalog, &ctx, nullptr};  // subqueries in WHERE
  scope.set_env(&env);
  std::unique_ptr<BoundExpr> where = del.where ? BindCondition(*del.where, scope) : nullptr;
  txn::Transaction& tx = SessionTxn(ctx);
  int64_t count = 0;
  for (RowHeader* r :
       MatchingRows(t, del.alias.empty() ? t->name : del.alias, del.where.get(), where.get(), ctx)) {
    ctx.CheckInterrupts();
    std::vector<Value> current;
    if (!LockMatchingRow(r, where.get(), RowLockPolicy{}, ctx, &current)) continue;
    tx.Delete(t, r);
    ++count;
  }
  return "DELETE " + std::to_string(count);
}

}  // namespace

// The DML's table, TM-locked in row exclusive mode for the rest of the transaction.
TableMeta* DmlTable(const ObjectName& n, storage::ObjPriv need, ExecContext& ctx) {
  const SessionContext& session = *ctx.session;
  TableMeta* t = ResolveTable(n.schema, n.name, session);
  if (t == nullptr) OraError::ThrowAt(942, n.position);
  CheckTableAccess(session, *t, need, n.position);
  // The transaction starts at the first row change or lock (Transaction::LockRow, Insert).
  LockTable(*t, txn::LockMode::kRowExclusive, txn::kEnqueueWaitForever, session.txn);
  return t;
}

Scope TableScope(const TableMeta& t, const std::string& alias) {
  Scope scope;
  scope.AddTable(alias.empty() ? t.name : alias, StoredColumns(t));
  return scope;
}

std::vector<RowHeader*> MatchingRows(TableMeta* t, const std::string& qualifier,
                                     const Expr* where_ast, const BoundExpr* where,
                                     ExecContext& ctx) {
  std::vector<RowHeader*> out;
  std::optional<IndexProbe> probe = FindIndexProbe(*t, qualifier, where_ast, ctx);
  StoredTableRelation scan = probe ? StoredTableRelation(t, SessionReadView(*ctx.session),
                                                         ProbeRows(*probe))
                                   : StoredTableRelation(t, SessionReadView(*ctx.session));
  std::vector<Value> row;
  while (scan.Next(&row)) {  // bounded by the table's rows
    ctx.CheckInterrupts();
    if (where == nullptr || EvaluateCondition(*where, row, ctx) == Tri::kTrue) {
      out.push_back(scan.current());
    }
  }
  return out;
}

bool LockMatchingRow(RowHeader* r, const BoundExpr* where, const RowLockPolicy& policy,
                     ExecContext& ctx, std::vector<Value>* current) {
  struct Skipped {};
  txn::Transaction::LockResult result;
  try {
    result = SessionTxn(ctx).LockRow(r, [&](storage::Xid holder) {
      if (policy.skip_locked) throw Skipped{};
      if (!WaitForRowLockHolder(holder, policy.timeout_us, ctx, r)) {
        throw OraError::Make(policy.timeout_us > 0 ? 30006 : 54, {});
      }
    }, policy.for_update ? storage::TableById(r->table_id) : nullptr);
  } catch (const Skipped&) {
    return false;
  }
  if (result == txn::Transaction::LockResult::kGone) return false;
  const storage::RowImage* img = r->image.load();
  if (img == nullptr) return false;
  current->clear();
  DecodeRow(storage::ImageBytes(img), current);
  // Write consistency: the row may have changed while we waited; re-check it.
  return where == nullptr || EvaluateCondition(*where, *current, ctx) == Tri::kTrue;
}

std::string ExecuteDml(const Statement& stmt, Catalog& catalog, ExecContext& ctx) {
  storage::EpochGuard epoch;
  switch (stmt.kind) {
    case StatementKind::kInsert:
      return Insert(*stmt.insert, catalog, ctx);
    case StatementKind::kUpdate:
      return Update(*stmt.update, catalog, ctx);
    case StatementKind::kDelete:
      return Delete(*stmt.del, catalog, ctx);
    default:
      throw OraError::Make(600, {"ExecuteDml", "not a DML statement"});
  }
}

}  // namespace warden::sql
