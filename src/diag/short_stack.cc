// Short stacks through a signal (see short_stack.h).
#include "diag/short_stack.h"

#include <cxxabi.h>
#include <execinfo.h>
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "common/clock.h"
#include "sga/process_array.h"
#include "sga/sga.h"
#include "wait/wait.h"

namespace warden::diag {
namespace {

int StackSignal() { return SIGRTMIN + 2; }

void OnStackSignal(int) {
  sga::ProcessSlot* me = sga::MyProcess();
  if (me == nullptr) return;
  const uint32_t want = me->stack_request.load(std::memory_order_acquire);
  if (want == me->stack_done.load(std::memory_order_relaxed)) return;
  void* frames[48];
  // backtrace() was called once at install time, so it does not load libgcc here.
  const int n = backtrace(frames, 48);
  for (int i = 0; i < n; ++i) me->stack_frames[i] = reinterpret_cast<uint64_t>(frames[i]);
  me->stack_depth = static_cast<uint32_t>(n);
  me->stack_done.store(want, std::memory_order_release);
}

// "wardend(_ZN6warden4proc8PmonMainEv+0x1c4) [0x55...]" -> "warden::proc::PmonMain()+0x1c4"
std::string FrameName(const char* symbol) {
  std::string s(symbol);
  const size_t open = s.find('(');
  const size_t plus = s.find('+', open);
  const size_t close = s.find(')', open);
  if (open == std::string::npos || close == std::string::npos) return s;
  std::string mangled = s.substr(open + 1, (plus < close ? plus : close) - open - 1);
  std::string offset = plus < close ? s.substr(plus, close - plus) : "";
  if (mangled.empty()) return s.substr(0, open) + offset;  // no symbol: module+offset
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status), std::free);
  return (status == 0 ? std::string(demangled.get()) : mangled + "()") + offset;
}

}  // namespace

void InstallShortStackHandler() {
  void* warm[2];
  backtrace(warm, 2);  // loads the unwinder now, not inside a signal handler
  struct sigaction sa = {};
  sa.sa_handler = OnStackSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // a system call the target is in goes on afterwards
  sigaction(StackSignal(), &sa, nullptr);
}

bool ShortStack(int32_t proc, std::string* out, int64_t timeout_us) {
  if (proc < 0 || proc >= sga::Sga::processes()) {
    *out = "no such process";
    return false;
  }
  sga::ProcessSlot* p = sga::Sga::process(proc);
  const pid_t spid = p->spid.load();
  if (p->state.load() != static_cast<uint32_t>(sga::ProcState::kActive) || spid <= 0) {
    *out = "process not active";
    return false;
  }
  const uint32_t request = p->stack_request.fetch_add(1, std::memory_order_acq_rel) + 1;
  if (kill(spid, StackSignal()) != 0) {
    *out = std::string("cannot signal the process: ") + std::strerror(errno);
    return false;
  }
  const int64_t start = MonotonicMicros();
  // Bounded by timeout_us; each pass waits at most 10 ms for the handler's answer.
  while (p->stack_done.load(std::memory_order_acquire) != request) {
    const int64_t waited = MonotonicMicros() - start;
    if (waited >= timeout_us) {
      *out = "no answer within " + std::to_string(timeout_us / 1000) + " ms";
      return false;
    }
    wait::WaitFor(wait::kOradebugRequestCompletion, static_cast<uint64_t>(proc + 1), 0, 0,
                  nullptr, 0, std::min<int64_t>(10'000, timeout_us - waited));
  }
  const uint32_t depth = std::min<uint32_t>(p->stack_depth, 48);
  void* frames[48];
  for (uint32_t i = 0; i < depth; ++i) frames[i] = reinterpret_cast<void*>(p->stack_frames[i]);
  std::unique_ptr<char*, void (*)(void*)> symbols(
      backtrace_symbols(frames, static_cast<int>(depth)), std::free);
  out->clear();
  // Frame 0 is the handler, 1 the signal trampoline: the process's own stack starts at 2.
  for (uint32_t i = 2; i < depth && symbols != nullptr; ++i) {
    if (!out->empty()) *out += "<-";
    *out += FrameName(symbols.get()[i]);
  }
  return true;
}

}  // namespace warden::diag
