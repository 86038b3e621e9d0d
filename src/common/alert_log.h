// The alert log, DATADIR/trace/alert.log: the instance's diary, as Oracle's alert_<SID>.log.
// Each entry is a timestamp line followed by its text lines. Any process may write: the file is
// opened O_APPEND and each entry goes out in one write(2), so entries from different processes
// never interleave. Also echoed to stderr of the supervisor when it runs in the foreground.
#pragma once

#include <string>

namespace warden {

class AlertLog {
 public:
  // Sets the file for this process and its future children; creates DATADIR/trace if needed.
  static void Open(const std::string& datadir, bool echo_to_stderr);
  // Appends one entry (text may hold several lines). Never fails loudly: logging must not
  // take a process down; a failed write is dropped.
  static void Write(const std::string& text);
  static const std::string& TraceDir();
  // A process's trace file, named as Oracle's: TraceDir()/<instance>_ora_<ospid>.trc.
  static std::string TraceFile(const std::string& instance, int ospid);
  // Appends text to a trace file (created 0600); dropped on failure, as Write.
  static void AppendTrace(const std::string& path, const std::string& text);
};

}  // namespace warden
