// V$ACTIVE_SESSION_HISTORY over the ASH ring (sga/ash.h), newest sample first in ring order.
// SAMPLE_TIME is a DATE (Warden has no TIMESTAMP yet); TIME_WAITED is the time in the wait so
// far (Oracle fills it in the sample once the wait ends).
#include "sga/sga.h"
#include "sql/fixed_view_util.h"
#include "sql/sql_id.h"
#include "wait/event_catalog.h"

namespace warden::sql::fixed {
namespace {

std::vector<ColumnDef> AshColumns() {
  return {{"SAMPLE_ID", N},       {"SAMPLE_TIME", D},
          {"SESSION_ID", N},      {"SESSION_SERIAL#", N},
          {"SESSION_TYPE", V},    {"SESSION_STATE", V},
          {"EVENT", V},           {"EVENT_ID", N},
          {"EVENT#", N},          {"SEQ#", N},
          {"P1TEXT", V},          {"P1", N},
          {"P2TEXT", V},          {"P2", N},
          {"P3TEXT", V},          {"P3", N},
          {"WAIT_CLASS", V},      {"WAIT_CLASS_ID", N},
          {"WAIT_TIME", N},       {"TIME_WAITED", N},
          {"BLOCKING_SESSION", N}, {"SQL_ID", V}};
}

std::vector<Row> AshRows() {
  std::vector<Row> rows;
  const sga::AshRing& ring = sga::Sga::header()->ash;
  const uint64_t end = ring.next_slot.load(std::memory_order_acquire);
  const uint64_t count = std::min<uint64_t>(end, sga::kAshRingSize);
  for (uint64_t k = 1; k <= count; ++k) {
    const sga::AshSample& a = ring.samples[(end - k) % sga::kAshRingSize];
    const uint64_t id = a.sample_id.load(std::memory_order_acquire);
    if (id == 0) continue;
    sga::AshSample copy;  // fields only; sample_id checked again below
    copy.sample_time = a.sample_time;
    copy.sid = a.sid;
    copy.serial = a.serial;
    copy.background = a.background;
    copy.waiting = a.waiting;
    copy.event = a.event;
    copy.seq = a.seq;
    copy.p1 = a.p1;
    copy.p2 = a.p2;
    copy.p3 = a.p3;
    copy.time_waited_us = a.time_waited_us;
    copy.sql_id = a.sql_id;
    copy.blocking_session = a.blocking_session;
    std::atomic_thread_fence(std::memory_order_acquire);
    if (a.sample_id.load(std::memory_order_relaxed) != id) continue;  // overwritten meanwhile
    Row row = {Num(static_cast<int64_t>(id)),
               Date(copy.sample_time),
               Num(copy.sid),
               Num(copy.serial),
               Str(copy.background ? "BACKGROUND" : "FOREGROUND"),
               Str(copy.waiting ? "WAITING" : "ON CPU")};
    if (copy.waiting && copy.event >= 0 && copy.event < wait::kEventCount) {
      const auto ev = static_cast<wait::EventId>(copy.event);
      const wait::EventInfo& e = wait::GetEventInfo(ev);
      const wait::WaitClassInfo& c = wait::GetWaitClassInfo(e.wait_class);
      row.insert(row.end(),
                 {Str(e.name), Num(wait::EventIdHash(ev)), Num(copy.event), Num(copy.seq),
                  Str(e.p1), Num(static_cast<int64_t>(copy.p1)), Str(e.p2),
                  Num(static_cast<int64_t>(copy.p2)), Str(e.p3), Num(static_cast<int64_t>(copy.p3)),
                  Str(c.name), Num(c.oid), Num(0), Num(copy.time_waited_us)});
    } else {
      // ON CPU: no event; WAIT_TIME > 0 would be the last wait's length, unknown here.
      row.insert(row.end(), {Null(), Null(), Null(), Num(copy.seq), Null(), Null(), Null(), Null(),
                             Null(), Null(), Null(), Null(), Num(0), Num(0)});
    }
    row.push_back(copy.blocking_session > 0 ? Num(copy.blocking_session) : Null());
    row.push_back(copy.sql_id != 0 ? Str(SqlIdText(copy.sql_id)) : Null());
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

const ViewDef kActiveSessionHistoryView = {"V$ACTIVE_SESSION_HISTORY", AshColumns, AshRows};

}  // namespace warden::sql::fixed
