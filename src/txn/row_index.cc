// A row's index entries (see row_index.h).
#include "txn/row_index.h"

#include <string>

#include "txn/transaction.h"

namespace warden::txn {
namespace {

// Calls fn(index, key) for every index of t where key(image) differs from key(other).
template <typename Fn>
void ForChangedKeys(storage::TableMeta* t, const storage::RowImage* image,
                    const storage::RowImage* other, Fn fn) {
  if (image == nullptr) return;
  const int n = t->nindexes.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i) {
    storage::IndexMeta* ix = t->indexes[i];
    // Most updates leave the key columns alone (a rollback or clean-out of a million-row
    // UPDATE spent three quarters of its time computing keys only to find them equal).
    if (other != nullptr && SameKeyColumns(ix, image, other)) continue;
    std::string key, other_key;
    if (!IndexKeyOf(t, ix, image, &key)) continue;
    if (other != nullptr && IndexKeyOf(t, ix, other, &other_key) && other_key == key) continue;
    storage::DirectoryLatchGuard latch;
    fn(ix, key);
  }
}

}  // namespace

void RemoveIndexEntries(storage::TableMeta* t, storage::RowHeader* row,
                        const storage::RowImage* image, const storage::RowImage* keep) {
  ForChangedKeys(t, image, keep,
                 [&](storage::IndexMeta* ix, const std::string& key) { storage::IndexRemove(ix, key, row); });
}

void AddIndexEntries(storage::TableMeta* t, storage::RowHeader* row,
                     const storage::RowImage* image, const storage::RowImage* old) {
  ForChangedKeys(t, image, old,
                 [&](storage::IndexMeta* ix, const std::string& key) { storage::IndexInsert(ix, key, row); });
}

}  // namespace warden::txn
