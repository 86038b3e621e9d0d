// A dedicated server: the process that serves one client connection, forked by the supervisor
// on accept (Oracle's dedicated server, PostgreSQL's backend).
#pragma once

#include <string>

#include "proc/user_catalog.h"

namespace warden::proc {

// Runs in the forked child: speaks the protocol on `client_fd` until the client leaves or
// the session ends, then releases its session and process slot. Returns the exit status.
int DedicatedServerMain(int client_fd, const std::string& peer, const UserCatalog& users);

}  // namespace warden::proc
