// Column types of stored tables: the types CREATE TABLE accepts, how they are recorded in
// the table directory (storage::ColumnMeta), and how a value is made to fit a column on
// INSERT/UPDATE with Oracle's checks (ORA-01438, ORA-12899, ORA-01722, ORA-01400...).
#pragma once

#include <cstdint>
#include <string>

#include "sql/ast.h"
#include "sql/value.h"
#include "storage/row_store.h"

namespace warden::sql {

// The declared kind of a column, stored in ColumnMeta::type.
enum class ColumnKind : uint8_t { kNumber = 1, kVarchar2 = 2, kChar = 3, kDate = 4 };

// Fills the type fields of *col from a TypeSpec; ORA-00902 invalid datatype, ORA-00906 for
// VARCHAR2 without a length, ORA-00910 for a length beyond Oracle's limits, ORA-01727/01728
// for a NUMBER precision/scale out of range.
void ResolveColumnType(const TypeSpec& spec, storage::NewColumn* col);

// The value type a column's values have.
DataType ColumnDataType(const storage::ColumnMeta& col);
// Oracle's data type name for catalog views and DESCRIBE: NUMBER, VARCHAR2, CHAR, DATE.
std::string ColumnTypeName(const storage::ColumnMeta& col);

// Converts v to the column's type and checks it fits (NULL passes; NOT NULL is checked by
// the caller, which knows whether it is an insert or an update).
// `qualified` is "OWNER"."TABLE"."COLUMN" for the messages.
Value CoerceToColumn(const Value& v, const storage::ColumnMeta& col, const std::string& qualified);

std::string QualifiedColumnName(const storage::TableMeta& t, const storage::ColumnMeta& col);

}  // namespace warden::sql
