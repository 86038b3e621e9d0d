// AggregateOperator: GROUP BY and group functions. Reads all its input, then returns
// one row per group: the key values followed by the aggregate results (the layout
// GroupBinding describes). Without GROUP BY there is exactly one group, even over no rows
// (COUNT is then 0 and the other functions NULL), as in Oracle.
// NUMBER sums are exact; AVG is the exact sum divided by the count (38 digits).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sql/aggregate.h"
#include "sql/operators.h"

namespace warden::sql {

// One group function's state over the rows added so far (also a window's, see
// window_operator.h).
class Accumulator {
 public:
  // COUNT(*) counts every call; the others take their argument's value (NULLs ignored,
  // repeats ignored for DISTINCT).
  void Add(const AggregateCall& call, Value v);
  Value Result(const AggregateCall& call) const;

 private:
  int64_t count_ = 0;  // non-NULL inputs seen (COUNT(*): rows)
  Number sum_;
  Value extreme_;                         // MIN / MAX so far
  std::unordered_set<std::string> seen_;  // DISTINCT: the values already counted
};

class AggregateOperator : public Operator {
 public:
  // keys: bound against the input row. scalar: no GROUP BY (one group, always).
  AggregateOperator(std::unique_ptr<Operator> child, std::vector<std::unique_ptr<BoundExpr>> keys,
                    std::vector<AggregateCall> calls, bool scalar, ExecContext& ctx);
  bool Next(Row* row) override;
  void Rewind() override;

 private:
  struct Group {
    Row keys;
    std::vector<Accumulator> states;
  };

  void Load();
  void Accumulate(const Row& input, Group* g);

  std::unique_ptr<Operator> child_;
  std::vector<std::unique_ptr<BoundExpr>> keys_;
  std::vector<AggregateCall> calls_;
  bool scalar_;
  ExecContext& ctx_;
  bool loaded_ = false;
  std::vector<Group> groups_;  // in order of first appearance
  size_t next_ = 0;
};

}  // namespace warden::sql
