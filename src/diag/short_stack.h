// Short stacks of other processes (ORADEBUG SHORT_STACK, escalation trace files): the target
// is asked with a signal, its handler records its own return addresses in its process slot,
// and the asker turns them into names. Works for a process spinning in a loop that never
// checks interrupts (the signal interrupts it for a few microseconds) and for one blocked in
// a system call. Every Warden process is forked from the one supervisor without exec, so
// the addresses mean the same in every process and the asker can name them.
#pragma once

#include <cstdint>
#include <string>

namespace warden::diag {

// Installs the handler (supervisor, once, before forking: children inherit it).
void InstallShortStackHandler();

// The stack of process slot `proc` as Oracle prints a short stack: "f()+0x1c<-g()+0x40<-..."
// innermost first. Waits at most timeout_us (on 'oradebug request completion'); false when
// the process did not answer (not running, or stopped) — *out then says why.
bool ShortStack(int32_t proc, std::string* out, int64_t timeout_us = 1'000'000);

}  // namespace warden::diag
