// The SGA: one anonymous shared mapping created by the supervisor before it forks anything,
// so it sits at the same address in every Warden process and plain pointers into it work.
// Never reachable by another OS user (MAP_ANONYMOUS, inherited only through fork).
//
// Layout (each part has Size() folded into ComputeLayout and is initialised in Create,
// STYLE.md "every shared-memory subsystem has Size() and Init()"):
//   SgaHeader | ParamSlot[kParamCount] | ProcessSlot[processes] | SessionSlot[sessions] |
//   EnqueueArray (sga/enqueue_array.h) | data
// The data area (tables, undo, redo buffer) is what remains of sga_size; later issues use it.
// No std container with the default allocator lives here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "common/parameters.h"
#include "common/status.h"
#include "sga/ash.h"
#include "sga/dead_cleanup.h"
#include "sga/enqueue_array.h"
#include "sga/latch.h"
#include "sga/process_array.h"
#include "sga/session_array.h"

namespace warden::sga {

enum class InstanceStatus : uint32_t { kStarted = 0, kOpen, kShuttingDown };
enum class ShutdownMode : uint32_t { kNone = 0, kNormal, kTransactional, kImmediate, kAbort };

// A parameter's value in the SGA. `num` is read with one atomic load anywhere; `text` of a
// dynamic parameter changes under a sequence lock (odd `version` while it is written):
// read it with ParamText. Static parameters never change after start.
struct ParamSlot {
  char text[256];
  std::atomic<int64_t> num;
  std::atomic<uint8_t> is_default;
  std::atomic<uint32_t> version;
};

// A consistent copy of a parameter's text (retries while ALTER SYSTEM SET writes it).
std::string ParamText(const ParamSlot* p);
// ALTER SYSTEM SET ... SCOPE=MEMORY: publishes a new value (writers are serialised).
void ParamStore(ParamSlot* p, const std::string& text, int64_t num);

struct SgaHeader {
  uint64_t magic;
  uint64_t total_size;
  int32_t processes;
  int32_t sessions;
  uint64_t params_offset;
  uint64_t processes_offset;
  uint64_t sessions_offset;
  uint64_t enqueues_offset;
  uint64_t data_offset;
  int64_t startup_time;  // wall seconds
  std::atomic<uint32_t> instance_status;
  std::atomic<uint32_t> shutdown_mode;
  std::atomic<int32_t> pmon_proc;  // PMON's process slot, -1 until it runs
  std::atomic<int32_t> smon_proc;  // SMON's process slot, -1 until it runs
  std::atomic<int32_t> lgwr_proc;  // LGWR's process slot, -1 while it is not running
  std::atomic<int32_t> ckpt_proc;  // CKPT's process slot, -1 while it is not running
  char host_name[64];
  char param_file[512];  // DATADIR/warden.conf: ALTER SYSTEM SET ... SCOPE=SPFILE|BOTH writes it
  Latch latches[kLatchCount];
  // V$SYSTEM_EVENT of the sessions that have ended ([event][0] foreground (user) sessions,
  // [event][1] background), folded in under the session array latch as each one ends; the
  // view adds the live sessions' own totals (so a wait costs no shared-counter update).
  WaitEventStat system_event_stats[kMaxWaitEvents][2];
  AshRing ash;  // V$ACTIVE_SESSION_HISTORY
  DeadCleanupLog dead_cleanup;  // V$DEAD_CLEANUP (sga/dead_cleanup.h)
  // V$SYS_TIME_MODEL: DB time and DB CPU of the sessions that have logged off (folded in as
  // each ends; the view adds the live sessions' own, DB CPU read from their process).
  std::atomic<uint64_t> db_time_us;
  std::atomic<uint64_t> db_cpu_us;
};

struct SgaLayout {
  uint64_t params_offset, processes_offset, sessions_offset, enqueues_offset, data_offset,
      fixed_size;
};
SgaLayout ComputeLayout(int32_t processes, int32_t sessions);

// The mapping's address in this process (nullptr before Create and after Destroy). Only the
// accessors below read it: they are inline because every wait, interrupt check and session
// lookup goes through them (an out-of-line chain cost ~40 instructions a client round trip).
namespace detail {
extern uint8_t* g_sga_base;
template <typename T>
T* SgaAt(uint64_t offset) {
  return reinterpret_cast<T*>(g_sga_base + offset);
}
}  // namespace detail

class Sga {
 public:
  // Maps and initialises the SGA from the parameters. Fails with a clear message if sga_size
  // cannot hold the fixed arrays ("SGA too small") or the mapping fails.
  static Status Create(const ParameterSet& params);
  // Unmaps (supervisor at exit; tests).
  static void Destroy();
  static bool exists() { return detail::g_sga_base != nullptr; }

  static SgaHeader* header() { return reinterpret_cast<SgaHeader*>(detail::g_sga_base); }
  static ParamSlot* param(ParamId id) {
    return detail::SgaAt<ParamSlot>(header()->params_offset) + id;
  }
  static ProcessSlot* process(int32_t index) {
    return detail::SgaAt<ProcessSlot>(header()->processes_offset) + index;
  }
  static SessionSlot* session(int32_t index) {
    return detail::SgaAt<SessionSlot>(header()->sessions_offset) + index;
  }
  static int32_t processes() { return header()->processes; }
  static int32_t sessions() { return header()->sessions; }
  static EnqueueArray* enqueues() {
    return detail::SgaAt<EnqueueArray>(header()->enqueues_offset);
  }
  static Latch* latch(LatchId id) { return &header()->latches[id]; }
  // The data area after the fixed arrays: the storage layer's heap (storage/shm_heap.h).
  static uint8_t* data_area() { return detail::g_sga_base + header()->data_offset; }
  static uint64_t data_size() { return header()->total_size - header()->data_offset; }
};

// Version string shown in V$INSTANCE.VERSION and the banner.
constexpr const char* kWardenVersion = "19.0.0.0.0";

}  // namespace warden::sga
