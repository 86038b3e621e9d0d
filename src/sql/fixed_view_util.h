// Building blocks shared by the fixed-view files: value shorthands, address formatting, and
// the declaration of every view's column list and row snapshot (fixed_views.cc registers them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/relation.h"

namespace warden::sql::fixed {

using Row = std::vector<Value>;

constexpr DataType N = DataType::kNumber;
constexpr DataType V = DataType::kVarchar2;
constexpr DataType D = DataType::kDate;

inline Value Num(int64_t v) { return Value::FromInt(v); }
inline Value Str(const std::string& s) { return Value::Varchar(s); }  // "" is NULL, as Oracle
inline Value Null() { return Value::Null(); }
// A wall-clock time (seconds since the epoch) as a DATE in the session's local time.
Value Date(int64_t wall_seconds);
// A NUMBER with `digits` decimal places (percentages, rates, seconds).
Value Decimal(double v, int digits);
// Oracle shows addresses and RAW(8) values as 16 hex digits.
std::string Addr(const void* p);
std::string Hex16(uint64_t v);
// The OS user the instance runs as (V$PROCESS.USERNAME, V$SESSION.OSUSER).
std::string OsUser();

struct ViewDef {
  const char* name;
  std::vector<ColumnDef> (*columns)();
  std::vector<Row> (*rows)();
};

// fixed_views_wait.cc: V$SESSION and the wait views.
extern const ViewDef kSessionView, kSessionWaitView, kSessionEventView, kSystemEventView,
    kSessionWaitHistoryView, kEventNameView, kSessTimeModelView, kSysTimeModelView;
// fixed_views_ash.cc
extern const ViewDef kActiveSessionHistoryView;
// fixed_views_txn.cc
extern const ViewDef kTransactionView, kLockView, kLockedObjectView, kEnqueueStatisticsView,
    kFastStartTransactionsView, kRollbackProgressView, kDeadCleanupView, kFastStartServersView, kLatchView,
    kLatchChildrenView;
// fixed_views_redo.cc
extern const ViewDef kLogView, kLogFileView, kDataFileView, kSysStatView;

}  // namespace warden::sql::fixed
