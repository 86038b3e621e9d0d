// The SGA data-area heap: variable-size blocks for tables, rows, indexes and undo, shared by
// every process, plus epoch-based reclamation so that a block another process may still be
// reading (an old row image, an undo record) is reused only when no statement that could
// have seen it is still running.
//
// Invariants (latch-free; every change is one atomic store or CAS, so a process that dies
// at any instruction leaves the heap consistent):
//  - Free blocks sit on per-size-class Treiber stacks whose heads carry an ABA tag.
//  - Fresh memory comes from a bump pointer; blocks never merge or split.
//  - A process that dies between taking a block and linking it into a shared structure
//    leaks that one block (a window of a few instructions); HeapStats shows the totals.
//  - Retire(p) stamps the block header (never the payload: readers may still be in it) with
//    the global epoch and pushes it on the calling process's own retired list (one per
//    process slot, each with its own counts and statement epoch on a cache line of its own:
//    processes retiring at the same time do not contend, as one shared stack made them);
//    Reclaim() returns to the free lists the retired blocks whose epoch is older than every
//    running statement's (EpochGuard) epoch: from the caller's list, and from one list of a
//    process not in a statement (idle, or dead: a list outlives its process and the next
//    process in the slot carries on with it); a full heap's pass goes through every list.
#pragma once

#include <cstddef>
#include <cstdint>

namespace warden::storage {

// Sets up the heap over [base, base + size) of the SGA (supervisor, once, before forking).
void HeapInit(uint8_t* base, uint64_t size, int32_t processes);
// True once HeapInit ran in this SGA.
bool HeapReady();

// Allocates n bytes (16-byte aligned, contents zeroed). Throws OraError ORA-04031 when the
// data area is exhausted.
void* HeapAlloc(std::size_t n);
// Frees a block no other process can reach (never published, or unlinked and retired).
void HeapFree(void* p);
// Frees a block once every statement running now has ended (it was reachable by others).
void HeapRetire(void* p);
// Whether p (handed out by HeapAlloc) has been retired. Only for a clean-up that finishes a
// dead process's unlink-then-retire, while that process's epoch still stands: a block it
// retired cannot have been freed and handed out again meanwhile.
bool HeapBlockRetired(const void* p);
// Frees the retired blocks no running statement can still see, from the calling process's
// list and one idle process's (see above). Cheap when there are none.
void HeapReclaim();

// Marks the calling process as reading shared structures from now until destruction: blocks
// retired after this point stay valid until it ends. Nests (only the outermost counts).
class EpochGuard {
 public:
  EpochGuard();
  ~EpochGuard();
  EpochGuard(const EpochGuard&) = delete;
  EpochGuard& operator=(const EpochGuard&) = delete;

 private:
  bool outer_;
};

// PMON: a dead process's epoch no longer holds anything back (and its private retires end).
void HeapClearEpochOf(int32_t process_slot);

// The calling process declares, until it says otherwise (or dies), that no other process
// that declared the same ever reads a block it retires: the recovery slaves of a parallel
// rollback, each undoing its own segment of one undo chain (each row under its recovery
// latch, index entries under the table directory latch). A pass over its own list then does
// not wait for those processes' statements: every slave is in a statement (a batch) nearly
// all the time, and with more slaves than cores some are always preempted in one, so each
// would hold back everything the others retire, and their passes would walk the same
// not-yet-freeable blocks over and over. Everyone else's statements still count.
void HeapSetPrivateRetires(bool on);

struct HeapStats {
  uint64_t total_bytes;     // the data area
  uint64_t bump_bytes;      // carved from the bump pointer so far
  uint64_t free_bytes;      // on the free lists
  uint64_t retired_bytes;   // waiting for their epoch
  uint64_t allocated_bytes; // handed out and not freed (bump - free - retired)
};
HeapStats GetHeapStats();

}  // namespace warden::storage
