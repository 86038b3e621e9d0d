// Expression evaluation (see evaluator.h). Recursion depth is the expression's nesting,
// which the parser's input bounds.
#include "sql/evaluator.h"

#include "common/ora_error.h"
#include "sql/date_time.h"
#include "sql/functions.h"
#include "sql/like.h"
#include "sql/subquery.h"

namespace warden::sql {
namespace {

[[noreturn]] void Inconsistent(DataType expected, DataType got) {
  throw OraError::Make(932, {DataTypeName(expected), DataTypeName(got)});
}

// DATE + days: fractions of a day become seconds, rounded to the nearest second.
Value AddDays(int64_t date, const Number& days) {
  const Number seconds = Number::Multiply(days, Number::FromInt64(kSecondsPerDay)).Round(0);
  const int64_t delta = seconds.ToInt64Saturating();
  // Beyond +-1e12 seconds the result is out of DATE range whatever the sum.
  if (delta > 1000000000000LL || delta < -1000000000000LL) throw OraError::Make(1841);
  const int64_t result = date + delta;
  CheckDateRange(result);
  return Value::Date(result);
}

Value Arithmetic(Op op, const Value& l, const Value& r) {
  if (l.is_null() || r.is_null()) return Value::Null();
  // A TIMESTAMP plus or minus days is a DATE, as in Oracle; TIMESTAMP - TIMESTAMP is an
  // INTERVAL, a type Warden does not have yet.
  const bool ldate = l.type() == DataType::kDate || l.type() == DataType::kTimestamp;
  const bool rdate = r.type() == DataType::kDate || r.type() == DataType::kTimestamp;
  if (ldate && rdate) {
    if (op == Op::kSubtract) {
      if (l.type() == DataType::kTimestamp || r.type() == DataType::kTimestamp) {
        throw OraError::Make(3001);
      }
      return Value::Num(Number::Divide(
          Number::FromInt64(l.date_seconds() - r.date_seconds()), Number::FromInt64(kSecondsPerDay)));
    }
    if (op == Op::kAdd) throw OraError::Make(975);
    Inconsistent(DataType::kNumber, l.type());
  }
  if (ldate) {
    if (op == Op::kAdd) return AddDays(ToDate(l), ToNumber(r));
    if (op == Op::kSubtract) return AddDays(ToDate(l), ToNumber(r).Negate());
    Inconsistent(DataType::kNumber, l.type());
  }
  if (rdate) {
    if (op == Op::kAdd) return AddDays(ToDate(r), ToNumber(l));
    Inconsistent(DataType::kNumber, r.type());
  }
  const Number a = ToNumber(l);
  const Number b = ToNumber(r);
  switch (op) {
    case Op::kAdd: return Value::Num(Number::Add(a, b));
    case Op::kSubtract: return Value::Num(Number::Subtract(a, b));
    case Op::kMultiply: return Value::Num(Number::Multiply(a, b));
    case Op::kDivide: return Value::Num(Number::Divide(a, b));
    default: break;
  }
  throw OraError::Make(600, {"evaluator: bad arithmetic operator"});
}

Tri ApplyComparison(Op op, std::optional<int> c) {
  if (!c) return Tri::kUnknown;
  switch (op) {
    case Op::kEq: return TriFromBool(*c == 0);
    case Op::kNe: return TriFromBool(*c != 0);
    case Op::kLt: return TriFromBool(*c < 0);
    case Op::kLe: return TriFromBool(*c <= 0);
    case Op::kGt: return TriFromBool(*c > 0);
    case Op::kGe: return TriFromBool(*c >= 0);
    default: break;
  }
  throw OraError::Make(600, {"evaluator: bad comparison operator"});
}

Value EvaluateCase(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx) {
  const size_t first = e.case_has_operand ? 1 : 0;
  const size_t pairs = (e.args.size() - first - (e.case_has_else ? 1 : 0)) / 2;
  Value operand;
  if (e.case_has_operand) operand = Evaluate(*e.args[0], row, ctx);
  for (size_t k = 0; k < pairs; ++k) {
    const BoundExpr& when = *e.args[first + 2 * k];
    const bool hit = e.case_has_operand
                         ? Compare(operand, Evaluate(when, row, ctx)).value_or(1) == 0
                         : EvaluateCondition(when, row, ctx) == Tri::kTrue;
    if (hit) return ConvertTo(Evaluate(*e.args[first + 2 * k + 1], row, ctx), e.type);
  }
  if (e.case_has_else) return ConvertTo(Evaluate(*e.args.back(), row, ctx), e.type);
  return Value::Null();
}

// (a, b) IN ((x, y), ...): a tuple matches when every column is equal; UNKNOWN when no
// column differs but some is NULL.
Tri EvaluateTupleIn(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx) {
  const size_t w = static_cast<size_t>(e.tuple_width);
  std::vector<Value> left;
  for (size_t i = 0; i < w; ++i) left.push_back(Evaluate(*e.args[i], row, ctx));
  Tri result = Tri::kFalse;
  for (size_t t = w; t + w <= e.args.size() && result != Tri::kTrue; t += w) {
    Tri tuple = Tri::kTrue;
    for (size_t i = 0; i < w && tuple != Tri::kFalse; ++i) {
      const Value x = Evaluate(*e.args[t + i], row, ctx);
      tuple = TriAnd(tuple, ApplyComparison(Op::kEq, Compare(left[i], x)));
    }
    result = TriOr(result, tuple);
  }
  return e.negated ? TriNot(result) : result;
}

// ANY: TRUE when some comparison is TRUE, else UNKNOWN when some is UNKNOWN, else FALSE
// (an empty set: FALSE). ALL: FALSE when some is FALSE, else UNKNOWN when some is UNKNOWN,
// else TRUE (an empty set: TRUE).
Tri EvaluateQuantified(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx) {
  const Value v = Evaluate(*e.args[0], row, ctx);
  const Tri decisive = e.quantifier_all ? Tri::kFalse : Tri::kTrue;
  Tri result = e.quantifier_all ? Tri::kTrue : Tri::kFalse;
  auto consider = [&](const Value& x) {
    const Tri t = ApplyComparison(e.op, Compare(v, x));
    if (t == Tri::kUnknown) result = Tri::kUnknown;
    return t == decisive;
  };
  if (e.subquery != nullptr) {
    for (const Row& x : e.subquery->Rows(row, ctx)) {
      ctx.CheckInterrupts();
      if (consider(x[0])) return decisive;
    }
  } else {
    for (size_t i = 1; i < e.args.size(); ++i) {
      if (consider(Evaluate(*e.args[i], row, ctx))) return decisive;
    }
  }
  return result;
}

}  // namespace

Value Evaluate(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx) {
  switch (e.kind) {
    case BoundKind::kConstant:
      return e.constant;
    case BoundKind::kColumn:
      return row[e.column];
    case BoundKind::kNegate: {
      Value v = Evaluate(*e.args[0], row, ctx);
      if (v.is_null()) return v;
      return Value::Num(ToNumber(v).Negate());
    }
    case BoundKind::kArithmetic:
      return Arithmetic(e.op, Evaluate(*e.args[0], row, ctx), Evaluate(*e.args[1], row, ctx));
    case BoundKind::kConcat: {
      // NULL is the empty string here (Oracle); an empty result is NULL again.
      const Value l = Evaluate(*e.args[0], row, ctx);
      const Value r = Evaluate(*e.args[1], row, ctx);
      std::string s = l.is_null() ? std::string() : ToVarchar(l);
      if (!r.is_null()) s += ToVarchar(r);
      return Value::Varchar(std::move(s));
    }
    case BoundKind::kCall: {
      FunctionArgs args(e.args, row, ctx);
      return ConvertTo(e.function->impl(args, ctx), e.type);
    }
    case BoundKind::kCase:
      return EvaluateCase(e, row, ctx);
    case BoundKind::kBind:
      return ctx.BindVariable(e.bind_slot);
    case BoundKind::kOuterColumn:
      return (*ctx.outer_rows[ctx.outer_rows.size() - e.outer_level])[e.column];
    case BoundKind::kScalarSubquery:
      return ConvertTo(e.subquery->Scalar(row, ctx), e.type);
    default:
      break;
  }
  throw OraError::Make(600, {"evaluator: condition evaluated as a value"});
}

Tri EvaluateCondition(const BoundExpr& e, const std::vector<Value>& row, ExecContext& ctx) {
  switch (e.kind) {
    case BoundKind::kComparison:
      return ApplyComparison(e.op, Compare(Evaluate(*e.args[0], row, ctx),
                                           Evaluate(*e.args[1], row, ctx)));
    case BoundKind::kAnd: {
      const Tri l = EvaluateCondition(*e.args[0], row, ctx);
      if (l == Tri::kFalse) return l;
      return TriAnd(l, EvaluateCondition(*e.args[1], row, ctx));
    }
    case BoundKind::kOr: {
      const Tri l = EvaluateCondition(*e.args[0], row, ctx);
      if (l == Tri::kTrue) return l;
      return TriOr(l, EvaluateCondition(*e.args[1], row, ctx));
    }
    case BoundKind::kNot:
      return TriNot(EvaluateCondition(*e.args[0], row, ctx));
    case BoundKind::kIsNull:
      return TriFromBool(Evaluate(*e.args[0], row, ctx).is_null() != e.negated);
    case BoundKind::kIn: {
      if (e.tuple_width > 1) return EvaluateTupleIn(e, row, ctx);
      const Value v = Evaluate(*e.args[0], row, ctx);
      Tri result = Tri::kFalse;
      for (size_t i = 1; i < e.args.size() && result != Tri::kTrue; ++i) {
        const std::optional<int> c = Compare(v, Evaluate(*e.args[i], row, ctx));
        if (!c) {
          result = Tri::kUnknown;
        } else if (*c == 0) {
          result = Tri::kTrue;
        }
      }
      return e.negated ? TriNot(result) : result;
    }
    case BoundKind::kBetween: {
      const Value v = Evaluate(*e.args[0], row, ctx);
      const Tri low = ApplyComparison(Op::kGe, Compare(v, Evaluate(*e.args[1], row, ctx)));
      const Tri high = ApplyComparison(Op::kLe, Compare(v, Evaluate(*e.args[2], row, ctx)));
      const Tri result = TriAnd(low, high);
      return e.negated ? TriNot(result) : result;
    }
    case BoundKind::kLike: {
      const Value v = Evaluate(*e.args[0], row, ctx);
      const Value p = Evaluate(*e.args[1], row, ctx);
      std::optional<Value> esc;
      if (e.args.size() > 2) esc = Evaluate(*e.args[2], row, ctx);
      if (v.is_null() || p.is_null() || (esc && esc->is_null())) return Tri::kUnknown;
      std::optional<std::string> esc_text;
      if (esc) esc_text = ToVarchar(*esc);
      const Tri result = TriFromBool(LikeMatch(ToVarchar(v), ToVarchar(p),
                                               esc_text ? std::optional<std::string_view>(*esc_text)
                                                        : std::nullopt));
      return e.negated ? TriNot(result) : result;
    }
    case BoundKind::kExists:
      return TriFromBool(e.subquery->Exists(row, ctx));
    case BoundKind::kQuantified:
      return EvaluateQuantified(e, row, ctx);
    case BoundKind::kInSubquery: {
      std::vector<Value> values;
      for (const auto& a : e.args) values.push_back(Evaluate(*a, row, ctx));
      const Tri result = e.subquery->In(values, row, ctx);
      return e.negated ? TriNot(result) : result;
    }
    default:
      break;
  }
  throw OraError::Make(600, {"evaluator: value evaluated as a condition"});
}

}  // namespace warden::sql
