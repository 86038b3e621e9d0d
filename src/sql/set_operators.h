// UNION ALL, UNION, INTERSECT and MINUS of two inputs with the same number of columns.
// NULLs are equal to each other here (unlike in conditions), as in Oracle. UNION,
// INTERSECT and MINUS return distinct rows; the planner sorts them, as Oracle's SORT
// UNIQUE does.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>

#include "sql/ast.h"
#include "sql/operators.h"

namespace warden::sql {

class SetOperator : public Operator {
 public:
  // REQUIRES: op != SetOp::kNone.
  SetOperator(SetOp op, std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
              ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  static std::string KeyOf(const Row& row);
  void LoadRight();  // INTERSECT, MINUS: the right rows' keys

  SetOp op_;
  std::unique_ptr<Operator> left_;
  std::unique_ptr<Operator> right_;
  ExecContext& ctx_;
  bool left_done_ = false;
  bool right_loaded_ = false;
  std::unordered_set<std::string> right_keys_;
  std::unordered_set<std::string> returned_;  // distinct results: keys already returned
};

}  // namespace warden::sql
