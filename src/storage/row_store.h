// Tables in the SGA: the table directory (catalog of tables and their columns), each
// table's rows, and its indexes (skip lists over encoded keys). Row contents are opaque
// bytes here; the SQL layer encodes and decodes them (sql/row_codec.h).
//
// A row is a RowHeader that never moves while it is linked (its address is the ROWID) and
// an immutable RowImage it points to. A change publishes a new image with one store; the
// old image goes to the changing transaction's undo record (the before-image, DESIGN §6),
// so readers never see a half-written row. The row lock lives in the header (lock_xid, as
// Oracle's ITL): the transaction id of the last transaction that changed the row; it is
// "held" while that transaction is active (txn/transaction.h decides).
//
// Concurrency: readers are latch-free (inside an EpochGuard); linking and unlinking rows
// and index entries, and DDL, take the "table directory" latch, and every such change is
// consistent after each single store (latch recovery kConsistent): a skip-list node is
// linked bottom-up and unlinked top-down, a directory slot is published by one store.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warden::storage {

// A transaction id packed for one atomic word: usn<<48 | slot<<32 | sqn; 0 = none.
using Xid = uint64_t;

struct RowImage {
  uint32_t bytes;
  uint8_t data[1];  // [bytes]
};

struct RowHeader {
  std::atomic<Xid> lock_xid;         // last changing transaction (a lock while it is active)
  std::atomic<RowImage*> image;      // nullptr: deleted, or inserted and rolled back
  std::atomic<void*> undo;           // newest undo record of lock_xid's transaction for it
  std::atomic<uint32_t> linked;      // RowLink: never linked, linked, unlinked
  uint32_t dir_slot;                 // its slot in the table's row directory
  uint32_t table_id;
  uint64_t rowno;                    // its name in redo: given at insert, never reused
};

// A row's life: kNew (built, not reachable) -> kLinked -> kUnlinked (retired). Never back:
// an undo pass repeated after a death mid-pass tells "never published" from "already undone".
enum RowLink : uint32_t { kRowNew = 0, kRowLinked = 1, kRowUnlinked = 2 };
inline bool RowLinked(const RowHeader* r) {
  return r->linked.load(std::memory_order_acquire) == kRowLinked;
}

constexpr int kMaxNameBytes = 128;  // Oracle 12.2+ identifiers
constexpr int kMaxColumns = 1000;
constexpr int kMaxIndexColumns = 32;
constexpr int kMaxIndexesPerTable = 16;

struct ColumnMeta {
  char name[kMaxNameBytes + 1];
  uint8_t type;        // sql::DataType, stored as a number (this layer does not interpret it)
  int32_t precision;   // -1 = none
  int32_t scale;       // -1 = none
  int32_t length;      // VARCHAR2(n)/CHAR(n)/RAW(n), -1 = none
  uint8_t fixed_char;  // CHAR(n): blank-padded
  uint8_t nullable;
  char default_sql[512];  // the DEFAULT expression as written, "" = none
};

struct SkipNode;
struct IndexMeta {
  char name[kMaxNameBytes + 1];
  uint32_t object_id;
  uint8_t unique;
  uint8_t primary_key;
  int32_t ncols;
  int32_t cols[kMaxIndexColumns];  // column positions (0-based)
  SkipNode* head;                  // sentinel of the skip list
  std::atomic<uint64_t> entries;
};

struct DirPage;
enum class TableState : uint32_t { kFree = 0, kLive, kDropped };

struct TableMeta {
  std::atomic<uint32_t> state;
  uint32_t object_id;
  uint32_t slot;  // in the table directory
  char owner[kMaxNameBytes + 1];
  char name[kMaxNameBytes + 1];
  int64_t created;  // wall seconds
  int32_t ncols;
  ColumnMeta* cols;  // [ncols]
  std::atomic<int32_t> nindexes;
  IndexMeta* indexes[kMaxIndexesPerTable];
  // Row directory: pages of row pointers; scans walk them in order.
  std::atomic<DirPage*> first_page;
  DirPage* last_page;                  // under the latch
  std::atomic<uint32_t> slots_used;    // high-water mark of directory slots
  std::atomic<uint32_t> free_slot_head;  // 1-based stack of reusable slots (under the latch)
  std::atomic<uint64_t> live_rows;     // linked rows (committed or not)
  std::atomic<uint64_t> next_rowno;    // the next row number to give (redo names rows by it)
};

// --- the table directory -----------------------------------------------------------------

struct NewColumn {
  std::string name;
  uint8_t type = 0;
  int32_t precision = -1, scale = -1, length = -1;
  bool fixed_char = false;
  bool nullable = true;
  std::string default_sql;
};

// Sets up the directory (supervisor, once, after HeapInit).
void RowStoreInit();

// nullptr when no live table has that owner and name (names as stored: upper-cased
// unless quoted).
TableMeta* FindTable(std::string_view owner, std::string_view name);
TableMeta* TableById(uint32_t object_id);
// Every live table, for the catalog views.
std::vector<TableMeta*> AllTables();

// Creates a table. Throws ORA-00955 if the name is used, ORA-01792-like limits otherwise.
// Recovery passes the object id and creation time the redo names (0: new ones).
TableMeta* CreateTable(std::string_view owner, std::string_view name,
                       const std::vector<NewColumn>& columns, uint32_t object_id = 0,
                       int64_t created = 0);
// Adds an empty index (the caller fills it from the existing rows). Throws ORA-00955 if
// the name is used, ORA-01792-like limits otherwise. object_id as for CreateTable.
IndexMeta* CreateIndex(TableMeta* t, std::string_view name, bool unique, bool primary_key,
                       const std::vector<int32_t>& cols, uint32_t object_id = 0);
// Unlinks the table from the directory; its memory is retired (readers finish first).
void DropTable(TableMeta* t);
void DropIndex(TableMeta* t, IndexMeta* index);
IndexMeta* FindIndex(std::string_view owner, std::string_view name, TableMeta** table);
uint32_t NextObjectId();
// The object id counter: its next value, and (recovery) raising it past an id in use.
uint32_t PeekNextObjectId();
void NoteObjectId(uint32_t object_id);

// --- rows --------------------------------------------------------------------------------

RowImage* MakeImage(std::string_view bytes);
inline std::string_view ImageBytes(const RowImage* i) {
  return {reinterpret_cast<const char*>(i->data), i->bytes};
}

// A new row locked by xid, not yet reachable (its undo record names it before it is
// linked, so a process dying in between leaves nothing half-inserted).
RowHeader* NewRow(TableMeta* t, RowImage* image, Xid xid, void* undo);
// Recovery: gives a row (from NewRow, not yet linked) the number the redo names it by.
void SetRowNumber(TableMeta* t, RowHeader* row, uint64_t rowno);
// Makes it reachable from the table's directory.
void LinkRow(TableMeta* t, RowHeader* row);
// Removes a row from the directory and retires it and its image (committed delete,
// rolled-back insert). Index entries pointing to it must be removed first.
void UnlinkRow(TableMeta* t, RowHeader* row);

// Iterates over the directory (latch-free, inside an EpochGuard): rows linked when the
// scan passes them; rows linked later may or may not be seen.
class RowCursor {
 public:
  explicit RowCursor(const TableMeta* t);
  RowHeader* Next();  // nullptr at the end

 private:
  const DirPage* page_;
  uint32_t index_ = 0;
  uint32_t page_base_ = 0;
  uint32_t limit_;
};

// --- indexes -----------------------------------------------------------------------------

// Adds (key -> row). The caller checks uniqueness first (under the same latch hold: use
// IndexInsertIfAbsent for that).
void IndexInsert(IndexMeta* index, std::string_view key, RowHeader* row);
// Removes the entry (key -> row) if present.
void IndexRemove(IndexMeta* index, std::string_view key, RowHeader* row);
// Every row with exactly this key (latch-free).
std::vector<RowHeader*> IndexLookup(const IndexMeta* index, std::string_view key);

// Latch over directory and index structure changes (exposed for multi-step operations that
// must be atomic with respect to other writers, e.g. unique check + insert).
class DirectoryLatchGuard {
 public:
  DirectoryLatchGuard();
  ~DirectoryLatchGuard();
  DirectoryLatchGuard(const DirectoryLatchGuard&) = delete;
  DirectoryLatchGuard& operator=(const DirectoryLatchGuard&) = delete;
};

}  // namespace warden::storage
