// Privilege checks, as Oracle answers them: a missing system privilege is ORA-01031; a table
// the user may not see at all is ORA-00942 (as if it did not exist), one it has some other
// privilege on is ORA-01031. SYSDBA holds every privilege. The owner of a table holds every
// object privilege on it. V$ and DBA_ views need SELECT ANY DICTIONARY.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sql/session_context.h"
#include "storage/row_store.h"
#include "storage/user_directory.h"

namespace warden::sql {

// Oracle's name of a system privilege ("CREATE SESSION") <-> its bit; nullopt if unknown.
std::optional<storage::SysPriv> SysPrivByName(std::string_view name);
std::string SysPrivName(storage::SysPriv priv);
// SELECT, INSERT, UPDATE, DELETE; ALL [PRIVILEGES] is all four. nullopt if unknown.
std::optional<uint32_t> ObjPrivByName(std::string_view name);

bool HasSysPriv(const SessionContext& session, storage::SysPriv priv);
// ORA-01031 without it.
void RequireSysPriv(const SessionContext& session, storage::SysPriv priv);

// 0 when the session holds `need` on table t, else the ORA code to raise (942 or 1031).
int TableAccessError(const SessionContext& session, const storage::TableMeta& t,
                     storage::ObjPriv need);
// Checks `need` (an ObjPriv) on table t for the session; position for ORA-00942.
void CheckTableAccess(const SessionContext& session, const storage::TableMeta& t,
                      storage::ObjPriv need, int position);

// True for names that need SELECT ANY DICTIONARY (V$..., GV$..., V_$..., DBA_...).
bool IsDictionaryView(std::string_view name);

}  // namespace warden::sql
