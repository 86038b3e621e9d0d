// Wait events and wait classes as data (events.def, wait_classes.def).
#pragma once

#include <cstdint>

namespace warden::wait {

enum WaitClassId : uint8_t {
#define WAIT_CLASS(id, name, num, oid) id,
#include "wait/wait_classes.def"
#undef WAIT_CLASS
  kWaitClassCount
};

enum EventId : int32_t {
#define WAIT_EVENT(id, name, cls, p1, p2, p3) id,
#include "wait/events.def"
#undef WAIT_EVENT
  kEventCount
};

struct WaitClassInfo {
  const char* name;
  int number;    // WAIT_CLASS#
  uint32_t oid;  // WAIT_CLASS_ID
};

struct EventInfo {
  const char* name;
  WaitClassId wait_class;
  const char* p1;
  const char* p2;
  const char* p3;
};

const EventInfo& GetEventInfo(EventId id);
// V$EVENT_NAME.EVENT_ID: a stable hash of the name (FNV-1a, 32 bits). Oracle's ids are its own
// hashes, which Warden cannot reproduce; scripts join on EVENT# or NAME anyway.
uint32_t EventIdHash(EventId id);
// nullptr if no event has that exact name.
const EventInfo* FindEvent(const char* name, EventId* id);
const WaitClassInfo& GetWaitClassInfo(WaitClassId id);

}  // namespace warden::wait
