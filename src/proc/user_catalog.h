// The user catalog file: user names, their SYSDBA privilege, SCRAM-SHA-256 verifiers (never
// passwords), account status and system privileges, kept in DATADIR/catalog/users (mode
// 0600), one "NAME PRIV VERIFIER [OPEN|LOCKED [PRIVS=hex]]" line per user, PRIV = SYSDBA or
// NONE. Names are stored upper-case: unquoted Oracle names are case-insensitive, so
// `psql -U sys` is SYS.
// The supervisor loads it at start into the SGA user directory (storage/user_directory.h),
// which every process reads; CREATE/ALTER/DROP USER and GRANT/REVOKE write the file back
// from the directory (InstallUserCatalogWriter). It stays the durable copy until users move
// into the redo-logged catalog (issue 9).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace warden::proc {

struct UserEntry {
  std::string name;
  bool sysdba = false;
  std::string verifier;  // "SCRAM-SHA-256$iter:salt$StoredKey:ServerKey"
  bool locked = false;
  uint64_t sys_privs = 0;  // storage::SysPriv bits
};

class UserCatalog {
 public:
  Status Load(const std::string& path);
  Status Save(const std::string& path) const;
  Status AddUser(const std::string& name, const std::string& password, bool sysdba);
  // Case-insensitive lookup.
  std::optional<UserEntry> Find(const std::string& name) const;
  const std::string& mock_secret() const { return mock_secret_; }
  // The users now in the SGA directory, with this catalog's mock secret.
  UserCatalog FromSga() const;

  // Supervisor, after the heap: every user into the SGA directory (SYSDBA holds every
  // system privilege).
  void PublishToSga() const;

 private:
  std::map<std::string, UserEntry> users_;
  std::string mock_secret_;  // raw bytes
};

// Makes CREATE/ALTER/DROP USER and GRANT/REVOKE write the directory back to `path` (in the
// supervisor before forking, so every process has it). The write waits on 'Disk file
// operations I/O'.
void InstallUserCatalogWriter(const std::string& path, const UserCatalog& file);

// The SCRAM verifier of a new password (for ALTER/CREATE USER).
std::string MakePasswordVerifier(const std::string& password);

}  // namespace warden::proc
