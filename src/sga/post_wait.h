// Post/wait between processes (DESIGN.md §4). Each process owns a post word in its process
// slot. Post = set the word, then send SIGUSR2 to the owner. Every process keeps SIGUSR2
// blocked except inside ppoll()/epoll_pwait(), which unblock it atomically, so a post that
// lands between "check the word" and "sleep" is never lost: the pending signal ends the
// sleep at once (EINTR).
// These are the raw primitives: callers go through the wait API (wait/wait.h), which records
// the wait event around them.
#pragma once

#include <poll.h>
#include <signal.h>

#include <cstdint>

namespace warden::sga {

// Every process: installs the no-op SIGUSR2 handler and blocks the signal outside waits.
// The supervisor calls it before forking, so children inherit both.
void PostWaitInitProcess();

// Wakes process slot `index` (a no-op if the slot is free).
void Post(int32_t index);

// Consumes a pending post of the calling process; true if there was one.
bool ConsumePost();

enum class WakeReason { kPosted, kReady, kTimeout, kSignal };
// Sleeps until posted, until one of `fds` is ready (if any), or until timeout_us passes
// (-1 = no timeout). Does not consume the post.
WakeReason SleepUntilPostedOrReady(struct pollfd* fds, nfds_t nfds, int64_t timeout_us);

// The signal mask to use inside ppoll/epoll_pwait: every signal open.
const sigset_t* WaitSigmask();

}  // namespace warden::sga
