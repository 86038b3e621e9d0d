// Data dictionary views (see catalog_views.h).
#include "sql/catalog_views.h"

#include <functional>

#include "sql/column_types.h"
#include "sql/fixed_view_util.h"
#include "sql/privileges.h"
#include "sql/rows_relation.h"
#include "storage/user_directory.h"

namespace warden::sql {
namespace {

using fixed::D;
using fixed::N;
using fixed::Null;
using fixed::Num;
using fixed::Row;
using fixed::Str;
using fixed::V;

enum class Scope { kUser, kAll, kDba };

// Which tables a view of that scope shows to the session.
bool Shows(Scope scope, const storage::TableMeta& t, const SessionContext& session) {
  switch (scope) {
    case Scope::kUser:
      return session.username == t.owner;
    case Scope::kAll:
      return TableAccessError(session, t, storage::kObjSelect) != 942;
    case Scope::kDba:
      return true;
  }
  return false;
}

// OWNER is in ALL_ and DBA_ views, not in USER_ ones.
std::vector<ColumnDef> WithOwner(Scope scope, std::vector<ColumnDef> cols) {
  if (scope != Scope::kUser) cols.insert(cols.begin(), {"OWNER", V});
  return cols;
}
void AddOwner(Scope scope, const storage::TableMeta& t, Row* row) {
  if (scope != Scope::kUser) row->insert(row->begin(), Str(t.owner));
}

std::unique_ptr<Relation> Tables(Scope scope, const SessionContext& session) {
  std::vector<Row> rows;
  for (const storage::TableMeta* t : storage::AllTables()) {
    if (!Shows(scope, *t, session)) continue;
    Row row = {Str(t->name), Str("USERS"), Str("VALID"), Null(), Str("N")};
    AddOwner(scope, *t, &row);
    rows.push_back(std::move(row));
  }
  return std::make_unique<RowsRelation>(
      WithOwner(scope, {{"TABLE_NAME", V}, {"TABLESPACE_NAME", V}, {"STATUS", V},
                        {"NUM_ROWS", N}, {"TEMPORARY", V}}),
      std::move(rows));
}

// DATA_TYPE, DATA_LENGTH, DATA_PRECISION, DATA_SCALE as Oracle's dictionary gives them.
void TypeColumns(const storage::ColumnMeta& c, Row* row) {
  const ColumnType t = ColumnTypeOf(c);
  switch (t.type) {
    case DataType::kNumber:
      row->insert(row->end(), {Str("NUMBER"), Num(22),
                               t.precision >= 0 ? Num(t.precision) : Null(),
                               t.scale != ColumnType::kNoScale ? Num(t.scale) : Null()});
      return;
    case DataType::kVarchar2:
      row->insert(row->end(),
                  {Str(t.fixed_char ? "CHAR" : "VARCHAR2"), Num(t.length), Null(), Null()});
      return;
    case DataType::kDate:
      row->insert(row->end(), {Str("DATE"), Num(7), Null(), Null()});
      return;
    case DataType::kTimestamp:
      row->insert(row->end(), {Str("TIMESTAMP(" + std::to_string(t.length) + ")"), Num(11),
                               Null(), Num(t.length)});
      return;
    case DataType::kRaw:
      row->insert(row->end(), {Str("RAW"), Num(t.length), Null(), Null()});
      return;
  }
}

std::unique_ptr<Relation> TabColumns(Scope scope, const SessionContext& session) {
  std::vector<Row> rows;
  for (const storage::TableMeta* t : storage::AllTables()) {
    if (!Shows(scope, *t, session)) continue;
    for (int i = 0; i < t->ncols; ++i) {
      const storage::ColumnMeta& c = t->cols[i];
      Row row = {Str(t->name), Str(c.name)};
      TypeColumns(c, &row);
      row.insert(row.end(), {Str(c.nullable ? "Y" : "N"), Num(i + 1), Str(c.default_sql)});
      AddOwner(scope, *t, &row);
      rows.push_back(std::move(row));
    }
  }
  return std::make_unique<RowsRelation>(
      WithOwner(scope, {{"TABLE_NAME", V}, {"COLUMN_NAME", V}, {"DATA_TYPE", V},
                        {"DATA_LENGTH", N}, {"DATA_PRECISION", N}, {"DATA_SCALE", N},
                        {"NULLABLE", V}, {"COLUMN_ID", N}, {"DATA_DEFAULT", V}}),
      std::move(rows));
}

std::unique_ptr<Relation> Indexes(Scope scope, const SessionContext& session) {
  std::vector<Row> rows;
  for (const storage::TableMeta* t : storage::AllTables()) {
    if (!Shows(scope, *t, session)) continue;
    const int n = t->nindexes.load();
    for (int i = 0; i < n; ++i) {
      const storage::IndexMeta* ix = t->indexes[i];
      Row row = {Str(ix->name), Str("NORMAL"), Str(t->owner), Str(t->name),
                 Str(ix->unique ? "UNIQUE" : "NONUNIQUE"), Str("VALID")};
      AddOwner(scope, *t, &row);
      rows.push_back(std::move(row));
    }
  }
  return std::make_unique<RowsRelation>(
      WithOwner(scope, {{"INDEX_NAME", V}, {"INDEX_TYPE", V}, {"TABLE_OWNER", V},
                        {"TABLE_NAME", V}, {"UNIQUENESS", V}, {"STATUS", V}}),
      std::move(rows));
}

std::unique_ptr<Relation> IndColumns(Scope scope, const SessionContext& session) {
  std::vector<Row> rows;
  for (const storage::TableMeta* t : storage::AllTables()) {
    if (!Shows(scope, *t, session)) continue;
    const int n = t->nindexes.load();
    for (int i = 0; i < n; ++i) {
      const storage::IndexMeta* ix = t->indexes[i];
      for (int k = 0; k < ix->ncols; ++k) {
        Row row = {Str(ix->name), Str(t->name), Str(t->cols[ix->cols[k]].name), Num(k + 1)};
        if (scope != Scope::kUser) {
          row.insert(row.begin(), Str(t->owner));           // INDEX_OWNER
          row.insert(row.begin() + 2, Str(t->owner));       // TABLE_OWNER
        }
        rows.push_back(std::move(row));
      }
    }
  }
  std::vector<ColumnDef> cols = {{"INDEX_NAME", V}, {"TABLE_NAME", V}, {"COLUMN_NAME", V},
                                 {"COLUMN_POSITION", N}};
  if (scope != Scope::kUser) {
    cols.insert(cols.begin(), {"INDEX_OWNER", V});
    cols.insert(cols.begin() + 2, {"TABLE_OWNER", V});
  }
  return std::make_unique<RowsRelation>(std::move(cols), std::move(rows));
}

std::unique_ptr<Relation> Objects(Scope scope, const SessionContext& session) {
  std::vector<Row> rows;
  for (const storage::TableMeta* t : storage::AllTables()) {
    if (!Shows(scope, *t, session)) continue;
    Row row = {Str(t->name), Num(t->object_id), Str("TABLE"), fixed::Date(t->created),
               Str("VALID")};
    AddOwner(scope, *t, &row);
    rows.push_back(std::move(row));
    const int n = t->nindexes.load();
    for (int i = 0; i < n; ++i) {
      Row ix = {Str(t->indexes[i]->name), Num(t->indexes[i]->object_id), Str("INDEX"),
                fixed::Date(t->created), Str("VALID")};
      AddOwner(scope, *t, &ix);
      rows.push_back(std::move(ix));
    }
  }
  return std::make_unique<RowsRelation>(
      WithOwner(scope, {{"OBJECT_NAME", V}, {"OBJECT_ID", N}, {"OBJECT_TYPE", V},
                        {"CREATED", D}, {"STATUS", V}}),
      std::move(rows));
}

std::unique_ptr<Relation> Users(bool dba) {
  std::vector<Row> rows;
  for (const storage::UserMeta* u : storage::AllUsers()) {
    if (dba) {
      rows.push_back({Str(u->name), Num(u->user_id), Str(u->locked.load() ? "LOCKED" : "OPEN"),
                      Str(u->sysdba ? "SYSTEM" : "USERS"), Str("TEMP"), fixed::Date(u->created)});
    } else {
      rows.push_back({Str(u->name), Num(u->user_id), fixed::Date(u->created)});
    }
  }
  std::vector<ColumnDef> cols =
      dba ? std::vector<ColumnDef>{{"USERNAME", V},           {"USER_ID", N},
                                   {"ACCOUNT_STATUS", V},     {"DEFAULT_TABLESPACE", V},
                                   {"TEMPORARY_TABLESPACE", V}, {"CREATED", D}}
          : std::vector<ColumnDef>{{"USERNAME", V}, {"USER_ID", N}, {"CREATED", D}};
  return std::make_unique<RowsRelation>(std::move(cols), std::move(rows));
}

// USER_SYS_PRIVS (USERNAME, PRIVILEGE, ADMIN_OPTION) / DBA_SYS_PRIVS (GRANTEE, ...).
std::unique_ptr<Relation> SysPrivs(bool dba, const SessionContext& session) {
  std::vector<Row> rows;
  for (const storage::UserMeta* u : storage::AllUsers()) {
    if (!dba && session.username != u->name) continue;
    if (u->sysdba) continue;  // SYSDBA holds everything; Oracle lists no grants for it either
    const uint64_t privs = u->sys_privs.load();
    for (int bit = 0; bit < 64; ++bit) {
      const auto priv = static_cast<storage::SysPriv>(uint64_t{1} << bit);
      if ((privs & priv) == 0 || SysPrivName(priv).empty()) continue;
      rows.push_back({Str(u->name), Str(SysPrivName(priv)), Str("NO")});
    }
  }
  return std::make_unique<RowsRelation>(
      std::vector<ColumnDef>{{dba ? "GRANTEE" : "USERNAME", V}, {"PRIVILEGE", V},
                             {"ADMIN_OPTION", V}},
      std::move(rows));
}

}  // namespace

std::unique_ptr<Relation> OpenCatalogView(const std::string& schema, const std::string& name,
                                          const SessionContext& session) {
  if (!schema.empty() && schema != "SYS") return nullptr;
  struct Family {
    const char* suffix;
    std::unique_ptr<Relation> (*open)(Scope, const SessionContext&);
  };
  static const Family kFamilies[] = {{"TABLES", Tables},         {"TAB_COLUMNS", TabColumns},
                                     {"INDEXES", Indexes},       {"IND_COLUMNS", IndColumns},
                                     {"OBJECTS", Objects}};
  const std::pair<const char*, Scope> kScopes[] = {
      {"USER_", Scope::kUser}, {"ALL_", Scope::kAll}, {"DBA_", Scope::kDba}};
  for (const auto& [prefix, scope] : kScopes) {
    const std::string p = prefix;
    if (name.rfind(p, 0) != 0) continue;
    const std::string rest = name.substr(p.size());
    for (const Family& f : kFamilies) {
      if (rest == f.suffix) return f.open(scope, session);
    }
  }
  if (name == "DBA_USERS") return Users(true);
  if (name == "ALL_USERS") return Users(false);
  if (name == "USER_SYS_PRIVS") return SysPrivs(false, session);
  if (name == "DBA_SYS_PRIVS") return SysPrivs(true, session);
  return nullptr;
}

}  // namespace warden::sql
