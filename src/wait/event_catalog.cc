// The event and wait-class tables built from the .def files.
#include "wait/event_catalog.h"

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

}  // namespace

const EventInfo& GetEventInfo(EventId id) { return kEvents[id]; }
const WaitClassInfo& GetWaitClassInfo(WaitClassId id) { return kClasses[id]; }

}  // namespace warden::wait
