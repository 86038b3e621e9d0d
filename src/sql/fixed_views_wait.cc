// V$SESSION and the wait-interface views: V$SESSION_WAIT, V$SESSION_EVENT, V$SYSTEM_EVENT,
// V$SESSION_WAIT_HISTORY, V$EVENT_NAME. Columns and semantics as Oracle's
// (shared/reference/oracle.md §3.1-§3.5). Times: *_MICRO in microseconds, TIME_WAITED,
// AVERAGE_WAIT, MAX_WAIT and WAIT_TIME in centiseconds.
#include <algorithm>

#include "common/clock.h"
#include "sga/sga.h"
#include "sql/fixed_view_util.h"
#include "sql/sql_id.h"
#include "storage/user_directory.h"
#include "txn/enqueue_views.h"
#include "txn/transaction.h"
#include "wait/event_catalog.h"
#include "wait/time_model.h"

namespace warden::sql::fixed {
namespace {

// ---- The wait columns shared by V$SESSION and V$SESSION_WAIT ----
std::vector<ColumnDef> WaitColumns() {
  return {{"SEQ#", N},
          {"EVENT#", N},
          {"EVENT", V},
          {"P1TEXT", V},
          {"P1", N},
          {"P1RAW", V},
          {"P2TEXT", V},
          {"P2", N},
          {"P2RAW", V},
          {"P3TEXT", V},
          {"P3", N},
          {"P3RAW", V},
          {"WAIT_CLASS_ID", N},
          {"WAIT_CLASS#", N},
          {"WAIT_CLASS", V},
          {"WAIT_TIME", N},
          {"SECONDS_IN_WAIT", N},
          {"STATE", V},
          {"WAIT_TIME_MICRO", N},
          {"TIME_REMAINING_MICRO", N},
          {"TIME_SINCE_LAST_WAIT_MICRO", N}};
}

std::vector<ColumnDef> Concat(std::vector<ColumnDef> a, const std::vector<ColumnDef>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void AppendWaitColumns(const sga::SessionSlot* s, int64_t now_us, Row* row) {
  const size_t first = row->size();
  const int32_t ev = s->wait_event.load(std::memory_order_relaxed);
  const bool waiting = s->waiting.load(std::memory_order_acquire) != 0;
  const int64_t start = s->wait_start_us.load(std::memory_order_relaxed);
  row->push_back(Num(s->wait_seq.load(std::memory_order_relaxed)));
  if (ev < 0 || ev >= wait::kEventCount) {
    // Not waited yet: only SEQ# (0) is known.
    row->resize(first + WaitColumns().size(), Null());
    return;
  }
  const wait::EventInfo& e = wait::GetEventInfo(static_cast<wait::EventId>(ev));
  const wait::WaitClassInfo& c = wait::GetWaitClassInfo(e.wait_class);
  const uint64_t p[3] = {s->wait_p1.load(), s->wait_p2.load(), s->wait_p3.load()};
  const char* ptext[3] = {e.p1, e.p2, e.p3};
  row->push_back(Num(ev));
  row->push_back(Str(e.name));
  for (int i = 0; i < 3; ++i) {
    row->push_back(Str(ptext[i]));
    row->push_back(Num(static_cast<int64_t>(p[i])));
    row->push_back(Str(Hex16(p[i])));
  }
  row->push_back(Num(c.oid));
  row->push_back(Num(c.number));
  row->push_back(Str(c.name));
  const int64_t last = s->last_wait_elapsed_us.load(std::memory_order_relaxed);
  const int64_t since_start = now_us - start;
  // WAIT_TIME: 0 while waiting; else the last wait in centiseconds, -1 if under 1/100 s.
  row->push_back(Num(waiting ? 0 : (last < 10000 ? -1 : last / 10000)));
  // SECONDS_IN_WAIT: while waiting, the time in this wait; else since the last wait started.
  row->push_back(Num(since_start / 1000000));
  row->push_back(
      Str(waiting ? "WAITING" : (last < 10000 ? "WAITED SHORT TIME" : "WAITED KNOWN TIME")));
  row->push_back(Num(waiting ? since_start : last));
  const int64_t timeout = s->wait_timeout_us.load(std::memory_order_relaxed);
  if (!waiting) {
    row->push_back(Null());
  } else if (timeout < 0) {
    row->push_back(Num(-1));
  } else {
    row->push_back(Num(std::max<int64_t>(0, timeout - since_start)));
  }
  row->push_back(Num(waiting ? 0 : std::max<int64_t>(0, since_start - last)));
}

bool IsBackground(const sga::SessionSlot* s) {
  return s->type == static_cast<uint8_t>(sga::SessionType::kBackground);
}

// Calls fn(sid, slot) for every session in use.
template <typename Fn>
void ForEachSession(Fn fn) {
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) == 0 || s->owner_proc.load() < 0) continue;
    fn(i + 1, s);
  }
}

const char* StatusName(uint8_t s) {
  switch (static_cast<sga::SessionStatus>(s)) {
    case sga::SessionStatus::kActive:
      return "ACTIVE";
    case sga::SessionStatus::kKilled:
      return "KILLED";
    case sga::SessionStatus::kInactive:
      break;
  }
  return "INACTIVE";
}

// ---- V$SESSION ----
std::vector<ColumnDef> SessionColumns() {
  return Concat({{"SADDR", V},
                 {"SID", N},
                 {"SERIAL#", N},
                 {"AUDSID", N},
                 {"PADDR", V},
                 {"USER#", N},
                 {"USERNAME", V},
                 {"COMMAND", N},
                 {"STATUS", V},
                 {"SERVER", V},
                 {"SCHEMANAME", V},
                 {"OSUSER", V},
                 {"PROCESS", V},
                 {"MACHINE", V},
                 {"PROGRAM", V},
                 {"TYPE", V},
                 {"LOGON_TIME", D},
                 {"LAST_CALL_ET", N},
                 {"TADDR", V},
                 {"SQL_ID", V},
                 {"PREV_SQL_ID", V},
                 {"ROW_WAIT_OBJ#", N},
                 {"ROW_WAIT_ROW#", N},
                 {"BLOCKING_SESSION_STATUS", V},
                 {"BLOCKING_SESSION", N},
                 {"FINAL_BLOCKING_SESSION_STATUS", V},
                 {"FINAL_BLOCKING_SESSION", N}},
                WaitColumns());
}

// BLOCKING_SESSION_STATUS as Oracle's: VALID with a known holder, NO HOLDER for a wait
// nobody holds up (an idle session's too), NOT IN WAIT on CPU.
const char* BlockerStatus(const sga::SessionSlot* s, int32_t blocker) {
  if (!s->waiting.load(std::memory_order_acquire)) return "NOT IN WAIT";
  return blocker >= 0 ? "VALID" : "NO HOLDER";
}

// USER#: the user's id in the user directory (SYS is 0), 0 for background sessions.
int64_t UserNumber(const char* name) {
  const storage::UserMeta* u = name[0] != '\0' ? storage::FindUser(name) : nullptr;
  return u == nullptr ? 0 : u->user_id;
}

Value SqlIdValue(uint64_t hash) { return hash == 0 ? Null() : Str(SqlIdText(hash)); }

std::vector<Row> SessionRows() {
  std::vector<Row> rows;
  const int64_t now_s = WallSeconds();
  const int64_t now_us = MonotonicMicros();
  const std::string os_user = OsUser();
  const std::vector<txn::EnqueueBlockers> blockers = txn::EnqueueAllBlockers();
  ForEachSession([&](int64_t sid, sga::SessionSlot* s) {
    sga::ProcessSlot* p = sga::Sga::process(s->owner_proc.load());
    const bool bg = IsBackground(s);
    const auto slot = static_cast<size_t>(sid - 1);
    const int32_t blocking = slot < blockers.size() ? blockers[slot].blocking : -1;
    const int32_t final_blocking = slot < blockers.size() ? blockers[slot].final_blocking : -1;
    const int32_t txn_index = s->txn_index.load(std::memory_order_acquire);
    Row row = {Str(Addr(s)),
               Num(sid),
               Num(s->serial.load()),
               Num(bg ? 0 : sid),
               Str(Addr(p)),
               Num(UserNumber(s->username)),
               Str(s->username),
               Num(0),
               Str(StatusName(s->status.load())),
               Str("DEDICATED"),
               Str(bg ? "SYS" : s->username),
               Str(os_user),
               Str(std::to_string(p->spid.load())),
               Str(bg ? sga::Sga::header()->host_name : s->machine),
               Str(bg ? p->program : s->program),
               Str(bg ? "BACKGROUND" : "USER"),
               Date(s->logon_time),
               Num(now_s - s->last_call_change.load()),
               txn_index >= 0 ? Str(Addr(txn::TxnAt(static_cast<uint32_t>(txn_index)))) : Null(),
               SqlIdValue(s->sql_id.load(std::memory_order_relaxed)),
               SqlIdValue(s->prev_sql_id.load(std::memory_order_relaxed)),
               Num(s->row_wait_obj.load(std::memory_order_relaxed)),
               Num(s->row_wait_row.load(std::memory_order_relaxed)),
               Str(BlockerStatus(s, blocking)),
               blocking >= 0 ? Num(blocking + 1) : Null(),
               Str(BlockerStatus(s, final_blocking)),
               final_blocking >= 0 ? Num(final_blocking + 1) : Null()};
    AppendWaitColumns(s, now_us, &row);
    rows.push_back(std::move(row));
  });
  return rows;
}

// ---- V$SESSION_WAIT ----
std::vector<ColumnDef> SessionWaitColumns() { return Concat({{"SID", N}}, WaitColumns()); }

std::vector<Row> SessionWaitRows() {
  std::vector<Row> rows;
  const int64_t now_us = MonotonicMicros();
  ForEachSession([&](int64_t sid, sga::SessionSlot* s) {
    Row row = {Num(sid)};
    AppendWaitColumns(s, now_us, &row);
    rows.push_back(std::move(row));
  });
  return rows;
}

// ---- V$SESSION_EVENT and V$SYSTEM_EVENT ----
struct Totals {
  uint64_t waits = 0, timeouts = 0, time_us = 0, max_us = 0;
  void Add(const sga::WaitEventStat& st) {
    waits += st.total_waits.load(std::memory_order_relaxed);
    timeouts += st.total_timeouts.load(std::memory_order_relaxed);
    time_us += st.time_waited_us.load(std::memory_order_relaxed);
    max_us = std::max<uint64_t>(max_us, st.max_wait_us.load(std::memory_order_relaxed));
  }
};

int64_t Centis(uint64_t us) { return static_cast<int64_t>(us / 10000); }
// AVERAGE_WAIT in centiseconds, as a two-decimal NUMBER.
Value AverageCentis(const Totals& t) {
  if (t.waits == 0) return Num(0);
  // time_us / 10000 / waits, exact, rounded to 2 places.
  return Value::Num(Number::Divide(Number::FromInt64(static_cast<int64_t>(t.time_us)),
                                   Number::FromInt64(static_cast<int64_t>(t.waits) * 10000))
                        .Round(2));
}

void AppendEventIdentity(wait::EventId ev, Row* row) {
  const wait::EventInfo& e = wait::GetEventInfo(ev);
  const wait::WaitClassInfo& c = wait::GetWaitClassInfo(e.wait_class);
  row->push_back(Num(wait::EventIdHash(ev)));
  row->push_back(Num(c.oid));
  row->push_back(Num(c.number));
  row->push_back(Str(c.name));
}

std::vector<ColumnDef> SessionEventColumns() {
  return {{"SID", N},         {"EVENT", V},         {"TOTAL_WAITS", N}, {"TOTAL_TIMEOUTS", N},
          {"TIME_WAITED", N}, {"AVERAGE_WAIT", N},  {"MAX_WAIT", N},    {"TIME_WAITED_MICRO", N},
          {"EVENT_ID", N},    {"WAIT_CLASS_ID", N}, {"WAIT_CLASS#", N}, {"WAIT_CLASS", V}};
}

std::vector<Row> SessionEventRows() {
  std::vector<Row> rows;
  ForEachSession([&](int64_t sid, sga::SessionSlot* s) {
    for (int ev = 0; ev < wait::kEventCount; ++ev) {
      Totals t;
      t.Add(s->event_stats[ev]);
      if (t.waits == 0) continue;  // as Oracle: only events the session has waited for
      Row row = {Num(sid),
                 Str(wait::GetEventInfo(static_cast<wait::EventId>(ev)).name),
                 Num(static_cast<int64_t>(t.waits)),
                 Num(static_cast<int64_t>(t.timeouts)),
                 Num(Centis(t.time_us)),
                 AverageCentis(t),
                 Num(Centis(t.max_us)),
                 Num(static_cast<int64_t>(t.time_us))};
      AppendEventIdentity(static_cast<wait::EventId>(ev), &row);
      rows.push_back(std::move(row));
    }
  });
  return rows;
}

std::vector<ColumnDef> SystemEventColumns() {
  return {{"EVENT", V},           {"TOTAL_WAITS", N},          {"TOTAL_TIMEOUTS", N},
          {"TIME_WAITED", N},     {"AVERAGE_WAIT", N},         {"TIME_WAITED_MICRO", N},
          {"TOTAL_WAITS_FG", N},  {"TOTAL_TIMEOUTS_FG", N},    {"TIME_WAITED_FG", N},
          {"AVERAGE_WAIT_FG", N}, {"TIME_WAITED_MICRO_FG", N}, {"EVENT_ID", N},
          {"WAIT_CLASS_ID", N},   {"WAIT_CLASS#", N},          {"WAIT_CLASS", V}};
}

std::vector<Row> SystemEventRows() {
  // Ended sessions' totals plus the live sessions' own, under the session array latch (a
  // session's totals move into the first while it holds it: each is counted once).
  std::vector<Totals> fg(wait::kEventCount), all(wait::kEventCount);
  {
    sga::LatchGuard latch(sga::Sga::latch(sga::kSessionArrayLatch));
    for (int ev = 0; ev < wait::kEventCount; ++ev) {
      const auto& pair = sga::Sga::header()->system_event_stats[ev];
      fg[ev].Add(pair[0]);
      all[ev].Add(pair[0]);
      all[ev].Add(pair[1]);
    }
    for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
      const sga::SessionSlot* s = sga::Sga::session(i);
      if (s->in_use.load(std::memory_order_acquire) == 0) continue;
      const bool background = s->type == static_cast<uint8_t>(sga::SessionType::kBackground);
      for (int ev = 0; ev < wait::kEventCount; ++ev) {
        if (s->event_stats[ev].total_waits.load(std::memory_order_relaxed) == 0) continue;
        all[ev].Add(s->event_stats[ev]);
        if (!background) fg[ev].Add(s->event_stats[ev]);
      }
    }
  }
  std::vector<Row> rows;
  for (int ev = 0; ev < wait::kEventCount; ++ev) {
    if (all[ev].waits == 0) continue;
    Row row = {Str(wait::GetEventInfo(static_cast<wait::EventId>(ev)).name),
               Num(static_cast<int64_t>(all[ev].waits)),
               Num(static_cast<int64_t>(all[ev].timeouts)),
               Num(Centis(all[ev].time_us)),
               AverageCentis(all[ev]),
               Num(static_cast<int64_t>(all[ev].time_us)),
               Num(static_cast<int64_t>(fg[ev].waits)),
               Num(static_cast<int64_t>(fg[ev].timeouts)),
               Num(Centis(fg[ev].time_us)),
               AverageCentis(fg[ev]),
               Num(static_cast<int64_t>(fg[ev].time_us))};
    AppendEventIdentity(static_cast<wait::EventId>(ev), &row);
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- V$SESSION_WAIT_HISTORY: SEQ# is the position, 1 = most recent ----
std::vector<ColumnDef> HistoryColumns() {
  return {{"SID", N},
          {"SEQ#", N},
          {"EVENT#", N},
          {"EVENT", V},
          {"P1TEXT", V},
          {"P1", N},
          {"P2TEXT", V},
          {"P2", N},
          {"P3TEXT", V},
          {"P3", N},
          {"WAIT_TIME", N},
          {"WAIT_TIME_MICRO", N},
          {"TIME_SINCE_LAST_WAIT_MICRO", N}};
}

std::vector<Row> HistoryRows() {
  std::vector<Row> rows;
  ForEachSession([&](int64_t sid, sga::SessionSlot* s) {
    const uint32_t next = s->history_next.load(std::memory_order_acquire);
    for (int k = 1; k <= sga::kWaitHistoryLength && static_cast<uint32_t>(k) <= next; ++k) {
      const sga::WaitHistoryEntry& h = s->history[(next - k) % sga::kWaitHistoryLength];
      const int32_t ev = h.event.load(std::memory_order_acquire);
      if (ev < 0 || ev >= wait::kEventCount) continue;
      const wait::EventInfo& e = wait::GetEventInfo(static_cast<wait::EventId>(ev));
      rows.push_back({Num(sid), Num(k), Num(ev), Str(e.name), Str(e.p1),
                      Num(static_cast<int64_t>(h.p1)), Str(e.p2), Num(static_cast<int64_t>(h.p2)),
                      Str(e.p3), Num(static_cast<int64_t>(h.p3)), Num(Centis(h.wait_time_us)),
                      Num(h.wait_time_us), Num(h.time_since_last_wait_us)});
    }
  });
  return rows;
}

// ---- V$EVENT_NAME ----
std::vector<ColumnDef> EventNameColumns() {
  return {{"EVENT#", N},        {"EVENT_ID", N},    {"NAME", V},
          {"PARAMETER1", V},    {"PARAMETER2", V},  {"PARAMETER3", V},
          {"WAIT_CLASS_ID", N}, {"WAIT_CLASS#", N}, {"WAIT_CLASS", V}};
}

std::vector<Row> EventNameRows() {
  std::vector<Row> rows;
  for (int ev = 0; ev < wait::kEventCount; ++ev) {
    const wait::EventInfo& e = wait::GetEventInfo(static_cast<wait::EventId>(ev));
    const wait::WaitClassInfo& c = wait::GetWaitClassInfo(e.wait_class);
    rows.push_back({Num(ev), Num(wait::EventIdHash(static_cast<wait::EventId>(ev))), Str(e.name),
                    Str(e.p1), Str(e.p2), Str(e.p3), Num(c.oid), Num(c.number), Str(c.name)});
  }
  return rows;
}

// ---- V$SESS_TIME_MODEL and V$SYS_TIME_MODEL (microseconds, as Oracle's) ----
// STAT_IDs: the values Oracle reports for these two statistics in AWR scripts seen in the
// wild (not confirmed from Oracle's documentation here); scripts usually select by STAT_NAME.
constexpr int64_t kDbTimeStatId = 3649082374;
constexpr int64_t kDbCpuStatId = 2748282437;

std::vector<ColumnDef> SessTimeModelColumns() {
  return {{"SID", N}, {"STAT_ID", N}, {"STAT_NAME", V}, {"VALUE", N}};
}

std::vector<Row> SessTimeModelRows() {
  std::vector<Row> rows;
  ForEachSession([&](int64_t sid, sga::SessionSlot* s) {
    rows.push_back({Num(sid), Num(kDbTimeStatId), Str("DB time"),
                    Num(static_cast<int64_t>(s->db_time_us.load()))});
    rows.push_back({Num(sid), Num(kDbCpuStatId), Str("DB CPU"),
                    Num(static_cast<int64_t>(wait::SessionDbCpuMicros(s)))});
  });
  return rows;
}

std::vector<ColumnDef> SysTimeModelColumns() {
  return {{"STAT_ID", N}, {"STAT_NAME", V}, {"VALUE", N}};
}

std::vector<Row> SysTimeModelRows() {
  return {{Num(kDbTimeStatId), Str("DB time"), Num(static_cast<int64_t>(wait::SystemDbTimeMicros()))},
          {Num(kDbCpuStatId), Str("DB CPU"), Num(static_cast<int64_t>(wait::SystemDbCpuMicros()))}};
}

}  // namespace

const ViewDef kSessTimeModelView = {"V$SESS_TIME_MODEL", SessTimeModelColumns,
                                    SessTimeModelRows};
const ViewDef kSysTimeModelView = {"V$SYS_TIME_MODEL", SysTimeModelColumns, SysTimeModelRows};
const ViewDef kSessionView = {"V$SESSION", SessionColumns, SessionRows};
const ViewDef kSessionWaitView = {"V$SESSION_WAIT", SessionWaitColumns, SessionWaitRows};
const ViewDef kSessionEventView = {"V$SESSION_EVENT", SessionEventColumns, SessionEventRows};
const ViewDef kSystemEventView = {"V$SYSTEM_EVENT", SystemEventColumns, SystemEventRows};
const ViewDef kSessionWaitHistoryView = {"V$SESSION_WAIT_HISTORY", HistoryColumns, HistoryRows};
const ViewDef kEventNameView = {"V$EVENT_NAME", EventNameColumns, EventNameRows};

}  // namespace warden::sql::fixed
