// ALTER SYSTEM SET (see system_set.h).
#include "sql/system_set.h"

#include "common/alert_log.h"
#include "common/ora_error.h"
#include "common/parameters.h"
#include "sga/sga.h"
#include "sql/privileges.h"

namespace warden::sql {

void ExecuteSystemSet(const SystemSetStatement& stmt, const SessionContext& session) {
  if (!HasSysPriv(session, storage::kPrivAlterSystem)) OraError::ThrowAt(1031, stmt.position);
  const ParamDef* d = FindParamDef(stmt.name);
  if (d == nullptr) OraError::ThrowAt(2065, stmt.position);
  if (d->modifiable != ParamModifiable::kDynamic) OraError::ThrowAt(2095, stmt.position);
  if (stmt.scope != "MEMORY") OraError::ThrowAt(32001, stmt.position);
  // The value is checked by the same rules as at start (warden.conf, -c).
  ParameterSet check;
  if (!check.Set(d->name, stmt.value).ok()) {
    switch (d->type) {
      case ParamType::kBoolean:
        OraError::ThrowAt(96, stmt.value_position, {stmt.value, d->name, "TRUE, FALSE"});
      case ParamType::kInt:
      case ParamType::kSeconds:
      case ParamType::kSize: {
        int64_t n = 0;
        const bool negative = stmt.value.size() > 1 && stmt.value[0] == '-';
        if (ParseSize(negative ? stmt.value.substr(1) : stmt.value, &n)) {  // a number, out of range
          OraError::ThrowAt(68, stmt.value_position,
                            {stmt.value, d->name, std::to_string(d->min), std::to_string(d->max)});
        }
        OraError::ThrowAt(2017, stmt.value_position);
      }
      case ParamType::kString:
        OraError::ThrowAt(96, stmt.value_position, {stmt.value, d->name, "1 to 255 characters"});
      case ParamType::kChoice: {
        std::string list;
        for (const std::string& c : ParamChoices(d->id)) list += (list.empty() ? "" : ", ") + c;
        OraError::ThrowAt(96, stmt.value_position, {stmt.value, d->name, list});
      }
    }
  }
  sga::ParamStore(sga::Sga::param(d->id), check.text(d->id), check.num(d->id));
  AlertLog::Write("ALTER SYSTEM SET " + std::string(d->name) + "=" + check.text(d->id) +
                  " SCOPE=MEMORY;");
}

}  // namespace warden::sql
