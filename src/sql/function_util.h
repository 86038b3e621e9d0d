// Small helpers shared by the function families' implementations.
#pragma once

#include <cstdint>
#include <string>

#include "sql/functions.h"

namespace warden::sql {

// True when any of the first n arguments (all if n < 0) is NULL.
inline bool AnyNull(FunctionArgs& a, int n = -1) {
  const size_t count = n < 0 ? a.size() : static_cast<size_t>(n);
  for (size_t i = 0; i < count && i < a.size(); ++i) {
    if (a[i].is_null()) return true;
  }
  return false;
}
// REQUIRE: the argument is not NULL.
inline std::string ArgText(FunctionArgs& a, size_t i) { return ToVarchar(a[i]); }
inline Number ArgNumber(FunctionArgs& a, size_t i) { return ToNumber(a[i]); }
// Integer arguments (positions, lengths) are truncated, as Oracle does.
inline int64_t ArgInt(FunctionArgs& a, size_t i) { return ToNumber(a[i]).ToInt64Saturating(); }

}  // namespace warden::sql
