// JoinOperator: inner, left, right, full outer and cross joins of two inputs in the
// FROM clause's shared row layout (see PlaceOperator): the right input fills only its
// own slots, [right_offset, right_offset + right_width), and a left row has NULLs there,
// so a combined row is the left row with the right slots copied in, and a row padded
// for an outer join is the unmatched row as it is.
// The right input is read once (per run) and kept; with equality keys it is hashed (a
// hash join: V$SESSION s, V$PROCESS p WHERE s.paddr = p.addr), else every left row meets
// every right row (nested loops). The condition is checked on every candidate pair.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/ast.h"
#include "sql/operators.h"

namespace warden::sql {

struct JoinSpec {
  JoinKind kind = JoinKind::kInner;
  // Hash keys: left_keys[i] (over the left row) = right_keys[i] (over the right row).
  // Equal keys need values of one type on both sides (the planner only pairs such
  // expressions); a NULL key matches nothing.
  std::vector<std::unique_ptr<BoundExpr>> left_keys;
  std::vector<std::unique_ptr<BoundExpr>> right_keys;
  std::unique_ptr<BoundExpr> condition;  // nullptr: every candidate pair matches
  int right_offset = 0;
  int right_width = 0;
};

class JoinOperator : public Operator {
 public:
  JoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right, JoinSpec spec,
               ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  void LoadRight();
  // The hash key of row over keys; false when some key is NULL.
  bool Key(const std::vector<std::unique_ptr<BoundExpr>>& keys, const Row& row, std::string* key);
  bool StartLeftRow();  // reads the next left row and finds its candidates

  std::unique_ptr<Operator> left_;
  std::unique_ptr<Operator> right_;
  JoinSpec spec_;
  ExecContext& ctx_;
  bool preserve_left_;
  bool preserve_right_;

  bool loaded_ = false;
  std::vector<Row> right_rows_;
  std::vector<bool> right_matched_;  // preserve_right_: which right rows found a partner
  std::unordered_map<std::string, std::vector<size_t>> index_;  // key -> right rows

  // The current left row and its candidates.
  bool have_left_ = false;
  bool left_done_ = false;
  Row combined_;  // the left row; the right slots are overwritten per candidate
  bool left_matched_ = false;
  const std::vector<size_t>* bucket_ = nullptr;  // hashed: the candidates, nullptr if none
  size_t next_candidate_ = 0;
  size_t next_unmatched_right_ = 0;  // the final pass of a right or full join
};

}  // namespace warden::sql
