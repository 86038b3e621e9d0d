// `wardend stop` and `wardend status`: talk to a running instance through its pid file.
#pragma once

#include <string>

namespace warden::proc {

// Sends the shutdown signal for `mode` (normal | immediate | abort) and waits up to
// timeout_s for every instance process to exit. Returns the process exit status.
int RunStop(const std::string& datadir, const std::string& mode, int timeout_s);
// Prints whether an instance runs on datadir: exit 0 if it does, 3 if not (as pg_ctl).
int RunStatus(const std::string& datadir);

}  // namespace warden::proc
