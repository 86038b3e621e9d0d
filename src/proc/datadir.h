// The data directory: its files, `wardend init`, and the pid/lock file that keeps two
// instances off one directory.
//   DATADIR/warden.conf      parameter file (name = value)
//   DATADIR/catalog/users    user catalog: "NAME PRIV SCRAM-verifier" lines, mode 0600
//   DATADIR/trace/           alert.log and trace files
//   DATADIR/wardend.pid      supervisor pid and port while an instance runs (flock'ed)
#pragma once

#include <string>

#include "common/status.h"

namespace warden::proc {

std::string ConfPath(const std::string& datadir);
std::string UsersPath(const std::string& datadir);
std::string PidPath(const std::string& datadir);

// Creates DATADIR (or uses it if it exists and is empty of Warden files), writes warden.conf
// with the defaults commented, and the catalog with user SYS and `sys_password`.
Status InitDataDir(const std::string& datadir, const std::string& sys_password);
// True if DATADIR holds an initialised database; else a clear message why not.
Status CheckDataDir(const std::string& datadir);

// A random password of `length` letters and digits (getrandom(2)).
std::string GeneratePassword(int length);

// The lock file. Acquire fails with "instance already running (pid N)" if another process
// holds it. The lock is an flock on an open file description, so it is released by the kernel
// when every process sharing it exits, even after kill -9, and forked children keep it held.
class PidFile {
 public:
  static Status Acquire(const std::string& datadir, PidFile* out);
  // Writes "pid\nport\n" into the held file.
  Status Write(int pid, int port);
  void Remove();
  int fd() const { return fd_; }

 private:
  std::string path_;
  int fd_ = -1;
};

struct RunningInstance {
  int pid = 0;
  int port = 0;
};
// Reads the pid file; running == true only if a live process holds its lock.
bool FindRunningInstance(const std::string& datadir, RunningInstance* out);

}  // namespace warden::proc
