// WindowOperator: analytic functions (ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, and COUNT,
// SUM, AVG, MIN, MAX OVER (...)). Reads all its input, then returns each row as it came with one
// more column per function. Within a partition the rows are ordered by the window's
// ORDER BY; an aggregate then covers the rows up to the current one and its peers (the
// rows with equal ORDER BY values), or the whole partition when there is no ORDER BY,
// as Oracle's default window does.
#pragma once

#include <memory>
#include <vector>

#include "sql/aggregate.h"
#include "sql/operators.h"

namespace warden::sql {

class WindowOperator : public Operator {
 public:
  WindowOperator(std::unique_ptr<Operator> child, std::vector<WindowCall> calls, ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  void Load();
  // Fills results_[*][c] for call c.
  void Compute(size_t c);
  // LAG / LEAD for the row at idx[i] of the partition idx[begin, end).
  Value Shifted(const WindowCall& call, size_t begin, size_t end, size_t i,
                const std::vector<size_t>& idx);

  std::unique_ptr<Operator> child_;
  std::vector<WindowCall> calls_;
  ExecContext& ctx_;
  bool loaded_ = false;
  std::vector<Row> rows_;
  std::vector<std::vector<Value>> results_;  // per row, per call
  size_t next_ = 0;
};

}  // namespace warden::sql
