// Stored tables as relations: a scan of a table's rows as the statement's read view sees
// them (txn::VisibleImage: committed data, plus the session's own earlier changes), and
// DatabaseCatalog, which resolves a name to a stored table of the session's schema (or the
// named one) and otherwise to a fixed view.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "sql/relation.h"
#include "sql/session_context.h"
#include "storage/row_store.h"
#include "txn/transaction.h"

namespace warden::sql {

std::vector<ColumnDef> StoredColumns(const storage::TableMeta& t);
// The position of column `name` in t, -1 if it has none.
int StoredColumnIndex(const storage::TableMeta& t, std::string_view name);
// As above; ORA-00904 "NAME": invalid identifier at `position` if it has none.
int StoredColumnIndexOrFail(const storage::TableMeta& t, const std::string& name, int position);

class StoredTableRelation : public Relation {
 public:
  StoredTableRelation(storage::TableMeta* table, txn::ReadView view);
  // Only these rows (an index probe's), in this order.
  StoredTableRelation(storage::TableMeta* table, txn::ReadView view,
                      std::vector<storage::RowHeader*> rows);
  const std::vector<ColumnDef>& columns() const override { return columns_; }
  bool Next(std::vector<Value>* row) override;
  // The row the last Next returned (for DML and FOR UPDATE).
  storage::RowHeader* current() const { return current_; }

 private:
  txn::ReadView view_;
  std::vector<ColumnDef> columns_;
  storage::RowCursor cursor_;
  bool use_rows_ = false;
  std::vector<storage::RowHeader*> rows_;
  size_t next_row_ = 0;
  storage::RowHeader* current_ = nullptr;

  storage::RowHeader* NextCandidate();
};

// The read view of the session's running statement.
txn::ReadView SessionReadView(const SessionContext& session);

// Resolves [schema.]name: the session's own schema first when none is given.
storage::TableMeta* ResolveTable(const std::string& schema, const std::string& name,
                                 const SessionContext& session);

// FROM names one table (no join, inline view, set operator or WITH).
bool IsSingleTableQuery(const SelectStatement& select);

// Serves one table of a single-table SELECT through an index probe (sql/index_access.h)
// when its WHERE allows one; every other name resolves through the base catalog.
// nullptr when no probe applies.
std::unique_ptr<Catalog> IndexProbeCatalogFor(const SelectStatement& select, Catalog& base,
                                              const ExecContext& ctx);

class DatabaseCatalog : public Catalog {
 public:
  explicit DatabaseCatalog(SessionContext* session) : session_(session) {}
  std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) override;

 private:
  SessionContext* session_;
};

}  // namespace warden::sql
