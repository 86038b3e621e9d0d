// Transactions, undo and row locks (see transaction.h for the states and the invariants).
#include "txn/transaction.h"

#include <algorithm>
#include <signal.h>
#include <unistd.h>

#include <ctime>
#include <new>

#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/latch.h"
#include "sga/process_array.h"
#include "sga/session_array.h"
#include "sga/sga.h"
#include "sga/state_object.h"
#include "storage/redo_log.h"
#include "storage/shm_heap.h"
#include "txn/enqueue.h"
#include "txn/row_index.h"

namespace warden::txn {

using storage::IndexMeta;
using storage::RowHeader;
using storage::RowImage;
using storage::TableMeta;

namespace {

// A slot of the recovered ring: `xid` is written last (release) and read first and last;
// 0 = empty or being rewritten.
struct RecoveredSlot {
  std::atomic<uint64_t> xid;
  RecoveredTxnInfo info;
};

// The undo record a recovery slave is unlinking, per process slot (a slot is reused only
// after PMON has cleaned up its dead process): see ApplyRecoverySegment.
struct UndoInHand {
  std::atomic<UndoRecord*> record;  // nullptr: none
  UndoRecord* keep;                 // the record whose `prev` the unlink rewrites
};

struct TxnTable {
  int32_t entries;
  TxnEntry* slots;  // [entries]
  UndoInHand* hands;  // [sga::Sga::processes()]
  std::atomic<uint64_t> slave_crash_at_unlink;  // ArmCrashAtRecoveryUnlink, for the next slave
  std::atomic<uint64_t> recovered_next;
  RecoveredSlot recovered[kRecoveredRingSize];
  RecoveryServer servers[kMaxRecoveryServers];
};
TxnTable* g_txns = nullptr;
// DBMS_FAULT.CRASH_AT (process-private): crash at the next commit point / the nth change.
bool g_crash_at_commit_point = false;
bool g_crash_after_commit_record = false;
uint64_t g_crash_at_change = 0;
uint64_t g_crash_at_recovery_unlink = 0;  // this slave's, taken from slave_crash_at_unlink
int64_t g_undo_apply_delay_us = 0;         // DBMS_FAULT.SLOW_UNDO, for each new transaction

void CrashNow() { kill(getpid(), SIGKILL); }
IndexKeyFn g_key_fn = nullptr;
SameKeyColumnsFn g_same_key_columns_fn = nullptr;

uint64_t UndoBytesOf(const UndoRecord* u) {
  const bool owns_image = u->before != nullptr && u->kind != UndoKind::kLock;
  return sizeof(UndoRecord) + (owns_image ? sizeof(RowImage) + u->before->bytes : 0);
}

// The row's undo now starts at u's older record for it; with none left, the lock is gone.
void PopRowUndo(RowHeader* row, const UndoRecord* u) {
  row->undo.store(u->prev_for_row, std::memory_order_release);
  if (u->prev_for_row == nullptr) row->lock_xid.store(0, std::memory_order_release);
}

// Undoes one record's change to its row (nothing for a never-published insert already
// freed: u->row == nullptr). Repeatable: PMON repeats the record a dying process was
// applying. Callers skip records marked `applied` (undone by a slave or on demand).
void UndoRowChange(UndoRecord* u) {
  TableMeta* t = storage::TableById(u->table_id);
  RowHeader* row = u->row;
  if (t != nullptr && row != nullptr) {
    switch (u->kind) {
      case UndoKind::kInsert:
        if (storage::RowLinked(row)) {
          RemoveIndexEntries(t, row, row->image.load(), nullptr);
          storage::UnlinkRow(t, row);  // retires row and image
        } else if (row->linked.load() == storage::kRowNew) {
          u->row = nullptr;  // first, so a repeated pass cannot free it twice (it may leak)
          storage::HeapFree(row->image.load());  // never published
          storage::HeapFree(row);
        }  // kRowUnlinked: undone by an earlier pass that died before unlinking the record
        break;
      case UndoKind::kLock:
        PopRowUndo(row, u);
        break;
      case UndoKind::kUpdate:
      case UndoKind::kDelete: {
        RowImage* cur = row->image.load();
        if (u->kind == UndoKind::kUpdate && cur != u->before) {
          RemoveIndexEntries(t, row, cur, u->before);
        }
        row->image.store(u->before, std::memory_order_release);
        PopRowUndo(row, u);
        if (cur != u->before) storage::HeapRetire(cur);
        break;
      }
    }
  }
}

// Remembers u (at `pos` along the chain) as a milestone if it falls on the spacing.
void NoteMilestone(TxnEntry* e, UndoRecord* u, uint64_t pos) {
  constexpr uint32_t kMilestones = sizeof(e->milestones) / sizeof(e->milestones[0]);
  if ((pos & (e->milestone_stride - 1)) != 0) return;  // the stride is a power of two
  if (e->milestone_count == kMilestones) {  // keep every other one, twice as far apart
    for (uint32_t i = 0; i < kMilestones / 2; ++i) {
      e->milestones[i] = e->milestones[2 * i + 1];
      e->milestone_pos[i] = e->milestone_pos[2 * i + 1];
    }
    e->milestone_count = kMilestones / 2;
    e->milestone_stride *= 2;
    if ((pos & (e->milestone_stride - 1)) != 0) return;  // the stride is a power of two
  }
  e->milestones[e->milestone_count] = u;
  e->milestone_pos[e->milestone_count] = pos;
  ++e->milestone_count;
  u->milestone = 1;
}

// Undoes one record's row change, as slowly as DBMS_FAULT.SLOW_UNDO asked for.
void UndoRowChangeOf(const TxnEntry* e, UndoRecord* u) {
  const int64_t delay_us = e->fault_undo_delay_us.load(std::memory_order_relaxed);
  if (delay_us > 0) SpinFor(delay_us);
  UndoRowChange(u);
}

// Undo records SMON or a recovery slave applies per latch hold (on-demand rollbacks get in
// between): 256, fewer under DBMS_FAULT.SLOW_UNDO so that a hold across the batch's spins
// lasts about 1 ms (or one record) at most.
int RecoveryBatch(const TxnEntry* e) {
  constexpr int64_t kBatch = 256;
  const int64_t delay_us = e->fault_undo_delay_us.load(std::memory_order_relaxed);
  return static_cast<int>(delay_us <= 0 ? kBatch : std::clamp<int64_t>(1000 / delay_us, 1, kBatch));
}

// Undoes one record (newest first) and unlinks it from the entry.
void ApplyUndo(TxnEntry* e, UndoRecord* u) {
  if (u->applied) {
    e->pending_applied.fetch_sub(1, std::memory_order_relaxed);  // a slave or a session did
  } else {
    UndoRowChangeOf(e, u);
  }
  e->undo_head.store(u->prev, std::memory_order_release);
  e->used_urec.fetch_sub(1, std::memory_order_relaxed);
  e->undo_bytes.fetch_sub(UndoBytesOf(u), std::memory_order_relaxed);
  // The newest milestone is the first the head reaches: unlinked, it is gone (a later
  // record takes its position).
  if (e->milestone_count > 0 && e->milestones[e->milestone_count - 1] == u) --e->milestone_count;
  storage::HeapRetire(u);
}

// After the commit point: removes what the committed changes made stale (index entries of
// old keys, deleted rows) and retires the undo. Newest first, so a row deleted after being
// updated is unlinked once.
void Cleanout(TxnEntry* e) {
  for (UndoRecord* u = e->undo_head.load(); u != nullptr;) {  // bounded by the records
    UndoRecord* prev = u->prev;
    TableMeta* t = storage::TableById(u->table_id);
    RowHeader* row = u->row;
    if (t != nullptr && row != nullptr && storage::RowLinked(row)) {
      RowImage* cur = row->image.load();
      if (u->kind == UndoKind::kDelete || (u->kind == UndoKind::kUpdate && cur == nullptr)) {
        RemoveIndexEntries(t, row, u->before, nullptr);
        if (cur == nullptr) storage::UnlinkRow(t, row);
      } else if (u->kind == UndoKind::kUpdate) {
        RemoveIndexEntries(t, row, u->before, cur);
      }
    }
    if (row != nullptr && storage::RowLinked(row) && row->undo.load() == u) {
      row->undo.store(nullptr, std::memory_order_release);
    }
    // Unlinked before retired: a death in between leaks the record, never retires it twice
    // when PMON repeats the clean-out.
    e->undo_head.store(prev, std::memory_order_release);
    e->used_urec.fetch_sub(1, std::memory_order_relaxed);
    if (u->kind != UndoKind::kLock) storage::HeapRetire(u->before);
    storage::HeapRetire(u);
    u = prev;
  }
  e->undo_head.store(nullptr);
  e->undo_bytes.store(0);
}

void FreeEntry(TxnEntry* e) {
  e->redo_first_lsn.store(0);
  e->commit_lsn.store(0);
  e->session.store(-1);
  e->owner_proc.store(-1);
  e->recovery.store(uint32_t(RecoveryState::kNone));
  e->recoverer.store(-1);
  e->used_urec.store(0);
  e->undo_bytes.store(0);
  e->state.store(uint32_t(TxnState::kFree), std::memory_order_release);
}

// Writes the transaction's redo (DESIGN §8) before its commit point: the final image of
// every row it changed, newest record first (each row once: the record its row points to),
// then the commit record. Returns the commit record's end, 0 when there was nothing to log
// (only FOR UPDATE locks) or the process runs without redo.
storage::Lsn WriteCommitRedoOnce(TxnEntry* e, Xid xid, uint32_t attempt);

storage::Lsn WriteCommitRedo(TxnEntry* e, Xid xid, uint32_t attempt) {
  try {
    return WriteCommitRedoOnce(e, xid, attempt);
  } catch (...) {
    // Interrupted (a cancel while waiting for log buffer space): what this try copied never
    // has a commit record (a later COMMIT is another try), so recovery never needs it, and
    // checkpoints must not keep starting from it while the transaction stays open.
    e->redo_first_lsn.store(0);
    throw;
  }
}

storage::Lsn WriteCommitRedoOnce(TxnEntry* e, Xid xid, uint32_t attempt) {
  storage::RedoLogState* log = storage::RedoLog();
  if (log == nullptr) return 0;
  // Before the first record is reserved (a checkpoint reads it after the position it starts at).
  e->redo_first_lsn.store(log->copied_end.load());
  constexpr size_t kBatchBytes = 256 * 1024;
  std::vector<std::string> batch;
  size_t bytes = 0;
  bool any = false;
  for (UndoRecord* u = e->undo_head.load(); u != nullptr; u = u->prev) {  // bounded by the chain
    RowHeader* row = u->row;
    if (u->kind == UndoKind::kLock || row == nullptr || row->undo.load() != u) continue;
    const RowImage* image = row->image.load();
    storage::RowChangeRedo r;
    r.xid = xid;
    r.attempt = attempt;
    r.table_id = u->table_id;
    r.rowno = row->rowno;
    r.deleted = image == nullptr;
    if (image != nullptr) r.image.assign(storage::ImageBytes(image));
    batch.push_back(storage::EncodeRowChange(r));
    bytes += batch.back().size();
    any = true;
    if (bytes >= kBatchBytes) {
      storage::RedoAppend(batch);
      batch.clear();
      bytes = 0;
    }
  }
  if (!any) {
    e->redo_first_lsn.store(0);
    return 0;
  }
  if (!batch.empty()) storage::RedoAppend(batch);
  return storage::RedoAppendCommit(storage::EncodeCommit({xid, attempt, WallSeconds()}),
                                   &e->commit_lsn);
}

}  // namespace

void TransactionTableInit(int32_t entries) {
  g_txns = static_cast<TxnTable*>(storage::HeapAlloc(sizeof(TxnTable)));
  g_txns->entries = entries;
  g_txns->slots = static_cast<TxnEntry*>(storage::HeapAlloc(sizeof(TxnEntry) * entries));
  for (int32_t i = 0; i < entries; ++i) {
    TxnEntry* e = new (&g_txns->slots[i]) TxnEntry();
    e->index = static_cast<uint32_t>(i);
    e->session.store(-1);
    e->owner_proc.store(-1);
    e->recoverer.store(-1);
    e->recovery_parts.store(1);
  }
  for (RecoveryServer& r : g_txns->servers) r.proc.store(-1);
  const int32_t processes = sga::Sga::processes();
  g_txns->hands = static_cast<UndoInHand*>(storage::HeapAlloc(sizeof(UndoInHand) * processes));
  for (int32_t i = 0; i < processes; ++i) new (&g_txns->hands[i]) UndoInHand();
}

RecoveryServer* RecoveryServerAt(uint32_t k) { return &g_txns->servers[k]; }

int32_t TransactionTableSize() { return g_txns == nullptr ? 0 : g_txns->entries; }
TxnEntry* TxnAt(uint32_t index) { return &g_txns->slots[index]; }

bool XidHoldsLocks(Xid xid) {
  uint32_t i = XidIndex(xid);
  if (i >= uint32_t(g_txns->entries)) return false;
  TxnEntry* e = &g_txns->slots[i];
  return e->sqn.load(std::memory_order_acquire) == XidSqn(xid) &&
         e->state.load(std::memory_order_acquire) != uint32_t(TxnState::kFree);
}

bool XidCommittedOrGone(Xid xid) {
  uint32_t i = XidIndex(xid);
  if (i >= uint32_t(g_txns->entries)) return true;
  TxnEntry* e = &g_txns->slots[i];
  uint32_t st = e->state.load(std::memory_order_acquire);
  if (e->sqn.load(std::memory_order_acquire) != XidSqn(xid)) return true;
  return st == uint32_t(TxnState::kFree) || st == uint32_t(TxnState::kCommitting);
}

void SetIndexKeyFunction(IndexKeyFn fn) { g_key_fn = fn; }
void SetSameKeyColumnsFunction(SameKeyColumnsFn fn) { g_same_key_columns_fn = fn; }
bool SameKeyColumns(const IndexMeta* ix, const RowImage* a, const RowImage* b) {
  return g_same_key_columns_fn != nullptr && g_same_key_columns_fn(ix, a, b);
}
bool IndexKeyOf(const TableMeta* t, const IndexMeta* ix, const RowImage* image, std::string* key) {
  return g_key_fn(t, ix, image, key);
}

const RowImage* VisibleImage(const RowHeader* row, const ReadView& view) {
  Xid x = row->lock_xid.load(std::memory_order_acquire);
  // Image before undo: a writer links its undo record before it publishes the new image,
  // so an image read first and no undo found means the image is still the old one.
  const RowImage* image = row->image.load(std::memory_order_acquire);
  if (x == 0) return image;
  auto* u = static_cast<const UndoRecord*>(row->undo.load(std::memory_order_acquire));
  if (x == view.xid) {
    // Own row: what it was before the running statement touched it.
    for (int guard = 0; u != nullptr && u->stmt_seq == view.stmt_seq && guard < 1 << 30; ++guard) {
      image = u->before;
      u = u->prev_for_row;
    }
    return image;
  }
  if (XidCommittedOrGone(x) || u == nullptr) return image;
  for (int guard = 0; u->prev_for_row != nullptr && guard < 1 << 30; ++guard) u = u->prev_for_row;
  return u->before;
}

Transaction::~Transaction() {
  if (entry_ == nullptr) return;
  try {
    storage::EpochGuard epoch;
    Rollback();
  } catch (...) {  // a destructor must not throw; PMON finishes what is left
  }
}

void Transaction::BeginStatement() {
  ++stmt_seq_;
  stmt_mark_ = entry_ == nullptr ? nullptr : entry_->undo_head.load();
}

void Transaction::EndStatement(bool ok) {
  if (ok || entry_ == nullptr) return;
  RollbackTo(stmt_mark_);
}

void Transaction::EnsureStarted() {
  if (entry_ != nullptr) return;
  int32_t sess = sga::MySessionIndex();
  sga::StateObjectAdd(sga::StateObjectType::kLatch, sga::kTransactionLatch, 0);
  sga::LatchAcquire(sga::Sga::latch(sga::kTransactionLatch));
  TxnEntry* found = nullptr;
  for (int32_t i = 0; i < g_txns->entries; ++i) {
    TxnEntry* e = &g_txns->slots[i];
    if (e->state.load(std::memory_order_relaxed) == uint32_t(TxnState::kFree)) {
      found = e;
      break;
    }
  }
  if (found != nullptr) {
    uint32_t sqn = found->sqn.load() + 1;
    // On the state-object list before it becomes visible (state_object.h invariant 1).
    sga::StateObjectAdd(sga::StateObjectType::kTransaction, found->index, sqn);
    found->sqn.store(sqn, std::memory_order_relaxed);
    found->session.store(sess);
    found->origin_session.store(sess);
    found->session_serial.store(sess >= 0 ? sga::Sga::session(sess)->serial.load() : 0);
    found->owner_proc.store(sga::MyProcessIndex());
    found->start_time.store(WallSeconds());
    found->undo_head.store(nullptr);
    found->used_urec.store(0);
    found->milestone_count = 0;
    found->milestone_stride = 1024;
    found->undo_bytes.store(0);
    found->fault_undo_delay_us.store(g_undo_apply_delay_us);
    found->state.store(uint32_t(TxnState::kActive), std::memory_order_release);
  }
  sga::LatchRelease(sga::Sga::latch(sga::kTransactionLatch));
  sga::StateObjectRemove(sga::StateObjectType::kLatch, sga::kTransactionLatch);
  if (found == nullptr) throw OraError::Make(1554, {});
  entry_ = found;
  xid_ = MakeXid(found->index, found->sqn.load());
  commit_attempts_ = 0;
  stmt_mark_ = nullptr;
  if (sess >= 0) sga::Sga::session(sess)->txn_index.store(static_cast<int32_t>(found->index));
  // The transaction's own TX enqueue, held in exclusive mode until it ends: row-lock waiters
  // queue on it (DESIGN §6). Nobody else can hold a fresh XID, so it is granted at once.
  EnqueueAcquire(EnqueueId::Tx(XidUsn(xid_), XidSlot(xid_), XidSqn(xid_)), LockMode::kExclusive,
                 kEnqueueNoWait);
}

UndoRecord* Transaction::NewUndo(UndoKind kind, TableMeta* t, RowHeader* row, RowImage* before) {
  UndoRecord* u;
  try {
    u = static_cast<UndoRecord*>(storage::HeapAlloc(sizeof(UndoRecord)));
  } catch (const OraError&) {
    throw OraError::Make(30036, {"8", "UNDOTBS1"});
  }
  u->prev = entry_->undo_head.load(std::memory_order_relaxed);
  u->kind = kind;
  u->table_id = t->object_id;
  u->row = row;
  u->before = before;
  u->stmt_seq = stmt_seq_;
  u->prev_for_row =
      (row != nullptr && row->lock_xid.load() == xid_) ? static_cast<UndoRecord*>(row->undo.load())
                                                        : nullptr;
  // Linked into the transaction before the row changes: a death after this point is undone.
  entry_->undo_head.store(u, std::memory_order_release);
  const uint64_t pos = entry_->used_urec.fetch_add(1, std::memory_order_relaxed) + 1;
  entry_->undo_bytes.fetch_add(UndoBytesOf(u), std::memory_order_relaxed);
  NoteMilestone(entry_, u, pos);
  if (g_crash_at_change > 0 && --g_crash_at_change == 0) CrashNow();
  return u;
}

RowHeader* Transaction::Insert(TableMeta* t, RowImage* image) {
  EnsureStarted();
  UndoRecord* u = NewUndo(UndoKind::kInsert, t, nullptr, nullptr);
  RowHeader* row = storage::NewRow(t, image, xid_, u);
  u->row = row;
  storage::LinkRow(t, row);
  return row;
}

void Transaction::Update(TableMeta* t, RowHeader* row, RowImage* image) {
  RowImage* before = row->image.load();
  UndoRecord* u = NewUndo(UndoKind::kUpdate, t, row, before);
  row->undo.store(u, std::memory_order_release);
  row->image.store(image, std::memory_order_release);
}

void Transaction::Delete(TableMeta* t, RowHeader* row) {
  RowImage* before = row->image.load();
  UndoRecord* u = NewUndo(UndoKind::kDelete, t, row, before);
  row->undo.store(u, std::memory_order_release);
  row->image.store(nullptr, std::memory_order_release);
}

Transaction::LockResult Transaction::LockRow(RowHeader* row,
                                             const std::function<void(Xid holder)>& wait_for_holder,
                                             TableMeta* record_lock) {
  for (int attempt = 0; attempt < 1'000'000; ++attempt) {
    if (!storage::RowLinked(row)) return LockResult::kGone;
    Xid x = row->lock_xid.load(std::memory_order_acquire);
    if (x != 0 && x == xid_) return LockResult::kLocked;
    if (x != 0 && XidHoldsLocks(x)) {
      wait_for_holder(x);
      continue;
    }
    if (row->image.load(std::memory_order_acquire) == nullptr) return LockResult::kGone;
    // The transaction starts at its first lock, as Oracle's at its first change: a session
    // that is only waiting for a row has none yet (no V$TRANSACTION row, no TX of its own).
    EnsureStarted();
    if (row->lock_xid.compare_exchange_strong(x, xid_, std::memory_order_acq_rel)) {
      // The previous holder's undo pointer is stale for us: our first record starts afresh.
      row->undo.store(nullptr, std::memory_order_release);
      if (row->image.load(std::memory_order_acquire) == nullptr) {
        row->lock_xid.store(0, std::memory_order_release);  // deleted just before we got it
        return LockResult::kGone;
      }
      if (record_lock != nullptr) {
        UndoRecord* u;
        try {
          u = NewUndo(UndoKind::kLock, record_lock, row, row->image.load());
        } catch (...) {
          row->lock_xid.store(0, std::memory_order_release);  // no record, no lock
          throw;
        }
        row->undo.store(u, std::memory_order_release);
      }
      return LockResult::kLocked;
    }
  }
  throw OraError::Make(600, {"LockRow", "no progress"});
}

void Transaction::RollbackTo(UndoRecord* stop) {
  storage::EpochGuard epoch;
  for (UndoRecord* u = entry_->undo_head.load(); u != nullptr && u != stop;) {
    UndoRecord* prev = u->prev;
    ApplyUndo(entry_, u);
    u = prev;
  }
}

void Transaction::End() {
  Xid xid = xid_;
  int32_t index = static_cast<int32_t>(entry_->index);
  int32_t sess = sga::MySessionIndex();
  if (sess >= 0) {
    sga::SessionSlot* s = sga::Sga::session(sess);
    s->txn_index.store(-1);
    // DISCONNECT ... POST_TRANSACTION waited for this moment (session_control.cc sets the
    // bit, then re-reads txn_index: one of the two sides always sees the other). It takes
    // effect once COMMIT has returned (after 'log file sync'): DisconnectIfAsked.
    disconnect_asked_ = (s->interrupts.load() & sga::kInterruptDisconnectAfterTransaction) != 0;
  }
  FreeEntry(entry_);
  sga::StateObjectRemove(sga::StateObjectType::kTransaction, static_cast<uint32_t>(index));
  // After the entry is free: the woken waiters find the rows released.
  if (sess >= 0) EnqueueReleaseAllOwnedBy(sess);
  entry_ = nullptr;
  xid_ = 0;
  savepoints_.clear();
  table_locks_.clear();
  stmt_mark_ = nullptr;
  if (on_end_) on_end_(xid);
}

void Transaction::Commit(CommitWrite write) {
  if (entry_ == nullptr) {
    ReleaseTableLocks();  // a statement that changed nothing still took its TM lock
    return;
  }
  storage::Lsn redo_end = 0;
  {
    storage::EpochGuard epoch;
    redo_end = WriteCommitRedo(entry_, xid_, ++commit_attempts_);
    if (g_crash_after_commit_record) CrashNow();
    entry_->state.store(uint32_t(TxnState::kCommitting), std::memory_order_release);  // commit point
    entry_->redo_first_lsn.store(0);  // its redo is all before what a checkpoint now reads
    if (g_crash_at_commit_point) CrashNow();
    Cleanout(entry_);
    End();
  }
  // As Oracle's: the locks are released, then the session waits for LGWR ('log file sync').
  // commit_wait = NOWAIT returns at once; commit_logging = BATCH then leaves LGWR to its rhythm.
  const int64_t wait = write.wait >= 0 ? write.wait : sga::Sga::param(kCommitWait)->num.load();
  const int64_t logging =
      write.logging >= 0 ? write.logging : sga::Sga::param(kCommitLogging)->num.load();
  if (redo_end != 0 && wait == 0) {
    storage::RedoSync(redo_end);
  } else if (redo_end != 0 && logging == 0) {
    storage::RedoKick();
  }
  DisconnectIfAsked();
}

void Transaction::Rollback() {
  if (entry_ == nullptr) {
    ReleaseTableLocks();
    return;
  }
  entry_->rollback_start_urec.store(entry_->used_urec.load());
  entry_->rollback_start_us.store(MonotonicMicros());
  entry_->state.store(uint32_t(TxnState::kRollingBack), std::memory_order_release);
  RollbackTo(nullptr);
  End();
  DisconnectIfAsked();
}

void Transaction::DisconnectIfAsked() {
  if (!disconnect_asked_) return;
  disconnect_asked_ = false;
  const int32_t sess = sga::MySessionIndex();
  if (sess >= 0) sga::Sga::session(sess)->interrupts.fetch_or(sga::kInterruptDisconnect);
}

void Transaction::Savepoint(const std::string& name) {
  EnsureStarted();
  for (auto it = savepoints_.begin(); it != savepoints_.end(); ++it) {
    if (it->name == name) {  // re-establishing moves it (Oracle)
      savepoints_.erase(it);
      break;
    }
  }
  savepoints_.push_back({name, entry_->undo_head.load(), table_locks_.size()});
}

void Transaction::RollbackToSavepoint(const std::string& name) {
  for (size_t i = savepoints_.size(); i-- > 0;) {
    if (savepoints_[i].name == name) {
      RollbackTo(savepoints_[i].undo_head);
      // Rows first (above), then the tables they are in.
      for (size_t k = savepoints_[i].table_locks; k < table_locks_.size(); ++k) {
        EnqueueRelease(EnqueueId::Tm(table_locks_[k]));
      }
      table_locks_.resize(savepoints_[i].table_locks);
      savepoints_.resize(i + 1);  // later savepoints are gone, this one stays
      stmt_mark_ = entry_->undo_head.load();
      return;
    }
  }
  throw OraError::Make(1086, {name});
}

void Transaction::NoteTableLock(uint32_t object_id) { table_locks_.push_back(object_id); }

void Transaction::ReleaseTableLocks() {
  for (uint32_t object_id : table_locks_) EnqueueRelease(EnqueueId::Tm(object_id));
  table_locks_.clear();
}

void ArmCrashAtCommitPoint() { g_crash_at_commit_point = true; }
void ArmCrashAfterCommitRecord() { g_crash_after_commit_record = true; }
void ArmCrashAtChange(uint64_t nth) { g_crash_at_change = nth; }
void ArmCrashAtRecoveryUnlink(uint64_t nth) { g_txns->slave_crash_at_unlink.store(nth); }

void SetUndoApplyDelay(int64_t us) {
  g_undo_apply_delay_us = us;
  const int32_t sess = sga::MySessionIndex();
  const int32_t open = sess < 0 ? -1 : sga::Sga::session(sess)->txn_index.load();
  if (open >= 0) TxnAt(static_cast<uint32_t>(open))->fault_undo_delay_us.store(us);
}

uint64_t OldestRedoInFlight(uint64_t now) {
  uint64_t oldest = now;
  for (int32_t i = 0; i < g_txns->entries; ++i) {
    const uint64_t first = g_txns->slots[i].redo_first_lsn.load();
    if (first != 0 && first < oldest) oldest = first;
  }
  return oldest;
}

uint64_t UndoBlocks(const TxnEntry* e) {
  return (e->undo_bytes.load(std::memory_order_relaxed) + 8191) / 8192;
}

DeadTxnOutcome RollbackDeadTransaction(TxnEntry* e, uint64_t max_records, uint64_t* applied) {
  storage::EpochGuard epoch;
  *applied = 0;
  if (e->state.load() == uint32_t(TxnState::kCommitting) || e->commit_lsn.load() != 0) {
    // The commit record is in the log (or the commit point was reached): finish the commit.
    e->state.store(uint32_t(TxnState::kCommitting), std::memory_order_release);
    Cleanout(e);
    FreeEntry(e);
    return DeadTxnOutcome::kCommitFinished;
  }
  if (e->state.load() != uint32_t(TxnState::kRollingBack)) {
    e->rollback_start_urec.store(e->used_urec.load());
    e->rollback_start_us.store(MonotonicMicros());
    e->state.store(uint32_t(TxnState::kRollingBack), std::memory_order_release);
  }
  for (UndoRecord* u = e->undo_head.load(); u != nullptr && *applied < max_records; ++*applied) {
    UndoRecord* prev = u->prev;
    ApplyUndo(e, u);
    u = prev;
  }
  if (e->undo_head.load() != nullptr) return DeadTxnOutcome::kPartial;
  FreeEntry(e);
  return DeadTxnOutcome::kRolledBack;
}

void HandOffDeadTransaction(TxnEntry* e) {
  e->recovery_total_ublk.store(UndoBlocks(e));
  e->recovery_cpu_us.store(0);
  e->rows_on_demand.store(0);
  e->recovery_parts.store(1);
  e->recovery_servers.store(0);
  e->pending_applied.store(0);
  e->applied_bytes.store(0);
  e->recovery_stop.store(0);
  e->session.store(-1);
  e->owner_proc.store(-1);
  e->recoverer.store(-1);
  e->recovery.store(uint32_t(RecoveryState::kToBeRecovered), std::memory_order_release);
}

namespace {

bool RecovererAlive(const TxnEntry* e) {
  const int32_t r = e->recoverer.load();
  if (r < 0 || r >= sga::Sga::processes()) return false;
  const sga::ProcessSlot* p = sga::Sga::process(r);
  return p->serial.load() == e->recoverer_serial.load() &&
         p->state.load() == static_cast<uint32_t>(sga::ProcState::kActive);
}

int64_t ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

void RememberRecovered(TxnEntry* e) {
  const uint64_t n = g_txns->recovered_next.fetch_add(1);
  RecoveredSlot& r = g_txns->recovered[n % kRecoveredRingSize];
  r.xid.store(0, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  const Xid xid = MakeXid(e->index, e->sqn.load());
  r.info = {xid, e->recovery_total_ublk.load(), e->recoverer.load(), e->recovery_cpu_us.load(),
            WallSeconds()};
  r.xid.store(xid, std::memory_order_release);
}

}  // namespace

TxnEntry* ClaimTransactionToRecover(int32_t my_process) {
  for (int32_t i = 0; i < g_txns->entries; ++i) {
    TxnEntry* e = &g_txns->slots[i];
    if (e->state.load(std::memory_order_acquire) != uint32_t(TxnState::kRollingBack)) continue;
    uint32_t rec = e->recovery.load(std::memory_order_acquire);
    const bool orphaned = rec == uint32_t(RecoveryState::kRecovering) && !RecovererAlive(e);
    if (rec != uint32_t(RecoveryState::kToBeRecovered) && !orphaned) continue;
    if (!e->recovery.compare_exchange_strong(rec, uint32_t(RecoveryState::kRecovering))) continue;
    e->recoverer_serial.store(sga::Sga::process(my_process)->serial.load());
    e->recoverer.store(my_process);
    // A dead SMON's slaves died with it, perhaps before publishing their last counts.
    if (orphaned) RecountUndo(e);
    return e;
  }
  return nullptr;
}

bool RecoverDeadTransaction(TxnEntry* e, bool (*stop_requested)(), uint64_t* applied) {
  const int batch = RecoveryBatch(e);
  *applied = 0;
  // Bounded by the transaction's records: each pass removes up to `batch` of them.
  while (e->undo_head.load() != nullptr) {
    if (stop_requested != nullptr && stop_requested()) return false;
    const int64_t cpu0 = ThreadCpuMicros();
    {
      storage::EpochGuard epoch;
      // Alone: one partition (SetRecoveryPartitions(e, 1) before), its latch.
      sga::LatchGuard latch(sga::Sga::latch(sga::kTransactionRecoveryLatch));
      for (int k = 0; k < batch; ++k, ++*applied) {
        UndoRecord* u = e->undo_head.load();
        if (u == nullptr) break;
        ApplyUndo(e, u);
      }
    }
    e->recovery_cpu_us.fetch_add(static_cast<uint64_t>(ThreadCpuMicros() - cpu0));
  }
  RememberRecovered(e);
  FreeEntry(e);
  return true;
}

bool XidBeingRecovered(Xid xid) {
  const uint32_t i = XidIndex(xid);
  if (i >= uint32_t(g_txns->entries)) return false;
  const TxnEntry* e = &g_txns->slots[i];
  return e->sqn.load(std::memory_order_acquire) == XidSqn(xid) &&
         e->state.load(std::memory_order_acquire) == uint32_t(TxnState::kRollingBack) &&
         e->recovery.load(std::memory_order_acquire) != uint32_t(RecoveryState::kNone);
}

namespace {

sga::Latch* RecoveryLatch(uint32_t part) {
  return sga::Sga::latch(static_cast<sga::LatchId>(sga::kTransactionRecoveryLatch + part));
}

// The row's partition among `parts`: rows are spread by the 4 KiB page they lie in, so that
// rows allocated one after another (and undone one after another) mostly share one and a
// recovery slave keeps its latch from one to the next (WalkRecoverySegment).
uint32_t RowPartition(const void* row, uint32_t parts) {
  uint64_t h = reinterpret_cast<uintptr_t>(row) >> 12;
  h ^= h >> 17;
  h *= 0x9E3779B97F4A7C15ULL;
  return static_cast<uint32_t>((h >> 32) % parts);
}

}  // namespace

void SetRecoveryPartitions(TxnEntry* e, uint32_t parts) {
  // All of them, in latch order: nobody holds a partition of the old split afterwards.
  for (uint32_t k = 0; k < kMaxRecoveryServers; ++k) sga::LatchAcquire(RecoveryLatch(k));
  e->recovery_parts.store(std::max<uint32_t>(1, std::min(parts, kMaxRecoveryServers)));
  for (uint32_t k = kMaxRecoveryServers; k-- > 0;) sga::LatchRelease(RecoveryLatch(k));
}

std::vector<UndoRecord*> RecoverySegments(const TxnEntry* e, uint32_t n) {
  UndoRecord* const head = e->undo_head.load();
  std::vector<UndoRecord*> starts = {head};
  if (n <= 1 || head == nullptr) return starts;
  // The milestones (all in the chain), newest first, but the head itself.
  std::vector<std::pair<uint64_t, UndoRecord*>> marks;
  for (uint32_t i = e->milestone_count; i-- > 0;) {
    if (e->milestones[i] != head) marks.emplace_back(e->milestone_pos[i], e->milestones[i]);
  }
  if (marks.empty()) return starts;
  // Positions are as written. Before any slave ran, the head's is USED_UREC; after a round
  // that a degree change stopped, slaves have unlinked records from the middle (USED_UREC
  // is less), and the cuts are by the positions as written, which is only a guess at where
  // the remaining work lies: correct either way, less even.
  const uint64_t top = std::max(e->used_urec.load(), marks.front().first + 1);
  // Cut where the remaining length reaches each k/n of the whole.
  size_t m = 0;
  for (uint32_t k = 1; k < n; ++k) {
    const uint64_t want = top - top * k / n;  // position the next segment starts at
    while (m < marks.size() && marks[m].first > want) ++m;
    if (m == marks.size()) break;
    starts.push_back(marks[m].second);
    ++m;
  }
  return starts;
}

namespace {

// What a slave's walk did since it last published it: the entry's counters are shared by
// every slave, so they are updated once per batch, not per record.
struct SlaveTally {
  uint64_t unlinked = 0;        // records unlinked and retired
  uint64_t unlinked_bytes = 0;  // their undo bytes
  uint64_t unlinked_counted = 0;  // of those, applied before and counted in pending_applied
  uint64_t applied_bytes = 0;   // undo bytes of the records it undid
};

void PublishTally(TxnEntry* e, RecoveryServer* me, const SlaveTally& t) {
  e->used_urec.fetch_sub(t.unlinked, std::memory_order_relaxed);
  e->undo_bytes.fetch_sub(t.unlinked_bytes, std::memory_order_relaxed);
  e->pending_applied.fetch_sub(t.unlinked_counted, std::memory_order_relaxed);
  e->applied_bytes.fetch_add(t.applied_bytes, std::memory_order_relaxed);
  me->bytes_done.fetch_add(t.applied_bytes, std::memory_order_relaxed);
}

// Unlinks u, whose predecessor in the chain is `keep`, and retires it, with u in the
// process's hand meanwhile (see RecoverySlaveCleanupDead).
void UnlinkAndRetire(UndoInHand* hand, UndoRecord* keep, UndoRecord* u) {
  hand->keep = keep;
  hand->record.store(u, std::memory_order_relaxed);
  // The hand is written before the unlink: a death is an interruption at any instruction,
  // so only the order the compiler emits matters (this process never runs on after it).
  std::atomic_signal_fence(std::memory_order_seq_cst);
  keep->prev = u->prev;  // one store: the chain is whole before and after it
  if (g_crash_at_recovery_unlink > 0 && --g_crash_at_recovery_unlink == 0) CrashNow();
  storage::HeapRetire(u);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  hand->record.store(nullptr, std::memory_order_relaxed);
}

// The one partition latch a slave holds, switched from partition to partition.
class PartitionLatch {
 public:
  PartitionLatch() = default;
  PartitionLatch(const PartitionLatch&) = delete;
  PartitionLatch& operator=(const PartitionLatch&) = delete;
  ~PartitionLatch() { Release(); }
  void Hold(sga::Latch* latch) {
    if (latch == held_) return;
    Release();
    sga::LatchAcquire(latch);
    held_ = latch;
  }
  void Release() {
    if (held_ != nullptr) sga::LatchRelease(held_);
    held_ = nullptr;
  }

 private:
  sga::Latch* held_ = nullptr;
};

// One walk of a slave over its segment [from, to) (see ApplyRecoverySegment). Adds the
// records it undid to *applied and those it left in the chain not undone to *skipped;
// sets *stopped when SMON asked the slaves to stop.
void WalkRecoverySegment(TxnEntry* e, UndoRecord* from, UndoRecord* to, RecoveryServer* me,
                         uint64_t* applied, uint64_t* skipped, bool* stopped) {
  UndoInHand* const hand = &g_txns->hands[sga::MyProcessIndex()];
  const int batch = RecoveryBatch(e);
  const uint32_t parts = e->recovery_parts.load();
  // The last record left in the chain: its `prev` is the link an unlink rewrites. `from`
  // always stays (the previous segment's last record, another slave's, points to it).
  UndoRecord* keep = from;
  // Bounded by the segment: each batch moves at least one record along it.
  for (UndoRecord* u = from; u != nullptr && u != to;) {
    if (e->recovery_stop.load(std::memory_order_relaxed) != 0) {
      *stopped = true;
      return;
    }
    SlaveTally tally;
    // One epoch per batch, as SMON's: a slave that read for its whole segment would keep
    // every block retired meanwhile (by it and by everyone else) from being freed. Its end
    // reclaims from the slave's own retired list (shm_heap.h).
    storage::EpochGuard epoch;
    // The partition latch is kept from one record to the next while their rows share it
    // (most do: see RowPartition), at most for the batch: an on-demand rollback waits no
    // longer than for one of SMON's batches.
    PartitionLatch latch;
    for (int k = 0; k < batch && u != nullptr && u != to; ++k) {
      UndoRecord* const older = u->prev;
      bool undone = false, by_me = false;
      if (u->row != nullptr) {
        latch.Hold(RecoveryLatch(RowPartition(u->row, parts)));
        if (!u->applied && u->row->undo.load() == u) {
          UndoRowChangeOf(e, u);
          u->applied = 1;
          by_me = true;
        }
        undone = u->applied != 0;
      }
      if (by_me) {
        ++*applied;
        tally.applied_bytes += UndoBytesOf(u);
      }
      if (undone && u != from && !u->milestone) {
        ++tally.unlinked;
        tally.unlinked_bytes += UndoBytesOf(u);
        if (!by_me) ++tally.unlinked_counted;
        UnlinkAndRetire(hand, keep, u);
      } else {
        // Left linked; if undone by this slave, SMON's final pass only unlinks it (counted
        // at once, not per batch: a count lost in a death must err high, never low).
        if (by_me) e->pending_applied.fetch_add(1, std::memory_order_relaxed);
        if (!undone) ++*skipped;
        keep = u;
      }
      u = older;
    }
    latch.Release();
    PublishTally(e, me, tally);
  }
}

// What a slave holds while it walks its segment, given back however it leaves (an OraError
// included): its hand, on its state-object list, and its private retires.
class SlaveScope {
 public:
  explicit SlaveScope(uint32_t slot) : slot_(slot) {
    // Before the first record is in hand (state_object.h invariant 1).
    sga::StateObjectAdd(sga::StateObjectType::kUndoInHand, slot_, 0);
    g_txns->hands[slot_].record.store(nullptr);
    // No other slave reads what this one retires: the records of its own segment, and the
    // row images (and index nodes) it replaces under the row's latch (the directory latch).
    storage::HeapSetPrivateRetires(true);
  }
  ~SlaveScope() {
    storage::HeapSetPrivateRetires(false);
    // Only an internal error leaves a record in hand here (the retire failed): it is not
    // retired twice, at worst it leaks.
    g_txns->hands[slot_].record.store(nullptr);
    sga::StateObjectRemove(sga::StateObjectType::kUndoInHand, slot_);
  }
  SlaveScope(const SlaveScope&) = delete;
  SlaveScope& operator=(const SlaveScope&) = delete;

 private:
  uint32_t slot_;
};

}  // namespace

uint64_t ApplyRecoverySegment(TxnEntry* e, UndoRecord* from, UndoRecord* to, RecoveryServer* me) {
  SlaveScope scope(static_cast<uint32_t>(sga::MyProcessIndex()));
  g_crash_at_recovery_unlink = g_txns->slave_crash_at_unlink.exchange(0);
  uint64_t applied = 0;
  // A record skipped because its row's newer record (in an earlier segment) was not undone
  // yet may be undoable a moment later: the walk is repeated over what is left of the
  // segment (mostly what it skipped) while that pays, at most kWalks times.
  constexpr int kWalks = 4;
  for (int walk = 0; walk < kWalks; ++walk) {
    uint64_t applied_now = 0, skipped = 0;
    bool stopped = false;
    WalkRecoverySegment(e, from, to, me, &applied_now, &skipped, &stopped);
    applied += applied_now;
    if (stopped || skipped == 0 || applied_now == 0) break;
  }
  return applied;
}

void RecoverySlaveCleanupDead(int32_t process_slot) {
  if (process_slot < 0 || process_slot >= sga::Sga::processes()) return;
  UndoInHand* hand = &g_txns->hands[process_slot];
  UndoRecord* u = hand->record.load();
  if (u == nullptr) return;
  // Still linked (`keep` points to it): SMON unlinks it. Unlinked and retired: done.
  if (hand->keep->prev != u && !storage::HeapBlockRetired(u)) storage::HeapRetire(u);
  hand->record.store(nullptr);
}

void RecountUndo(TxnEntry* e) {
  uint64_t records = 0, bytes = 0;
  storage::EpochGuard epoch;
  for (const UndoRecord* u = e->undo_head.load(); u != nullptr; u = u->prev) {  // the chain
    ++records;
    bytes += UndoBytesOf(u);
  }
  e->used_urec.store(records);
  e->undo_bytes.store(bytes);
}

bool RollBackRowOnDemand(RowHeader* row, Xid xid) {
  if (!XidBeingRecovered(xid)) return false;
  TxnEntry* e = TxnAt(XidIndex(xid));
  storage::EpochGuard epoch;
  // The row's partition latch under the current split (re-read once held: SMON changes the
  // split only while holding every partition latch).
  for (int attempt = 0; attempt < 100; ++attempt) {
    const uint32_t parts = e->recovery_parts.load();
    sga::LatchGuard latch(RecoveryLatch(RowPartition(row, parts)));
    if (e->recovery_parts.load() != parts) continue;
    if (row->lock_xid.load() != xid) return true;  // SMON or a slave got there first
    if (!XidBeingRecovered(xid)) return false;
    // The row's own chain, newest first; SMON then only unlinks these records.
    auto* u = static_cast<UndoRecord*>(row->undo.load());
    for (int guard = 0; u != nullptr && guard < 1 << 30; ++guard) {
      UndoRecord* older = u->prev_for_row;
      if (!u->applied) {
        UndoRowChangeOf(e, u);
        u->applied = 1;
        e->pending_applied.fetch_add(1, std::memory_order_relaxed);
      }
      u = older;
    }
    // Locked without a change (a death between locking and the first undo record).
    Xid mine = xid;
    row->lock_xid.compare_exchange_strong(mine, 0);
    e->rows_on_demand.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  return false;
}

std::vector<RecoveredTxnInfo> RecentlyRecovered() {
  std::vector<RecoveredTxnInfo> out;
  const uint64_t next = g_txns->recovered_next.load();
  const uint64_t first = next > uint64_t{kRecoveredRingSize} ? next - kRecoveredRingSize : 0;
  for (uint64_t n = first; n < next; ++n) {
    const RecoveredSlot& r = g_txns->recovered[n % kRecoveredRingSize];
    const uint64_t xid = r.xid.load(std::memory_order_acquire);
    if (xid == 0) continue;
    RecoveredTxnInfo copy = r.info;
    std::atomic_thread_fence(std::memory_order_acquire);
    if (r.xid.load(std::memory_order_relaxed) == xid) out.push_back(copy);
  }
  return out;
}

}  // namespace warden::txn
