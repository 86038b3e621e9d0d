// Index access for single-table statements: when the WHERE clause's top-level AND terms
// include `column = constant` (a literal or a bind variable) for every column of one of the
// table's indexes, the rows come from an index lookup instead of a scan of the whole table.
// The full WHERE is still evaluated on every row returned, so the probe only narrows the
// candidates; it is skipped (falling back to the scan) whenever the constant's type differs
// from the column's, since Oracle then compares after an implicit conversion of the column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast.h"
#include "sql/exec_context.h"
#include "storage/row_store.h"

namespace warden::sql {

struct IndexProbe {
  const storage::IndexMeta* index = nullptr;
  std::string key;  // encoded as row_codec's EncodeIndexKey
};

// `qualifier` is the name the statement gives the table (its alias, else its name).
std::optional<IndexProbe> FindIndexProbe(const storage::TableMeta& t, const std::string& qualifier,
                                         const Expr* where, const ExecContext& ctx);

// The rows the index maps the key to (latch-free; inside an EpochGuard).
std::vector<storage::RowHeader*> ProbeRows(const IndexProbe& probe);

}  // namespace warden::sql
