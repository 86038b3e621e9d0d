// The executor's iterators. A query is a tree of Operators; the root's Next() pulls rows
// through it one at a time (Volcano model), so results stream to the client as they are
// produced, except where an operator must see all its input first (Sort, the inner side
// of CrossProduct). Every loop over rows calls ExecContext::CheckInterrupts once per row.
// Later issues add Join, Aggregate, Limit, ... beside these.
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
};

// Rows of a relation, as they come.
class ScanOperator : public Operator {
 public:
  ScanOperator(std::unique_ptr<Relation> relation, ExecContext& ctx);
  bool Next(Row* row) override;

 private:
  std::unique_ptr<Relation> relation_;
  ExecContext& ctx_;
  size_t width_;
};

// Every left row joined with every right row (left columns first). The right side is
// read once, on the first call, and kept.
class CrossProductOperator : public Operator {
 public:
  CrossProductOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
                       ExecContext& ctx);
  bool Next(Row* row) override;

 private:
  std::unique_ptr<Operator> left_;
  std::unique_ptr<Operator> right_;
  ExecContext& ctx_;
  bool right_loaded_ = false;
  std::vector<Row> right_rows_;
  Row left_row_;
  size_t next_right_ = 0;  // index into right_rows_ to pair with left_row_
  bool have_left_ = false;
};

// The rows for which the condition is TRUE (not FALSE, not UNKNOWN).
class FilterOperator : public Operator {
 public:
  FilterOperator(std::unique_ptr<Operator> child, std::unique_ptr<BoundExpr> condition,
                 ExecContext& ctx);
  bool Next(Row* row) override;

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

 private:
  std::unique_ptr<Operator> child_;
  size_t count_;
};

}  // namespace warden::sql
