// The supervisor: `wardend start`. It parses the parameters, takes the data directory's lock,
// creates the SGA, forks PMON and MMNL, and listens: each accepted connection gets a forked
// dedicated server. It reaps its children and carries out shutdowns (DESIGN.md §2):
//   SIGTERM  normal     no new connections; wait for every user session to log off
//   SIGINT   immediate  end every user session (ORA-01089 at its next interrupt check)
//   SIGQUIT  abort      kill every process at once; nothing is cleaned up
// If PMON dies the instance cannot clean up after anyone: the supervisor terminates the
// instance (Oracle's behaviour, ORA-00472).
#pragma once

#include <string>
#include <vector>

namespace warden::proc {

struct StartOptions {
  std::string datadir;
  std::vector<std::string> overrides;  // "name=value" from -c
  bool daemon = false;
};

// `wardend start`. Returns the process exit status.
int RunStart(const StartOptions& options);

}  // namespace warden::proc
