// NULL-handling and comparison functions: NVL, NVL2, COALESCE, NULLIF, DECODE, GREATEST,
// LEAST. Arguments are evaluated only when needed (DECODE and COALESCE stop at the first
// match, as Oracle's do).
#include "sql/function_util.h"

namespace warden::sql {
namespace {

Value Nvl(FunctionArgs& a, ExecContext&) { return a[0].is_null() ? a[1] : a[0]; }

Value Nvl2(FunctionArgs& a, ExecContext&) { return a[0].is_null() ? a[2] : a[1]; }

Value Coalesce(FunctionArgs& a, ExecContext&) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_null()) return a[i];
  }
  return Value::Null();
}

Value Nullif(FunctionArgs& a, ExecContext&) {
  const std::optional<int> c = Compare(a[0], a[1]);
  return c && *c == 0 ? Value::Null() : a[0];
}

// DECODE(expr, search1, result1, ..., [default]): NULL matches NULL. When expr or the first
// search is a NUMBER, the comparison is numeric.
Value Decode(FunctionArgs& a, ExecContext&) {
  const size_t pairs = (a.size() - 1) / 2;
  const bool has_default = (a.size() - 1) % 2 == 1;
  const bool numeric = a.type(0) == DataType::kNumber || a.type(1) == DataType::kNumber;
  const Value& expr = a[0];
  for (size_t k = 0; k < pairs; ++k) {
    const Value& search = a[1 + 2 * k];
    bool match = false;
    if (expr.is_null() || search.is_null()) {
      match = expr.is_null() && search.is_null();
    } else if (numeric) {
      match = Number::Compare(ToNumber(expr), ToNumber(search)) == 0;
    } else {
      match = *Compare(expr, search) == 0;
    }
    if (match) return a[2 + 2 * k];
  }
  return has_default ? a[a.size() - 1] : Value::Null();
}

// GREATEST/LEAST: the first argument's type decides; any NULL gives NULL.
Value Extreme(FunctionArgs& a, bool greatest) {
  if (AnyNull(a)) return Value::Null();
  const DataType type = a[0].type();
  Value best = a[0];
  for (size_t i = 1; i < a.size(); ++i) {
    Value v = ConvertTo(a[i], type);
    const int c = *Compare(v, best);
    if (greatest ? c > 0 : c < 0) best = std::move(v);
  }
  return best;
}
Value Greatest(FunctionArgs& a, ExecContext&) { return Extreme(a, true); }
Value Least(FunctionArgs& a, ExecContext&) { return Extreme(a, false); }

DataType Nvl2Type(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  if (!args[1]->is_null_constant) return args[1]->type;
  return args[2]->is_null_constant ? DataType::kVarchar2 : args[2]->type;
}

// DECODE returns the first result's type; a NULL first result means VARCHAR2.
DataType DecodeType(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  return args[2]->is_null_constant ? DataType::kVarchar2 : args[2]->type;
}

DataType FirstArgType(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  return args[0]->is_null_constant ? DataType::kVarchar2 : args[0]->type;
}

constexpr FunctionDef kFunctions[] = {
    {"NVL", 2, 2, ReturnsFirstTypedArg, Nvl},
    {"NVL2", 3, 3, Nvl2Type, Nvl2},
    {"COALESCE", 2, kVariadic, ReturnsFirstTypedArg, Coalesce},
    {"NULLIF", 2, 2, FirstArgType, Nullif},
    {"DECODE", 3, 255, DecodeType, Decode},
    {"GREATEST", 1, kVariadic, FirstArgType, Greatest},
    {"LEAST", 1, kVariadic, FirstArgType, Least},
};

}  // namespace

std::span<const FunctionDef> ConditionalFunctions() { return kFunctions; }

}  // namespace warden::sql
