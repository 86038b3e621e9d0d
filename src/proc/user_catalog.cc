// The user catalog file (see user_catalog.h).
#include "proc/user_catalog.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "common/alert_log.h"
#include "common/ora_error.h"
#include "net/scram_server.h"
#include "net/scram_verifier.h"
#include "storage/user_directory.h"
#include "wait/wait.h"

namespace warden::proc {
namespace {

constexpr char kMockSecretTag[] = "#mock-secret";

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string ToHex(const std::string& raw) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

bool FromHex(const std::string& hex, std::string* out) {
  if (hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

}  // namespace

Status UserCatalog::AddUser(const std::string& name, const std::string& password, bool sysdba) {
  net::ScramVerifier v;
  Status s = net::MakeScramVerifier(password, net::kScramDefaultIterations, &v);
  if (!s.ok()) return s;
  if (mock_secret_.empty()) {
    s = net::GenerateScramMockSecret(&mock_secret_);
    if (!s.ok()) return s;
  }
  UserEntry e{Upper(name), sysdba, v.Serialize(), false, 0};
  users_[e.name] = e;
  return Status::OK();
}

std::optional<UserEntry> UserCatalog::Find(const std::string& name) const {
  auto it = users_.find(Upper(name));
  if (it == users_.end()) return std::nullopt;
  return it->second;
}

Status UserCatalog::Save(const std::string& path) const {
  std::ostringstream out;
  out << kMockSecretTag << " " << ToHex(mock_secret_) << "\n";
  for (const auto& [name, e] : users_) {
    out << e.name << " " << (e.sysdba ? "SYSDBA" : "NONE") << " " << e.verifier << " "
        << (e.locked ? "LOCKED" : "OPEN") << " PRIVS=" << std::hex << e.sys_privs << std::dec
        << "\n";
  }
  std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::FromErrno("cannot create " + tmp, errno);
  std::string text = out.str();
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  // blocking-ok: wardend init, or inside the caller's 'Disk file operations I/O' wait
  ok = fsync(fd) == 0 && ok;
  close(fd);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::Error("cannot write the user catalog " + path);
  }
  return Status::OK();
}

Status UserCatalog::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read the user catalog " + path);
  users_.clear();
  std::string line;
  for (int lineno = 1; std::getline(in, line) && lineno <= 1000000; ++lineno) {
    std::istringstream ss(line);
    std::string a, b, c, status, privs;
    ss >> a >> b >> c >> status >> privs;
    if (a.empty()) continue;
    auto bad = [&] {
      return Status::Error(path + ":" + std::to_string(lineno) + ": malformed user entry");
    };
    if (a == kMockSecretTag) {
      if (!FromHex(b, &mock_secret_) || mock_secret_.size() != net::kScramMockSecretLength) {
        return bad();
      }
      continue;
    }
    net::ScramVerifier v;
    if ((b != "SYSDBA" && b != "NONE") || !net::ScramVerifier::Parse(c, &v).ok()) return bad();
    if (!status.empty() && status != "OPEN" && status != "LOCKED") return bad();
    uint64_t sys_privs = 0;
    if (!privs.empty()) {
      if (privs.rfind("PRIVS=", 0) != 0) return bad();
      sys_privs = std::stoull(privs.substr(6), nullptr, 16);
    }
    users_[Upper(a)] = UserEntry{Upper(a), b == "SYSDBA", c, status == "LOCKED", sys_privs};
  }
  if (mock_secret_.empty()) return Status::Error(path + ": no mock secret line");
  return Status::OK();
}

void UserCatalog::PublishToSga() const {
  for (const auto& [name, e] : users_) {
    storage::CreateUser(e.name, e.verifier, e.sysdba, e.sysdba ? ~uint64_t{0} : e.sys_privs,
                        e.locked);
  }
}

UserCatalog UserCatalog::FromSga() const {
  UserCatalog c;
  c.mock_secret_ = mock_secret_;
  for (const storage::UserMeta* u : storage::AllUsers()) {
    c.users_[u->name] =
        UserEntry{u->name, u->sysdba != 0, u->verifier, u->locked.load() != 0, u->sys_privs.load()};
  }
  return c;
}

namespace {

UserCatalog g_file_catalog;  // for its mock secret
std::string g_catalog_path;

void WriteCatalogFromSga() {
  wait::WaitScope io(wait::kDiskFileOperationsIo, 1, 0, 0);
  Status s = g_file_catalog.FromSga().Save(g_catalog_path);
  if (!s.ok()) AlertLog::Write("Cannot write the user catalog: " + s.message());
}

}  // namespace

void InstallUserCatalogWriter(const std::string& path, const UserCatalog& file) {
  g_catalog_path = path;
  g_file_catalog = file;
  storage::SetUserCatalogWriter(&WriteCatalogFromSga);
}

std::string MakePasswordVerifier(const std::string& password) {
  net::ScramVerifier v;
  Status s = net::MakeScramVerifier(password, net::kScramDefaultIterations, &v);
  if (!s.ok()) throw OraError::Make(600, {"password verifier: " + s.message()});
  return v.Serialize();
}

}  // namespace warden::proc
