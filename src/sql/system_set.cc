// ALTER SYSTEM SET (see system_set.h).
#include "sql/system_set.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/alert_log.h"
#include "common/ora_error.h"
#include "common/parameters.h"
#include "sga/sga.h"
#include "sql/privileges.h"
#include "wait/wait.h"

namespace warden::sql {
namespace {

std::string ReadWhole(int fd) {
  std::string text;
  char buf[4096];
  // Bounded by the file's size.
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) text.append(buf, size_t(n));  // blocking-ok: in the caller's wait
  return text;
}

// The parameter file with `name = value`: read, changed and replaced (a new file renamed over
// it) under an exclusive flock, so concurrent ALTER SYSTEM SETs do not lose each other's
// change. Waits on 'Disk file operations I/O'. ORA-27041 / ORA-27072 when the file cannot be
// read or written.
void WriteParameterFile(const std::string& name, const std::string& value) {
  const std::string path = sga::Sga::header()->param_file;
  struct Closer {
    int fd = -1;
    ~Closer() {
      if (fd >= 0) close(fd);  // also releases the flock
    }
  } closer;
  // The lock is on the file as opened: once held, it must still be the file at `path`. A
  // writer that opened it before another renamed a new one over it would otherwise lock,
  // read and rewrite the replaced file (losing that change), and share the ".new" file with
  // the next writer. Bounded: another writer holds the lock only while it rewrites the file.
  for (int i = 0;; ++i) {
    if (i == 1000) throw OraError::Make(27072, {path});
    if (closer.fd < 0) {
      closer.fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
      if (closer.fd < 0) throw OraError::Make(27041, {path});
    }
    if (flock(closer.fd, LOCK_EX | LOCK_NB) == 0) {
      struct stat held, now;
      if (fstat(closer.fd, &held) == 0 && stat(path.c_str(), &now) == 0 &&
          held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
        break;
      }
      close(closer.fd);  // replaced meanwhile: open the new one
      closer.fd = -1;
      continue;
    }
    wait::WaitFor(wait::kDiskFileOperationsIo, 0, 0, 0, nullptr, 0, 10000);
  }
  const int fd = closer.fd;
  wait::WaitScope io_wait(wait::kDiskFileOperationsIo, 2, 0, 0);
  const std::string text = ParameterFileWith(ReadWhole(fd), name, value);
  const std::string tmp = path + ".new";
  int out = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0) throw OraError::Make(27072, {tmp});
  bool ok = write(out, text.data(), text.size()) == ssize_t(text.size());
  ok = fsync(out) == 0 && ok;  // blocking-ok: inside the 'Disk file operations I/O' wait
  close(out);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) throw OraError::Make(27072, {path});
  // The rename itself survives a power failure only once the directory is synced.
  const int dir = open(path.substr(0, path.rfind('/') + 1).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ok = dir >= 0 && fsync(dir) == 0;  // blocking-ok: inside the 'Disk file operations I/O' wait
  if (dir >= 0) close(dir);
  if (!ok) throw OraError::Make(27072, {path});
}

}  // namespace

void ExecuteSystemSet(const SystemSetStatement& stmt, const SessionContext& session) {
  if (!HasSysPriv(session, storage::kPrivAlterSystem)) OraError::ThrowAt(1031, stmt.position);
  const ParamDef* d = FindParamDef(stmt.name);
  if (d == nullptr) OraError::ThrowAt(2065, stmt.position);
  // A static parameter changes only in the parameter file, for the next start (SCOPE=SPFILE).
  const bool in_memory = stmt.scope != "SPFILE";
  const bool in_file = stmt.scope != "MEMORY";
  if (in_memory && d->modifiable != ParamModifiable::kDynamic) OraError::ThrowAt(2095, stmt.position);
  // The value is checked by the same rules as at start (warden.conf, -c).
  ParameterSet check;
  if (!check.Set(d->name, stmt.value).ok()) {
    switch (d->type) {
      case ParamType::kBoolean:
        OraError::ThrowAt(96, stmt.value_position, {stmt.value, d->name, "TRUE, FALSE"});
      case ParamType::kInt:
      case ParamType::kSeconds:
      case ParamType::kSize: {
        int64_t n = 0;
        const bool negative = stmt.value.size() > 1 && stmt.value[0] == '-';
        if (ParseSize(negative ? stmt.value.substr(1) : stmt.value, &n)) {  // a number, out of range
          OraError::ThrowAt(68, stmt.value_position,
                            {stmt.value, d->name, std::to_string(d->min), std::to_string(d->max)});
        }
        OraError::ThrowAt(2017, stmt.value_position);
      }
      case ParamType::kString:
        OraError::ThrowAt(96, stmt.value_position, {stmt.value, d->name, "1 to 255 characters"});
      case ParamType::kChoice: {
        std::string list;
        for (const std::string& c : ParamChoices(d->id)) list += (list.empty() ? "" : ", ") + c;
        OraError::ThrowAt(96, stmt.value_position, {stmt.value, d->name, list});
      }
    }
  }
  if (in_file) WriteParameterFile(d->name, check.text(d->id));
  if (in_memory) sga::ParamStore(sga::Sga::param(d->id), check.text(d->id), check.num(d->id));
  AlertLog::Write("ALTER SYSTEM SET " + std::string(d->name) + "=" + check.text(d->id) +
                  " SCOPE=" + stmt.scope + ";");
}

}  // namespace warden::sql
