// Users and grants (see user_ddl.h).
#include "sql/user_ddl.h"

#include "common/ora_error.h"
#include "sga/sga.h"
#include "sql/privileges.h"
#include "sql/stored_table.h"
#include "sql/table_locks.h"
#include "storage/shm_heap.h"
#include "storage/redo_log.h"
#include "storage/user_directory.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

PasswordVerifierMaker g_verifier_maker = nullptr;

std::string Verifier(const std::string& password, int position) {
  if (password.empty() || password.size() > 128) OraError::ThrowAt(988, position);
  if (g_verifier_maker == nullptr) throw OraError::Make(600, {"no password verifier maker"});
  return g_verifier_maker(password);
}

bool IsConnected(const std::string& name) {
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    const sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) != 0 && name == s->username) return true;
  }
  return false;
}

std::string CreateUser(const UserStatement& u, SessionContext& session) {
  RequireSysPriv(session, storage::kPrivCreateUser);
  if (storage::FindUser(u.name) != nullptr) OraError::ThrowAt(1920, u.position, {u.name});
  storage::CreateUser(u.name, Verifier(u.password, u.position), false, 0, u.account == 1);
  storage::WriteUserCatalog();
  return "CREATE USER";
}

std::string AlterUser(const UserStatement& u, SessionContext& session) {
  storage::UserMeta* user = storage::FindUser(u.name);
  // A user may change its own password; everything else needs ALTER USER.
  const bool own_password_only = u.name == session.username && u.account == 0;
  if (!own_password_only) RequireSysPriv(session, storage::kPrivAlterUser);
  if (user == nullptr) OraError::ThrowAt(1918, u.position, {u.name});
  if (u.has_password) storage::SetVerifier(user, Verifier(u.password, u.position));
  if (u.account != 0) user->locked.store(u.account == 1 ? 1 : 0);
  storage::WriteUserCatalog();
  return "ALTER USER";
}

std::string DropUser(const UserStatement& u, SessionContext& session) {
  RequireSysPriv(session, storage::kPrivDropUser);
  storage::UserMeta* user = storage::FindUser(u.name);
  if (user == nullptr) OraError::ThrowAt(1918, u.position, {u.name});
  if (IsConnected(u.name)) throw OraError::Make(1940);
  // The tables below stay readable while they are locked and dropped one by one (another
  // session may drop one meanwhile: DdlTableLock then says ORA-00942).
  storage::EpochGuard epoch;
  std::vector<storage::TableMeta*> owned;
  for (storage::TableMeta* t : storage::AllTables()) {
    if (u.name == t->owner) owned.push_back(t);
  }
  if (!owned.empty() && !u.cascade) OraError::ThrowAt(1922, u.position, {u.name});
  for (storage::TableMeta* t : owned) {
    DdlTableLock lock(*t);  // ORA-00054 while a transaction has changes in it
    const uint32_t object_id = t->object_id;
    storage::DropGrantsOnObject(object_id);
    storage::DropTable(t);
    storage::RedoWriteDurably({storage::EncodeObject(storage::RedoType::kDropTable, {object_id, 0})});
  }
  // The grants go in the redo too: a later user of the same name must not inherit them.
  std::vector<std::string> revoked;
  for (const storage::ObjectGrant& og : storage::AllObjectGrants()) {
    if (og.grantee_id == user->user_id) revoked.push_back(storage::EncodeGrant({og.object_id, u.name, 0}));
  }
  storage::DropGrantsToUser(user->user_id);
  storage::RedoWriteDurably(revoked);
  storage::DropUser(user);
  storage::WriteUserCatalog();
  return "DROP USER";
}

storage::UserMeta* Grantee(const std::string& name, const GrantStatement& g,
                           const SessionContext& session) {
  storage::UserMeta* u = storage::FindUser(name);
  if (u == nullptr) OraError::ThrowAt(1917, g.grantees_position, {name});
  if (g.on_object && name == session.username) throw OraError::Make(1749);
  return u;
}

std::string SystemGrant(const GrantStatement& g, SessionContext& session) {
  uint64_t bits = 0;
  for (const std::string& p : g.privileges) {
    std::optional<storage::SysPriv> priv = SysPrivByName(p);
    if (!priv) OraError::ThrowAt(990, g.privileges_position);
    bits |= *priv;
  }
  RequireSysPriv(session, storage::kPrivGrantAnyPrivilege);
  for (const std::string& name : g.grantees) {
    storage::UserMeta* u = Grantee(name, g, session);
    if (g.revoke) {
      if ((u->sys_privs.load() & bits) != bits) OraError::ThrowAt(1952, g.grantees_position, {name});
      u->sys_privs.fetch_and(~bits);
    } else {
      u->sys_privs.fetch_or(bits);
    }
  }
  storage::WriteUserCatalog();
  return g.revoke ? "REVOKE" : "GRANT";
}

std::string ObjectGrant(const GrantStatement& g, SessionContext& session) {
  uint32_t bits = 0;
  for (const std::string& p : g.privileges) {
    std::optional<uint32_t> priv = ObjPrivByName(p);
    if (!priv) OraError::ThrowAt(990, g.privileges_position);
    bits |= *priv;
  }
  storage::EpochGuard epoch;
  storage::TableMeta* t = ResolveTable(g.object.schema, g.object.name, session);
  if (t == nullptr) OraError::ThrowAt(942, g.object.position);
  // The owner grants on its objects (and SYSDBA on anything).
  if (t->owner != session.username && !session.sysdba) {
    CheckTableAccess(session, *t, storage::kObjSelect, g.object.position);  // 942 if unseen
    throw OraError::Make(1031);
  }
  std::vector<std::string> redo;
  std::vector<std::pair<storage::UserMeta*, uint32_t>> logged;
  for (const std::string& name : g.grantees) {
    storage::UserMeta* u = Grantee(name, g, session);
    if (g.revoke) {
      if (storage::RevokeObject(t->object_id, u->user_id, bits) == 0) throw OraError::Make(1927);
    } else {
      storage::GrantObject(t->object_id, u->user_id, bits);
    }
    logged.emplace_back(u, storage::ObjectPrivileges(t->object_id, u->user_id));
    redo.push_back(storage::EncodeGrant({t->object_id, u->name, logged.back().second}));
  }
  storage::RedoWriteDurably(redo);
  // A record holds the whole set the grantee has, read after the change: a concurrent GRANT
  // or REVOKE on the same object and grantee may copy its record before ours, and replay
  // would end with our older set (an acknowledged GRANT lost, a REVOKE undone). So once
  // ours is in the log, the set is read again and logged again while it differs: whoever
  // changes it after that logs after that. Bounded: each pass needs another statement's
  // change in between.
  for (int pass = 0; pass < 100; ++pass) {
    redo.clear();
    for (auto& [u, privs] : logged) {
      const uint32_t now = storage::ObjectPrivileges(t->object_id, u->user_id);
      if (now == privs) continue;
      privs = now;
      redo.push_back(storage::EncodeGrant({t->object_id, u->name, now}));
    }
    if (redo.empty()) break;
    storage::RedoWriteDurably(redo);
  }
  return g.revoke ? "REVOKE" : "GRANT";
}

}  // namespace

std::string ExecuteUserStatement(const UserStatement& stmt, SessionContext& session) {
  if (session.txn != nullptr) session.txn->Commit();  // DDL commits what came before
  switch (stmt.action) {
    case UserStatement::Action::kCreate:
      return CreateUser(stmt, session);
    case UserStatement::Action::kAlter:
      return AlterUser(stmt, session);
    case UserStatement::Action::kDrop:
      return DropUser(stmt, session);
  }
  return "";
}

std::string ExecuteGrant(const GrantStatement& stmt, SessionContext& session) {
  if (session.txn != nullptr) session.txn->Commit();
  return stmt.on_object ? ObjectGrant(stmt, session) : SystemGrant(stmt, session);
}

void SetPasswordVerifierMaker(PasswordVerifierMaker maker) { g_verifier_maker = maker; }

}  // namespace warden::sql
