// Stored tables as relations (see stored_table.h).
#include "sql/stored_table.h"

#include "sql/column_types.h"
#include "sql/catalog_views.h"
#include "sql/fixed_views.h"
#include "sql/index_access.h"
#include "sql/privileges.h"
#include "common/ora_error.h"
#include "sql/row_codec.h"
#include "storage/shm_heap.h"

namespace warden::sql {

std::vector<ColumnDef> StoredColumns(const storage::TableMeta& t) {
  std::vector<ColumnDef> cols;
  for (int i = 0; i < t.ncols; ++i) cols.push_back({t.cols[i].name, static_cast<DataType>(t.cols[i].type)});
  return cols;
}

int StoredColumnIndex(const storage::TableMeta& t, std::string_view name) {
  for (int i = 0; i < t.ncols; ++i) {
    if (name == t.cols[i].name) return i;
  }
  return -1;
}

int StoredColumnIndexOrFail(const storage::TableMeta& t, const std::string& name, int position) {
  const int i = StoredColumnIndex(t, name);
  if (i < 0) OraError::ThrowAt(904, position, {"\"" + name + "\""});
  return i;
}

StoredTableRelation::StoredTableRelation(storage::TableMeta* table, txn::ReadView view)
    : view_(view), columns_(StoredColumns(*table)), cursor_(table) {}

StoredTableRelation::StoredTableRelation(storage::TableMeta* table, txn::ReadView view,
                                         std::vector<storage::RowHeader*> rows)
    : StoredTableRelation(table, view) {
  use_rows_ = true;
  rows_ = std::move(rows);
}

storage::RowHeader* StoredTableRelation::NextCandidate() {
  if (!use_rows_) return cursor_.Next();
  return next_row_ < rows_.size() ? rows_[next_row_++] : nullptr;
}

bool StoredTableRelation::Next(std::vector<Value>* row) {
  // Bounded by the directory slots in use when the scan began (or the probe's rows).
  for (storage::RowHeader* r = NextCandidate(); r != nullptr; r = NextCandidate()) {
    const storage::RowImage* image = txn::VisibleImage(r, view_);
    if (image == nullptr) continue;
    row->clear();
    DecodeRow(storage::ImageBytes(image), row);
    current_ = r;
    return true;
  }
  current_ = nullptr;
  return false;
}

txn::ReadView SessionReadView(const SessionContext& session) {
  return session.txn == nullptr ? txn::ReadView{} : session.txn->view();
}

storage::TableMeta* ResolveTable(const std::string& schema, const std::string& name,
                                 const SessionContext& session) {
  return storage::FindTable(schema.empty() ? session.username : schema, name);
}

bool IsSingleTableQuery(const SelectStatement& select) {
  return select.from.size() == 1 && select.from[0].subquery == nullptr &&
         select.from[0].joins.empty() && select.set_op == SetOp::kNone && select.with.empty();
}

namespace {

class IndexProbeCatalog : public Catalog {
 public:
  IndexProbeCatalog(Catalog& base, const TableRef& ref, storage::TableMeta* t,
                    txn::ReadView view, std::vector<storage::RowHeader*> rows)
      : base_(base), schema_(ref.schema), name_(ref.name), table_(t), view_(view),
        rows_(std::move(rows)) {}

  std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) override {
    if (!served_ && schema == schema_ && name == name_) {
      served_ = true;
      return std::make_unique<StoredTableRelation>(table_, view_, std::move(rows_));
    }
    return base_.Open(schema, name);
  }

 private:
  Catalog& base_;
  std::string schema_, name_;
  storage::TableMeta* table_;
  txn::ReadView view_;
  std::vector<storage::RowHeader*> rows_;
  bool served_ = false;
};

}  // namespace

std::unique_ptr<Catalog> IndexProbeCatalogFor(const SelectStatement& select, Catalog& base,
                                              const ExecContext& ctx) {
  if (!IsSingleTableQuery(select) || select.where == nullptr || !storage::HeapReady()) {
    return nullptr;
  }
  const TableRef& ref = select.from[0];
  storage::TableMeta* t = ResolveTable(ref.schema, ref.name, *ctx.session);
  // The probe is only a faster way to the rows: who may not read them is answered by the
  // ordinary path (DatabaseCatalog: ORA-00942 / ORA-01031).
  if (t == nullptr || TableAccessError(*ctx.session, *t, storage::kObjSelect) != 0) return nullptr;
  std::optional<IndexProbe> probe =
      FindIndexProbe(*t, ref.alias.empty() ? ref.name : ref.alias, select.where.get(), ctx);
  if (!probe) return nullptr;
  return std::make_unique<IndexProbeCatalog>(base, ref, t, SessionReadView(*ctx.session),
                                             ProbeRows(*probe));
}

std::unique_ptr<Relation> DatabaseCatalog::Open(const std::string& schema, const std::string& name) {
  if (storage::HeapReady()) {
    if (storage::TableMeta* t = ResolveTable(schema, name, *session_)) {
      // Not seen at all: as if it did not exist (the planner's ORA-00942 with position).
      int code = TableAccessError(*session_, *t, storage::kObjSelect);
      if (code == 942) return nullptr;
      if (code != 0) throw OraError::Make(code);
      return std::make_unique<StoredTableRelation>(t, SessionReadView(*session_));
    }
    if (IsDictionaryView(name) && !HasSysPriv(*session_, storage::kPrivSelectAnyDictionary)) {
      return nullptr;
    }
    if (std::unique_ptr<Relation> view = OpenCatalogView(schema, name, *session_)) return view;
  }
  FixedViewCatalog fixed;
  return fixed.Open(schema, name);
}

}  // namespace warden::sql
