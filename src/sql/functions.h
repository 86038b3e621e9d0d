// The SQL function registry: name -> implementation, arity and result type. Adding a
// function = one FunctionDef in the table of its family (function_string.cc,
// function_numeric.cc, function_session.cc, ...) and nothing else: the binder checks the
// argument count (ORA-00909) and asks result_type for the static type, the evaluator calls
// impl and converts its result to that type.
// Arguments are evaluated lazily (FunctionArgs), so DECODE, COALESCE and NVL2 evaluate
// only what they need, as Oracle does.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sql/bound_expr.h"
#include "sql/exec_context.h"
#include "sql/value.h"

namespace warden::sql {

// The arguments of one call, evaluated on first access and then cached.
class FunctionArgs {
 public:
  FunctionArgs(const std::vector<std::unique_ptr<BoundExpr>>& exprs,
               const std::vector<Value>& row, ExecContext& ctx);
  size_t size() const { return exprs_.size(); }
  const Value& operator[](size_t i);
  // The static type of argument i (for implementations that dispatch on it).
  DataType type(size_t i) const { return exprs_[i]->type; }

 private:
  const std::vector<std::unique_ptr<BoundExpr>>& exprs_;
  const std::vector<Value>& row_;
  ExecContext& ctx_;
  std::vector<std::optional<Value>> cache_;
};

using FunctionImpl = Value (*)(FunctionArgs& args, ExecContext& ctx);
// The call's static result type from its bound arguments.
using ResultTypeFn = DataType (*)(const std::vector<std::unique_ptr<BoundExpr>>& args);

struct FunctionDef {
  std::string_view name;
  int min_args;
  int max_args;  // kVariadic: no upper bound
  ResultTypeFn result_type;
  FunctionImpl impl;
  // May be written without parentheses (SYSDATE, USER); it then takes no arguments.
  bool no_parentheses = false;
  // Reachable only from special syntax (TRIM(LEADING c FROM s)), never by name.
  bool internal = false;
};

constexpr int kVariadic = -1;

// The registered function of that (upper-case) name, nullptr if none. Internal entries
// are found only with internal = true.
const FunctionDef* FindFunction(std::string_view name, bool internal = false);

// Result-type rules shared by the families.
DataType ReturnsNumber(const std::vector<std::unique_ptr<BoundExpr>>& args);
DataType ReturnsVarchar2(const std::vector<std::unique_ptr<BoundExpr>>& args);
DataType ReturnsDate(const std::vector<std::unique_ptr<BoundExpr>>& args);
// The type of the first argument that is not a NULL literal (NVL, COALESCE).
DataType ReturnsFirstTypedArg(const std::vector<std::unique_ptr<BoundExpr>>& args);

// The families' tables (each in its own file).
std::span<const FunctionDef> StringFunctions();
std::span<const FunctionDef> NumericFunctions();
std::span<const FunctionDef> ConditionalFunctions();
std::span<const FunctionDef> ConversionFunctions();
std::span<const FunctionDef> SessionFunctions();
std::span<const FunctionDef> DateTimeFunctions();
std::span<const FunctionDef> PgCompatFunctions();

}  // namespace warden::sql
