// SGA data-area heap and epoch-based reclamation (see shm_heap.h for the invariants).
#include "storage/shm_heap.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>

#include "common/ora_error.h"
#include "sga/process_array.h"

namespace warden::storage {
namespace {

constexpr uint64_t kMagic = 0x5741524448454150ULL;  // "WARDHEAP"
constexpr uint32_t kHeaderBytes = 16;
constexpr int kClassCount = 46;  // 32 B .. 128 MiB, steps of x1.5 / x1.33

// Every block starts with this header; the payload follows.
struct BlockHeader {
  uint16_t size_class;
  uint16_t state;  // kStateUsed / kStateFree / kStateRetired: catches double frees
  // The low 32 bits of the global epoch when the block was retired. Kept in the header, not
  // the payload: a retired block is still read by the statements that could see it.
  uint32_t retire_epoch;
  std::atomic<uint64_t> next;  // free/retired stacks: packed offset of the next block
};
static_assert(sizeof(BlockHeader) == kHeaderBytes);

constexpr uint16_t kStateUsed = 0xB10C;
constexpr uint16_t kStateFree = 0xF4EE;
constexpr uint16_t kStateRetired = 0xDEAD;

// One per process slot, and one more shared by code running outside any slot (a process
// while it starts, unit tests). Each on its own cache line: processes that retire and reclaim
// at the same time (the recovery slaves of a parallel rollback) then work on lines of their
// own, not on one stack head and a few counters that every retire and free would bounce
// between the cores.
struct alignas(64) ProcHeap {
  std::atomic<uint64_t> epoch;         // the running statement's epoch, 0 = none
  std::atomic<uint64_t> retired_head;  // the blocks this process retired, newest on top
  std::atomic<uint64_t> kept_head;     // a pass's parking stack for this list (ReclaimList)
  std::atomic<uint64_t> retired_since_pass;  // pushed on this list since its last pass
  // Its process's statement ends run a pass once retired_since_pass reaches this: 256, or
  // more (up to 65536) while passes over the list find more blocks they cannot free yet
  // than they free (see NormalPassOver).
  std::atomic<uint64_t> pass_after;
  // The minimum epoch of the last pass that went through the whole list (0: the last one
  // stopped at its budget): a pass with the same minimum cannot free anything more.
  std::atomic<uint64_t> last_pass_min;
  std::atomic<uint64_t> last_full_min;  // the same for the passes of a full heap
  // This process's part of the heap's byte counts, whose sums are the totals: a block is
  // often retired by one process and freed, or handed out again, by another.
  std::atomic<int64_t> free_bytes;
  std::atomic<int64_t> retired_bytes;
  std::atomic<uint32_t> private_retires;  // HeapSetPrivateRetires
};

struct HeapHeader {
  uint64_t magic;
  uint64_t size;  // bytes in the data area, this header included
  int32_t epoch_slots;
  std::atomic<uint64_t> bump;  // offset of the first never-used byte
  std::atomic<uint64_t> free_heads[kClassCount];  // tag<<32 | offset/16
  alignas(64) std::atomic<uint64_t> global_epoch;
  std::atomic<uint64_t> last_min;  // the minimum the latest pass found (the epoch's lag)
  std::atomic<uint32_t> next_foreign;  // where a pass starts looking for an idle list
  ProcHeap procs[1];  // [epoch_slots]
};

HeapHeader* g_heap = nullptr;
uint8_t* g_base = nullptr;
thread_local int t_guard_depth = 0;

uint64_t ClassSize(int c) {
  // 32, 48, 64, 96, 128, 192, ... : alternate x1.5 and x4/3.
  uint64_t pow = uint64_t{32} << (c / 2);
  return (c % 2 == 0) ? pow : pow + pow / 2;
}

int ClassFor(uint64_t bytes) {
  for (int c = 0; c < kClassCount; ++c) {
    if (ClassSize(c) >= bytes) return c;
  }
  return -1;
}

BlockHeader* BlockAt(uint32_t packed) {
  return reinterpret_cast<BlockHeader*>(g_base + uint64_t{packed} * 16);
}
uint32_t Pack(const BlockHeader* b) {
  return static_cast<uint32_t>((reinterpret_cast<const uint8_t*>(b) - g_base) / 16);
}

void Push(std::atomic<uint64_t>* head, BlockHeader* b) {
  uint64_t old = head->load(std::memory_order_acquire);
  for (;;) {  // retried only while other processes push or pop concurrently
    b->next.store(old & 0xFFFFFFFFu, std::memory_order_relaxed);
    uint64_t tag = (old >> 32) + 1;
    if (head->compare_exchange_weak(old, (tag << 32) | Pack(b), std::memory_order_release,
                                    std::memory_order_acquire)) {
      return;
    }
  }
}

BlockHeader* Pop(std::atomic<uint64_t>* head) {
  uint64_t old = head->load(std::memory_order_acquire);
  for (;;) {
    uint32_t off = static_cast<uint32_t>(old & 0xFFFFFFFFu);
    if (off == 0) return nullptr;
    BlockHeader* b = BlockAt(off);
    // `next` may be stale if b was popped meanwhile; the tag makes that CAS fail.
    uint64_t next = b->next.load(std::memory_order_relaxed);
    uint64_t tag = (old >> 32) + 1;
    if (head->compare_exchange_weak(old, (tag << 32) | (next & 0xFFFFFFFFu),
                                    std::memory_order_acquire, std::memory_order_acquire)) {
      return b;
    }
  }
}

int32_t MyEpochSlot() {
  int32_t p = sga::MyProcessIndex();
  return (p < 0 || p >= g_heap->epoch_slots - 1) ? g_heap->epoch_slots - 1 : p;
}
ProcHeap* Mine() { return &g_heap->procs[MyEpochSlot()]; }

// The oldest running statement's epoch (UINT64_MAX: none), and the oldest but those of
// other processes with private retires (for the own list of one that has them).
struct ActiveEpochs {
  uint64_t min = UINT64_MAX;
  uint64_t min_for_private = UINT64_MAX;
};
ActiveEpochs MinActiveEpochs(const ProcHeap* me) {
  ActiveEpochs a;
  for (int32_t i = 0; i < g_heap->epoch_slots; ++i) {
    const ProcHeap* p = &g_heap->procs[i];
    const uint64_t e = p->epoch.load(std::memory_order_seq_cst);
    if (e == 0) continue;
    a.min = std::min(a.min, e);
    if (p == me || p->private_retires.load(std::memory_order_relaxed) == 0) {
      a.min_for_private = std::min(a.min_for_private, e);
    }
  }
  return a;
}

uint64_t TotalRetiredBytes() {
  int64_t sum = 0;
  for (int32_t i = 0; i < g_heap->epoch_slots; ++i) sum += g_heap->procs[i].retired_bytes.load();
  return static_cast<uint64_t>(std::max<int64_t>(sum, 0));
}

BlockHeader* HeaderOf(void* p) {
  auto* b = reinterpret_cast<BlockHeader*>(static_cast<uint8_t*>(p) - kHeaderBytes);
  return b;
}

void ReclaimPass(bool all);

}  // namespace

void HeapInit(uint8_t* base, uint64_t size, int32_t processes) {
  g_base = base;
  g_heap = new (base) HeapHeader();
  g_heap->magic = kMagic;
  g_heap->size = size;
  g_heap->epoch_slots = processes + 1;  // + one for code running outside any process slot
  uint64_t header_bytes = sizeof(HeapHeader) + sizeof(ProcHeap) * processes;
  for (int32_t i = 1; i < g_heap->epoch_slots; ++i) new (&g_heap->procs[i]) ProcHeap();
  for (int32_t i = 0; i < g_heap->epoch_slots; ++i) g_heap->procs[i].pass_after.store(256);
  g_heap->bump.store((header_bytes + 63) & ~uint64_t{63});
  g_heap->global_epoch.store(1);
}

bool HeapReady() { return g_heap != nullptr && g_heap->magic == kMagic; }

void* HeapAlloc(std::size_t n) {
  const int c = ClassFor(n + kHeaderBytes);
  if (c < 0) throw OraError::Make(4031, {std::to_string(n), "shared pool", "data area", "row"});
  int got = c;  // the class of the block handed out
  BlockHeader* b = Pop(&g_heap->free_heads[c]);
  if (b != nullptr) {
    Mine()->free_bytes.fetch_sub(ClassSize(c), std::memory_order_relaxed);
  } else {
    uint64_t need = ClassSize(c);
    uint64_t off = g_heap->bump.fetch_add(need, std::memory_order_relaxed);
    if (off + need > g_heap->size || (off + need) / 16 > UINT32_MAX) {
      g_heap->bump.fetch_sub(need, std::memory_order_relaxed);
      ReclaimPass(true);  // retired blocks may be free now, however deep
      // Blocks never split, so a free block of a somewhat larger class (up to about 8x, six
      // classes up) serves too, rather than ORA-04031 with memory free in other classes
      // (say, after a large table of wider rows was dropped). It keeps its own class.
      for (int d = c; b == nullptr && d < std::min(kClassCount, c + 7); ++d) {
        b = Pop(&g_heap->free_heads[d]);
        if (b != nullptr) got = d;
      }
      if (b == nullptr) {
        throw OraError::Make(4031, {std::to_string(n), "shared pool", "data area", "row"});
      }
      Mine()->free_bytes.fetch_sub(ClassSize(got), std::memory_order_relaxed);
    } else {
      b = reinterpret_cast<BlockHeader*>(g_base + off);
    }
  }
  b->size_class = static_cast<uint16_t>(got);
  b->state = kStateUsed;
  void* p = reinterpret_cast<uint8_t*>(b) + kHeaderBytes;
  std::memset(p, 0, ClassSize(got) - kHeaderBytes);
  return p;
}

void HeapFree(void* p) {
  if (p == nullptr) return;
  BlockHeader* b = HeaderOf(p);
  if (b->state != kStateUsed) throw OraError::Make(600, {"HeapFree", "block not in use"});
  b->state = kStateFree;
  Mine()->free_bytes.fetch_add(ClassSize(b->size_class), std::memory_order_relaxed);
  Push(&g_heap->free_heads[b->size_class], b);
}

void HeapRetire(void* p) {
  if (p == nullptr) return;
  BlockHeader* b = HeaderOf(p);
  if (b->state != kStateUsed) throw OraError::Make(600, {"HeapRetire", "block not in use"});
  b->state = kStateRetired;
  b->retire_epoch = static_cast<uint32_t>(g_heap->global_epoch.load(std::memory_order_seq_cst));
  ProcHeap* me = Mine();
  me->retired_bytes.fetch_add(ClassSize(b->size_class), std::memory_order_relaxed);
  Push(&me->retired_head, b);
  me->retired_since_pass.fetch_add(1, std::memory_order_relaxed);
}

bool HeapBlockRetired(const void* p) {
  return HeaderOf(const_cast<void*>(p))->state == kStateRetired;
}

namespace {

// What a pass over one list did.
struct ListPass {
  bool through = false;  // the list ran out before the budget did
  uint64_t freed = 0;
  uint64_t kept = 0;  // looked at, not freeable yet
};

// Looks at up to `budget` blocks of `list`, newest first: those retired before `min` go to
// their free lists, the others are parked on the list's own `kept` stack and then put back.
// Every block is popped and pushed one at a time on stacks in the SGA, so a death here leaks
// at most the one block in hand; what a dead pass parked, the next pass over the list puts
// back. The byte counts moved are the calling process's (`me`).
ListPass ReclaimList(ProcHeap* list, uint64_t min, uint64_t budget, ProcHeap* me) {
  const auto min32 = static_cast<uint32_t>(min);
  ListPass pass;
  for (uint64_t i = 0; i < budget; ++i) {
    BlockHeader* b = Pop(&list->retired_head);
    if (b == nullptr) {
      pass.through = true;
      break;
    }
    if (static_cast<int32_t>(b->retire_epoch - min32) < 0) {  // stamp < min, wrap-aware
      const auto bytes = static_cast<int64_t>(ClassSize(b->size_class));
      me->retired_bytes.fetch_sub(bytes, std::memory_order_relaxed);
      b->state = kStateFree;
      me->free_bytes.fetch_add(bytes, std::memory_order_relaxed);
      Push(&g_heap->free_heads[b->size_class], b);
      ++pass.freed;
    } else {
      Push(&list->kept_head, b);
      ++pass.kept;
    }
  }
  for (uint64_t i = 0; i < budget; ++i) {
    BlockHeader* b = Pop(&list->kept_head);
    if (b == nullptr) break;
    Push(&list->retired_head, b);
  }
  return pass;
}

// A normal pass (see HeapReclaim) over `list` with `min`, unless its last pass went through
// it with the same minimum: the blocks pushed since were stamped no earlier than that
// minimum, so none of them could be freed. Bounded: it looks at twice the blocks pushed on
// the list since its last pass, at least 65536 and at most 262144 (about 25 ms: a statement
// that retired millions must not stall at its end, where a killed session's rollback would
// look stuck); what is left over keeps the next statement ends reclaiming, so a million
// retired row images are all looked at within a few statements.
// The newest blocks are on top, so a pass walks (and parks) the ones not freeable yet before
// it reaches the others; a process retiring fast while others' statements hold the minimum
// back (recovery slaves: each holds an epoch for its batch, and on fewer cores than slaves
// some are always preempted in one) would walk the same blocks at every statement end.
// Such a list's passes are spaced out: the trigger doubles while a pass keeps more than it
// frees, and is back to 256 once a pass frees more.
void NormalPassOver(ProcHeap* list, uint64_t min, ProcHeap* me) {
  if (list->last_pass_min.load(std::memory_order_relaxed) == min) return;
  const uint64_t recent = list->retired_since_pass.exchange(0, std::memory_order_relaxed);
  constexpr uint64_t kMinPerPass = 65536, kMaxPerPass = 262144;
  const uint64_t wanted = std::max(kMinPerPass, 2 * recent);
  const uint64_t budget = std::min(kMaxPerPass, wanted);
  if (wanted > budget) {
    list->retired_since_pass.fetch_add((wanted - budget) / 2, std::memory_order_relaxed);
  }
  const ListPass pass = ReclaimList(list, min, budget, me);
  list->last_pass_min.store(pass.through ? min : 0, std::memory_order_relaxed);
  constexpr uint64_t kPassAfter = 256, kMaxPassAfter = 65536;
  const uint64_t after = list->pass_after.load(std::memory_order_relaxed);
  list->pass_after.store(pass.kept > pass.freed ? std::min(kMaxPassAfter, 2 * after) : kPassAfter,
                         std::memory_order_relaxed);
}

// One reclaim pass. A normal one (`all` false, at a statement's end) goes over the calling
// process's own list, then over one list of a process not in a statement (one that went idle
// or died with blocks retired: each such list in turn, from pass to pass). A list is pushed
// on only by its own process, so a busy process's list is left to it and passes do not
// contend with each other's retires. `all` (the heap is full) goes over every list, however
// deep the freeable blocks lie.
void ReclaimPass(bool all) {
  // A block retired at epoch s may be read by statements whose epoch is <= s; it is freed
  // once every running statement's epoch is above s. The epoch is read (and advanced) before
  // the statements' epochs are: a statement that the look below misses stored its epoch
  // after it, so every block it can see is retired after the advance, with a stamp >= now,
  // and stays. The global epoch advances only while the oldest statement lags by less than
  // kMaxEpochLag, so every stamp on the lists is within 2^31 of `min` and 32-bit stamps
  // compare exactly; a statement older than that only keeps its blocks longer (the heap
  // fills, ORA-04031), never freed early.
  constexpr uint64_t kMaxEpochLag = uint64_t{1} << 30;
  uint64_t now = g_heap->global_epoch.load(std::memory_order_seq_cst);
  if (now - g_heap->last_min.load(std::memory_order_relaxed) < kMaxEpochLag) {
    now = g_heap->global_epoch.fetch_add(1, std::memory_order_seq_cst) + 1;
  }
  ProcHeap* me = Mine();
  const ActiveEpochs active = MinActiveEpochs(me);
  const uint64_t min = std::min(active.min, now);
  g_heap->last_min.store(min, std::memory_order_relaxed);
  const int32_t n = g_heap->epoch_slots;
  if (all) {
    // Without this, a full heap under one long statement would walk every retired block at
    // every allocation.
    const uint64_t budget = TotalRetiredBytes() / 32 + 1;
    for (int32_t i = 0; i < n; ++i) {
      ProcHeap* list = &g_heap->procs[i];
      if (list->last_full_min.exchange(min, std::memory_order_relaxed) == min) continue;
      ReclaimList(list, min, budget, me);
    }
    return;
  }
  const bool private_retires = me->private_retires.load(std::memory_order_relaxed) != 0;
  NormalPassOver(me, private_retires ? std::min(active.min_for_private, now) : min, me);
  const uint32_t start = g_heap->next_foreign.load(std::memory_order_relaxed);
  for (int32_t k = 0; k < n; ++k) {  // bounded by the slots
    const auto i = static_cast<int32_t>((start + uint32_t(k)) % uint32_t(n));
    ProcHeap* list = &g_heap->procs[i];
    if (list == me || list->epoch.load(std::memory_order_relaxed) != 0 ||
        (list->retired_head.load(std::memory_order_relaxed) & 0xFFFFFFFFu) == 0 ||
        list->last_pass_min.load(std::memory_order_relaxed) == min) {
      continue;
    }
    g_heap->next_foreign.store(static_cast<uint32_t>(i + 1), std::memory_order_relaxed);
    NormalPassOver(list, min, me);
    break;
  }
}

}  // namespace

void HeapReclaim() { ReclaimPass(false); }

EpochGuard::EpochGuard() : outer_(t_guard_depth++ == 0) {
  if (!outer_ || g_heap == nullptr) return;
  Mine()->epoch.store(g_heap->global_epoch.load(std::memory_order_seq_cst), std::memory_order_seq_cst);
}

EpochGuard::~EpochGuard() {
  --t_guard_depth;
  if (!outer_ || g_heap == nullptr) return;
  ProcHeap* me = Mine();
  me->epoch.store(0, std::memory_order_seq_cst);
  if (me->retired_since_pass.load(std::memory_order_relaxed) >=
      me->pass_after.load(std::memory_order_relaxed)) {
    HeapReclaim();
  }
}

void HeapClearEpochOf(int32_t process_slot) {
  if (g_heap == nullptr || process_slot < 0 || process_slot >= g_heap->epoch_slots) return;
  g_heap->procs[process_slot].private_retires.store(0);  // the slot's next process is not
  g_heap->procs[process_slot].epoch.store(0, std::memory_order_seq_cst);
}

void HeapSetPrivateRetires(bool on) {
  if (g_heap != nullptr) Mine()->private_retires.store(on ? 1 : 0);
}

HeapStats GetHeapStats() {
  HeapStats s{};
  s.total_bytes = g_heap->size;
  s.bump_bytes = g_heap->bump.load();
  int64_t free_bytes = 0, retired_bytes = 0;
  for (int32_t i = 0; i < g_heap->epoch_slots; ++i) {
    free_bytes += g_heap->procs[i].free_bytes.load();
    retired_bytes += g_heap->procs[i].retired_bytes.load();
  }
  s.free_bytes = static_cast<uint64_t>(free_bytes);
  s.retired_bytes = static_cast<uint64_t>(retired_bytes);
  s.allocated_bytes = s.bump_bytes - s.free_bytes - s.retired_bytes;
  return s;
}

}  // namespace warden::storage
