// The V$ views over the SGA (see fixed_views.h). Each view is a column list and a function
// that snapshots its rows; a row per slot in use, built without latches (readers never block
// writers, exactly as Oracle's X$ tables).
#include "sql/fixed_views.h"

#include <pwd.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <functional>

#include "common/clock.h"
#include "sga/sga.h"
#include "sql/date_time.h"
#include "wait/event_catalog.h"

namespace warden::sql {
namespace {

using Row = std::vector<Value>;

Value Num(int64_t v) { return Value::FromInt(v); }
Value Str(const std::string& s) { return Value::Varchar(s); }  // "" is NULL, as in Oracle
Value Null() { return Value::Null(); }
Value Date(int64_t wall_seconds) { return Value::Date(LocalCivilSeconds(wall_seconds)); }

// Oracle shows addresses as 16 hex digits (RAW(8)).
std::string Addr(const void* p) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIXPTR, reinterpret_cast<uintptr_t>(p));
  return buf;
}

std::string Hex16(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIX64, v);
  return buf;
}

std::string OsUser() {
  passwd* pw = getpwuid(geteuid());
  return pw != nullptr ? pw->pw_name : std::to_string(geteuid());
}

class MaterializedRelation : public Relation {
 public:
  MaterializedRelation(std::vector<ColumnDef> cols, std::vector<Row> rows)
      : cols_(std::move(cols)), rows_(std::move(rows)) {}
  const std::vector<ColumnDef>& columns() const override { return cols_; }
  bool Next(std::vector<Value>* row) override {
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++]);
    return true;
  }

 private:
  std::vector<ColumnDef> cols_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

constexpr DataType N = DataType::kNumber;
constexpr DataType V = DataType::kVarchar2;
constexpr DataType D = DataType::kDate;

// ---- V$PROCESS ----
std::vector<ColumnDef> ProcessColumns() {
  return {{"ADDR", V},     {"PID", N},     {"SOSID", V},      {"SPID", V},
          {"PNAME", V},    {"USERNAME", V}, {"SERIAL#", N},   {"TERMINAL", V},
          {"PROGRAM", V},  {"BACKGROUND", V}};
}

std::vector<Row> ProcessRows() {
  std::vector<Row> rows;
  const std::string os_user = OsUser();
  // PID 1: Oracle's PSEUDO process, always present, never a real process.
  sga::ProcessSlot* pseudo = sga::Sga::process(0);
  rows.push_back({Str(Addr(pseudo)), Num(1), Null(), Null(), Null(), Null(), Num(0), Null(),
                  Str("PSEUDO"), Null()});
  for (int32_t i = 1; i < sga::Sga::processes(); ++i) {
    sga::ProcessSlot* p = sga::Sga::process(i);
    uint32_t st = p->state.load(std::memory_order_acquire);
    if (st != static_cast<uint32_t>(sga::ProcState::kActive)) continue;
    std::string spid = std::to_string(p->spid.load());
    rows.push_back({Str(Addr(p)), Num(i + 1), Str(spid), Str(spid), Str(p->pname), Str(os_user),
                    Num(p->serial.load()), Str("UNKNOWN"), Str(p->program),
                    p->background ? Str("1") : Null()});
  }
  return rows;
}

// ---- V$SESSION ----
std::vector<ColumnDef> SessionColumns() {
  return {{"SADDR", V},          {"SID", N},           {"SERIAL#", N},
          {"AUDSID", N},         {"PADDR", V},         {"USER#", N},
          {"USERNAME", V},       {"COMMAND", N},       {"STATUS", V},
          {"SERVER", V},         {"SCHEMANAME", V},    {"OSUSER", V},
          {"PROCESS", V},        {"MACHINE", V},       {"PROGRAM", V},
          {"TYPE", V},           {"LOGON_TIME", D},    {"LAST_CALL_ET", N},
          {"SEQ#", N},           {"EVENT#", N},        {"EVENT", V},
          {"P1TEXT", V},         {"P1", N},            {"P1RAW", V},
          {"P2TEXT", V},         {"P2", N},            {"P2RAW", V},
          {"P3TEXT", V},         {"P3", N},            {"P3RAW", V},
          {"WAIT_CLASS_ID", N},  {"WAIT_CLASS#", N},   {"WAIT_CLASS", V},
          {"WAIT_TIME", N},      {"SECONDS_IN_WAIT", N}, {"STATE", V},
          {"WAIT_TIME_MICRO", N}, {"TIME_REMAINING_MICRO", N},
          {"TIME_SINCE_LAST_WAIT_MICRO", N}};
}

const char* StatusName(uint8_t s) {
  switch (static_cast<sga::SessionStatus>(s)) {
    case sga::SessionStatus::kActive: return "ACTIVE";
    case sga::SessionStatus::kKilled: return "KILLED";
    case sga::SessionStatus::kInactive: break;
  }
  return "INACTIVE";
}

void AppendWaitColumns(const sga::SessionSlot* s, int64_t now_us, Row* row) {
  const int32_t ev = s->wait_event.load(std::memory_order_relaxed);
  const bool waiting = s->waiting.load(std::memory_order_acquire) != 0;
  const int64_t start = s->wait_start_us.load(std::memory_order_relaxed);
  row->push_back(Num(s->wait_seq.load(std::memory_order_relaxed)));
  if (ev < 0 || ev >= wait::kEventCount) {
    for (int i = 0; i < 18; ++i) row->push_back(Null());
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
  const int64_t in_wait = now_us - start;
  // WAIT_TIME: 0 while waiting; else the last wait in centiseconds, -1 if under 1/100 s.
  row->push_back(Num(waiting ? 0 : (last < 10000 ? -1 : last / 10000)));
  row->push_back(Num(in_wait / 1000000));  // SECONDS_IN_WAIT: since the (last) wait started
  row->push_back(Str(waiting ? "WAITING"
                             : (last < 10000 ? "WAITED SHORT TIME" : "WAITED KNOWN TIME")));
  row->push_back(Num(waiting ? in_wait : last));
  const int64_t timeout = s->wait_timeout_us.load(std::memory_order_relaxed);
  if (!waiting) {
    row->push_back(Null());
  } else if (timeout < 0) {
    row->push_back(Num(-1));
  } else {
    row->push_back(Num(std::max<int64_t>(0, timeout - in_wait)));
  }
  row->push_back(Num(waiting ? 0 : std::max<int64_t>(0, in_wait - last)));
}

std::vector<Row> SessionRows() {
  std::vector<Row> rows;
  const int64_t now_s = WallSeconds();
  const int64_t now_us = MonotonicMicros();
  const std::string os_user = OsUser();
  for (int32_t i = 0; i < sga::Sga::sessions(); ++i) {
    sga::SessionSlot* s = sga::Sga::session(i);
    if (s->in_use.load(std::memory_order_acquire) == 0) continue;
    const int32_t owner = s->owner_proc.load();
    if (owner < 0) continue;
    sga::ProcessSlot* p = sga::Sga::process(owner);
    const bool background = s->type == static_cast<uint8_t>(sga::SessionType::kBackground);
    Row row;
    row.push_back(Str(Addr(s)));
    row.push_back(Num(i + 1));
    row.push_back(Num(s->serial.load()));
    row.push_back(Num(background ? 0 : i + 1));
    row.push_back(Str(Addr(p)));
    row.push_back(Num(0));  // USER#: SYS is user 0; other users come with the SQL issue
    row.push_back(Str(s->username));
    row.push_back(Num(0));
    row.push_back(Str(StatusName(s->status.load())));
    row.push_back(Str("DEDICATED"));
    row.push_back(Str(background ? "SYS" : s->username));
    row.push_back(Str(os_user));
    row.push_back(Str(std::to_string(p->spid.load())));
    row.push_back(Str(background ? sga::Sga::header()->host_name : s->machine));
    row.push_back(Str(background ? p->program : s->program));
    row.push_back(Str(background ? "BACKGROUND" : "USER"));
    row.push_back(Date(s->logon_time));
    row.push_back(Num(now_s - s->last_call_change.load()));
    AppendWaitColumns(s, now_us, &row);
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- V$PARAMETER ----
std::vector<ColumnDef> ParameterColumns() {
  return {{"NUM", N},           {"NAME", V},          {"TYPE", N},
          {"VALUE", V},         {"DISPLAY_VALUE", V}, {"DEFAULT_VALUE", V},
          {"ISDEFAULT", V},     {"ISSES_MODIFIABLE", V}, {"ISSYS_MODIFIABLE", V},
          {"DESCRIPTION", V}};
}

// V$PARAMETER.TYPE as Oracle numbers it: 2 string, 3 integer, 6 big integer.
int ParamTypeNumber(ParamType t) {
  switch (t) {
    case ParamType::kString: return 2;
    case ParamType::kSize: return 6;
    case ParamType::kInt:
    case ParamType::kSeconds: return 3;
  }
  return 2;
}

std::string DisplaySize(int64_t bytes) {
  if (bytes % (1024LL * 1024 * 1024) == 0) return std::to_string(bytes >> 30) + "G";
  if (bytes % (1024 * 1024) == 0) return std::to_string(bytes >> 20) + "M";
  if (bytes % 1024 == 0) return std::to_string(bytes >> 10) + "K";
  return std::to_string(bytes);
}

std::vector<Row> ParameterRows() {
  std::vector<Row> rows;
  for (int i = 0; i < kParamCount; ++i) {
    const ParamDef& d = GetParamDef(static_cast<ParamId>(i));
    const sga::ParamSlot* p = sga::Sga::param(d.id);
    std::string value = p->text;
    std::string display = d.type == ParamType::kSize ? DisplaySize(p->num) : value;
    rows.push_back({Num(i + 1), Str(d.name), Num(ParamTypeNumber(d.type)), Str(value),
                    Str(display), Str(d.default_value), Str(p->is_default ? "TRUE" : "FALSE"),
                    Str("FALSE"),
                    Str(d.modifiable == ParamModifiable::kDynamic ? "IMMEDIATE" : "FALSE"),
                    Str(d.description)});
  }
  return rows;
}

// ---- V$INSTANCE ----
std::vector<ColumnDef> InstanceColumns() {
  return {{"INSTANCE_NUMBER", N}, {"INSTANCE_NAME", V},  {"HOST_NAME", V},
          {"VERSION", V},         {"VERSION_FULL", V},   {"STARTUP_TIME", D},
          {"STATUS", V},          {"PARALLEL", V},       {"THREAD#", N},
          {"LOGINS", V},          {"SHUTDOWN_PENDING", V}, {"DATABASE_STATUS", V},
          {"INSTANCE_ROLE", V},   {"ACTIVE_STATE", V},   {"BLOCKED", V}};
}

std::vector<Row> InstanceRows() {
  const sga::SgaHeader* h = sga::Sga::header();
  auto st = static_cast<sga::InstanceStatus>(h->instance_status.load());
  const bool shutting = st == sga::InstanceStatus::kShuttingDown;
  const char* status = st == sga::InstanceStatus::kStarted ? "STARTED" : "OPEN";
  return {{Num(1), Str(sga::Sga::param(kInstanceName)->text), Str(h->host_name),
           Str(sga::kWardenVersion), Str(sga::kWardenVersion), Date(h->startup_time),
           Str(status), Str("NO"), Num(1), Str(shutting ? "RESTRICTED" : "ALLOWED"),
           Str(shutting ? "YES" : "NO"), Str("ACTIVE"), Str("PRIMARY_INSTANCE"), Str("NORMAL"),
           Str("NO")}};
}

struct ViewDef {
  const char* name;
  std::vector<ColumnDef> (*columns)();
  std::vector<Row> (*rows)();
};

const ViewDef kViews[] = {
    {"V$PROCESS", ProcessColumns, ProcessRows},
    {"V$SESSION", SessionColumns, SessionRows},
    {"V$PARAMETER", ParameterColumns, ParameterRows},
    {"V$INSTANCE", InstanceColumns, InstanceRows},
};

}  // namespace

std::unique_ptr<Relation> FixedViewCatalog::Open(const std::string& schema,
                                                 const std::string& name) {
  if (!schema.empty() && schema != "SYS" && schema != "PUBLIC") return nullptr;
  for (const ViewDef& v : kViews) {
    if (name == v.name) return std::make_unique<MaterializedRelation>(v.columns(), v.rows());
  }
  return nullptr;
}

std::vector<std::string> FixedViewCatalog::ViewNames() {
  std::vector<std::string> out;
  for (const ViewDef& v : kViews) out.push_back(v.name);
  return out;
}

}  // namespace warden::sql
