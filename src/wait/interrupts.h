// Interrupts (DESIGN.md §4, STYLE.md "interrupts are flags, handled at safe points").
// Other processes set bits in the session's interrupt word (sga::InterruptBit) and post the
// owner; the owner acts on them at its next CheckInterrupts(): at every wait, between
// statements, and per row in every executor loop. The fast path is one relaxed load and a
// branch; the out-of-line handler acts in a fixed order (see ProcessInterrupts). The wait API
// checks through CheckInterruptsAtWait, which a build without instrumentation keeps.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "wait/instrumentation.h"

namespace warden::wait {

// Points the fast path at the calling process's session interrupt word (nullptr: none; the
// fast path then reads a word that is always zero, so it never tests the pointer).
void BindInterruptWord(std::atomic<uint32_t>* word);

// Hold-off: while > 0, CheckInterrupts does nothing (for the rare code that must finish,
// e.g. sending a complete protocol message). Use InterruptHoldoff.
extern thread_local int g_interrupt_holdoff;
extern std::atomic<uint32_t>* g_interrupt_word;  // never null (see BindInterruptWord)

// Acts on pending interrupts in a fixed order: shutdown (FATAL ORA-01089), kill (FATAL
// ORA-00028), disconnect (FATAL ORA-03113), then cancel (ORA-01013, only while a call is in
// progress; otherwise the request is dropped).
void ProcessInterrupts(uint32_t bits);

// Unit tests only: while set, ProcessInterrupts hands the bits to `handler` instead of acting
// on them, so a test that sets a bit counts the checks a loop makes or throws from the n-th;
// the fast path is untouched. An empty handler restores the normal action.
void SetInterruptHandlerForTests(std::function<void(uint32_t bits)> handler);

// sga::kActionableInterrupts (checked in interrupts.cc), spelled here so this header stays
// light: it is included on every hot path.
constexpr uint32_t kActionableInterruptBits = ~uint32_t{1u << 4};

// The check the wait API makes before and after every sleep: always compiled, so a kill or
// a cancel ends a waiting session in every build.
inline void CheckInterruptsAtWait() {
  uint32_t bits = g_interrupt_word->load(std::memory_order_relaxed) & kActionableInterruptBits;
  if (__builtin_expect(bits != 0, 0) && g_interrupt_holdoff == 0) ProcessInterrupts(bits);
}

// The per-row check of the executor loops. Compiled to nothing without instrumentation
// (kInstrumented false): a CPU-bound statement then sees an interrupt only at its next wait.
inline void CheckInterrupts() {
  if constexpr (kInstrumented) CheckInterruptsAtWait();
}

class InterruptHoldoff {
 public:
  InterruptHoldoff() { ++g_interrupt_holdoff; }
  ~InterruptHoldoff() { --g_interrupt_holdoff; }
  InterruptHoldoff(const InterruptHoldoff&) = delete;
  InterruptHoldoff& operator=(const InterruptHoldoff&) = delete;
};

}  // namespace warden::wait
