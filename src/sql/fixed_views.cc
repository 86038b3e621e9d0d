// The fixed-view registry and the instance-level views V$PROCESS, V$PARAMETER, V$INSTANCE
// (see fixed_views.h). Each view is a column list and a function that snapshots its rows,
// built without latches (readers never block writers, as Oracle's X$ tables).
#include "sql/fixed_views.h"

#include "sga/sga.h"
#include "sql/fixed_view_util.h"

namespace warden::sql {
namespace fixed {
namespace {

// A snapshot taken when the view is opened.
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

// ---- V$PROCESS ----
std::vector<ColumnDef> ProcessColumns() {
  return {{"ADDR", V},     {"PID", N},     {"SOSID", V},    {"SPID", V},    {"PNAME", V},
          {"USERNAME", V}, {"SERIAL#", N}, {"TERMINAL", V}, {"PROGRAM", V}, {"BACKGROUND", V}};
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

// ---- V$PARAMETER ----
std::vector<ColumnDef> ParameterColumns() {
  return {{"NUM", N},
          {"NAME", V},
          {"TYPE", N},
          {"VALUE", V},
          {"DISPLAY_VALUE", V},
          {"DEFAULT_VALUE", V},
          {"ISDEFAULT", V},
          {"ISSES_MODIFIABLE", V},
          {"ISSYS_MODIFIABLE", V},
          {"DESCRIPTION", V}};
}

// V$PARAMETER.TYPE as Oracle numbers it: 1 boolean, 2 string, 3 integer, 6 big integer.
int ParamTypeNumber(ParamType t) {
  switch (t) {
    case ParamType::kBoolean: return 1;
    case ParamType::kString:
    case ParamType::kChoice:
      return 2;
    case ParamType::kSize:
      return 6;
    case ParamType::kInt:
    case ParamType::kSeconds:
      return 3;
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
    std::string value = sga::ParamText(p);
    std::string display = d.type == ParamType::kSize ? DisplaySize(p->num.load()) : value;
    rows.push_back({Num(i + 1), Str(d.name), Num(ParamTypeNumber(d.type)), Str(value), Str(display),
                    Str(d.default_value), Str(p->is_default ? "TRUE" : "FALSE"), Str("FALSE"),
                    Str(d.modifiable == ParamModifiable::kDynamic ? "IMMEDIATE" : "FALSE"),
                    Str(d.description)});
  }
  return rows;
}

// ---- V$INSTANCE ----
std::vector<ColumnDef> InstanceColumns() {
  return {{"INSTANCE_NUMBER", N}, {"INSTANCE_NAME", V},    {"HOST_NAME", V},
          {"VERSION", V},         {"VERSION_FULL", V},     {"STARTUP_TIME", D},
          {"STATUS", V},          {"PARALLEL", V},         {"THREAD#", N},
          {"LOGINS", V},          {"SHUTDOWN_PENDING", V}, {"DATABASE_STATUS", V},
          {"INSTANCE_ROLE", V},   {"ACTIVE_STATE", V},     {"BLOCKED", V}};
}

std::vector<Row> InstanceRows() {
  const sga::SgaHeader* h = sga::Sga::header();
  auto st = static_cast<sga::InstanceStatus>(h->instance_status.load());
  const bool shutting = st == sga::InstanceStatus::kShuttingDown;
  const char* status = st == sga::InstanceStatus::kStarted ? "STARTED" : "OPEN";
  return {{Num(1), Str(sga::Sga::param(kInstanceName)->text), Str(h->host_name),
           Str(sga::kWardenVersion), Str(sga::kWardenVersion), Date(h->startup_time), Str(status),
           Str("NO"), Num(1), Str(shutting ? "RESTRICTED" : "ALLOWED"),
           Str(shutting ? "YES" : "NO"), Str("ACTIVE"), Str("PRIMARY_INSTANCE"), Str("NORMAL"),
           Str("NO")}};
}

const ViewDef kProcessView = {"V$PROCESS", ProcessColumns, ProcessRows};
const ViewDef kParameterView = {"V$PARAMETER", ParameterColumns, ParameterRows};
const ViewDef kInstanceView = {"V$INSTANCE", InstanceColumns, InstanceRows};

const ViewDef* const kViews[] = {&kProcessView,     &kSessionView,
                                 &kParameterView,   &kInstanceView,
                                 &kSessionWaitView, &kSessionEventView,
                                 &kSystemEventView, &kSessionWaitHistoryView,
                                 &kEventNameView,   &kActiveSessionHistoryView,
                                 &kSessTimeModelView, &kSysTimeModelView,
                                 &kTransactionView, &kLockView,
                                 &kLockedObjectView, &kEnqueueStatisticsView,
                                 &kFastStartTransactionsView, &kRollbackProgressView,
                                 &kDeadCleanupView, &kFastStartServersView,
                                 &kLatchView,       &kLatchChildrenView,
                                 &kLogView,         &kLogFileView,
                                 &kDataFileView,    &kSysStatView};

}  // namespace
}  // namespace fixed

using fixed::kViews;
using fixed::MaterializedRelation;
using fixed::ViewDef;

std::unique_ptr<Relation> FixedViewCatalog::Open(const std::string& schema,
                                                 const std::string& name) {
  if (!schema.empty() && schema != "SYS" && schema != "PUBLIC") return nullptr;
  for (const ViewDef* v : kViews) {
    if (name == v->name) return std::make_unique<MaterializedRelation>(v->columns(), v->rows());
  }
  return nullptr;
}

std::vector<std::string> FixedViewCatalog::ViewNames() {
  std::vector<std::string> out;
  for (const ViewDef* v : kViews) out.push_back(v->name);
  return out;
}

}  // namespace warden::sql
