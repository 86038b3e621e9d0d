// SELECT ... FOR UPDATE (see select_for_update.h).
#include "sql/select_for_update.h"

#include "common/ora_error.h"
#include "sql/dml.h"
#include "sql/stored_table.h"

namespace warden::sql {
namespace {

// The table's rows, locked when the query first asks for one (so describing the statement
// locks nothing), then served in their current, locked version.
class LockedRowsRelation : public Relation {
 public:
  LockedRowsRelation(const SelectStatement& select, storage::TableMeta* t, ExecContext& ctx)
      : select_(select), ctx_(ctx), columns_(StoredColumns(*t)) {}

  const std::vector<ColumnDef>& columns() const override { return columns_; }

  bool Next(std::vector<Value>* row) override {
    if (!locked_) LockRows();
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++]);
    return true;
  }

 private:
  void LockRows() {
    locked_ = true;
    const TableRef& ref = select_.from[0];
    storage::TableMeta* t =
        DmlTable(ObjectName{ref.schema, ref.name, ref.position}, storage::kObjSelect, ctx_);
    Scope scope = TableScope(*t, ref.alias);
    std::unique_ptr<BoundExpr> where =
        select_.where ? BindCondition(*select_.where, scope) : nullptr;
    RowLockPolicy policy;
    if (select_.for_update_nowait) policy.timeout_us = 0;
    if (select_.for_update_wait >= 0) policy.timeout_us = select_.for_update_wait * 1'000'000;
    policy.skip_locked = select_.for_update_skip_locked;
    policy.for_update = true;
    for (storage::RowHeader* r : MatchingRows(t, ref.alias.empty() ? ref.name : ref.alias,
                                                select_.where.get(), where.get(), ctx_)) {
      ctx_.CheckInterrupts();
      std::vector<Value> current;
      if (LockMatchingRow(r, where.get(), policy, ctx_, &current)) {
        rows_.push_back(std::move(current));
      }
    }
  }

  const SelectStatement& select_;
  ExecContext& ctx_;
  std::vector<ColumnDef> columns_;
  std::vector<std::vector<Value>> rows_;
  size_t next_ = 0;
  bool locked_ = false;
};

// Serves the table locked; everything else as before.
class ForUpdateCatalog : public Catalog {
 public:
  ForUpdateCatalog(Catalog& base, const SelectStatement& select, storage::TableMeta* t,
                   ExecContext& ctx)
      : base_(base), select_(select), table_(t), ctx_(ctx) {}

  std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) override {
    const TableRef& ref = select_.from[0];
    if (schema == ref.schema && name == ref.name) {
      return std::make_unique<LockedRowsRelation>(select_, table_, ctx_);
    }
    return base_.Open(schema, name);
  }

 private:
  Catalog& base_;
  const SelectStatement& select_;
  storage::TableMeta* table_;
  ExecContext& ctx_;
};

}  // namespace

std::unique_ptr<Catalog> ForUpdateCatalogFor(const SelectStatement& select, Catalog& catalog,
                                             ExecContext& ctx) {
  if (!IsSingleTableQuery(select) || select.distinct || !select.group_by.empty()) {
    throw OraError::Make(2014, {});  // cannot select FOR UPDATE from view with DISTINCT, ...
  }
  const TableRef& ref = select.from[0];
  storage::TableMeta* t = ResolveTable(ref.schema, ref.name, *ctx.session);
  if (t == nullptr) throw OraError::Make(2014, {});  // DUAL, fixed views: nothing to lock
  return std::make_unique<ForUpdateCatalog>(catalog, select, t, ctx);
}

}  // namespace warden::sql
