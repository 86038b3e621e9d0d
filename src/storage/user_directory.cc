// Users and object grants in the SGA (see user_directory.h).
#include "storage/user_directory.h"

#include <atomic>

#include "common/clock.h"
#include "common/fixed_string.h"
#include "common/ora_error.h"
#include "storage/row_store.h"
#include "storage/shm_heap.h"

namespace warden::storage {
namespace {

constexpr int kMaxUsers = 1024;
constexpr int kMaxGrants = 8192;

struct GrantEntry {
  std::atomic<uint32_t> privs;  // 0: free
  uint32_t object_id;
  uint32_t grantee_id;
};

struct UserDirectory {
  std::atomic<uint32_t> next_user_id;
  UserMeta users[kMaxUsers];
  GrantEntry grants[kMaxGrants];
};

UserDirectory* g_dir = nullptr;
UserCatalogWriter g_writer = nullptr;

GrantEntry* FindGrant(uint32_t object_id, uint32_t grantee_id) {
  for (GrantEntry& g : g_dir->grants) {
    if (g.privs.load(std::memory_order_acquire) != 0 && g.object_id == object_id &&
        g.grantee_id == grantee_id) {
      return &g;
    }
  }
  return nullptr;
}

}  // namespace

void UserDirectoryInit() {
  g_dir = static_cast<UserDirectory*>(HeapAlloc(sizeof(UserDirectory)));
  g_dir->next_user_id.store(1);  // SYS is user# 0 in Oracle; it is loaded first here
}

UserMeta* FindUser(std::string_view name) {
  for (UserMeta& u : g_dir->users) {
    if (u.state.load(std::memory_order_acquire) == 1 && name == u.name) return &u;
  }
  return nullptr;
}

std::vector<UserMeta*> AllUsers() {
  std::vector<UserMeta*> out;
  for (UserMeta& u : g_dir->users) {
    if (u.state.load(std::memory_order_acquire) == 1) out.push_back(&u);
  }
  return out;
}

UserMeta* CreateUser(std::string_view name, std::string_view verifier, bool sysdba,
                     uint64_t sys_privs, bool locked) {
  if (name.empty() || name.size() > 128) throw OraError::Make(972, {});
  if (verifier.size() >= sizeof(UserMeta::verifier)) throw OraError::Make(600, {"verifier size"});
  DirectoryLatchGuard latch;
  if (FindUser(name) != nullptr) throw OraError::Make(1920, {std::string(name)});
  for (UserMeta& u : g_dir->users) {
    if (u.state.load(std::memory_order_relaxed) != 0) continue;
    u.user_id = sysdba && name == "SYS" ? 0 : g_dir->next_user_id.fetch_add(1);
    CopyToFixed(u.name, sizeof u.name, name);
    CopyToFixed(u.verifier, sizeof u.verifier, verifier);
    u.locked.store(locked ? 1 : 0);
    u.sysdba = sysdba ? 1 : 0;
    u.created = WallSeconds();
    u.sys_privs.store(sys_privs);
    u.state.store(1, std::memory_order_release);  // published
    return &u;
  }
  throw OraError::Make(1658, {"SYSTEM"});
}

void DropUser(UserMeta* user) {
  DirectoryLatchGuard latch;
  user->state.store(0, std::memory_order_release);
}

void SetVerifier(UserMeta* user, std::string_view verifier) {
  if (verifier.size() >= sizeof(UserMeta::verifier)) throw OraError::Make(600, {"verifier size"});
  DirectoryLatchGuard latch;
  // Readers copy the verifier at logon; a torn read fails authentication once, never more.
  CopyToFixed(user->verifier, sizeof user->verifier, verifier);
}

uint32_t ObjectPrivileges(uint32_t object_id, uint32_t grantee_id) {
  GrantEntry* g = FindGrant(object_id, grantee_id);
  return g == nullptr ? 0 : g->privs.load(std::memory_order_acquire);
}

void GrantObject(uint32_t object_id, uint32_t grantee_id, uint32_t privs) {
  DirectoryLatchGuard latch;
  if (GrantEntry* g = FindGrant(object_id, grantee_id)) {
    g->privs.fetch_or(privs);
    return;
  }
  for (GrantEntry& g : g_dir->grants) {
    if (g.privs.load(std::memory_order_relaxed) != 0) continue;
    g.object_id = object_id;
    g.grantee_id = grantee_id;
    g.privs.store(privs, std::memory_order_release);  // published
    return;
  }
  throw OraError::Make(1658, {"SYSTEM"});
}

uint32_t RevokeObject(uint32_t object_id, uint32_t grantee_id, uint32_t privs) {
  DirectoryLatchGuard latch;
  GrantEntry* g = FindGrant(object_id, grantee_id);
  if (g == nullptr) return 0;
  uint32_t before = g->privs.fetch_and(~privs);
  return before & privs;
}

void SetObjectPrivileges(uint32_t object_id, uint32_t grantee_id, uint32_t privs) {
  RevokeObject(object_id, grantee_id, ~0u);
  if (privs != 0) GrantObject(object_id, grantee_id, privs);
}

std::vector<ObjectGrant> AllObjectGrants() {
  std::vector<ObjectGrant> out;
  for (GrantEntry& g : g_dir->grants) {
    const uint32_t privs = g.privs.load(std::memory_order_acquire);
    if (privs != 0) out.push_back({g.object_id, g.grantee_id, privs});
  }
  return out;
}

UserMeta* UserById(uint32_t user_id) {
  for (UserMeta* u : AllUsers()) {
    if (u->user_id == user_id) return u;
  }
  return nullptr;
}

void DropGrantsOnObject(uint32_t object_id) {
  DirectoryLatchGuard latch;
  for (GrantEntry& g : g_dir->grants) {
    if (g.object_id == object_id) g.privs.store(0, std::memory_order_release);
  }
}

void DropGrantsToUser(uint32_t grantee_id) {
  DirectoryLatchGuard latch;
  for (GrantEntry& g : g_dir->grants) {
    if (g.grantee_id == grantee_id) g.privs.store(0, std::memory_order_release);
  }
}

void SetUserCatalogWriter(UserCatalogWriter writer) { g_writer = writer; }

void WriteUserCatalog() {
  if (g_writer != nullptr) g_writer();
}

}  // namespace warden::storage
