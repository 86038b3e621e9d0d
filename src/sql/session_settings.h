// The session settings PostgreSQL clients read and write with SET, RESET and SHOW (and send in
// their startup packet): application_name, client_encoding, DateStyle, TimeZone,
// extra_float_digits, search_path, statement_timeout, plus the read-only facts a driver asks
// for (server_version, server_encoding, integer_datetimes, transaction_isolation, ...).
// Names are case-insensitive; values are kept in PostgreSQL's canonical spelling ("ISO, MDY",
// "5s"). The settings marked "reported" are the ones the protocol announces with
// ParameterStatus: all of them at logon, and each one again after a change.
// Errors: ORA-02248 unknown name, ORA-02095 read-only, ORA-00096 invalid value.
// Process-local; one per session (in SessionContext).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warden::sql {

class SessionSettings {
 public:
  struct Entry {
    std::string name;  // canonical, e.g. "DateStyle"
    std::string value;
    std::string description;
  };
  using Report = std::pair<std::string, std::string>;  // name, value

  SessionSettings();

  // True when `name` is a setting (any case).
  bool Knows(std::string_view name) const;
  // Sets a writable setting; nullopt = back to its default.
  void Set(std::string_view name, const std::optional<std::string>& value);
  // RESET ALL: every writable setting back to its default.
  void ResetAll();
  // The current value under the canonical name.
  Entry Show(std::string_view name) const;
  // Every setting, in name order (SHOW ALL).
  std::vector<Entry> All() const;

  // Fixed at logon: session_authorization and is_superuser.
  void SetSessionUser(const std::string& user, bool superuser);

  // The reported settings and their values (ParameterStatus at logon).
  std::vector<Report> Reported() const;
  // The reported settings whose value changed since the last call, each once.
  std::vector<Report> TakeChangedReports();

 private:
  size_t IndexOf(std::string_view name) const;  // ORA-02248 when unknown
  void Assign(size_t index, std::string value);

  std::vector<std::string> values_;  // parallel to the definition table
  std::vector<size_t> changed_;      // indices of reported settings changed, no repeats
};

}  // namespace warden::sql
