// The binder: resolves names in an AST expression against the relations in scope and
// checks types, producing a BoundExpr. Errors carry the position of the offending name:
// ORA-00904 unknown column or function, ORA-00918 ambiguous column, ORA-00909 wrong
// argument count, ORA-00932 inconsistent types, ORA-00975 date + date, ORA-01008 a bind
// variable without a value; ORA-00934/00935/00937/00978/00979 for misplaced group
// functions, ORA-30483/30484/30485 for analytic ones, ORA-00913/00947 for a subquery with
// too many / too few columns, ORA-30563 for a misplaced (+), ORA-25154 for a qualified
// USING column.
// Subqueries are planned while binding (through select_planner.h) with the current scope
// as their enclosing one; a column found only in an enclosing scope binds as kOuterColumn.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/aggregate.h"
#include "sql/ast.h"
#include "sql/bound_expr.h"
#include "sql/relation.h"

namespace warden::sql {

struct PlanEnv;

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
    // A FULL JOIN ... USING column is the first non-NULL of index and coalesce_with.
    int coalesce_with = -1;
  };
  // A column named in JOIN ... USING: one column for both sides, referenced unqualified.
  struct UsingColumn {
    std::string name;
    Column column;
    int anchor_table;         // SELECT * lists it before this table's columns
    bool superseded = false;  // a later USING of the same name merged it again
  };

  void AddTable(std::string qualifier, std::vector<ColumnDef> columns);
  int width() const { return width_; }
  const std::vector<Table>& tables() const { return tables_; }
  // The table with that qualifier, nullptr if none.
  const Table* FindTable(const std::string& qualifier) const;
  // nullopt when no table has the column (or the qualifier matches no table); ORA-00918
  // (at position) when more than one does; ORA-25154 for a USING column with a qualifier.
  std::optional<Column> FindColumn(const std::string& qualifier, const std::string& name,
                                   int position) const;

  // JOIN ... USING: `merged` stands for the join's two columns `hidden`, which unqualified
  // names no longer reach (and qualified ones may not: ORA-25154).
  void AddUsingColumn(std::string name, Column merged, int anchor_table, std::vector<int> hidden);
  const std::vector<UsingColumn>& using_columns() const { return using_; }
  bool IsHidden(int column_index) const;

  // The enclosing query's scope, for correlated subqueries (nullptr at the top).
  void set_outer(const Scope* outer) { outer_ = outer; }
  const Scope* outer() const { return outer_; }
  // Where subqueries found while binding are planned (nullptr: no subqueries here).
  void set_env(const PlanEnv* env) { env_ = env; }
  const PlanEnv* env() const { return env_; }
  // Set once an aggregating block binds its select list, HAVING and ORDER BY: their rows
  // are grouped rows, so a subquery there reads this block's GROUP BY keys, not its columns.
  void set_grouping(const GroupBinding* group) { grouping_ = group; }
  const GroupBinding* grouping() const { return grouping_; }
  // Adds one slot after the tables' columns for the ROWNUM pseudo-column.
  void AddRownumSlot() { rownum_index_ = width_++; }
  int rownum_index() const { return rownum_index_; }  // -1: ROWNUM is not available

  // Set while binding (the scope is otherwise read-only during binding, hence mutable):
  // ROWNUM was referenced; an expression of this query (or of a subquery inside it)
  // referenced an enclosing query, so it must run again for each outer row.
  bool rownum_used() const { return rownum_used_; }
  bool correlated() const { return correlated_; }
  void MarkRownumUsed() const { rownum_used_ = true; }
  void MarkCorrelated() const { correlated_ = true; }

 private:
  std::vector<Table> tables_;
  int width_ = 0;
  std::vector<UsingColumn> using_;
  std::vector<int> hidden_;  // column indices merged into a USING column
  const Scope* outer_ = nullptr;
  const PlanEnv* env_ = nullptr;
  const GroupBinding* grouping_ = nullptr;
  int rownum_index_ = -1;
  mutable bool rownum_used_ = false;
  mutable bool correlated_ = false;
};

struct BindOptions {
  // Column references may carry Oracle's (+) marker (WHERE conjuncts the join planner
  // turns into outer joins); elsewhere it is ORA-30563.
  bool allow_outer_join_marker = false;
  // An aggregating query block: bind against its grouped row (keys, then aggregates),
  // collecting the group function calls into it.
  GroupBinding* group = nullptr;
  // Analytic functions may appear (select list, ORDER BY); they are collected here.
  // Elsewhere they are ORA-30483.
  WindowBinding* window = nullptr;
};

// REQUIRES: !IsCondition(e).
std::unique_ptr<BoundExpr> BindValue(const Expr& e, const Scope& scope);
// REQUIRES: IsCondition(e).
std::unique_ptr<BoundExpr> BindCondition(const Expr& e, const Scope& scope);
std::unique_ptr<BoundExpr> BindValue(const Expr& e, const Scope& scope, const BindOptions& options);
std::unique_ptr<BoundExpr> BindCondition(const Expr& e, const Scope& scope,
                                         const BindOptions& options);

// The value of a scope column (a CASE for a FULL JOIN ... USING column).
std::unique_ptr<BoundExpr> BindColumn(const Scope::Column& c);

// ORA-00904 "NAME": invalid identifier (or "Q"."NAME") at position.
[[noreturn]] void ThrowInvalidIdentifier(const std::string& qualifier, const std::string& name,
                                         int position);

}  // namespace warden::sql
