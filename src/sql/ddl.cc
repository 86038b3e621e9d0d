// DDL statements (see ddl.h).
#include "sql/ddl.h"

#include <set>

#include "common/clock.h"
#include "common/ora_error.h"
#include "sql/column_types.h"
#include "sql/privileges.h"
#include "sql/row_codec.h"
#include "sql/stored_table.h"
#include "sql/table_locks.h"
#include "storage/redo_log.h"
#include "storage/shm_heap.h"
#include "storage/user_directory.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

// The schema a new object goes to: one's own needs `own`, another's `any` (ORA-01031).
std::string OwnerFor(const ObjectName& n, const SessionContext& session, storage::SysPriv own,
                     storage::SysPriv any) {
  std::string owner = n.schema.empty() ? session.username : n.schema;
  if (!HasSysPriv(session, owner == session.username ? own : any)) OraError::ThrowAt(1031, n.position);
  return owner;
}

// A table DDL changes: one's own, or another's with DROP ANY TABLE (ORA-00942 when the
// session cannot see it, ORA-01031 when it can but may not change it).
storage::TableMeta* TableOrFail(const ObjectName& n, const SessionContext& session) {
  storage::TableMeta* t = ResolveTable(n.schema, n.name, session);
  if (t == nullptr) OraError::ThrowAt(942, n.position);
  if (t->owner != session.username && !HasSysPriv(session, storage::kPrivDropAnyTable)) {
    CheckTableAccess(session, *t, storage::kObjSelect, n.position);
    OraError::ThrowAt(1031, n.position);
  }
  return t;
}

// Oracle names unnamed constraints SYS_Cnnnnnn (and their indexes the same).
std::string SystemConstraintName() {
  std::string digits = std::to_string(storage::NextObjectId());
  return "SYS_C" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

// Indexes every row that has an image; a unique index over two rows with the same key
// fails with ORA-01452 (the index is dropped again by the caller).
void FillIndex(storage::TableMeta* t, storage::IndexMeta* ix) {
  storage::RowCursor cursor(t);
  std::set<std::string> seen;
  // Bounded by the table's directory.
  for (storage::RowHeader* r = cursor.Next(); r != nullptr; r = cursor.Next()) {
    const storage::RowImage* image = r->image.load();
    if (image == nullptr) continue;
    std::vector<Value> row;
    DecodeRow(storage::ImageBytes(image), &row);
    std::string key;
    if (!EncodeIndexKey(*ix, row, &key)) continue;
    if (ix->unique && !seen.insert(key).second) throw OraError::Make(1452, {});
    storage::DirectoryLatchGuard latch;
    storage::IndexInsert(ix, key, r);
  }
}

storage::IndexMeta* CreateIndexOn(storage::TableMeta* t, const std::string& name, bool unique,
                                  bool pk, const std::vector<int32_t>& cols) {
  int n = t->nindexes.load();
  for (int i = 0; i < n; ++i) {
    const storage::IndexMeta* ix = t->indexes[i];
    if (std::vector<int32_t>(ix->cols, ix->cols + ix->ncols) == cols) {
      throw OraError::Make(pk || unique ? 2261 : 1408, {});
    }
  }
  storage::IndexMeta* ix = storage::CreateIndex(t, name, unique, pk, cols);
  try {
    FillIndex(t, ix);
  } catch (...) {
    storage::DropIndex(t, ix);
    throw;
  }
  return ix;
}

std::string CreateTable(const CreateTableStatement& ct, SessionContext& session) {
  std::string owner =
      OwnerFor(ct.table, session, storage::kPrivCreateTable, storage::kPrivCreateAnyTable);
  std::vector<storage::NewColumn> cols;
  std::set<std::string> names;
  for (const ColumnSpec& c : ct.columns) {
    if (!names.insert(c.name).second) OraError::ThrowAt(957, c.position);
    storage::NewColumn nc;
    nc.name = c.name;
    ResolveColumnType(c.type, &nc);
    nc.nullable = !c.not_null;
    nc.default_sql = c.default_text;
    cols.push_back(std::move(nc));
  }
  int pk_count = 0;
  for (const KeyConstraint& k : ct.keys) {
    if (k.primary_key && ++pk_count > 1) OraError::ThrowAt(2260, k.position);
    for (const std::string& kc : k.columns) {
      bool found = false;
      for (storage::NewColumn& nc : cols) {
        if (nc.name == kc) {
          found = true;
          if (k.primary_key) nc.nullable = false;
        }
      }
      if (!found) OraError::ThrowAt(904, k.position, {"\"" + kc + "\""});
    }
  }
  // The CREATE record is durable before the table is published: a session that uses the new
  // table at once commits after it in the log, so a crash never keeps its rows and loses the
  // table. A creation that fails after that is logged as a DROP.
  storage::TableRedo redo;
  redo.object_id = storage::NextObjectId();
  redo.owner = owner;
  redo.name = ct.table.name;
  redo.created = WallSeconds();
  redo.columns = cols;
  if (storage::FindTable(owner, ct.table.name) != nullptr) throw OraError::Make(955, {});
  storage::RedoWriteDurably({storage::EncodeTable(redo)});
  const std::string dropped =
      storage::EncodeObject(storage::RedoType::kDropTable, {redo.object_id, 0});
  storage::TableMeta* t = nullptr;
  try {
    t = storage::CreateTable(owner, ct.table.name, cols, redo.object_id, redo.created);
    for (const KeyConstraint& k : ct.keys) {
      std::vector<int32_t> idx;
      for (const std::string& kc : k.columns) idx.push_back(StoredColumnIndexOrFail(*t, kc, k.position));
      CreateIndexOn(t, k.name.empty() ? SystemConstraintName() : k.name, true, k.primary_key, idx);
    }
  } catch (...) {
    if (t != nullptr) storage::DropTable(t);
    storage::RedoWriteDurably({dropped});
    throw;
  }
  std::vector<std::string> indexes;
  for (int i = 0; i < t->nindexes.load(); ++i) {
    indexes.push_back(storage::EncodeIndex(storage::IndexRedoOf(*t, *t->indexes[i])));
  }
  storage::RedoWriteDurably(indexes);
  return "CREATE TABLE";
}

std::string CreateIndex(const CreateIndexStatement& ci, SessionContext& session) {
  storage::TableMeta* t = TableOrFail(ci.table, session);
  DdlTableLock lock(*t);
  std::string owner =
      OwnerFor(ci.index, session, storage::kPrivCreateTable, storage::kPrivCreateAnyTable);
  std::vector<int32_t> cols;
  for (const std::string& c : ci.columns) cols.push_back(StoredColumnIndexOrFail(*t, c, ci.table.position));
  storage::TableMeta* other = nullptr;
  if (storage::FindIndex(owner, ci.index.name, &other) != nullptr ||
      storage::FindTable(owner, ci.index.name) != nullptr) {
    OraError::ThrowAt(955, ci.index.position);
  }
  storage::IndexMeta* ix = CreateIndexOn(t, ci.index.name, ci.unique, false, cols);
  storage::RedoWriteDurably({storage::EncodeIndex(storage::IndexRedoOf(*t, *ix))});
  return "CREATE INDEX";
}

std::string DropTable(const DropStatement& d, SessionContext& session) {
  storage::TableMeta* t = TableOrFail(d.object, session);
  DdlTableLock lock(*t);  // ORA-00054 while another transaction has changes in it
  const uint32_t object_id = t->object_id;
  storage::DropGrantsOnObject(object_id);
  storage::DropTable(t);
  storage::RedoWriteDurably({storage::EncodeObject(storage::RedoType::kDropTable, {object_id, 0})});
  return "DROP TABLE";
}

std::string Truncate(const DropStatement& d, SessionContext& session) {
  storage::TableMeta* t = TableOrFail(d.object, session);
  DdlTableLock lock(*t);
  storage::RowCursor cursor(t);
  for (storage::RowHeader* r = cursor.Next(); r != nullptr; r = cursor.Next()) {
    if (const storage::RowImage* image = r->image.load()) {
      std::vector<Value> row;
      DecodeRow(storage::ImageBytes(image), &row);
      int n = t->nindexes.load();
      for (int i = 0; i < n; ++i) {
        std::string key;
        if (!EncodeIndexKey(*t->indexes[i], row, &key)) continue;
        storage::DirectoryLatchGuard latch;
        storage::IndexRemove(t->indexes[i], key, r);
      }
    }
    storage::UnlinkRow(t, r);
  }
  storage::RedoWriteDurably({storage::EncodeObject(storage::RedoType::kTruncate, {t->object_id, 0})});
  return "TRUNCATE TABLE";
}

std::string DropIndex(const DropStatement& d, SessionContext& session) {
  std::string owner = d.object.schema.empty() ? session.username : d.object.schema;
  storage::TableMeta* t = nullptr;
  storage::IndexMeta* ix = storage::FindIndex(owner, d.object.name, &t);
  if (ix == nullptr) OraError::ThrowAt(1418, d.object.position);
  if (owner != session.username && !HasSysPriv(session, storage::kPrivDropAnyTable)) {
    OraError::ThrowAt(1031, d.object.position);
  }
  DdlTableLock lock(*t);
  if (ix->primary_key || ix->unique) {
    // Unique indexes made by CREATE UNIQUE INDEX may go; constraint indexes (SYS_C...) not.
    if (ix->primary_key || std::string_view(ix->name).rfind("SYS_C", 0) == 0) {
      OraError::ThrowAt(2429, d.object.position);
    }
  }
  const uint32_t index_id = ix->object_id;
  storage::DropIndex(t, ix);
  storage::RedoWriteDurably({storage::EncodeObject(storage::RedoType::kDropIndex, {t->object_id, index_id})});
  return "DROP INDEX";
}

}  // namespace

std::string ExecuteDdl(const Statement& stmt, SessionContext& session) {
  if (session.txn != nullptr) session.txn->Commit();  // DDL commits what came before
  storage::EpochGuard epoch;
  switch (stmt.kind) {
    case StatementKind::kCreateTable:
      return CreateTable(*stmt.create_table, session);
    case StatementKind::kCreateIndex:
      return CreateIndex(*stmt.create_index, session);
    case StatementKind::kDropTable:
      return DropTable(*stmt.drop, session);
    case StatementKind::kDropIndex:
      return DropIndex(*stmt.drop, session);
    case StatementKind::kTruncateTable:
      return Truncate(*stmt.drop, session);
    default:
      throw OraError::Make(600, {"ExecuteDdl", "not a DDL statement"});
  }
}

}  // namespace warden::sql
