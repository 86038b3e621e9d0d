// The registry lookup and FunctionArgs (see functions.h).
#include "sql/functions.h"

#include "sql/evaluator.h"

namespace warden::sql {

FunctionArgs::FunctionArgs(const std::vector<std::unique_ptr<BoundExpr>>& exprs,
                           const std::vector<Value>& row, ExecContext& ctx)
    : exprs_(exprs), row_(row), ctx_(ctx), cache_(exprs.size()) {}

const Value& FunctionArgs::operator[](size_t i) {
  if (!cache_[i]) cache_[i] = Evaluate(*exprs_[i], row_, ctx_);
  return *cache_[i];
}

const FunctionDef* FindFunction(std::string_view name, bool internal) {
  for (auto family : {StringFunctions(), NumericFunctions(), ConditionalFunctions(),
                      ConversionFunctions(), SessionFunctions(), DateTimeFunctions(),
                      PgCompatFunctions()}) {
    for (const FunctionDef& f : family) {
      if (f.name == name && f.internal == internal) return &f;
    }
  }
  return nullptr;
}

DataType ReturnsNumber(const std::vector<std::unique_ptr<BoundExpr>>&) { return DataType::kNumber; }
DataType ReturnsVarchar2(const std::vector<std::unique_ptr<BoundExpr>>&) {
  return DataType::kVarchar2;
}
DataType ReturnsDate(const std::vector<std::unique_ptr<BoundExpr>>&) { return DataType::kDate; }

DataType ReturnsFirstTypedArg(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  for (const auto& a : args) {
    if (!a->is_null_constant) return a->type;
  }
  return DataType::kVarchar2;
}

}  // namespace warden::sql
