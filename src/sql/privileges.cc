// Privilege checks (see privileges.h).
#include "sql/privileges.h"

#include "common/ora_error.h"

namespace warden::sql {
namespace {

struct SysPrivEntry {
  const char* name;
  storage::SysPriv bit;
};

constexpr SysPrivEntry kSysPrivs[] = {
    {"CREATE SESSION", storage::kPrivCreateSession},
    {"CREATE TABLE", storage::kPrivCreateTable},
    {"CREATE ANY TABLE", storage::kPrivCreateAnyTable},
    {"DROP ANY TABLE", storage::kPrivDropAnyTable},
    {"SELECT ANY TABLE", storage::kPrivSelectAnyTable},
    {"INSERT ANY TABLE", storage::kPrivInsertAnyTable},
    {"UPDATE ANY TABLE", storage::kPrivUpdateAnyTable},
    {"DELETE ANY TABLE", storage::kPrivDeleteAnyTable},
    {"SELECT ANY DICTIONARY", storage::kPrivSelectAnyDictionary},
    {"ALTER SYSTEM", storage::kPrivAlterSystem},
    {"CREATE USER", storage::kPrivCreateUser},
    {"ALTER USER", storage::kPrivAlterUser},
    {"DROP USER", storage::kPrivDropUser},
    {"GRANT ANY PRIVILEGE", storage::kPrivGrantAnyPrivilege},
    {"LOCK ANY TABLE", storage::kPrivLockAnyTable},
};

// The ANY privilege that stands in for an object privilege on every table.
storage::SysPriv AnyTablePriv(storage::ObjPriv need) {
  switch (need) {
    case storage::kObjSelect:
      return storage::kPrivSelectAnyTable;
    case storage::kObjInsert:
      return storage::kPrivInsertAnyTable;
    case storage::kObjUpdate:
      return storage::kPrivUpdateAnyTable;
    case storage::kObjDelete:
      return storage::kPrivDeleteAnyTable;
  }
  return storage::kPrivSelectAnyTable;
}

}  // namespace

std::optional<storage::SysPriv> SysPrivByName(std::string_view name) {
  for (const SysPrivEntry& p : kSysPrivs) {
    if (name == p.name) return p.bit;
  }
  return std::nullopt;
}

std::string SysPrivName(storage::SysPriv priv) {
  for (const SysPrivEntry& p : kSysPrivs) {
    if (p.bit == priv) return p.name;
  }
  return "";
}

std::optional<uint32_t> ObjPrivByName(std::string_view name) {
  if (name == "SELECT") return storage::kObjSelect;
  if (name == "INSERT") return storage::kObjInsert;
  if (name == "UPDATE") return storage::kObjUpdate;
  if (name == "DELETE") return storage::kObjDelete;
  if (name == "ALL" || name == "ALL PRIVILEGES") {
    return storage::kObjSelect | storage::kObjInsert | storage::kObjUpdate | storage::kObjDelete;
  }
  return std::nullopt;
}

bool HasSysPriv(const SessionContext& session, storage::SysPriv priv) {
  if (session.sysdba) return true;
  const storage::UserMeta* u = storage::FindUser(session.username);
  return u != nullptr && (u->sys_privs.load(std::memory_order_acquire) & priv) != 0;
}

void RequireSysPriv(const SessionContext& session, storage::SysPriv priv) {
  if (!HasSysPriv(session, priv)) throw OraError::Make(1031);
}

int TableAccessError(const SessionContext& session, const storage::TableMeta& t,
                     storage::ObjPriv need) {
  if (session.sysdba || session.username == t.owner) return 0;
  if (HasSysPriv(session, AnyTablePriv(need))) return 0;
  const storage::UserMeta* u = storage::FindUser(session.username);
  const uint32_t held = u == nullptr ? 0 : storage::ObjectPrivileges(t.object_id, u->user_id);
  if ((held & need) != 0) return 0;
  return held != 0 ? 1031 : 942;
}

void CheckTableAccess(const SessionContext& session, const storage::TableMeta& t,
                      storage::ObjPriv need, int position) {
  int code = TableAccessError(session, t, need);
  if (code == 942) OraError::ThrowAt(942, position);
  if (code != 0) throw OraError::Make(code);
}

bool IsDictionaryView(std::string_view name) {
  return name.rfind("V$", 0) == 0 || name.rfind("GV$", 0) == 0 || name.rfind("V_$", 0) == 0 ||
         name.rfind("DBA_", 0) == 0;
}

}  // namespace warden::sql
