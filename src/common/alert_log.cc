// Alert log writer (see alert_log.h).
#include "common/alert_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/clock.h"

namespace warden {
namespace {
int g_fd = -1;
bool g_echo = false;
std::string g_trace_dir;
}  // namespace

void AlertLog::Open(const std::string& datadir, bool echo_to_stderr) {
  g_trace_dir = datadir + "/trace";
  mkdir(g_trace_dir.c_str(), 0700);
  if (g_fd >= 0) close(g_fd);
  g_fd =
      open((g_trace_dir + "/alert.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  g_echo = echo_to_stderr;
}

void AlertLog::Write(const std::string& text) {
  std::string entry = AlertTimestamp(WallMicros()) + "\n" + text;
  if (entry.back() != '\n') entry.push_back('\n');
  if (g_fd >= 0) {
    ssize_t n = write(g_fd, entry.data(), entry.size());
    (void)n;
  }
  if (g_echo) {
    ssize_t n = write(STDERR_FILENO, entry.data(), entry.size());
    (void)n;
  }
}

const std::string& AlertLog::TraceDir() { return g_trace_dir; }

std::string AlertLog::TraceFile(const std::string& instance, int ospid) {
  return g_trace_dir + "/" + instance + "_ora_" + std::to_string(ospid) + ".trc";
}

void AlertLog::AppendTrace(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;
  ssize_t n = write(fd, text.data(), text.size());
  (void)n;
  close(fd);
}

}  // namespace warden
