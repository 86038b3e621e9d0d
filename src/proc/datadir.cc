// Data directory layout, init and the pid file (see datadir.h).
#include "proc/datadir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "common/parameters.h"
#include "proc/user_catalog.h"

namespace warden::proc {

std::string ConfPath(const std::string& d) { return d + "/warden.conf"; }
std::string UsersPath(const std::string& d) { return d + "/catalog/users"; }
std::string PidPath(const std::string& d) { return d + "/wardend.pid"; }

std::string GeneratePassword(int length) {
  static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  std::string out;
  // Rejection sampling keeps the distribution uniform; bounded by the attempt count.
  for (int attempts = 0; static_cast<int>(out.size()) < length && attempts < 64; ++attempts) {
    unsigned char buf[64];
    if (getrandom(buf, sizeof buf, 0) != static_cast<ssize_t>(sizeof buf)) continue;
    for (unsigned char b : buf) {
      if (b >= 224) continue;  // 224 = 4 * 56, a multiple of the alphabet size
      out.push_back(kAlphabet[b % 56]);
      if (static_cast<int>(out.size()) == length) break;
    }
  }
  return out;
}

Status CheckDataDir(const std::string& datadir) {
  struct stat st;
  if (stat(datadir.c_str(), &st) != 0) {
    return Status::Error("data directory " + datadir +
                         " does not exist (create it with: wardend init -D " + datadir + ")");
  }
  if (!S_ISDIR(st.st_mode)) return Status::Error(datadir + " is not a directory");
  if (access(ConfPath(datadir).c_str(), R_OK) != 0 ||
      access(UsersPath(datadir).c_str(), R_OK) != 0) {
    return Status::Error("data directory " + datadir +
                         " is not initialised (run: wardend init -D " + datadir + ")");
  }
  return Status::OK();
}

Status InitDataDir(const std::string& datadir, const std::string& sys_password) {
  if (sys_password.empty()) return Status::Error("the SYS password must not be empty");
  if (mkdir(datadir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::FromErrno("cannot create " + datadir, errno);
  }
  if (access(ConfPath(datadir).c_str(), F_OK) == 0) {
    return Status::Error(datadir + " is already initialised (" + ConfPath(datadir) + " exists)");
  }
  if (mkdir((datadir + "/catalog").c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::FromErrno("cannot create " + datadir + "/catalog", errno);
  }
  if (mkdir((datadir + "/trace").c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::FromErrno("cannot create " + datadir + "/trace", errno);
  }
  std::ostringstream conf;
  conf << "# Warden initialization parameters: name = value. Lines starting with # are\n"
          "# comments. `wardend start -c name=value` overrides a line for one run.\n";
  for (int i = 0; i < kParamCount; ++i) {
    const ParamDef& d = GetParamDef(static_cast<ParamId>(i));
    conf << "\n# " << d.description << "\n#" << d.name << " = " << d.default_value << "\n";
  }
  {
    int fd = open(ConfPath(datadir).c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return Status::FromErrno("cannot create " + ConfPath(datadir), errno);
    std::string text = conf.str();
    bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = fsync(fd) == 0 && ok;  // blocking-ok: wardend init, no instance
    close(fd);
    if (!ok) return Status::Error("cannot write " + ConfPath(datadir));
  }
  UserCatalog users;
  Status s = users.AddUser("SYS", sys_password, /*sysdba=*/true);
  if (!s.ok()) return s;
  return users.Save(UsersPath(datadir));
}

Status PidFile::Acquire(const std::string& datadir, PidFile* out) {
  std::string path = PidPath(datadir);
  int fd = open(path.c_str(), O_RDWR | O_CREAT, 0600);
  if (fd < 0) return Status::FromErrno("cannot open " + path, errno);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    RunningInstance r;
    FindRunningInstance(datadir, &r);
    return Status::Error("an instance is already running on " + datadir + " (pid " +
                         std::to_string(r.pid) + ")");
  }
  out->path_ = path;
  out->fd_ = fd;
  return Status::OK();
}

Status PidFile::Write(int pid, int port) {
  std::string text = std::to_string(pid) + "\n" + std::to_string(port) + "\n";
  if (ftruncate(fd_, 0) != 0 ||
      // blocking-ok: a few bytes to a local file at start
      pwrite(fd_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    return Status::FromErrno("cannot write " + path_, errno);
  }
  return Status::OK();
}

void PidFile::Remove() {
  if (fd_ < 0) return;
  unlink(path_.c_str());
  close(fd_);
  fd_ = -1;
}

bool FindRunningInstance(const std::string& datadir, RunningInstance* out) {
  std::string path = PidPath(datadir);
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  char buf[64] = {0};
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);  // blocking-ok: CLI, small file
  if (n > 0) {
    std::istringstream in(std::string(buf, static_cast<size_t>(n)));
    in >> out->pid >> out->port;
  }
  // If we can take the lock, nobody holds it: the file is stale.
  bool running = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return running && out->pid > 0;
}

}  // namespace warden::proc
