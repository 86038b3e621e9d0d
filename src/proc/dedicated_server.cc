// The dedicated server process (see dedicated_server.h).
#include "proc/dedicated_server.h"

#include <unistd.h>

#include <cctype>

#include "common/alert_log.h"
#include "common/clock.h"
#include "net/backend_session.h"
#include "sga/sga.h"
#include "storage/user_directory.h"
#include "txn/deadlock.h"

namespace warden::proc {
namespace {

// The session that detected a deadlock writes the graph to its trace file, and the alert
// log points there, as Oracle's "ORA-00060: Deadlock detected. More info in file ...".
void ReportDeadlock(const std::string& graph) {
  const std::string trace = AlertLog::TraceFile(sga::Sga::param(kInstanceName)->text, getpid());
  AlertLog::AppendTrace(trace, "*** " + AlertTimestamp(WallMicros()) + "\n" + graph + "\n");
  AlertLog::Write("ORA-00060: Deadlock detected. More info in file " + trace + ".");
}

}  // namespace

int DedicatedServerMain(int client_fd, const std::string& peer, const UserCatalog& users) {
  txn::SetDeadlockReporter(&ReportDeadlock);
  net::BackendConfig config;
  config.peer = peer;
  config.mock_secret = users.mock_secret();
  config.max_message_size = static_cast<size_t>(sga::Sga::param(kMaxMessageSize)->num);
  // Users are read from the SGA directory at logon: CREATE USER, GRANT and ACCOUNT LOCK
  // done after this process was forked count.
  config.find_user = [](const std::string& name) -> std::optional<net::BackendConfig::UserInfo> {
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const storage::UserMeta* u = storage::FindUser(upper);
    if (u == nullptr) return std::nullopt;
    net::BackendConfig::UserInfo info;
    info.verifier = u->verifier;
    info.sysdba = u->sysdba != 0;
    info.locked = u->locked.load() != 0;
    info.create_session = u->sysdba != 0 ||
                          (u->sys_privs.load() & storage::kPrivCreateSession) != 0;
    return info;
  };
  // Frees the session on every way out; the process slot goes last (child before parent).
  net::RunBackendSession(client_fd, config);
  sga::ProcessSlotRelease();
  return 0;
}

}  // namespace warden::proc
