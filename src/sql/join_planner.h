// Plans the FROM clause and the WHERE clause of one query block into scans, joins and
// filters over one row layout (the Scope: every table's columns at a fixed offset, FROM
// order, then the ROWNUM slot).
//  - ANSI joins ([INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN ... ON/USING) join within
//    their FROM item, left to right.
//  - FROM items separated by commas are joined by the WHERE conjuncts that connect them:
//    an equality between the two sides becomes a hash join, other conditions filter the
//    pairs; conjuncts on one item filter it before any join.
//  - Oracle's (+) marks the table whose columns carry it as outer-joined (a left join that
//    keeps the other side's rows); all its (+) conjuncts form the join condition, and it
//    joins once every table they name is in. ORA-01468 (+) on two tables in one conjunct,
//    ORA-01416 tables outer-joined to each other, ORA-01719 (+) under OR or IN, ORA-25156
//    (+) beside ANSI joins. A table may be outer-joined to several others (Oracle 12c+).
//  - Conjuncts with ROWNUM are left to the caller (they apply after the others).
#pragma once

#include <memory>
#include <vector>

#include "sql/binder.h"
#include "sql/select_planner.h"

namespace warden::sql {

struct FromWherePlan {
  std::unique_ptr<Operator> root;  // the rows passing WHERE, but for the ROWNUM conjuncts
  std::vector<std::unique_ptr<BoundExpr>> rownum_conditions;
  bool rownum_only = true;  // the ROWNUM conjuncts read nothing else
  bool correlated = false;  // an inline view reads an enclosing query's row
  std::vector<ScanOperator*> scans;
};

// REQUIRES: scope is empty but for its outer scope and env. Adds the FROM tables and the
// ROWNUM slot to it.
FromWherePlan PlanFromWhere(const SelectStatement& block, Scope* scope, const PlanEnv& env);

}  // namespace warden::sql
