// Functions PostgreSQL drivers and tools call on their own: VERSION() (also as
// PG_CATALOG.VERSION()), whose banner reads like Oracle's and carries "PostgreSQL 15.0" where
// drivers' version parsers look for it; CURRENT_SETTING(name), a session setting's value; and
// CURRENT_SCHEMA(), the session's user as in Oracle (SQLAlchemy asks for it on connect).
#include "sga/sga.h"
#include "sql/function_util.h"

namespace warden::sql {
namespace {

Value Version(FunctionArgs&, ExecContext&) {
  return Value::Varchar("Warden Database 19c Release " + std::string(sga::kWardenVersion) +
                        " - Production, compatible with PostgreSQL 15.0 on x86_64-pc-linux-gnu");
}

// ORA-02248 for an unknown setting.
Value CurrentSetting(FunctionArgs& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value::Null();
  return Value::Varchar(ctx.session->settings.Show(ArgText(a, 0)).value);
}

Value CurrentSchema(FunctionArgs&, ExecContext& ctx) {
  return Value::Varchar(ctx.session->username);
}

constexpr FunctionDef kFunctions[] = {
    {"VERSION", 0, 0, ReturnsVarchar2, Version},
    {"PG_CATALOG.VERSION", 0, 0, ReturnsVarchar2, Version},
    {"CURRENT_SETTING", 1, 1, ReturnsVarchar2, CurrentSetting},
    {"PG_CATALOG.CURRENT_SETTING", 1, 1, ReturnsVarchar2, CurrentSetting},
    {"CURRENT_SCHEMA", 0, 0, ReturnsVarchar2, CurrentSchema},
    {"PG_CATALOG.CURRENT_SCHEMA", 0, 0, ReturnsVarchar2, CurrentSchema},
};

}  // namespace

std::span<const FunctionDef> PgCompatFunctions() { return kFunctions; }

}  // namespace warden::sql
