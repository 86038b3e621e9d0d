// Shared helpers of the fixed views (see fixed_view_util.h).
#include "sql/fixed_view_util.h"

#include <pwd.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>

#include "sql/date_time.h"

namespace warden::sql::fixed {

Value Decimal(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return Value::Num(Number::ParseOrThrow(buf));
}

Value Date(int64_t wall_seconds) { return Value::Date(LocalCivilSeconds(wall_seconds)); }

std::string Addr(const void* p) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIXPTR, reinterpret_cast<uintptr_t>(p));
  return buf;
}

std::string Hex16(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIX64, v);
  return buf;
}

std::string OsUser() {
  passwd* pw = getpwuid(geteuid());
  return pw != nullptr ? pw->pw_name : std::to_string(geteuid());
}

}  // namespace warden::sql::fixed
