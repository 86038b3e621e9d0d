// Redo apply for instance recovery (see redo_apply.h).
#include "txn/redo_apply.h"

#include "common/fixed_string.h"
#include "storage/shm_heap.h"
#include "storage/user_directory.h"
#include "txn/row_index.h"
#include "txn/transaction.h"

namespace warden::txn {
namespace {

Status Malformed(storage::RedoType type) {
  return Status::Error("ORA-00353: log corruption: malformed redo record of type " +
                       std::to_string(static_cast<int>(type)));
}

// A name already used by a later incarnation (a data file newer than the replay point holds
// it): the record's object is dropped further on in the stream, so it lives under a
// recycle-bin name until then.
std::string FreeName(std::string_view owner, const std::string& name, uint32_t object_id) {
  storage::TableMeta* other = nullptr;
  if (storage::FindTable(owner, name) == nullptr && storage::FindIndex(owner, name, &other) == nullptr) {
    return name;
  }
  return "BIN$" + std::to_string(object_id);
}

}  // namespace

storage::RowHeader* RedoApplier::FindRow(uint32_t table_id, uint64_t rowno) {
  auto t = rows_.find(table_id);
  if (t == rows_.end()) return nullptr;
  auto r = t->second.find(rowno);
  return r == t->second.end() ? nullptr : r->second;
}

void RedoApplier::ApplyRow(const storage::RowChangeRedo& r) {
  storage::TableMeta* t = storage::TableById(r.table_id);
  if (t == nullptr) {
    early_[r.table_id].push_back(r);
    return;
  }
  ++stats_.rows;
  storage::RowHeader* row = FindRow(r.table_id, r.rowno);
  if (r.deleted) {
    if (row == nullptr) return;
    RemoveIndexEntries(t, row, row->image.load(), nullptr);
    storage::UnlinkRow(t, row);
    rows_[r.table_id].erase(r.rowno);
    return;
  }
  storage::RowImage* image = storage::MakeImage(r.image);
  if (row == nullptr) {
    row = storage::NewRow(t, image, 0, nullptr);
    storage::SetRowNumber(t, row, r.rowno);
    storage::LinkRow(t, row);
    AddIndexEntries(t, row, image, nullptr);
    rows_[r.table_id][r.rowno] = row;
    return;
  }
  storage::RowImage* old = row->image.load();
  RemoveIndexEntries(t, row, old, image);
  row->image.store(image, std::memory_order_release);
  AddIndexEntries(t, row, image, old);
  storage::HeapFree(old);  // recovery runs alone: nobody can be reading it
}

Status RedoApplier::ApplyCatalog(storage::RedoType type, std::string_view payload) {
  using storage::RedoType;
  ++stats_.ddl;
  switch (type) {
    case RedoType::kCreateTable: {
      storage::TableRedo r;
      if (!storage::DecodeTable(payload, &r)) return Malformed(type);
      storage::NoteObjectId(r.object_id);
      if (dropped_.count(r.object_id) != 0) {
        early_.erase(r.object_id);
        return Status::OK();
      }
      if (storage::TableById(r.object_id) == nullptr) {
        const std::string name = FreeName(r.owner, r.name, r.object_id);
        if (name != r.name) renamed_[r.object_id] = r.name;
        storage::CreateTable(r.owner, name, r.columns, r.object_id, r.created);
      }
      auto early = early_.find(r.object_id);
      if (early != early_.end()) {
        std::vector<storage::RowChangeRedo> rows = std::move(early->second);
        early_.erase(early);
        for (const storage::RowChangeRedo& row : rows) ApplyRow(row);
      }
      return Status::OK();
    }
    case RedoType::kCreateIndex: {
      storage::IndexRedo r;
      if (!storage::DecodeIndex(payload, &r)) return Malformed(type);
      storage::NoteObjectId(r.object_id);
      storage::TableMeta* t = storage::TableById(r.table_id);
      if (t == nullptr || dropped_.count(r.object_id) != 0) return Status::OK();
      const int n = t->nindexes.load();
      for (int i = 0; i < n; ++i) {
        if (t->indexes[i]->object_id == r.object_id) return Status::OK();
      }
      const std::string name = FreeName(t->owner, r.name, r.object_id);
      if (name != r.name) renamed_[r.object_id] = r.name;
      storage::IndexMeta* ix = storage::CreateIndex(t, name, r.unique, r.primary_key, r.cols, r.object_id);
      storage::RowCursor cursor(t);
      // Bounded by the table's directory.
      for (storage::RowHeader* row = cursor.Next(); row != nullptr; row = cursor.Next()) {
        std::string key;
        const storage::RowImage* image = row->image.load();
        if (image == nullptr || !IndexKeyOf(t, ix, image, &key)) continue;
        storage::DirectoryLatchGuard latch;
        storage::IndexInsert(ix, key, row);
      }
      return Status::OK();
    }
    case RedoType::kDropTable:
    case RedoType::kDropIndex:
    case RedoType::kTruncate: {
      storage::ObjectRedo r;
      if (!storage::DecodeObject(payload, &r)) return Malformed(type);
      if (type == RedoType::kDropTable) {
        dropped_.insert(r.table_id);
        storage::NoteObjectId(r.table_id);
        early_.erase(r.table_id);
      } else if (type == RedoType::kDropIndex) {
        dropped_.insert(r.object_id);
        storage::NoteObjectId(r.object_id);
      }
      storage::TableMeta* t = storage::TableById(r.table_id);
      if (t == nullptr) return Status::OK();
      if (type == RedoType::kDropTable) {
        storage::DropGrantsOnObject(t->object_id);
        storage::DropTable(t);
        rows_.erase(r.table_id);
      } else if (type == RedoType::kDropIndex) {
        const int n = t->nindexes.load();
        for (int i = 0; i < n; ++i) {
          if (t->indexes[i]->object_id == r.object_id) {
            storage::DropIndex(t, t->indexes[i]);
            break;
          }
        }
      } else {
        for (auto& [rowno, row] : rows_[r.table_id]) {
          RemoveIndexEntries(t, row, row->image.load(), nullptr);
          storage::UnlinkRow(t, row);
        }
        rows_.erase(r.table_id);
      }
      return Status::OK();
    }
    case RedoType::kGrant: {
      storage::GrantRedo r;
      if (!storage::DecodeGrant(payload, &r)) return Malformed(type);
      storage::UserMeta* u = storage::FindUser(r.grantee);
      if (u != nullptr && storage::TableById(r.object_id) != nullptr) {
        storage::SetObjectPrivileges(r.object_id, u->user_id, r.privs);
      }
      return Status::OK();
    }
    default:
      return Malformed(type);
  }
}

Status RedoApplier::Apply(std::string_view payload) {
  using storage::RedoType;
  const RedoType type = storage::PayloadType(payload);
  switch (type) {
    case RedoType::kRowChange: {
      storage::RowChangeRedo r;
      if (!storage::DecodeRowChange(payload, &r)) return Malformed(type);
      if (r.xid == 0) {
        ApplyRow(r);
      } else {
        Pending& p = pending_[r.xid];
        if (p.attempt != r.attempt) p = Pending{r.attempt, {}};  // an interrupted try: dropped
        p.rows.push_back(std::move(r));
      }
      return Status::OK();
    }
    case RedoType::kCommit: {
      storage::CommitRedo c;
      if (!storage::DecodeCommit(payload, &c)) return Malformed(type);
      auto it = pending_.find(c.xid);
      if (it == pending_.end()) return Status::OK();
      if (it->second.attempt == c.attempt) {
        for (const storage::RowChangeRedo& r : it->second.rows) ApplyRow(r);
      }
      pending_.erase(it);
      ++stats_.transactions;
      return Status::OK();
    }
    case RedoType::kInstanceStart:
      stats_.discarded += pending_.size();
      pending_.clear();
      return Status::OK();
    case RedoType::kCheckpointHeader:
    case RedoType::kCheckpointEnd:
      return Status::OK();  // data-file framing (txn/checkpoint_file.cc reads it)
    default:
      return ApplyCatalog(type, payload);
  }
}

void RedoApplier::Finish() {
  stats_.discarded += pending_.size();
  pending_.clear();
  // Names given back: the object that held one when a record came is dropped further on.
  for (const auto& [id, name] : renamed_) {
    storage::TableMeta* other = nullptr;
    if (name.size() > storage::kMaxNameBytes) continue;
    if (storage::TableMeta* t = storage::TableById(id)) {
      if (storage::FindTable(t->owner, name) == nullptr &&
          storage::FindIndex(t->owner, name, &other) == nullptr) {
        CopyToFixed(t->name, sizeof t->name, name);
      }
      continue;
    }
    for (storage::TableMeta* t : storage::AllTables()) {
      const int n = t->nindexes.load();
      for (int i = 0; i < n; ++i) {
        storage::IndexMeta* ix = t->indexes[i];
        if (ix->object_id != id) continue;
        if (storage::FindTable(t->owner, name) == nullptr &&
            storage::FindIndex(t->owner, name, &other) == nullptr) {
          CopyToFixed(ix->name, sizeof ix->name, name);
        }
      }
    }
  }
  renamed_.clear();
  for (const auto& [table, rows] : early_) stats_.missing_table += rows.size();
  early_.clear();
}

}  // namespace warden::txn
