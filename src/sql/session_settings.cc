// Session settings (see session_settings.h): the definition table and each setting's check
// and canonical form, following PostgreSQL's guc_tables.c where Warden accepts a value.
#include "sql/session_settings.h"

#include <algorithm>
#include <charconv>

#include "common/ora_error.h"
#include "sga/sga.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

// A setting's check: the canonical form of `value`, or nullopt when it is not allowed.
// `current` is the setting's value now (DateStyle keeps the part not given).
using Normalizer = std::optional<std::string> (*)(std::string_view value,
                                                  const std::string& current);

struct SettingDef {
  const char* name;
  std::string default_value;
  bool reported;
  bool read_only;
  Normalizer normalize;  // nullptr for read-only settings
  const char* allowed;   // ORA-00096's "must be from among" text
  const char* description;
};

std::optional<std::string> AnyText(std::string_view v, const std::string&) {
  return std::string(v);
}

// PostgreSQL truncates names to NAMEDATALEN - 1 bytes.
std::optional<std::string> ApplicationName(std::string_view v, const std::string&) {
  return std::string(v.substr(0, 63));
}

std::optional<std::string> ClientEncoding(std::string_view v, const std::string&) {
  std::string key;
  for (char c : AsciiUpper(v)) {
    if (c != '-' && c != '_') key.push_back(c);
  }
  if (key == "UTF8" || key == "UNICODE") return "UTF8";
  // SQL_ASCII: bytes pass unconverted (what psql asks for under the C locale).
  if (key == "SQLASCII") return "SQL_ASCII";
  return std::nullopt;
}

// Output style ISO only (the text format of DATE values is fixed); any field order.
std::optional<std::string> DateStyle(std::string_view v, const std::string& current) {
  std::string order = current.substr(current.find(", ") + 2);
  std::string word;
  const std::string upper = AsciiUpper(v) + ",";
  for (char c : upper) {
    if (c != ',' && c != ' ' && c != '\t') {
      word.push_back(c);
      continue;
    }
    if (word.empty()) continue;
    if (word == "DMY" || word == "EURO" || word == "EUROPEAN") {
      order = "DMY";
    } else if (word == "MDY" || word == "US" || word == "NONEURO" || word == "NONEUROPEAN") {
      order = "MDY";
    } else if (word == "YMD") {
      order = "YMD";
    } else if (word != "ISO") {
      return std::nullopt;
    }
    word.clear();
  }
  return "ISO, " + order;
}

// A zone name or offset as PostgreSQL spells them ("UTC", "Europe/Paris", "+02:00").
// SYSDATE is the server's clock whatever the session's zone, as in Oracle.
std::optional<std::string> TimeZone(std::string_view v, const std::string&) {
  if (v.empty() || v.size() > 63) return std::nullopt;
  for (char c : v) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '+' || c == '-' || c == ':' || c == '.';
    if (!ok) return std::nullopt;
  }
  return std::string(v);
}

std::optional<int64_t> ParseInt(std::string_view v) {
  int64_t n = 0;
  const char* end = v.data() + v.size();
  auto [p, ec] = std::from_chars(v.data(), end, n);
  if (ec != std::errc() || p != end) return std::nullopt;
  return n;
}

std::optional<std::string> ExtraFloatDigits(std::string_view v, const std::string&) {
  std::optional<int64_t> n = ParseInt(v);
  if (!n || *n < -15 || *n > 3) return std::nullopt;
  return std::to_string(*n);
}

// Milliseconds with an optional unit (ms, s, min, h, d), shown in the largest unit that
// divides it, as PostgreSQL shows it: 5000 -> "5s", 0 -> "0".
std::optional<std::string> StatementTimeout(std::string_view v, const std::string&) {
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  std::optional<int64_t> n = ParseInt(v.substr(0, digits));
  if (!n) return std::nullopt;
  std::string unit = AsciiLower(v.substr(digits));
  unit.erase(0, unit.find_first_not_of(' '));
  static constexpr std::pair<std::string_view, int64_t> kUnits[] = {
      {"d", 86400000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}, {"ms", 1}};
  int64_t scale = unit.empty() ? 1 : 0;
  for (const auto& [name, ms] : kUnits) {
    if (unit == name) scale = ms;
  }
  if (scale == 0 || *n > INT32_MAX / scale) return std::nullopt;
  const int64_t ms = *n * scale;
  if (ms == 0) return "0";
  // The last unit, ms, divides every count: the loop always returns.
  std::string shown;
  for (const auto& [name, unit_ms] : kUnits) {
    if (ms % unit_ms == 0) {
      shown = std::to_string(ms / unit_ms) + std::string(name);
      break;
    }
  }
  return shown;
}

// Settings PostgreSQL lets a client change but Warden supports in one value only.
std::optional<std::string> OnlyOn(std::string_view v, const std::string&) {
  const std::string l = AsciiLower(v);
  if (l == "on" || l == "true" || l == "yes" || l == "1") return "on";
  return std::nullopt;
}
std::optional<std::string> OnlyPostgres(std::string_view v, const std::string&) {
  if (AsciiLower(v) == "postgres") return "postgres";
  return std::nullopt;
}

const std::vector<SettingDef>& Definitions() {
  static const std::vector<SettingDef> kDefs = [] {
    std::vector<SettingDef> d = {
        {"application_name", "", true, false, ApplicationName, "any text",
         "Sets the application name to be reported in statistics and logs."},
        {"client_encoding", "UTF8", true, false, ClientEncoding, "UTF8, SQL_ASCII",
         "Sets the client's character set encoding."},
        {"DateStyle", "ISO, MDY", true, false, DateStyle, "ISO with DMY, MDY or YMD",
         "Sets the display format for date and time values."},
        {"extra_float_digits", "1", false, false, ExtraFloatDigits, "-15 .. 3",
         "Sets the number of digits displayed for floating-point values."},
        {"integer_datetimes", "on", true, true, nullptr, "",
         "Shows whether datetimes are integer based."},
        {"IntervalStyle", "postgres", true, false, OnlyPostgres, "postgres",
         "Sets the display format for interval values."},
        {"is_superuser", "off", true, true, nullptr, "",
         "Shows whether the current user is a superuser."},
        {"search_path", "\"$user\", public", false, false, AnyText, "any text",
         "Sets the schema search order for names that are not schema-qualified."},
        {"server_encoding", "UTF8", true, true, nullptr, "",
         "Shows the server (database) character set encoding."},
        {"server_version", "15.0 (Warden " + std::string(sga::kWardenVersion) + ")", true, true,
         nullptr, "", "Shows the server version."},
        {"server_version_num", "150000", false, true, nullptr, "",
         "Shows the server version as an integer."},
        {"session_authorization", "", true, true, nullptr, "", "Shows the session user name."},
        {"standard_conforming_strings", "on", true, false, OnlyOn, "on",
         "Causes '...' strings to treat backslashes literally."},
        {"statement_timeout", "0", false, false, StatementTimeout,
         "an integer count of ms, s, min, h or d",
         "Sets the maximum allowed duration of any statement (stored, not enforced)."},
        {"TimeZone", "UTC", true, false, TimeZone, "a time zone name or offset",
         "Sets the time zone for displaying and interpreting time stamps."},
        {"transaction_isolation", "read committed", false, true, nullptr, "",
         "Shows the current transaction's isolation level."},
    };
    std::sort(d.begin(), d.end(), [](const SettingDef& a, const SettingDef& b) {
      return AsciiLower(a.name) < AsciiLower(b.name);
    });
    return d;
  }();
  return kDefs;
}

}  // namespace

SessionSettings::SessionSettings() {
  for (const SettingDef& d : Definitions()) values_.push_back(d.default_value);
}

bool SessionSettings::Knows(std::string_view name) const {
  const std::string key = AsciiLower(name);
  for (const SettingDef& d : Definitions()) {
    if (AsciiLower(d.name) == key) return true;
  }
  return false;
}

size_t SessionSettings::IndexOf(std::string_view name) const {
  const std::string key = AsciiLower(name);
  const std::vector<SettingDef>& defs = Definitions();
  for (size_t i = 0; i < defs.size(); ++i) {
    if (AsciiLower(defs[i].name) == key) return i;
  }
  throw OraError::Make(2248);
}

void SessionSettings::Assign(size_t index, std::string value) {
  if (values_[index] == value) return;
  values_[index] = std::move(value);
  if (Definitions()[index].reported &&
      std::find(changed_.begin(), changed_.end(), index) == changed_.end()) {
    changed_.push_back(index);
  }
}

void SessionSettings::Set(std::string_view name, const std::optional<std::string>& value) {
  const size_t i = IndexOf(name);
  const SettingDef& d = Definitions()[i];
  if (d.read_only) throw OraError::Make(2095);
  if (!value) {
    Assign(i, d.default_value);
    return;
  }
  std::optional<std::string> canonical = d.normalize(*value, values_[i]);
  if (!canonical) throw OraError::Make(96, {*value, d.name, d.allowed});
  Assign(i, std::move(*canonical));
}

void SessionSettings::ResetAll() {
  const std::vector<SettingDef>& defs = Definitions();
  for (size_t i = 0; i < defs.size(); ++i) {
    if (!defs[i].read_only) Assign(i, defs[i].default_value);
  }
}

SessionSettings::Entry SessionSettings::Show(std::string_view name) const {
  const size_t i = IndexOf(name);
  const SettingDef& d = Definitions()[i];
  return Entry{d.name, values_[i], d.description};
}

std::vector<SessionSettings::Entry> SessionSettings::All() const {
  std::vector<Entry> out;
  const std::vector<SettingDef>& defs = Definitions();
  for (size_t i = 0; i < defs.size(); ++i) {
    out.push_back(Entry{defs[i].name, values_[i], defs[i].description});
  }
  return out;
}

void SessionSettings::SetSessionUser(const std::string& user, bool superuser) {
  Assign(IndexOf("session_authorization"), user);
  Assign(IndexOf("is_superuser"), superuser ? "on" : "off");
}

std::vector<SessionSettings::Report> SessionSettings::Reported() const {
  std::vector<Report> out;
  const std::vector<SettingDef>& defs = Definitions();
  for (size_t i = 0; i < defs.size(); ++i) {
    if (defs[i].reported) out.emplace_back(defs[i].name, values_[i]);
  }
  return out;
}

std::vector<SessionSettings::Report> SessionSettings::TakeChangedReports() {
  std::vector<Report> out;
  for (size_t i : changed_) out.emplace_back(Definitions()[i].name, values_[i]);
  changed_.clear();
  return out;
}

}  // namespace warden::sql
