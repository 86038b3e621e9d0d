// The session array (V$SESSION): one slot per session. SID = slot index + 1. SERIAL# is the
// slot's incarnation, bumped on every claim, so 'sid,serial#' names one session forever.
//
// A slot is claimed and freed under kSessionArrayLatch by its owning process; everything else
// in it (status, wait state, interrupts) is written by the owner with plain atomic stores and
// read by anyone without a latch: V$ views are not read-consistent, as in Oracle.
// Claim protocol (state_object.h invariant 1): add the kSession state object, take the latch,
// pick a free slot, fill it, publish with in_use = 1, release the latch.
#pragma once

#include <atomic>
#include <cstdint>

namespace warden::sga {

enum class SessionStatus : uint8_t { kInactive = 0, kActive, kKilled };
enum class SessionType : uint8_t { kUser = 0, kBackground };

// Interrupt bits (SessionSlot::interrupts). Set by others, acted on by the owner at its
// next interrupt check (wait/interrupts.h).
enum InterruptBit : uint32_t {
  kInterruptShutdown = 1u << 0,    // instance shutdown immediate: end the session (ORA-01089)
  kInterruptCancel = 1u << 1,      // cancel the current call (ORA-01013); the session lives on
  kInterruptKill = 1u << 2,        // ALTER SYSTEM KILL SESSION: end the session (ORA-00028)
  kInterruptDisconnect = 1u << 3,  // ALTER SYSTEM DISCONNECT SESSION: end it (ORA-03113)
  // DISCONNECT SESSION ... POST_TRANSACTION: becomes kInterruptDisconnect when the session's
  // transaction ends (txn/transaction.cc); no interrupt check acts on it before that.
  kInterruptDisconnectAfterTransaction = 1u << 4,
};
// The bits an interrupt check acts on (the others are conditions waiting for an event).
constexpr uint32_t kActionableInterrupts = ~uint32_t{kInterruptDisconnectAfterTransaction};

// Capacity of the per-session and system wait statistics; the wait layer's event catalog
// must fit (static_assert in wait/event_catalog.cc).
constexpr int kMaxWaitEvents = 64;
// V$SESSION_WAIT_HISTORY keeps the last 10 waits, as Oracle.
constexpr int kWaitHistoryLength = 10;

// Totals for one event (V$SESSION_EVENT, V$SYSTEM_EVENT). Written only by the owning session
// (system totals: by any session, with atomic adds).
struct WaitEventStat {
  std::atomic<uint64_t> total_waits;
  std::atomic<uint64_t> total_timeouts;
  std::atomic<uint64_t> time_waited_us;
  std::atomic<uint64_t> max_wait_us;
};

// One cache line each, so writing an entry touches one line.
struct alignas(64) WaitHistoryEntry {
  std::atomic<int32_t> event;  // -1: empty
  uint64_t p1, p2, p3;
  int64_t wait_time_us;
  int64_t time_since_last_wait_us;  // on CPU between the previous wait and this one
};

struct SessionSlot {
  std::atomic<uint32_t> in_use;
  std::atomic<uint32_t> serial;
  std::atomic<int32_t> owner_proc;  // process slot index
  uint32_t owner_proc_serial;
  uint8_t type;  // SessionType
  char username[129];
  char program[49];
  char machine[65];                       // client address
  int64_t logon_time;                     // wall seconds
  std::atomic<uint32_t> interrupts;
  std::atomic<int32_t> cancel_key;   // BackendKeyData secret: a CancelRequest must present it
  std::atomic<int32_t> txn_index;    // V$SESSION.TADDR: transaction-table entry, -1 if none
  // V$SESSION.SQL_ID / PREV_SQL_ID as 64-bit hashes (sql/sql_id.h); 0 = none. The statement
  // running now (set while the call is active), and the one before.
  std::atomic<uint64_t> sql_id;
  std::atomic<uint64_t> prev_sql_id;
  // V$SESSION.ROW_WAIT_OBJ# / ROW_WAIT_ROW#: the table and row it waits to lock, -1 if none.
  std::atomic<int64_t> row_wait_obj;
  std::atomic<int64_t> row_wait_row;
  std::atomic<int32_t> killer_proc;  // process slot to post when this session is freed, -1
  // Monotonic time of the first KILL/DISCONNECT, 0 if none, -1 once PMON escalated it.
  std::atomic<int64_t> killed_at_us;
  std::atomic<uint64_t> cpu_at_logon_us;  // its process's CPU clock at logon ('DB CPU' base)

  // What every client round trip writes (the idle wait, the call's status and DB time), in
  // two cache lines of their own; with the event's totals and one history entry that is four
  // lines per round trip. Current or last wait: written by the owner (wait/wait.h).
  alignas(64) std::atomic<uint32_t> wait_seq;
  std::atomic<int32_t> wait_event;  // event#, -1 before the first wait
  std::atomic<uint64_t> wait_p1, wait_p2, wait_p3;
  std::atomic<int64_t> wait_start_us;         // monotonic
  std::atomic<int64_t> last_wait_elapsed_us;  // duration of the last finished wait
  std::atomic<int64_t> wait_timeout_us;       // requested timeout, -1 = none
  std::atomic<int64_t> last_wait_end_us;      // monotonic, when the last wait ended
  alignas(64) std::atomic<uint8_t> waiting;   // 1 while in the wait
  std::atomic<uint8_t> status;                // SessionStatus
  std::atomic<uint32_t> history_next;         // the next history entry to write
  // Wall seconds (coarse clock) of the last ACTIVE/INACTIVE change (LAST_CALL_ET).
  std::atomic<int64_t> last_call_change;
  // Time model (V$SESS_TIME_MODEL): microseconds spent in user calls ('DB time'), added at the
  // end of each call by the owner. ('DB CPU' is read from the process's CPU clock.)
  std::atomic<uint64_t> db_time_us;
  alignas(64) WaitEventStat event_stats[kMaxWaitEvents];  // two events per cache line
  WaitHistoryEntry history[kWaitHistoryLength];            // ring
};

// Claims a slot for the calling process. Returns the index, or -1 when all `sessions` are
// in use (ORA-00018).
int32_t SessionSlotClaim(SessionType type, const char* username, const char* program,
                         const char* machine);
// The owner frees its own session at a clean logoff.
void SessionSlotFree(int32_t index);
// PMON: frees `index` if it still belongs to process `proc` with `proc_serial`.
bool SessionSlotFreeForDead(int32_t index, int32_t proc, uint32_t proc_serial);

// The calling process's session (nullptr if none).
SessionSlot* MySession();
int32_t MySessionIndex();
void SetSessionStatus(SessionSlot* s, SessionStatus status);

}  // namespace warden::sga
