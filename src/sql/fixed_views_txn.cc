// The transaction and lock views: V$TRANSACTION (the transaction table), V$LOCK (the enqueue
// array), V$LOCKED_OBJECT (TM locks with their transaction), V$ENQUEUE_STATISTICS (requests
// and waits per enqueue type). Snapshots taken when the view is opened, as the others.
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

}  // namespace

const ViewDef kTransactionView = {"V$TRANSACTION", TransactionColumns, TransactionRows};
const ViewDef kLockView = {"V$LOCK", LockColumns, LockRows};
const ViewDef kLockedObjectView = {"V$LOCKED_OBJECT", LockedObjectColumns, LockedObjectRows};
const ViewDef kEnqueueStatisticsView = {"V$ENQUEUE_STATISTICS", EnqueueStatisticsColumns,
                                        EnqueueStatisticsRows};

}  // namespace warden::sql::fixed
