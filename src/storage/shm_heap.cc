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

struct HeapHeader {
  uint64_t magic;
  uint64_t size;  // bytes in the data area, this header included
  int32_t epoch_slots;
  std::atomic<uint64_t> bump;  // offset of the first never-used byte
  std::atomic<uint64_t> free_heads[kClassCount];  // tag<<32 | offset/16
  std::atomic<uint64_t> retired_head;
  std::atomic<uint64_t> kept_head;  // HeapReclaim's parking stack (see there)
  std::atomic<uint64_t> global_epoch;
  std::atomic<uint64_t> last_reclaim_min;  // skip a reclaim that cannot free anything new
  std::atomic<uint64_t> last_full_min;     // the same for a pass over every retired block
  std::atomic<uint64_t> free_bytes;
  std::atomic<uint64_t> retired_bytes;
  std::atomic<uint64_t> retired_since_reclaim;
  std::atomic<uint64_t> proc_epoch[1];  // [epoch_slots]: 0 = not in a statement
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

uint64_t MinActiveEpoch() {
  uint64_t min = UINT64_MAX;
  for (int32_t i = 0; i < g_heap->epoch_slots; ++i) {
    uint64_t e = g_heap->proc_epoch[i].load(std::memory_order_seq_cst);
    if (e != 0 && e < min) min = e;
  }
  return min;
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
  uint64_t header_bytes = sizeof(HeapHeader) + sizeof(std::atomic<uint64_t>) * processes;
  for (int32_t i = 0; i < g_heap->epoch_slots; ++i) {
    new (&g_heap->proc_epoch[i]) std::atomic<uint64_t>(0);
  }
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
    g_heap->free_bytes.fetch_sub(ClassSize(c), std::memory_order_relaxed);
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
      g_heap->free_bytes.fetch_sub(ClassSize(got), std::memory_order_relaxed);
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
  g_heap->free_bytes.fetch_add(ClassSize(b->size_class), std::memory_order_relaxed);
  Push(&g_heap->free_heads[b->size_class], b);
}

void HeapRetire(void* p) {
  if (p == nullptr) return;
  BlockHeader* b = HeaderOf(p);
  if (b->state != kStateUsed) throw OraError::Make(600, {"HeapRetire", "block not in use"});
  b->state = kStateRetired;
  b->retire_epoch = static_cast<uint32_t>(g_heap->global_epoch.load(std::memory_order_seq_cst));
  g_heap->retired_bytes.fetch_add(ClassSize(b->size_class), std::memory_order_relaxed);
  Push(&g_heap->retired_head, b);
  g_heap->retired_since_reclaim.fetch_add(1, std::memory_order_relaxed);
}

namespace {

// One pass over the retired stack (see HeapReclaim). Bounded: a normal pass looks at twice
// the blocks retired since the last one, at least 65536 and at most 262144 (about 25 ms: a
// statement that retired millions must not stall at its end, where a killed session's
// rollback would look stuck); what is left over keeps the next statement ends reclaiming,
// so a million retired row images are all looked at within a few statements. `all` (the
// heap is full) looks at every retired block, however deep the freeable ones lie.
void ReclaimPass(bool all) {
  // A block retired at epoch s may be read by statements whose epoch is <= s; it is freed
  // once every running statement's epoch is above s. `min` is capped by the epoch this pass
  // starts (blocks retired during the pass stay for the next one). The global epoch advances
  // only while the oldest statement lags by less than kMaxEpochLag, so every stamp still on
  // the retired stack is within 2^31 of `min` and 32-bit stamps compare exactly; a statement
  // older than that only keeps its blocks longer (the heap fills, ORA-04031), never freed early.
  constexpr uint64_t kMaxEpochLag = uint64_t{1} << 30;
  const uint64_t active_min = MinActiveEpoch();
  uint64_t now = g_heap->global_epoch.load(std::memory_order_seq_cst);
  if (active_min == UINT64_MAX || now - active_min < kMaxEpochLag) {
    now = g_heap->global_epoch.fetch_add(1, std::memory_order_seq_cst) + 1;
  }
  const uint64_t min = std::min(active_min, now);
  // Nothing new can be freed when no statement ended since the last pass. For a pass over
  // every block, blocks retired since the last one do not count: their stamps are >= min.
  // (Without this, a full heap under one long statement would walk every retired block at
  // every allocation.)
  if (all ? g_heap->last_full_min.exchange(min) == min
          : (g_heap->last_reclaim_min.exchange(min) == min &&
             g_heap->retired_since_reclaim.load(std::memory_order_relaxed) == 0)) {
    return;
  }
  const uint64_t recent = g_heap->retired_since_reclaim.exchange(0, std::memory_order_relaxed);
  constexpr uint64_t kMinPerPass = 65536, kMaxPerPass = 262144;
  const uint64_t wanted = std::max(kMinPerPass, 2 * recent);
  const uint64_t budget =
      all ? g_heap->retired_bytes.load(std::memory_order_relaxed) / 32 + 1 : std::min(kMaxPerPass, wanted);
  if (!all && wanted > budget) {
    g_heap->retired_since_reclaim.fetch_add((wanted - budget) / 2, std::memory_order_relaxed);
  }
  const auto min32 = static_cast<uint32_t>(min);
  // Each retired block is popped once: freed, or parked on the shared `kept` stack and then
  // moved back. Both stacks live in the SGA, so a death here leaks at most the one block in
  // hand. Bounded per call; what is left waits for the next call.
  for (uint64_t i = 0; i < budget; ++i) {
    BlockHeader* b = Pop(&g_heap->retired_head);
    if (b == nullptr) break;
    if (static_cast<int32_t>(b->retire_epoch - min32) < 0) {  // stamp < min, wrap-aware
      g_heap->retired_bytes.fetch_sub(ClassSize(b->size_class), std::memory_order_relaxed);
      b->state = kStateFree;
      g_heap->free_bytes.fetch_add(ClassSize(b->size_class), std::memory_order_relaxed);
      Push(&g_heap->free_heads[b->size_class], b);
    } else {
      Push(&g_heap->kept_head, b);
    }
  }
  for (uint64_t i = 0; i < budget; ++i) {
    BlockHeader* b = Pop(&g_heap->kept_head);
    if (b == nullptr) break;
    Push(&g_heap->retired_head, b);
  }
}

}  // namespace

void HeapReclaim() { ReclaimPass(false); }

EpochGuard::EpochGuard() : outer_(t_guard_depth++ == 0) {
  if (!outer_ || g_heap == nullptr) return;
  g_heap->proc_epoch[MyEpochSlot()].store(g_heap->global_epoch.load(std::memory_order_seq_cst),
                                          std::memory_order_seq_cst);
}

EpochGuard::~EpochGuard() {
  --t_guard_depth;
  if (!outer_ || g_heap == nullptr) return;
  g_heap->proc_epoch[MyEpochSlot()].store(0, std::memory_order_seq_cst);
  if (g_heap->retired_since_reclaim.load(std::memory_order_relaxed) >= 256) HeapReclaim();
}

void HeapClearEpochOf(int32_t process_slot) {
  if (g_heap == nullptr || process_slot < 0 || process_slot >= g_heap->epoch_slots) return;
  g_heap->proc_epoch[process_slot].store(0, std::memory_order_seq_cst);
}

HeapStats GetHeapStats() {
  HeapStats s{};
  s.total_bytes = g_heap->size;
  s.bump_bytes = g_heap->bump.load();
  s.free_bytes = g_heap->free_bytes.load();
  s.retired_bytes = g_heap->retired_bytes.load();
  s.allocated_bytes = s.bump_bytes - s.free_bytes - s.retired_bytes;
  return s;
}

}  // namespace warden::storage
