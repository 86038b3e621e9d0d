// The user catalog: user names, their SYSDBA privilege and SCRAM-SHA-256 verifiers (never
// passwords), kept in DATADIR/catalog/users (mode 0600), one "NAME PRIV VERIFIER" line per
// user, PRIV = SYSDBA or NONE. Names are stored upper-case: unquoted Oracle names are
// case-insensitive, so `psql -U sys` is SYS.
// The supervisor loads it once at start; dedicated servers inherit the copy through fork.
// (The SQL issue moves users into the stored, logged catalog.)
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace warden::proc {

struct UserEntry {
  std::string name;
  bool sysdba = false;
  std::string verifier;  // "SCRAM-SHA-256$iter:salt$StoredKey:ServerKey"
};

class UserCatalog {
 public:
  Status Load(const std::string& path);
  Status Save(const std::string& path) const;
  Status AddUser(const std::string& name, const std::string& password, bool sysdba);
  // Case-insensitive lookup.
  std::optional<UserEntry> Find(const std::string& name) const;
  const std::string& mock_secret() const { return mock_secret_; }

 private:
  std::map<std::string, UserEntry> users_;
  std::string mock_secret_;  // raw bytes
};

}  // namespace warden::proc
