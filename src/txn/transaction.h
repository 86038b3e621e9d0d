// Transactions: the transaction table in the SGA, undo records, row locks in the rows, and
// the read-committed visibility rule (DESIGN §6).
//
// XID = usn.slot.sqn: transaction-table entry i is undo segment usn = 1 + i / kSlotsPerUsn,
// slot = i % kSlotsPerUsn; sqn is bumped each time the entry starts a transaction.
//
// Life of a transaction (entry state, one atomic store each, owner only):
//   kFree -> kActive (first change) -> kCommitting (the commit point: readers now see the
//   new images) -> kFree (after cleanout; the TX enqueue is then released, waking waiters)
//   kActive -> kRollingBack (undo applied newest first, USED_UREC counting down) -> kFree.
// A row is LOCKED by xid while xid's entry has that sqn and is not kFree (so a writer waits
// until cleanout has finished); a row's current image is VISIBLE to others once the entry
// reached kCommitting (or the entry moved on).
//
// Every change writes an undo record first (with the before-image) and links it into the
// row (row->undo) before publishing the new image, so a reader that finds the row locked
// by another active transaction takes the before-image of that transaction's oldest record
// for the row. Undo records and replaced images are retired (storage/shm_heap.h epochs),
// never freed under a reader.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/row_store.h"

namespace warden::txn {

using storage::Xid;

constexpr uint32_t kSlotsPerUsn = 32;

enum class TxnState : uint32_t { kFree = 0, kActive, kCommitting, kRollingBack };

// Dead-transaction recovery (DESIGN §7): PMON rolls back at most _cleanup_rollback_entries
// undo records of a dead process's transaction itself and hands the rest to SMON
// (V$FAST_START_TRANSACTIONS STATE: TO BE RECOVERED, then RECOVERING).
enum class RecoveryState : uint32_t { kNone = 0, kToBeRecovered, kRecovering };

struct UndoRecord;

// One transaction-table entry (V$TRANSACTION row while not kFree).
struct TxnEntry {
  std::atomic<uint32_t> state;
  std::atomic<uint32_t> sqn;
  uint32_t index;
  std::atomic<int32_t> session;        // session slot, -1 once handed to a recoverer
  std::atomic<int32_t> origin_session; // the session that made it, kept after a hand-off
  std::atomic<uint32_t> session_serial;
  std::atomic<int32_t> owner_proc;     // process slot applying it (the session's, PMON's...)
  std::atomic<int64_t> start_time;     // wall seconds
  std::atomic<UndoRecord*> undo_head;  // newest record
  std::atomic<uint64_t> used_urec;
  std::atomic<uint64_t> undo_bytes;    // USED_UBLK = ceil(bytes / 8192)
  std::atomic<uint64_t> rollback_start_urec;  // USED_UREC when rollback began (progress)
  std::atomic<int64_t> rollback_start_us;
  std::atomic<uint32_t> recovery;             // RecoveryState
  std::atomic<int32_t> recoverer;             // process slot recovering it, -1
  std::atomic<uint32_t> recoverer_serial;     // that slot's serial (a dead recoverer is seen)
  std::atomic<uint64_t> recovery_total_ublk;  // UNDOBLOCKSTOTAL: USED_UBLK when handed off
  std::atomic<uint64_t> recovery_cpu_us;      // CPU the recoverer spent on it so far
  std::atomic<uint64_t> rows_on_demand;       // rows rolled back by sessions that needed them
  std::atomic<uint32_t> recovery_parts;       // row partitions (recovery latches) in use, 1..8
  std::atomic<uint32_t> recovery_servers;     // RCVSERVERS: slaves working on it (0: SMON alone)
  std::atomic<uint64_t> pending_applied;      // records applied (`applied`) but not unlinked yet
  std::atomic<uint64_t> applied_bytes;        // undo bytes applied by slaves (UNDOBLOCKSDONE)
  std::atomic<uint32_t> recovery_stop;        // SMON asks the slaves to stop (a new degree)
  // Milestones: records spaced evenly along the undo chain, kept by the owner as it writes
  // (at most kMilestones; when full every other one is dropped and the spacing doubles), so
  // that recovery slaves can each take a segment of the chain without walking all of it.
  // milestone_pos[i] is the record's position when written (USED_UREC then). Every listed
  // milestone is in the chain: one is dropped when it is unlinked as the chain's newest
  // record, and recovery slaves, which unlink from the middle, never unlink a record that
  // is or was a milestone (UndoRecord::milestone).
  UndoRecord* milestones[32];
  uint64_t milestone_pos[32];
  uint32_t milestone_count;
  uint64_t milestone_stride;
  // Redo (DESIGN §8): where this transaction's first redo record may lie while it writes
  // them at COMMIT (0 otherwise: a checkpoint may not start recovery past it), and the end
  // of its commit record once that is in the log buffer (0 before: the commit protocol in
  // storage/redo_log.h; a transaction with it set is committed).
  std::atomic<uint64_t> redo_first_lsn;
  std::atomic<uint64_t> commit_lsn;
  // DBMS_FAULT.SLOW_UNDO: microseconds each of its undo records takes to apply, whoever
  // applies it (the session, PMON, SMON, a slave, an on-demand rollback); 0 normally.
  std::atomic<int64_t> fault_undo_delay_us;
};

// Fast-start parallel rollback: at most this many recovery slaves (and row partitions).
constexpr uint32_t kMaxRecoveryServers = 8;

// A recovery slave's row in V$FAST_START_SERVERS.
struct RecoveryServer {
  std::atomic<int32_t> proc;  // process slot, -1: free
  std::atomic<uint32_t> recovering;  // 1 while it applies undo, 0 when idle (done)
  std::atomic<uint64_t> xid;
  std::atomic<uint64_t> bytes_done;
};
RecoveryServer* RecoveryServerAt(uint32_t k);  // k < kMaxRecoveryServers

// A transaction SMON finished, kept for V$FAST_START_TRANSACTIONS (STATE RECOVERED).
struct RecoveredTxnInfo {
  Xid xid;
  uint64_t undo_blocks;
  int32_t recoverer;  // process slot
  uint64_t cpu_us;
  int64_t finished_at;  // wall seconds
};
constexpr int kRecoveredRingSize = 16;
// The last kRecoveredRingSize of them, oldest first.
std::vector<RecoveredTxnInfo> RecentlyRecovered();

// kLock: SELECT ... FOR UPDATE took the row lock without changing the row. Its record makes
// the lock part of the undo chain: rolled back past it, the lock is released; rolled back to
// a point after it (a savepoint, a failed later statement), the lock stays. `before` is the
// row's live image, shared, never retired through this record.
enum class UndoKind : uint8_t { kInsert = 1, kUpdate, kDelete, kLock };

struct UndoRecord {
  UndoRecord* prev;         // older record of the same transaction
  UndoRecord* prev_for_row; // older record of this transaction for the same row, or nullptr
  storage::RowHeader* row;
  storage::RowImage* before;  // kUpdate/kDelete: the image it replaced
  uint64_t stmt_seq;          // the statement that wrote it (statement-level consistency)
  uint32_t table_id;
  UndoKind kind;
  // Set (under the row's recovery latch) once a recovery slave or an on-demand rollback has
  // undone this record's row change; it is then only unlinked.
  uint8_t applied;
  uint8_t milestone;  // it was made a milestone (TxnEntry::milestones): slaves leave it linked
};
static_assert(sizeof(UndoRecord) == 48, "undo records fill a 64-byte heap block");

inline Xid MakeXid(uint32_t index, uint32_t sqn) {
  return (uint64_t{1 + index / kSlotsPerUsn} << 48) | (uint64_t{index % kSlotsPerUsn} << 32) | sqn;
}
inline uint32_t XidUsn(Xid x) { return static_cast<uint32_t>(x >> 48); }
inline uint32_t XidSlot(Xid x) { return static_cast<uint32_t>((x >> 32) & 0xFFFF); }
inline uint32_t XidSqn(Xid x) { return static_cast<uint32_t>(x & 0xFFFFFFFFu); }
inline uint32_t XidIndex(Xid x) { return (XidUsn(x) - 1) * kSlotsPerUsn + XidSlot(x); }

// Sets up the transaction table (supervisor, once, after the heap).
void TransactionTableInit(int32_t entries);
int32_t TransactionTableSize();
TxnEntry* TxnAt(uint32_t index);

// True while xid still holds its row locks (active, committing, rolling back).
bool XidHoldsLocks(Xid xid);
// True once xid's changes are visible to other sessions (committed, or the entry moved on
// after a commit). A rolled-back xid leaves no changed rows behind, so "moved on" is safe.
bool XidCommittedOrGone(Xid xid);

// Index keys of a row image, computed by the SQL layer (which knows the row format): fills
// *key for `index` and returns false when the key is all NULL (not indexed).
using IndexKeyFn = bool (*)(const storage::TableMeta*, const storage::IndexMeta*,
                            const storage::RowImage*, std::string* key);
void SetIndexKeyFunction(IndexKeyFn fn);
bool IndexKeyOf(const storage::TableMeta* t, const storage::IndexMeta* ix,
                const storage::RowImage* image, std::string* key);
// Whether `index`'s key columns hold the same bytes in both images, so that their keys are
// equal without being computed (different bytes may still make equal keys). Also from the
// SQL layer; without it (nullptr), keys are always computed.
using SameKeyColumnsFn = bool (*)(const storage::IndexMeta*, const storage::RowImage*,
                                  const storage::RowImage*);
void SetSameKeyColumnsFunction(SameKeyColumnsFn fn);
bool SameKeyColumns(const storage::IndexMeta* ix, const storage::RowImage* a,
                    const storage::RowImage* b);

// What a statement reads: its own transaction (0 = none yet) and statement number.
struct ReadView {
  Xid xid = 0;
  uint64_t stmt_seq = 0;
};
// The image `view` sees of row (nullptr: the row does not exist for it). Inside an
// EpochGuard. Own changes made by earlier statements are seen; the running statement's own
// changes are not (so UPDATE/INSERT ... SELECT never see their own output).
const storage::RowImage* VisibleImage(const storage::RowHeader* row, const ReadView& view);

// COMMIT WRITE [WAIT | NOWAIT] [IMMEDIATE | BATCH]: -1 takes the commit_wait / commit_logging
// parameter, else the choice's index (0 WAIT / IMMEDIATE, 1 NOWAIT / BATCH).
struct CommitWrite {
  int wait = -1;
  int logging = -1;
};

// The calling session's transaction (one per session; lives in the dedicated server).
class Transaction {
 public:
  Transaction() = default;
  ~Transaction();  // rolls back what is still open (a session ending without COMMIT)
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  bool active() const { return entry_ != nullptr; }
  Xid xid() const { return xid_; }
  int32_t index() const { return entry_ == nullptr ? -1 : static_cast<int32_t>(entry_->index); }
  ReadView view() const { return {xid_, stmt_seq_}; }

  // Each statement begins with BeginStatement (a new statement number and an implicit
  // savepoint) and ends with EndStatement(ok): on failure its changes are undone and the
  // transaction goes on (Oracle's statement-level atomicity).
  void BeginStatement();
  void EndStatement(bool ok);

  // Starts the transaction if none is open (Oracle's implicit start at the first change).
  // Throws ORA-01554-like when the transaction table is full.
  void EnsureStarted();

  // Row changes; each writes its undo record first. `row` must be locked by this
  // transaction (LockRow) except for Insert, which creates a row locked by it.
  storage::RowHeader* Insert(storage::TableMeta* t, storage::RowImage* image);
  void Update(storage::TableMeta* t, storage::RowHeader* row, storage::RowImage* image);
  void Delete(storage::TableMeta* t, storage::RowHeader* row);

  // Takes the row lock. Returns kLocked, or kGone if the row was deleted (by a committed
  // transaction) meanwhile; when another active transaction holds it, `wait_for_holder`
  // is called with the holder's XID (it waits on the holder's TX enqueue and returns, or
  // throws) and the attempt is repeated.
  // `record_lock` (SELECT ... FOR UPDATE): a lock taken now gets a kLock undo record, so it
  // lives and dies with the statement or savepoint that took it. DML does not need one: its
  // change record, the first for the row, releases the lock when undone.
  enum class LockResult { kLocked, kGone };
  LockResult LockRow(storage::RowHeader* row, const std::function<void(Xid holder)>& wait_for_holder,
                     storage::TableMeta* record_lock = nullptr);

  void Commit(CommitWrite write = CommitWrite());
  void Rollback();
  // SAVEPOINT name / ROLLBACK TO name (ORA-01086 if it was never established). As Oracle's,
  // ROLLBACK TO releases the row locks (undo) and table locks (TM enqueues) taken after the
  // savepoint and keeps those taken before it.
  void Savepoint(const std::string& name);
  void RollbackToSavepoint(const std::string& name);

  // A TM enqueue this transaction took (not held before); released at its end, or by a
  // ROLLBACK TO a savepoint older than it.
  void NoteTableLock(uint32_t object_id);

  // Called when the transaction ends (commit or rollback), after its rows are released:
  // the SQL layer releases the enqueues here.
  void set_on_end(std::function<void(Xid)> fn) { on_end_ = std::move(fn); }

 private:
  UndoRecord* NewUndo(UndoKind kind, storage::TableMeta* t, storage::RowHeader* row,
                      storage::RowImage* before);
  void RollbackTo(UndoRecord* stop);
  void End();
  // DISCONNECT SESSION ... POST_TRANSACTION: the disconnect, once the transaction has ended.
  void DisconnectIfAsked();
  // COMMIT / ROLLBACK with no transaction started: the TM locks of statements that changed
  // nothing (Oracle holds them to the end of the transaction too).
  void ReleaseTableLocks();

  TxnEntry* entry_ = nullptr;
  Xid xid_ = 0;
  uint64_t stmt_seq_ = 0;
  UndoRecord* stmt_mark_ = nullptr;  // undo_head when the running statement began
  struct SavepointMark {
    std::string name;
    UndoRecord* undo_head;
    size_t table_locks;  // table_locks_.size() when it was set
  };
  std::vector<SavepointMark> savepoints_;
  std::vector<uint32_t> table_locks_;  // TM enqueues taken, in order (object ids)
  std::function<void(Xid)> on_end_;
  bool disconnect_asked_ = false;  // End() saw DISCONNECT ... POST_TRANSACTION
  uint32_t commit_attempts_ = 0;   // COMMITs tried (one interrupted while writing its redo)
};

// Fault injection (DBMS_FAULT.CRASH_AT, SYSDBA with _fault_injection): the calling process
// SIGKILLs itself at the given point, as a crash there would: right after the commit point of
// its next COMMIT (committed, not yet cleaned out, the client not told), or at its nth row
// change from now (its undo record linked, the row not yet changed).
void ArmCrashAtCommitPoint();
// Right after its next COMMIT's commit record is in the log buffer (commit_lsn set), before
// its commit point: PMON must finish that commit.
void ArmCrashAfterCommitRecord();
void ArmCrashAtChange(uint64_t nth);
// The next recovery slave to start (any process may arm it): right after its nth unlink of
// an undo record, before it retires that record (the one point where a death leaves a record
// out of the chain and not retired).
void ArmCrashAtRecoveryUnlink(uint64_t nth);
// DBMS_FAULT.SLOW_UNDO: the calling session's open transaction and those it starts later
// take `us` microseconds longer per undo record applied, by whichever process applies it (a
// CPU loop: a rollback of known length on any machine); 0 = off.
void SetUndoApplyDelay(int64_t us);

// What PMON's pass over a dead transaction did.
enum class DeadTxnOutcome {
  kRolledBack,     // all its undo applied, the entry freed
  kCommitFinished, // it had passed its commit point: the commit was finished, not undone
  kPartial,        // max_records applied and more remain: for SMON
};

// CKPT: where recovery from a checkpoint taken now must start: the redo position `now`,
// or the first record of a transaction still writing its commit redo, if earlier.
uint64_t OldestRedoInFlight(uint64_t now);

// Undo blocks (8 KiB) of a transaction's undo, as USED_UBLK shows them.
uint64_t UndoBlocks(const TxnEntry* e);

// PMON: rolls back a transaction whose owner is gone, applying at most `max_records` of its
// undo newest first (USED_UREC counting down); a transaction past its commit point has its
// commit finished instead. kPartial: the caller hands it to SMON. Sets *applied to the records applied. Every step can be repeated after a
// death.
DeadTxnOutcome RollbackDeadTransaction(TxnEntry* e, uint64_t max_records, uint64_t* applied);
// PMON: marks the rest of a dead transaction for SMON (TO BE RECOVERED). From now on a
// session that needs one of its rows rolls that row back itself (RollBackRowOnDemand).
void HandOffDeadTransaction(TxnEntry* e);
// SMON: claims a transaction to be recovered, or one whose recoverer died; nullptr if none.
TxnEntry* ClaimTransactionToRecover(int32_t my_process);
// SMON: rolls the claimed transaction back to the end and frees it; true when done. Between
// batches it asks `stop_requested` (nullptr: never stops) and, on true, returns false with the
// entry still claimed (RECOVERING). *applied: records applied.
bool RecoverDeadTransaction(TxnEntry* e, bool (*stop_requested)(), uint64_t* applied);
// SMON: splits the transaction's rows into `parts` partitions (1 = SMON alone), taking every
// recovery latch so that no on-demand rollback is using the old split.
void SetRecoveryPartitions(TxnEntry* e, uint32_t parts);
// SMON: cuts the transaction's undo chain into at most `n` segments of about equal length
// (newest first) at its milestones; segment k is [starts[k], starts[k+1]) along `prev`.
std::vector<UndoRecord*> RecoverySegments(const TxnEntry* e, uint32_t n);
// A recovery slave: walks its segment [from, to) newest first and undoes each record that is
// the newest not yet undone of its row (row->undo == it), under the row's partition latch,
// marking it applied. It unlinks from the chain and retires every record undone (by it, or
// before by an on-demand rollback), except the segment's first record (the previous
// segment's slave links to it) and milestones (SMON may cut the next round's segments at
// them). A record whose row has a newer record in an earlier segment is skipped; the slave
// walks what it skipped again while that undoes more (the earlier segments' slaves move on
// meanwhile), and SMON's final pass (RecoverDeadTransaction) applies what is still left, in
// order. Stops early when e->recovery_stop is set. Returns records applied.
//
// A slave's death leaves the chain whole (each unlink is one store) and each row as a serial
// rollback would have it; what it has not done is SMON's. The record it is unlinking is in
// its hand (on its state-object list, kUndoInHand), so that PMON retires it if the slave
// died after unlinking it and before retiring it (RecoverySlaveCleanupDead): nothing leaks.
// Its counts are published once per batch of 256 records, so a death can leave USED_UREC
// and the undo bytes too high by that batch: SMON then recounts them (RecountUndo).
uint64_t ApplyRecoverySegment(TxnEntry* e, UndoRecord* from, UndoRecord* to, RecoveryServer* me);
// PMON, cleaning up a dead recovery slave (its kUndoInHand state object), before it clears
// the dead process's epoch: retires the record the slave had in hand if it had unlinked it
// and not retired it. Repeatable.
void RecoverySlaveCleanupDead(int32_t process_slot);
// SMON: sets USED_UREC and the undo bytes from the records still in the chain (after a
// recovery slave or a recoverer died with counts not yet published). No slave may run.
void RecountUndo(TxnEntry* e);
// True while xid is a dead transaction handed to SMON and not yet rolled back.
bool XidBeingRecovered(Xid xid);
// On-demand rollback: a session that needs `row`, locked by xid which is being recovered,
// rolls back that row's changes at once instead of waiting for the whole transaction.
// Returns true when the row is no longer locked by xid.
bool RollBackRowOnDemand(storage::RowHeader* row, Xid xid);

}  // namespace warden::txn
