// The binder: resolves names in an AST expression against the relations in scope and
// checks types, producing a BoundExpr. Errors carry the position of the offending name:
// ORA-00904 unknown column or function, ORA-00918 ambiguous column, ORA-00909 wrong
// argument count, ORA-00932 inconsistent types, ORA-00975 date + date, ORA-01008 a bind
// variable without a value.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast.h"
#include "sql/bound_expr.h"
#include "sql/relation.h"

namespace warden::sql {

// The relations of a FROM clause, laid side by side in one row: table i's columns start
// at offset(i).
class Scope {
 public:
  struct Table {
    std::string qualifier;  // the alias, else the table name
    std::vector<ColumnDef> columns;
    int offset = 0;
  };
  struct Column {
    int index;  // in the combined row
    DataType type;
  };

  void AddTable(std::string qualifier, std::vector<ColumnDef> columns);
  int width() const { return width_; }
  const std::vector<Table>& tables() const { return tables_; }
  // The table with that qualifier, nullptr if none.
  const Table* FindTable(const std::string& qualifier) const;
  // nullopt when no table has the column (or the qualifier matches no table); ORA-00918
  // (at position) when more than one does.
  std::optional<Column> FindColumn(const std::string& qualifier, const std::string& name,
                                   int position) const;

 private:
  std::vector<Table> tables_;
  int width_ = 0;
};

// REQUIRES: !IsCondition(e).
std::unique_ptr<BoundExpr> BindValue(const Expr& e, const Scope& scope);
// REQUIRES: IsCondition(e).
std::unique_ptr<BoundExpr> BindCondition(const Expr& e, const Scope& scope);

// ORA-00904 "NAME": invalid identifier (or "Q"."NAME") at position.
[[noreturn]] void ThrowInvalidIdentifier(const std::string& qualifier, const std::string& name,
                                         int position);

}  // namespace warden::sql
