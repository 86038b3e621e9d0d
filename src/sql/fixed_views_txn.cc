// The transaction and lock views: V$TRANSACTION (the transaction table), V$LOCK (the enqueue
// array), V$LOCKED_OBJECT (TM locks with their transaction), V$ENQUEUE_STATISTICS (requests
// and waits per enqueue type). Snapshots taken when the view is opened, as the others.
#include <algorithm>
#include <cstdio>

#include "common/clock.h"
#include "sga/sga.h"
#include "sql/date_time.h"
#include "sql/fixed_view_util.h"
#include "txn/enqueue.h"
#include "txn/enqueue_views.h"
#include "txn/transaction.h"

namespace warden::sql::fixed {
namespace {

// FLAG as Oracle shows it for an ordinary active transaction; 0x80 is set while it rolls back.
constexpr int64_t kTxnFlagActive = 0x0E03;
constexpr int64_t kTxnFlagRollingBack = 0x80;

// Oracle's XID RAW(8): usn (2 bytes), slot (2 bytes), sqn (4 bytes), each little-endian.
std::string XidRaw(uint32_t usn, uint32_t slot, uint32_t sqn) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%02X%02X%02X%02X%02X%02X%02X%02X", usn & 0xFF, (usn >> 8) & 0xFF,
                slot & 0xFF, (slot >> 8) & 0xFF, sqn & 0xFF, (sqn >> 8) & 0xFF, (sqn >> 16) & 0xFF,
                (sqn >> 24) & 0xFF);
  return buf;
}

std::vector<ColumnDef> TransactionColumns() {
  return {{"ADDR", V},       {"XIDUSN", N},    {"XIDSLOT", N},   {"XIDSQN", N},
          {"STATUS", V},     {"START_TIME", V}, {"START_DATE", D}, {"SES_ADDR", V},
          {"FLAG", N},       {"USED_UBLK", N}, {"USED_UREC", N}, {"XID", V}};
}

std::vector<Row> TransactionRows() {
  std::vector<Row> rows;
  for (int32_t i = 0; i < txn::TransactionTableSize(); ++i) {
    const txn::TxnEntry* e = txn::TxnAt(static_cast<uint32_t>(i));
    const auto state = static_cast<txn::TxnState>(e->state.load(std::memory_order_acquire));
    if (state == txn::TxnState::kFree) continue;
    const txn::Xid xid = txn::MakeXid(static_cast<uint32_t>(i), e->sqn.load());
    const bool rolling_back = state == txn::TxnState::kRollingBack;
    const int64_t start = e->start_time.load();
    const int32_t sess = e->session.load();
    const uint64_t bytes = e->undo_bytes.load(std::memory_order_relaxed);
    // START_TIME is text in Oracle: MM/DD/YY HH24:MI:SS, local time.
    const CivilTime c = ToCivil(LocalCivilSeconds(start));
    char text[32];
    std::snprintf(text, sizeof text, "%02d/%02d/%02d %02d:%02d:%02d", c.month, c.day,
                  static_cast<int>(c.year % 100), c.hour, c.minute, c.second);
    rows.push_back({Str(Addr(e)), Num(txn::XidUsn(xid)), Num(txn::XidSlot(xid)),
                    Num(txn::XidSqn(xid)), Str(rolling_back ? "ROLLING BACK" : "ACTIVE"),
                    Str(text), Date(start),
                    sess >= 0 ? Str(Addr(sga::Sga::session(sess))) : Null(),
                    Num(kTxnFlagActive | (rolling_back ? kTxnFlagRollingBack : 0)),
                    Num(static_cast<int64_t>((bytes + 8191) / 8192)),
                    Num(static_cast<int64_t>(e->used_urec.load(std::memory_order_relaxed))),
                    Str(XidRaw(txn::XidUsn(xid), txn::XidSlot(xid), txn::XidSqn(xid)))});
  }
  return rows;
}

std::vector<ColumnDef> LockColumns() {
  return {{"ADDR", V}, {"KADDR", V}, {"SID", N},     {"TYPE", V},  {"ID1", N},
          {"ID2", N},  {"LMODE", N}, {"REQUEST", N}, {"CTIME", N}, {"BLOCK", N}};
}

std::vector<Row> LockRows() {
  std::vector<Row> rows;
  for (const txn::EnqueueLockInfo& l : txn::EnqueueSnapshot()) {
    const std::string addr = Hex16(static_cast<uint64_t>(l.addr));
    rows.push_back({Str(addr), Str(addr), Num(l.session + 1), Str(l.type),
                    Num(static_cast<int64_t>(l.id1)), Num(static_cast<int64_t>(l.id2)),
                    Num(l.lmode), Num(l.request), Num(l.ctime), Num(l.block)});
  }
  return rows;
}

std::vector<ColumnDef> LockedObjectColumns() {
  return {{"XIDUSN", N},     {"XIDSLOT", N},         {"XIDSQN", N},
          {"OBJECT_ID", N},  {"SESSION_ID", N},      {"ORACLE_USERNAME", V},
          {"OS_USER_NAME", V}, {"PROCESS", V},       {"LOCKED_MODE", N}};
}

std::vector<Row> LockedObjectRows() {
  std::vector<Row> rows;
  const std::string os_user = OsUser();
  for (const txn::EnqueueLockInfo& l : txn::EnqueueSnapshot()) {
    if (std::string(l.type) != "TM" || l.lmode == 0) continue;
    const sga::SessionSlot* s = sga::Sga::session(l.session);
    const int32_t t = s->txn_index.load();
    Value usn = Num(0), slot = Num(0), sqn = Num(0);
    if (t >= 0) {
      const txn::Xid xid = txn::MakeXid(static_cast<uint32_t>(t), txn::TxnAt(t)->sqn.load());
      usn = Num(txn::XidUsn(xid));
      slot = Num(txn::XidSlot(xid));
      sqn = Num(txn::XidSqn(xid));
    }
    const int32_t proc = s->owner_proc.load();
    rows.push_back({usn, slot, sqn, Num(static_cast<int64_t>(l.id1)), Num(l.session + 1),
                    Str(s->username), Str(os_user),
                    proc >= 0 ? Str(std::to_string(sga::Sga::process(proc)->spid.load())) : Null(),
                    Num(l.lmode)});
  }
  return rows;
}

// Oracle's names of the enqueue types and the reason of the requests Warden makes.
void EnqueueNames(const std::string& type, std::string* name, std::string* reason) {
  if (type == "TX") {
    *name = "Transaction";
    *reason = "row lock contention";
  } else if (type == "TM") {
    *name = "DML";
    *reason = "contention";
  } else if (type == "UL") {
    *name = "User-defined";
    *reason = "contention";
  } else {
    *name = type;
    *reason = "contention";
  }
}

std::vector<ColumnDef> EnqueueStatisticsColumns() {
  return {{"EQ_NAME", V},     {"EQ_TYPE", V},     {"REQ_REASON", V},
          {"TOTAL_REQ#", N},  {"TOTAL_WAIT#", N}, {"SUCC_REQ#", N},
          {"FAILED_REQ#", N}, {"CUM_WAIT_TIME", N}};
}

std::vector<Row> EnqueueStatisticsRows() {
  std::vector<Row> rows;
  for (const txn::EnqueueTypeStatistics& st : txn::EnqueueStatistics()) {
    std::string name, reason;
    EnqueueNames(st.type, &name, &reason);
    rows.push_back({Str(name), Str(st.type), Str(reason),
                    Num(static_cast<int64_t>(st.total_req)),
                    Num(static_cast<int64_t>(st.total_wait)),
                    Num(static_cast<int64_t>(st.succ_req)),
                    Num(static_cast<int64_t>(st.failed_req)),
                    Num(static_cast<int64_t>(st.cum_wait_us / 1000))});
  }
  return rows;
}

std::vector<ColumnDef> FastStartTransactionsColumns() {
  return {{"USN", N},  {"SLT", N},         {"SEQ", N},        {"STATE", V},
          {"UNDOBLOCKSDONE", N}, {"UNDOBLOCKSTOTAL", N}, {"PID", N}, {"CPUTIME", N},
          {"XID", V},  {"RCVSERVERS", N}};
}

// Dead transactions SMON recovers (TO BE RECOVERED, RECOVERING) and the last ones it finished
// (RECOVERED); unlike Oracle's, serial recoveries are shown too (RCVSERVERS 1). CPUTIME is
// SMON's, in seconds. UNDOBLOCKSDONE counts what the slaves applied, then what SMON unlinked.
std::vector<Row> FastStartTransactionsRows() {
  std::vector<Row> rows;
  auto add = [&](txn::Xid xid, const char* state, uint64_t done, uint64_t total, int32_t pid,
                 uint64_t cpu_us, uint32_t servers) {
    const uint32_t usn = txn::XidUsn(xid), slot = txn::XidSlot(xid), sqn = txn::XidSqn(xid);
    rows.push_back({Num(usn), Num(slot), Num(sqn), Str(state), Num(static_cast<int64_t>(done)),
                    Num(static_cast<int64_t>(total)), pid >= 0 ? Num(pid + 1) : Null(),
                    Decimal(double(cpu_us) / 1e6, 2), Str(XidRaw(usn, slot, sqn)),
                    Num(std::max<uint32_t>(servers, 1))});
  };
  for (const txn::RecoveredTxnInfo& r : txn::RecentlyRecovered()) {
    add(r.xid, "RECOVERED", r.undo_blocks, r.undo_blocks, r.recoverer, r.cpu_us, 1);
  }
  for (int32_t i = 0; i < txn::TransactionTableSize(); ++i) {
    const txn::TxnEntry* e = txn::TxnAt(static_cast<uint32_t>(i));
    const auto rec = static_cast<txn::RecoveryState>(e->recovery.load(std::memory_order_acquire));
    if (rec == txn::RecoveryState::kNone) continue;
    const uint64_t total = e->recovery_total_ublk.load();
    const uint64_t left = std::min(total, txn::UndoBlocks(e));
    const uint64_t by_slaves = std::min(total, e->applied_bytes.load() / 8192);
    const bool recovering = rec == txn::RecoveryState::kRecovering;
    add(txn::MakeXid(static_cast<uint32_t>(i), e->sqn.load()),
        recovering ? "RECOVERING" : "TO BE RECOVERED", std::max(total - left, by_slaves), total,
        recovering ? e->recoverer.load() : -1, e->recovery_cpu_us.load(),
        e->recovery_servers.load());
  }
  return rows;
}

std::vector<ColumnDef> RollbackProgressColumns() {
  return {{"SID", N},          {"SERIAL#", N},         {"XID", V},
          {"ROLLED_BACK_BY", V}, {"UNDO_RECORDS_TOTAL", N}, {"UNDO_RECORDS_DONE", N},
          {"PERCENT_DONE", N}, {"ELAPSED_SECONDS", N}, {"RECORDS_PER_SECOND", N},
          {"SECONDS_LEFT", N}};
}

// Beyond Oracle (SQL Server's KILL ... WITH STATUSONLY in spirit): every transaction rolling
// back, whoever does it (its own session, PMON, SMON), with its progress and an estimate of
// the time left at the rate so far. SID and SERIAL# are the session that made the
// transaction, also after it is gone.
std::vector<Row> RollbackProgressRows() {
  std::vector<Row> rows;
  const int64_t now = MonotonicMicros();
  for (int32_t i = 0; i < txn::TransactionTableSize(); ++i) {
    const txn::TxnEntry* e = txn::TxnAt(static_cast<uint32_t>(i));
    if (e->state.load(std::memory_order_acquire) != uint32_t(txn::TxnState::kRollingBack)) {
      continue;
    }
    const uint64_t total = e->rollback_start_urec.load();
    // Records applied by recovery slaves or on demand count as done before SMON unlinks them.
    const uint64_t left =
        std::min(total, e->used_urec.load() - std::min(e->used_urec.load(), e->pending_applied.load()));
    const uint64_t done = total - left;
    const double elapsed = std::max(0.0, double(now - e->rollback_start_us.load()) / 1e6);
    const double rate = elapsed > 0 ? double(done) / elapsed : 0;
    const char* by = e->recovery.load() != uint32_t(txn::RecoveryState::kNone) ? "SMON"
                     : e->session.load() >= 0                                   ? "SESSION"
                                                                                : "PMON";
    const txn::Xid xid = txn::MakeXid(static_cast<uint32_t>(i), e->sqn.load());
    const int32_t sid = e->origin_session.load();
    rows.push_back({sid >= 0 ? Num(sid + 1) : Null(), Num(e->session_serial.load()),
                    Str(XidRaw(txn::XidUsn(xid), txn::XidSlot(xid), txn::XidSqn(xid))), Str(by),
                    Num(static_cast<int64_t>(total)), Num(static_cast<int64_t>(done)),
                    Decimal(total > 0 ? 100.0 * double(done) / double(total) : 100.0, 1),
                    Decimal(elapsed, 2), Num(static_cast<int64_t>(rate)),
                    rate > 0 ? Decimal(double(left) / rate, 2) : Null()});
  }
  return rows;
}

std::vector<ColumnDef> FastStartServersColumns() {
  return {{"STATE", V}, {"UNDOBLOCKSDONE", N}, {"PID", N}, {"XID", V}};
}

// The recovery slaves of a parallel rollback while they live (RECOVERING, then IDLE).
std::vector<Row> FastStartServersRows() {
  std::vector<Row> rows;
  for (uint32_t k = 0; k < txn::kMaxRecoveryServers; ++k) {
    const txn::RecoveryServer* r = txn::RecoveryServerAt(k);
    const int32_t proc = r->proc.load();
    if (proc < 0) continue;
    const txn::Xid xid = r->xid.load();
    rows.push_back({Str(r->recovering.load() ? "RECOVERING" : "IDLE"),
                    Num(static_cast<int64_t>(r->bytes_done.load() / 8192)), Num(proc + 1),
                    Str(XidRaw(txn::XidUsn(xid), txn::XidSlot(xid), txn::XidSqn(xid)))});
  }
  return rows;
}

}  // namespace

const ViewDef kFastStartServersView = {"V$FAST_START_SERVERS", FastStartServersColumns,
                                       FastStartServersRows};
const ViewDef kFastStartTransactionsView = {"V$FAST_START_TRANSACTIONS",
                                            FastStartTransactionsColumns,
                                            FastStartTransactionsRows};
const ViewDef kRollbackProgressView = {"V$ROLLBACK_PROGRESS", RollbackProgressColumns,
                                       RollbackProgressRows};
const ViewDef kTransactionView = {"V$TRANSACTION", TransactionColumns, TransactionRows};
const ViewDef kLockView = {"V$LOCK", LockColumns, LockRows};
const ViewDef kLockedObjectView = {"V$LOCKED_OBJECT", LockedObjectColumns, LockedObjectRows};
const ViewDef kEnqueueStatisticsView = {"V$ENQUEUE_STATISTICS", EnqueueStatisticsColumns,
                                        EnqueueStatisticsRows};

}  // namespace warden::sql::fixed
