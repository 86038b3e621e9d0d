// The out-of-line interrupt handler (see interrupts.h).
#include "wait/interrupts.h"

#include <utility>

#include "common/ora_error.h"
#include "sga/session_array.h"

namespace warden::wait {

namespace {
std::atomic<uint32_t> g_no_interrupts{0};  // what an unbound process reads: never set
std::function<void(uint32_t)> g_test_handler;
}  // namespace

thread_local int g_interrupt_holdoff = 0;
std::atomic<uint32_t>* g_interrupt_word = &g_no_interrupts;

void BindInterruptWord(std::atomic<uint32_t>* word) {
  g_interrupt_word = word != nullptr ? word : &g_no_interrupts;
}

void SetInterruptHandlerForTests(std::function<void(uint32_t bits)> handler) {
  g_test_handler = std::move(handler);
}

static_assert(kActionableInterruptBits == sga::kActionableInterrupts);

void ProcessInterrupts(uint32_t bits) {
  bits &= kActionableInterruptBits;
  if (g_test_handler) return g_test_handler(bits);
  if (bits & sga::kInterruptShutdown) {
    // FATAL: the session ends after the client has been told why.
    throw OraError::Make(1089, {}, Severity::kFatal);
  }
  if (bits & sga::kInterruptKill) {
    throw OraError::Make(28, {}, Severity::kFatal);
  }
  if (bits & sga::kInterruptDisconnect) {
    throw OraError::Make(3113, {}, Severity::kFatal);
  }
  if (bits & sga::kInterruptCancel) {
    g_interrupt_word->fetch_and(~static_cast<uint32_t>(sga::kInterruptCancel));
    // A cancel only ends a call in progress; one that arrives between calls is dropped, as
    // PostgreSQL's (the client's request raced with the end of its statement).
    sga::SessionSlot* s = sga::MySession();
    if (s != nullptr && s->status.load(std::memory_order_relaxed) ==
                            static_cast<uint8_t>(sga::SessionStatus::kActive)) {
      throw OraError::Make(1013);
    }
    return;
  }
  // Unknown bits are a programming error; clear nothing, report it.
  throw OraError::Make(600, {"unknown interrupt bits " + std::to_string(bits)});
}

}  // namespace warden::wait
