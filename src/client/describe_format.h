// DESCRIBE's output: SQL*Plus's layout and Oracle's type names, from the catalog
// (ALL_TAB_COLUMNS) or, for objects the catalog does not list (V$ views), from the column
// types a query's RowDescription carries.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace warden::client {

struct DescribedColumn {
  std::string name;
  bool not_null = false;
  std::string type;  // "NUMBER(4)", "VARCHAR2(10)", ...
};

// " Name    Null?    Type" over SQL*Plus's fixed widths (41, 8, 28 at LINESIZE 80), then one
// line per column and a blank line.
std::string FormatDescribe(const std::vector<DescribedColumn>& columns);

// Oracle's type text from ALL_TAB_COLUMNS' DATA_TYPE, DATA_LENGTH, DATA_PRECISION,
// DATA_SCALE (nullopt = NULL): NUMBER, NUMBER(p), NUMBER(p,s), NUMBER(38) for INTEGER,
// VARCHAR2(n), CHAR(n), RAW(n); other types as DATA_TYPE says.
std::string CatalogTypeText(const std::string& data_type, const std::optional<std::string>& length,
                            const std::optional<std::string>& precision,
                            const std::optional<std::string>& scale);

// The same from a result column's PostgreSQL type OID and type modifier (-1: none).
std::string WireTypeText(unsigned oid, int modifier);

}  // namespace warden::client
