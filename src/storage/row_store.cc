// Tables, row directories and skip-list indexes in the SGA (see row_store.h).
#include "storage/row_store.h"

#include <cstring>
#include <random>

#include "common/clock.h"
#include "common/fixed_string.h"
#include "common/ora_error.h"
#include "sga/latch.h"
#include "sga/sga.h"
#include "sga/state_object.h"
#include "storage/shm_heap.h"

namespace warden::storage {

constexpr uint32_t kDirPageSlots = 1024;
constexpr int kMaxTables = 4096;
constexpr int kSkipLevels = 24;

struct DirPage {
  std::atomic<RowHeader*> rows[kDirPageSlots];
  std::atomic<DirPage*> next;
  uint32_t base;  // directory slot of rows[0]
};

// Allocated with `height` next pointers and the key bytes right after them.
struct SkipNode {
  RowHeader* row;
  uint16_t key_bytes;
  uint8_t height;
  std::atomic<SkipNode*> next[1];  // [height]
};

namespace {

struct RowStoreRoot {
  std::atomic<uint32_t> next_object_id;
  std::atomic<TableMeta*> tables[kMaxTables];
};

RowStoreRoot* g_root = nullptr;

uint8_t* NodeKey(SkipNode* n) { return reinterpret_cast<uint8_t*>(&n->next[n->height]); }
const uint8_t* NodeKey(const SkipNode* n) {
  return reinterpret_cast<const uint8_t*>(&n->next[n->height]);
}

SkipNode* NewNode(std::string_view key, RowHeader* row, int height) {
  if (key.size() > 6000) throw OraError::Make(1450, {"6398"});  // maximum key length exceeded
  auto* n = static_cast<SkipNode*>(
      HeapAlloc(sizeof(SkipNode) + sizeof(std::atomic<SkipNode*>) * (height - 1) + key.size()));
  n->row = row;
  n->key_bytes = static_cast<uint16_t>(key.size());
  n->height = static_cast<uint8_t>(height);
  std::memcpy(NodeKey(n), key.data(), key.size());
  return n;
}

int CompareKey(const SkipNode* n, std::string_view key) {
  std::string_view nk(reinterpret_cast<const char*>(NodeKey(n)), n->key_bytes);
  return nk.compare(key);
}

// Heights need only be independent of the keys, not unpredictable. A fixed seed (by process
// slot; a forked process goes on with the sequence its parent had reached) makes an index's
// shape a function of its insertion order, so two instances loading the same data build the
// same lists (bench/run_instruction_count.sh compares two builds on identical indexes).
int RandomHeight() {
  thread_local std::minstd_rand rng(static_cast<uint32_t>(sga::MyProcessIndex() + 2));
  int h = 1;
  while (h < kSkipLevels && (rng() & 3) == 0) ++h;  // p = 1/4
  return h;
}

// Fills preds[level] with the last node whose key < key (or == key with row < row when
// row is given, to find one exact entry among duplicates).
void FindPreds(IndexMeta* index, std::string_view key, SkipNode** preds) {
  SkipNode* x = index->head;
  for (int level = kSkipLevels - 1; level >= 0; --level) {
    for (SkipNode* n = x->next[level].load(std::memory_order_acquire);
         n != nullptr && CompareKey(n, key) < 0; n = n->next[level].load(std::memory_order_acquire)) {
      x = n;
    }
    preds[level] = x;
  }
}

void RequireName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) {
    throw OraError::Make(972, {});  // identifier is too long
  }
}

}  // namespace

DirectoryLatchGuard::DirectoryLatchGuard() {
  sga::StateObjectAdd(sga::StateObjectType::kLatch, sga::kTableDirectoryLatch, 0);
  sga::LatchAcquire(sga::Sga::latch(sga::kTableDirectoryLatch));
}
DirectoryLatchGuard::~DirectoryLatchGuard() {
  sga::LatchRelease(sga::Sga::latch(sga::kTableDirectoryLatch));
  sga::StateObjectRemove(sga::StateObjectType::kLatch, sga::kTableDirectoryLatch);
}

void RowStoreInit() {
  g_root = static_cast<RowStoreRoot*>(HeapAlloc(sizeof(RowStoreRoot)));
  g_root->next_object_id.store(70000);  // user objects start above the "dictionary" ones
}

uint32_t NextObjectId() { return g_root->next_object_id.fetch_add(1); }
uint32_t PeekNextObjectId() { return g_root->next_object_id.load(); }

void NoteObjectId(uint32_t object_id) {
  uint32_t cur = g_root->next_object_id.load();
  while (cur <= object_id && !g_root->next_object_id.compare_exchange_weak(cur, object_id + 1)) {
  }
}

TableMeta* FindTable(std::string_view owner, std::string_view name) {
  for (int i = 0; i < kMaxTables; ++i) {
    TableMeta* t = g_root->tables[i].load(std::memory_order_acquire);
    if (t != nullptr && t->state.load(std::memory_order_acquire) == uint32_t(TableState::kLive) &&
        owner == t->owner && name == t->name) {
      return t;
    }
  }
  return nullptr;
}

TableMeta* TableById(uint32_t object_id) {
  for (int i = 0; i < kMaxTables; ++i) {
    TableMeta* t = g_root->tables[i].load(std::memory_order_acquire);
    if (t != nullptr && t->object_id == object_id &&
        t->state.load(std::memory_order_acquire) == uint32_t(TableState::kLive)) {
      return t;
    }
  }
  return nullptr;
}

std::vector<TableMeta*> AllTables() {
  std::vector<TableMeta*> out;
  for (int i = 0; i < kMaxTables; ++i) {
    TableMeta* t = g_root->tables[i].load(std::memory_order_acquire);
    if (t != nullptr && t->state.load(std::memory_order_acquire) == uint32_t(TableState::kLive)) {
      out.push_back(t);
    }
  }
  return out;
}

TableMeta* CreateTable(std::string_view owner, std::string_view name,
                       const std::vector<NewColumn>& columns, uint32_t object_id, int64_t created) {
  RequireName(name);
  if (columns.empty() || columns.size() > kMaxColumns) throw OraError::Make(1792, {});
  // Build everything first; publish with one store under the latch.
  auto* t = static_cast<TableMeta*>(HeapAlloc(sizeof(TableMeta)));
  t->object_id = object_id != 0 ? object_id : NextObjectId();
  NoteObjectId(t->object_id);
  CopyToFixed(t->owner, sizeof t->owner, owner);
  CopyToFixed(t->name, sizeof t->name, name);
  t->created = created != 0 ? created : WallSeconds();
  t->next_rowno.store(1);
  t->ncols = static_cast<int32_t>(columns.size());
  t->cols = static_cast<ColumnMeta*>(HeapAlloc(sizeof(ColumnMeta) * columns.size()));
  for (size_t i = 0; i < columns.size(); ++i) {
    const NewColumn& c = columns[i];
    RequireName(c.name);
    ColumnMeta& m = t->cols[i];
    CopyToFixed(m.name, sizeof m.name, c.name);
    m.type = c.type;
    m.precision = c.precision;
    m.scale = c.scale;
    m.length = c.length;
    m.fixed_char = c.fixed_char ? 1 : 0;
    m.nullable = c.nullable ? 1 : 0;
    if (c.default_sql.size() >= sizeof m.default_sql) throw OraError::Make(1401, {});
    CopyToFixed(m.default_sql, sizeof m.default_sql, c.default_sql);
  }
  auto* page = static_cast<DirPage*>(HeapAlloc(sizeof(DirPage)));
  t->first_page.store(page);
  t->last_page = page;
  t->state.store(uint32_t(TableState::kLive));
  DirectoryLatchGuard latch;
  if (FindTable(owner, name) != nullptr) {
    HeapFree(page);
    HeapFree(t->cols);
    HeapFree(t);
    throw OraError::Make(955, {});
  }
  for (int i = 0; i < kMaxTables; ++i) {
    if (g_root->tables[i].load(std::memory_order_relaxed) == nullptr) {
      t->slot = static_cast<uint32_t>(i);
      g_root->tables[i].store(t, std::memory_order_release);
      return t;
    }
  }
  HeapFree(page);
  HeapFree(t->cols);
  HeapFree(t);
  throw OraError::Make(1658, {"catalog"});  // unable to create INITIAL extent
}

IndexMeta* CreateIndex(TableMeta* t, std::string_view name, bool unique, bool primary_key,
                       const std::vector<int32_t>& cols, uint32_t object_id) {
  RequireName(name);
  if (cols.empty() || cols.size() > kMaxIndexColumns) throw OraError::Make(1793, {});
  auto* ix = static_cast<IndexMeta*>(HeapAlloc(sizeof(IndexMeta)));
  CopyToFixed(ix->name, sizeof ix->name, name);
  ix->object_id = object_id != 0 ? object_id : NextObjectId();
  NoteObjectId(ix->object_id);
  ix->unique = unique ? 1 : 0;
  ix->primary_key = primary_key ? 1 : 0;
  ix->ncols = static_cast<int32_t>(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) ix->cols[i] = cols[i];
  ix->head = NewNode("", nullptr, kSkipLevels);
  DirectoryLatchGuard latch;
  TableMeta* owner_table = nullptr;
  if (FindIndex(t->owner, name, &owner_table) != nullptr) {
    HeapFree(ix->head);
    HeapFree(ix);
    throw OraError::Make(955, {});
  }
  int n = t->nindexes.load();
  if (n >= kMaxIndexesPerTable) {
    HeapFree(ix->head);
    HeapFree(ix);
    throw OraError::Make(1793, {});
  }
  t->indexes[n] = ix;
  t->nindexes.store(n + 1, std::memory_order_release);
  return ix;
}

IndexMeta* FindIndex(std::string_view owner, std::string_view name, TableMeta** table) {
  for (TableMeta* t : AllTables()) {
    if (owner != t->owner) continue;
    int n = t->nindexes.load(std::memory_order_acquire);
    for (int i = 0; i < n; ++i) {
      if (name == t->indexes[i]->name) {
        *table = t;
        return t->indexes[i];
      }
    }
  }
  return nullptr;
}

namespace {

void RetireIndexNodes(IndexMeta* ix) {
  SkipNode* n = ix->head;
  while (n != nullptr) {  // bounded by the entries of the index
    SkipNode* next = n->next[0].load(std::memory_order_relaxed);
    HeapRetire(n);
    n = next;
  }
}

}  // namespace

void DropIndex(TableMeta* t, IndexMeta* index) {
  {
    DirectoryLatchGuard latch;
    int n = t->nindexes.load();
    int at = -1;
    for (int i = 0; i < n; ++i) {
      if (t->indexes[i] == index) at = i;
    }
    if (at < 0) return;
    // Keep the array dense: move the last one into the hole, then shrink (each store leaves
    // a valid array: a reader may see the moved index twice, never a missing one).
    t->indexes[at] = t->indexes[n - 1];
    t->nindexes.store(n - 1, std::memory_order_release);
  }
  RetireIndexNodes(index);
  HeapRetire(index);
}

void DropTable(TableMeta* t) {
  {
    DirectoryLatchGuard latch;
    t->state.store(uint32_t(TableState::kDropped), std::memory_order_release);
    g_root->tables[t->slot].store(nullptr, std::memory_order_release);
  }
  int n = t->nindexes.load();
  for (int i = 0; i < n; ++i) {
    RetireIndexNodes(t->indexes[i]);
    HeapRetire(t->indexes[i]);
  }
  DirPage* p = t->first_page.load();
  while (p != nullptr) {  // bounded by the table's pages
    for (uint32_t i = 0; i < kDirPageSlots; ++i) {
      RowHeader* r = p->rows[i].load(std::memory_order_relaxed);
      // Empty and free slots (a tagged link, low bit set) hold no row.
      if (r == nullptr || (reinterpret_cast<uintptr_t>(r) & 1) != 0) continue;
      HeapRetire(r->image.load());
      HeapRetire(r);
    }
    DirPage* next = p->next.load();
    HeapRetire(p);
    p = next;
  }
  HeapRetire(t->cols);
  HeapRetire(t);
}

RowImage* MakeImage(std::string_view bytes) {
  auto* i = static_cast<RowImage*>(HeapAlloc(sizeof(RowImage) + bytes.size()));
  i->bytes = static_cast<uint32_t>(bytes.size());
  std::memcpy(i->data, bytes.data(), bytes.size());
  return i;
}

RowHeader* NewRow(TableMeta* t, RowImage* image, Xid xid, void* undo) {
  auto* r = static_cast<RowHeader*>(HeapAlloc(sizeof(RowHeader)));
  r->lock_xid.store(xid, std::memory_order_relaxed);
  r->image.store(image, std::memory_order_relaxed);
  r->undo.store(undo, std::memory_order_relaxed);
  r->table_id = t->object_id;
  r->rowno = t->next_rowno.fetch_add(1, std::memory_order_relaxed);
  return r;
}

void SetRowNumber(TableMeta* t, RowHeader* row, uint64_t rowno) {
  row->rowno = rowno;
  uint64_t next = t->next_rowno.load();
  while (next <= rowno && !t->next_rowno.compare_exchange_weak(next, rowno + 1)) {
  }
}

void LinkRow(TableMeta* t, RowHeader* r) {
  DirectoryLatchGuard latch;
  uint32_t slot;
  uint32_t free_head = t->free_slot_head.load(std::memory_order_relaxed);
  DirPage* page = nullptr;
  if (free_head != 0) {
    slot = free_head - 1;
    for (page = t->first_page.load(); page->base + kDirPageSlots <= slot;) page = page->next.load();
    // A free slot holds the next free slot (1-based) tagged in the low bit of its pointer.
    auto link = reinterpret_cast<uintptr_t>(page->rows[slot - page->base].load());
    t->free_slot_head.store(static_cast<uint32_t>(link >> 1), std::memory_order_relaxed);
  } else {
    slot = t->slots_used.load(std::memory_order_relaxed);
    page = t->last_page;
    if (slot >= page->base + kDirPageSlots) {
      auto* fresh = static_cast<DirPage*>(HeapAlloc(sizeof(DirPage)));
      fresh->base = page->base + kDirPageSlots;
      page->next.store(fresh, std::memory_order_release);
      t->last_page = fresh;
      page = fresh;
    }
    t->slots_used.store(slot + 1, std::memory_order_release);
  }
  r->dir_slot = slot;
  r->linked.store(kRowLinked, std::memory_order_relaxed);
  page->rows[slot - page->base].store(r, std::memory_order_release);
  t->live_rows.fetch_add(1, std::memory_order_relaxed);
}

void UnlinkRow(TableMeta* t, RowHeader* row) {
  {
    DirectoryLatchGuard latch;
    if (!RowLinked(row)) return;
    DirPage* page = t->first_page.load();
    while (page->base + kDirPageSlots <= row->dir_slot) page = page->next.load();
    uintptr_t link = (uintptr_t{t->free_slot_head.load(std::memory_order_relaxed)} << 1) | 1;
    page->rows[row->dir_slot - page->base].store(reinterpret_cast<RowHeader*>(link),
                                                 std::memory_order_release);
    t->free_slot_head.store(row->dir_slot + 1, std::memory_order_relaxed);
    row->linked.store(kRowUnlinked, std::memory_order_release);
    t->live_rows.fetch_sub(1, std::memory_order_relaxed);
  }
  HeapRetire(row->image.load());
  HeapRetire(row);
}

RowCursor::RowCursor(const TableMeta* t)
    : page_(t->first_page.load(std::memory_order_acquire)),
      limit_(t->slots_used.load(std::memory_order_acquire)) {}

RowHeader* RowCursor::Next() {
  while (page_ != nullptr && page_base_ + index_ < limit_) {
    RowHeader* r = page_->rows[index_].load(std::memory_order_acquire);
    if (++index_ == kDirPageSlots) {
      page_ = page_->next.load(std::memory_order_acquire);
      index_ = 0;
      page_base_ += kDirPageSlots;
    }
    // Free slots hold a tagged link (low bit set), empty ones nullptr.
    if (r != nullptr && (reinterpret_cast<uintptr_t>(r) & 1) == 0) return r;
  }
  return nullptr;
}

void IndexInsert(IndexMeta* index, std::string_view key, RowHeader* row) {
  SkipNode* preds[kSkipLevels];
  FindPreds(index, key, preds);
  SkipNode* n = NewNode(key, row, RandomHeight());
  // Bottom-up: after each store the list is valid (a node reachable at low levels only).
  for (int level = 0; level < n->height; ++level) {
    n->next[level].store(preds[level]->next[level].load(std::memory_order_relaxed),
                         std::memory_order_relaxed);
    preds[level]->next[level].store(n, std::memory_order_release);
  }
  index->entries.fetch_add(1, std::memory_order_relaxed);
}

void IndexRemove(IndexMeta* index, std::string_view key, RowHeader* row) {
  SkipNode* preds[kSkipLevels];
  FindPreds(index, key, preds);
  // Among equal keys, find the node of this row; advance the preds past others.
  SkipNode* target = nullptr;
  for (SkipNode* n = preds[0]->next[0].load(); n != nullptr && CompareKey(n, key) == 0;
       n = n->next[0].load()) {
    if (n->row == row) {
      target = n;
      break;
    }
  }
  if (target == nullptr) return;
  // Top-down: each store leaves a valid list. A level may already be unlinked (a removal
  // repeated after a death mid-way): then the walk passes the key without meeting it.
  for (int level = target->height - 1; level >= 0; --level) {
    SkipNode* p = preds[level];
    SkipNode* n = p->next[level].load();
    while (n != nullptr && n != target && CompareKey(n, key) <= 0) {
      p = n;
      n = n->next[level].load();
    }
    if (n == target) p->next[level].store(target->next[level].load(), std::memory_order_release);
  }
  index->entries.fetch_sub(1, std::memory_order_relaxed);
  HeapRetire(target);
}

std::vector<RowHeader*> IndexLookup(const IndexMeta* index, std::string_view key) {
  std::vector<RowHeader*> out;
  SkipNode* preds[kSkipLevels];
  FindPreds(const_cast<IndexMeta*>(index), key, preds);
  for (SkipNode* n = preds[0]->next[0].load(std::memory_order_acquire);
       n != nullptr && CompareKey(n, key) == 0; n = n->next[0].load(std::memory_order_acquire)) {
    out.push_back(n->row);
  }
  return out;
}

}  // namespace warden::storage
