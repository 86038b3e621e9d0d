// Process slot allocation and release (see process_array.h for the life cycle).
#include "sga/process_array.h"

#include <unistd.h>

#include <cstring>

#include "common/clock.h"
#include "common/fixed_string.h"
#include "sga/sga.h"

namespace warden::sga {
using detail::g_my_process_index;
int32_t detail::g_my_process_index = -1;

ProcessSlot* MyProcess() {
  return g_my_process_index < 0 ? nullptr : Sga::process(g_my_process_index);
}

int32_t ProcessSlotReserve(const char* pname, bool background) {
  LatchGuard guard(Sga::latch(kProcessArrayLatch));
  // Slot 0 is the PSEUDO process: never handed out.
  for (int32_t i = 1; i < Sga::processes(); ++i) {
    ProcessSlot* s = Sga::process(i);
    if (s->state.load() != static_cast<uint32_t>(ProcState::kFree)) continue;
    s->serial.fetch_add(1);
    s->spid.store(0);
    CopyToFixed(s->pname, sizeof s->pname, pname);
    CopyToFixed(s->program, sizeof s->program, "");
    s->background = background ? 1 : 0;
    s->start_time = WallSeconds();
    s->post_word.store(0);
    s->session.store(-1);
    s->death_cause.store(0);
    for (StateObject& so : s->state_objects) so.type.store(0);
    // Published last: the slot is consistent after every single store (latch recovery
    // kConsistent): a death before this line leaves the slot free.
    s->state.store(static_cast<uint32_t>(ProcState::kReserved), std::memory_order_release);
    return i;
  }
  return -1;
}

void ProcessSlotSetSpid(int32_t index, pid_t spid) {
  ProcessSlot* s = Sga::process(index);
  int32_t expected = 0;
  s->spid.compare_exchange_strong(expected, spid);
}

void ProcessSlotAttach(int32_t index) {
  ProcessSlot* s = Sga::process(index);
  g_my_process_index = index;
  s->spid.store(getpid());
  std::string program = std::string("wardend@") + Sga::header()->host_name;
  if (s->pname[0] != '\0') program += std::string(" (") + s->pname + ")";
  CopyToFixed(s->program, sizeof s->program, program);
  s->state.store(static_cast<uint32_t>(ProcState::kActive), std::memory_order_release);
}

void ProcessSlotRelease() {
  if (g_my_process_index < 0) return;
  ProcessSlot* s = Sga::process(g_my_process_index);
  {
    LatchGuard guard(Sga::latch(kProcessArrayLatch));
    s->spid.store(0);
    s->state.store(static_cast<uint32_t>(ProcState::kFree), std::memory_order_release);
  }
  g_my_process_index = -1;
}

bool ProcessSlotMarkDead(int32_t index, uint32_t serial) {
  LatchGuard guard(Sga::latch(kProcessArrayLatch));
  ProcessSlot* s = Sga::process(index);
  uint32_t st = s->state.load();
  if (s->serial.load() != serial || st == static_cast<uint32_t>(ProcState::kFree)) return false;
  s->state.store(static_cast<uint32_t>(ProcState::kDead), std::memory_order_release);
  return true;
}

void ProcessSlotFreeDead(int32_t index) {
  LatchGuard guard(Sga::latch(kProcessArrayLatch));
  ProcessSlot* s = Sga::process(index);
  for (StateObject& so : s->state_objects) so.type.store(0);
  s->spid.store(0);
  s->session.store(-1);
  s->state.store(static_cast<uint32_t>(ProcState::kFree), std::memory_order_release);
}

void ProcessSlotAbandon(int32_t index) {
  if (ProcessSlotMarkDead(index, Sga::process(index)->serial.load())) ProcessSlotFreeDead(index);
}

}  // namespace warden::sga
