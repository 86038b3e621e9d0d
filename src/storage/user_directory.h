// Users and privileges in the SGA: the user directory (names, SCRAM verifiers, account
// status, system privileges as a bit set) and object grants (privileges on a table for a
// user). Every process reads them latch-free; changes (CREATE/ALTER/DROP USER, GRANT, REVOKE)
// take the table-directory latch and publish each entry with one store, so the latch's
// recovery stays kConsistent. The supervisor fills the directory from DATADIR/catalog/users
// at start; a change is written back through the writer the process installed (the file
// stays the durable copy until users move into the redo-logged catalog, issue 9).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warden::storage {

// System privileges (Oracle's names in sql/privileges.cc). SYSDBA implies all of them.
enum SysPriv : uint64_t {
  kPrivCreateSession = 1u << 0,
  kPrivCreateTable = 1u << 1,
  kPrivCreateAnyTable = 1u << 2,
  kPrivDropAnyTable = 1u << 3,
  kPrivSelectAnyTable = 1u << 4,
  kPrivInsertAnyTable = 1u << 5,
  kPrivUpdateAnyTable = 1u << 6,
  kPrivDeleteAnyTable = 1u << 7,
  kPrivSelectAnyDictionary = 1u << 8,
  kPrivAlterSystem = 1u << 9,
  kPrivCreateUser = 1u << 10,
  kPrivAlterUser = 1u << 11,
  kPrivDropUser = 1u << 12,
  kPrivGrantAnyPrivilege = 1u << 13,
  kPrivLockAnyTable = 1u << 14,
};

// Object privileges on a table.
enum ObjPriv : uint32_t {
  kObjSelect = 1u << 0,
  kObjInsert = 1u << 1,
  kObjUpdate = 1u << 2,
  kObjDelete = 1u << 3,
};

struct UserMeta {
  std::atomic<uint32_t> state;  // 0 free, 1 live
  uint32_t user_id;
  char name[129];
  char verifier[256];  // "SCRAM-SHA-256$iter:salt$StoredKey:ServerKey"
  std::atomic<uint8_t> locked;
  uint8_t sysdba;
  int64_t created;  // wall seconds
  std::atomic<uint64_t> sys_privs;
};

// Sets up the directory (supervisor, once, after the heap).
void UserDirectoryInit();

UserMeta* FindUser(std::string_view name);
std::vector<UserMeta*> AllUsers();
// ORA-01920 if the name is taken, ORA-01658-like when the directory is full.
UserMeta* CreateUser(std::string_view name, std::string_view verifier, bool sysdba,
                     uint64_t sys_privs, bool locked);
void DropUser(UserMeta* user);
void SetVerifier(UserMeta* user, std::string_view verifier);

// Object privileges of `grantee` on object `object_id` (0 if none).
uint32_t ObjectPrivileges(uint32_t object_id, uint32_t grantee_id);
void GrantObject(uint32_t object_id, uint32_t grantee_id, uint32_t privs);
// Returns the privileges that were actually held and are now revoked.
uint32_t RevokeObject(uint32_t object_id, uint32_t grantee_id, uint32_t privs);
// Sets the object privileges of `grantee_id` on `object_id` to exactly `privs` (recovery).
void SetObjectPrivileges(uint32_t object_id, uint32_t grantee_id, uint32_t privs);
struct ObjectGrant {
  uint32_t object_id;
  uint32_t grantee_id;
  uint32_t privs;
};
// Every grant in force (checkpoints write them).
std::vector<ObjectGrant> AllObjectGrants();
UserMeta* UserById(uint32_t user_id);
// DROP TABLE / DROP USER: every grant on the object, or to the user, goes.
void DropGrantsOnObject(uint32_t object_id);
void DropGrantsToUser(uint32_t grantee_id);

// Writes the users back to their durable file; installed by the process (proc layer).
using UserCatalogWriter = void (*)();
void SetUserCatalogWriter(UserCatalogWriter writer);
void WriteUserCatalog();

}  // namespace warden::storage
