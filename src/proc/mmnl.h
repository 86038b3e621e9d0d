// MMNL, the manageability monitor light: once a second it samples every active session into
// the active session history ring (sga/ash.h), as Oracle's MMNL does. Between samples it waits
// on 'rdbms ipc message'.
#pragma once

namespace warden::proc {

// Takes one sample of every active session (exposed for tests).
void SampleActiveSessions();

// MMNL's main; runs in its own forked process until SIGTERM. Returns the exit status.
int MmnlMain();

}  // namespace warden::proc
