// Row numbering and limits: ROWNUM (Oracle's pseudo-column, assigned to the rows that
// pass WHERE, before any ORDER BY) and OFFSET n ROWS / FETCH FIRST n ROWS ONLY (after it).
#pragma once

#include <memory>
#include <vector>

#include "sql/operators.h"

namespace warden::sql {

// Writes the candidate ROWNUM (rows returned so far + 1) into row[slot], then keeps the
// row when every condition is TRUE (a row that fails does not use up its number, so
// `ROWNUM > 1` is never true, as in Oracle). rownum_only: the conditions read nothing
// but ROWNUM, so once one fails every later row fails too and the scan stops early
// (`WHERE ROWNUM <= 10` reads 11 rows, not the whole table).
class RownumOperator : public Operator {
 public:
  RownumOperator(std::unique_ptr<Operator> child, int slot,
                 std::vector<std::unique_ptr<BoundExpr>> conditions, bool rownum_only,
                 ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  std::unique_ptr<Operator> child_;
  int slot_;
  std::vector<std::unique_ptr<BoundExpr>> conditions_;
  bool rownum_only_;
  ExecContext& ctx_;
  int64_t returned_ = 0;
  bool done_ = false;
};

// Skips `offset` rows, then returns at most `limit` (limit < 0: no limit).
class OffsetFetchOperator : public Operator {
 public:
  OffsetFetchOperator(std::unique_ptr<Operator> child, int64_t offset, int64_t limit,
                      ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  std::unique_ptr<Operator> child_;
  int64_t offset_;
  int64_t limit_;
  ExecContext& ctx_;
  int64_t skipped_ = 0;
  int64_t returned_ = 0;
};

}  // namespace warden::sql
