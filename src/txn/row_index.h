// Keeping a row's index entries in step with its image: used by undo, clean-out and redo
// apply (recovery).
#pragma once

#include "storage/row_store.h"

namespace warden::txn {

// Removes (key(image) -> row) from every index of t where key(image) differs from key(keep)
// (keep == nullptr: from all of them).
void RemoveIndexEntries(storage::TableMeta* t, storage::RowHeader* row,
                        const storage::RowImage* image, const storage::RowImage* keep);
// Adds (key(image) -> row) to every index of t where key(image) differs from key(old)
// (old == nullptr: to all of them). No uniqueness check: the caller knows the keys are valid.
void AddIndexEntries(storage::TableMeta* t, storage::RowHeader* row,
                     const storage::RowImage* image, const storage::RowImage* old);

}  // namespace warden::txn
