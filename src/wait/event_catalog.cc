// The event and wait-class tables built from the .def files.
#include "wait/event_catalog.h"

#include <cstring>

#include "sga/session_array.h"

namespace warden::wait {
namespace {

constexpr WaitClassInfo kClasses[] = {
#define WAIT_CLASS(id, name, num, oid) {name, num, oid},
#include "wait/wait_classes.def"
#undef WAIT_CLASS
};

constexpr EventInfo kEvents[] = {
#define WAIT_EVENT(id, name, cls, p1, p2, p3) {name, cls, p1, p2, p3},
#include "wait/events.def"
#undef WAIT_EVENT
};

static_assert(kEventCount <= sga::kMaxWaitEvents, "raise sga::kMaxWaitEvents");

}  // namespace

uint32_t EventIdHash(EventId id) {
  uint32_t h = 2166136261u;
  for (const char* p = kEvents[id].name; *p != '\0'; ++p) {
    h ^= static_cast<unsigned char>(*p);
    h *= 16777619u;
  }
  return h;
}

const EventInfo* FindEvent(const char* name, EventId* id) {
  for (int i = 0; i < kEventCount; ++i) {
    if (std::strcmp(kEvents[i].name, name) == 0) {
      *id = static_cast<EventId>(i);
      return &kEvents[i];
    }
  }
  return nullptr;
}

const EventInfo& GetEventInfo(EventId id) { return kEvents[id]; }
const WaitClassInfo& GetWaitClassInfo(WaitClassId id) { return kClasses[id]; }

}  // namespace warden::wait
