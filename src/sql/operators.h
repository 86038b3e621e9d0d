// The executor's iterators. A query is a tree of Operators; the root's Next() pulls rows
// through it one at a time (Volcano model), so results stream to the client as they are
// produced, except where an operator must see all its input first (Sort, the inner side
// of a join). Every loop over rows calls ExecContext::CheckInterrupts once per row.
// Joins, aggregation, set operators and row limits live in their own files beside these.
// Rewind() restarts an operator from its first row: a correlated subquery's plan runs
// once per outer row. Scans in such a plan keep the rows they read, so a rewound plan
// reads its relations once but recomputes everything that may depend on the outer row.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "sql/bound_expr.h"
#include "sql/exec_context.h"
#include "sql/relation.h"
#include "sql/value.h"

namespace warden::sql {

using Row = std::vector<Value>;

class Operator {
 public:
  virtual ~Operator() = default;
  // Fills *row with the next row; false at the end (and on every call after).
  virtual bool Next(Row* row) = 0;
  // Starts again from the first row.
  virtual void Rewind() = 0;
};

// Rows of a relation, as they come. After KeepRows() the scan keeps the rows it reads so
// that Rewind() can replay them (a relation can be read only once); without it Rewind is
// ORA-00600.
class ScanOperator : public Operator {
 public:
  ScanOperator(std::unique_ptr<Relation> relation, ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;
  // REQUIRES: before the first Next().
  void KeepRows() { rewindable_ = true; }

 private:
  std::unique_ptr<Relation> relation_;
  ExecContext& ctx_;
  size_t width_;
  bool rewindable_ = false;
  std::vector<Row> kept_;  // rewindable: the rows read so far
  size_t next_kept_ = 0;
  bool exhausted_ = false;
};

// Places each child row at `offset` in a row of `width` NULLs: the FROM clause's tables
// (and inline views) share one row layout (Scope), whatever order they are joined in.
class PlaceOperator : public Operator {
 public:
  PlaceOperator(std::unique_ptr<Operator> child, int offset, int width);
  bool Next(Row* row) override;
  void Rewind() override { child_->Rewind(); }

 private:
  std::unique_ptr<Operator> child_;
  int offset_;
  int width_;
  Row input_;
};

// The rows for which the condition is TRUE (not FALSE, not UNKNOWN).
class FilterOperator : public Operator {
 public:
  FilterOperator(std::unique_ptr<Operator> child, std::unique_ptr<BoundExpr> condition,
                 ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  std::unique_ptr<Operator> child_;
  std::unique_ptr<BoundExpr> condition_;
  ExecContext& ctx_;
};

// One output column per expression, evaluated against the child's row.
class ProjectOperator : public Operator {
 public:
  ProjectOperator(std::unique_ptr<Operator> child, std::vector<std::unique_ptr<BoundExpr>> exprs,
                  ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  std::unique_ptr<Operator> child_;
  std::vector<std::unique_ptr<BoundExpr>> exprs_;
  ExecContext& ctx_;
  Row input_;
};

struct SortKey {
  int column;
  bool descending = false;
  bool nulls_first = false;
};

// All input rows, ordered by the keys (stable: ties keep their input order).
class SortOperator : public Operator {
 public:
  SortOperator(std::unique_ptr<Operator> child, std::vector<SortKey> keys, ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  void Load();

  std::unique_ptr<Operator> child_;
  std::vector<SortKey> keys_;
  ExecContext& ctx_;
  bool loaded_ = false;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

// The first occurrence of each distinct row (NULLs equal to each other).
class DistinctOperator : public Operator {
 public:
  DistinctOperator(std::unique_ptr<Operator> child, ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  std::unique_ptr<Operator> child_;
  ExecContext& ctx_;
  std::unordered_set<std::string> seen_;
};

// The first `count` columns of each row (drops columns computed only for sorting).
class KeepColumnsOperator : public Operator {
 public:
  KeepColumnsOperator(std::unique_ptr<Operator> child, size_t count);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  std::unique_ptr<Operator> child_;
  size_t count_;
};

}  // namespace warden::sql
