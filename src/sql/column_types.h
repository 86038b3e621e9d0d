// Stored columns' types: CREATE TABLE's type names resolved to a ColumnType
// (sql/column_type.h), and the ColumnType a table-directory column (storage::ColumnMeta)
// records, for coercion on INSERT/UPDATE and for the catalog views.
#pragma once

#include <string>

#include "sql/ast.h"
#include "sql/column_type.h"
#include "storage/row_store.h"

namespace warden::sql {

// Fills the type fields of *col from a TypeSpec; ORA-00902 invalid datatype, ORA-00906 for
// VARCHAR2 without a length, ORA-00910 for a length beyond Oracle's limits, ORA-01727/01728
// for a NUMBER precision/scale out of range.
void ResolveColumnType(const TypeSpec& spec, storage::NewColumn* col);

ColumnType ColumnTypeOf(const storage::ColumnMeta& col);

// "OWNER"."TABLE"."COLUMN", as Oracle's messages name a column.
std::string QualifiedColumnName(const storage::TableMeta& t, const storage::ColumnMeta& col);

}  // namespace warden::sql
