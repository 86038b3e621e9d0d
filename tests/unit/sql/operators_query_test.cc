// The query operators on their own: JoinOperator (hash and nested loops, every join kind,
// Rewind), SetOperator, AggregateOperator over no rows, RownumOperator and
// OffsetFetchOperator.
#include <gtest/gtest.h>

#include "sql/aggregate_operator.h"
#include "sql/join_operator.h"
#include "sql/row_limit_operators.h"
#include "sql/set_operators.h"

namespace warden::sql {
namespace {

// Rows given up front; Rewind replays them.
class RowsOperator : public Operator {
 public:
  explicit RowsOperator(std::vector<Row> rows) : rows_(std::move(rows)) {}
  bool Next(Row* row) override {
    if (next_ >= rows_.size()) return false;
    *row = rows_[next_++];
    return true;
  }
  void Rewind() override { next_ = 0; }

 private:
  std::vector<Row> rows_;
  size_t next_ = 0;
};

Value N(int64_t v) { return Value::FromInt(v); }

std::unique_ptr<BoundExpr> Col(int i) {
  auto b = std::make_unique<BoundExpr>();
  b->kind = BoundKind::kColumn;
  b->column = i;
  b->type = DataType::kNumber;
  return b;
}

std::vector<std::string> Drain(Operator& op) {
  std::vector<std::string> out;
  Row r;
  while (op.Next(&r)) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += (i ? "|" : "") + (r[i].is_null() ? std::string("NULL") : r[i].ToText());
    }
    out.push_back(line);
  }
  return out;
}

class OperatorsTest : public ::testing::Test {
 protected:
  OperatorsTest() { ctx_.session = &session_; }
  // Two-slot rows: left fills slot 0, right slot 1.
  std::unique_ptr<Operator> Left() {
    return std::make_unique<RowsOperator>(std::vector<Row>{{N(1), {}}, {N(2), {}}, {{}, {}}});
  }
  std::unique_ptr<Operator> Right() {
    return std::make_unique<RowsOperator>(std::vector<Row>{{{}, N(2)}, {{}, N(3)}, {{}, N(2)}});
  }
  JoinSpec Spec(JoinKind kind, bool hashed) {
    JoinSpec s;
    s.kind = kind;
    s.right_offset = 1;
    s.right_width = 1;
    if (hashed) {
      s.left_keys.push_back(Col(0));
      s.right_keys.push_back(Col(1));
    }
    auto eq = std::make_unique<BoundExpr>();
    eq->kind = BoundKind::kComparison;
    eq->op = Op::kEq;
    eq->args.push_back(Col(0));
    eq->args.push_back(Col(1));
    s.condition = std::move(eq);
    return s;
  }
  SessionContext session_;
  ExecContext ctx_;
};

TEST_F(OperatorsTest, EveryJoinKindHashedOrNot) {
  const std::pair<JoinKind, std::vector<std::string>> cases[] = {
      {JoinKind::kInner, {"2|2", "2|2"}},
      {JoinKind::kLeft, {"1|NULL", "2|2", "2|2", "NULL|NULL"}},
      {JoinKind::kRight, {"2|2", "2|2", "NULL|3"}},
      {JoinKind::kFull, {"1|NULL", "2|2", "2|2", "NULL|NULL", "NULL|3"}},
  };
  for (const auto& [kind, want] : cases) {
    for (bool hashed : {false, true}) {
      JoinOperator join(Left(), Right(), Spec(kind, hashed), ctx_);
      EXPECT_EQ(Drain(join), want) << static_cast<int>(kind) << " hashed " << hashed;
      join.Rewind();  // a correlated subquery runs its plan again
      EXPECT_EQ(Drain(join), want) << static_cast<int>(kind) << " rewound";
    }
  }
}

TEST_F(OperatorsTest, SetOperatorsTreatNullsAsEqual) {
  auto rows = [](std::vector<Row> r) { return std::make_unique<RowsOperator>(std::move(r)); };
  SetOperator u(SetOp::kUnion, rows({{N(1)}, {{}}, {N(1)}}), rows({{{}}, {N(2)}}), ctx_);
  EXPECT_EQ(Drain(u), (std::vector<std::string>{"1", "NULL", "2"}));
  SetOperator i(SetOp::kIntersect, rows({{N(1)}, {{}}, {{}}}), rows({{{}}}), ctx_);
  EXPECT_EQ(Drain(i), (std::vector<std::string>{"NULL"}));
  SetOperator m(SetOp::kMinus, rows({{N(1)}, {{}}, {N(3)}, {N(1)}}), rows({{{}}}), ctx_);
  EXPECT_EQ(Drain(m), (std::vector<std::string>{"1", "3"}));
  m.Rewind();
  EXPECT_EQ(Drain(m), (std::vector<std::string>{"1", "3"}));
}

TEST_F(OperatorsTest, AggregateOverNoRows) {
  std::vector<AggregateCall> calls(2);
  calls[0].kind = AggregateKind::kCount;  // COUNT(*)
  calls[1].kind = AggregateKind::kSum;
  calls[1].arg = Col(0);
  AggregateOperator scalar(std::make_unique<RowsOperator>(std::vector<Row>{}), {}, std::move(calls),
                           true, ctx_);
  EXPECT_EQ(Drain(scalar), (std::vector<std::string>{"0|NULL"}));
  std::vector<std::unique_ptr<BoundExpr>> keys;
  keys.push_back(Col(0));
  AggregateOperator grouped(std::make_unique<RowsOperator>(std::vector<Row>{}), std::move(keys), {},
                            false, ctx_);
  EXPECT_EQ(Drain(grouped), (std::vector<std::string>{}));
}

TEST_F(OperatorsTest, RownumAndOffsetFetch) {
  std::vector<Row> five;
  for (int i = 1; i <= 5; ++i) five.push_back({N(i * 10), {}});
  std::vector<std::unique_ptr<BoundExpr>> conditions;
  auto le = std::make_unique<BoundExpr>();
  le->kind = BoundKind::kComparison;
  le->op = Op::kLe;
  le->args.push_back(Col(1));
  auto two = std::make_unique<BoundExpr>();
  two->constant = N(2);
  two->type = DataType::kNumber;
  le->args.push_back(std::move(two));
  conditions.push_back(std::move(le));
  RownumOperator rownum(std::make_unique<RowsOperator>(five), 1, std::move(conditions), true, ctx_);
  EXPECT_EQ(Drain(rownum), (std::vector<std::string>{"10|1", "20|2"}));
  OffsetFetchOperator page(std::make_unique<RowsOperator>(five), 1, 3, ctx_);
  EXPECT_EQ(Drain(page), (std::vector<std::string>{"20|NULL", "30|NULL", "40|NULL"}));
  page.Rewind();
  EXPECT_EQ(Drain(page).size(), 3u);
}

}  // namespace
}  // namespace warden::sql
