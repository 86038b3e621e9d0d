// Enqueue resource names and their wait events (see enqueue_id.h).
#include "txn/enqueue_id.h"

#include <cstdio>

namespace warden::txn {

bool EnqueueWaitEvent(const EnqueueId& id, wait::EventId* event) {
  struct TypeEvent {
    char type[2];
    wait::EventId event;
  };
  static constexpr TypeEvent kEvents[] = {
      {{'T', 'X'}, wait::kEnqTxRowLockContention},
      {{'T', 'M'}, wait::kEnqTmContention},
      {{'U', 'L'}, wait::kEnqUlContention},
  };
  for (const TypeEvent& te : kEvents) {
    if (te.type[0] == id.type[0] && te.type[1] == id.type[1]) {
      *event = te.event;
      return true;
    }
  }
  return false;
}

std::string EnqueueResourceName(const EnqueueId& id) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%c%c-%08llx-%08llx", id.type[0], id.type[1],
                static_cast<unsigned long long>(id.id1), static_cast<unsigned long long>(id.id2));
  return buf;
}

}  // namespace warden::txn
