// Names of enqueue resources: a two-letter type and two numbers, as Oracle's V$LOCK TYPE, ID1,
// ID2. TX (a transaction): id1 = usn << 16 | slot, id2 = sequence. TM (a table): id1 = object
// id, id2 = 0. UL (DBMS_LOCK user lock): id1 = lock id, id2 = 0.
#pragma once

#include <cstdint>
#include <string>

#include "txn/lock_mode.h"
#include "wait/event_catalog.h"

namespace warden::txn {

struct EnqueueId {
  char type[2];
  uint64_t id1;
  uint64_t id2;

  static EnqueueId Tx(uint32_t usn, uint32_t slot, uint64_t sqn) {
    return {{'T', 'X'}, uint64_t{usn} << 16 | (slot & 0xFFFF), sqn};
  }
  static EnqueueId Tm(uint64_t object_id) { return {{'T', 'M'}, object_id, 0}; }
  static EnqueueId Ul(uint64_t lock_id) { return {{'U', 'L'}, lock_id, 0}; }

  bool operator==(const EnqueueId& o) const {
    return type[0] == o.type[0] && type[1] == o.type[1] && id1 == o.id1 && id2 == o.id2;
  }
};

// The wait event a request for `id` waits on: 'enq: TX - row lock contention',
// 'enq: TM - contention', 'enq: UL - contention'. False for a type with no event (a caller's
// bug: every type Warden uses has its event in wait/events.def).
bool EnqueueWaitEvent(const EnqueueId& id, wait::EventId* event);

// P1 of an enqueue wait, 'name|mode': type[0] << 24 | type[1] << 16 | mode (0x54580006 for a
// TX request in mode 6). P2 = id1, P3 = id2.
inline uint64_t EnqueueNameMode(const EnqueueId& id, LockMode mode) {
  return uint64_t{static_cast<uint8_t>(id.type[0])} << 24 |
         uint64_t{static_cast<uint8_t>(id.type[1])} << 16 | static_cast<uint8_t>(mode);
}

// "TX-00060007-00000829", the resource name of Oracle's deadlock graphs.
std::string EnqueueResourceName(const EnqueueId& id);

}  // namespace warden::txn
