// Stored tables as relations (see stored_table.h).
#include "sql/stored_table.h"

#include "sql/column_types.h"
#include "sql/fixed_views.h"
#include "sql/row_codec.h"
#include "storage/shm_heap.h"

namespace warden::sql {

std::vector<ColumnDef> StoredColumns(const storage::TableMeta& t) {
  std::vector<ColumnDef> cols;
  for (int i = 0; i < t.ncols; ++i) cols.push_back({t.cols[i].name, static_cast<DataType>(t.cols[i].type)});
  return cols;
}

StoredTableRelation::StoredTableRelation(storage::TableMeta* table, txn::ReadView view)
    : table_(table), view_(view), columns_(StoredColumns(*table)), cursor_(table) {}

bool StoredTableRelation::Next(std::vector<Value>* row) {
  // Bounded by the directory slots in use when the scan began.
  for (storage::RowHeader* r = cursor_.Next(); r != nullptr; r = cursor_.Next()) {
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

std::unique_ptr<Relation> DatabaseCatalog::Open(const std::string& schema, const std::string& name) {
  if (storage::HeapReady()) {
    if (storage::TableMeta* t = ResolveTable(schema, name, *session_)) {
      return std::make_unique<StoredTableRelation>(t, SessionReadView(*session_));
    }
  }
  FixedViewCatalog fixed;
  return fixed.Open(schema, name);
}

}  // namespace warden::sql
