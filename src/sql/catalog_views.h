// The data dictionary views over the table directory and the user directory:
// USER_/ALL_/DBA_TABLES, _TAB_COLUMNS, _INDEXES, _IND_COLUMNS, _OBJECTS, DBA_USERS,
// ALL_USERS, USER_SYS_PRIVS and DBA_SYS_PRIVS, with the columns DBA scripts use. USER_ views
// show the session's own objects, ALL_ those it may see, DBA_ all of them (DatabaseCatalog
// requires SELECT ANY DICTIONARY for DBA_ first).
#pragma once

#include <memory>
#include <string>

#include "sql/relation.h"
#include "sql/session_context.h"

namespace warden::sql {

// nullptr when `name` is not one of these views (schema "" or SYS).
std::unique_ptr<Relation> OpenCatalogView(const std::string& schema, const std::string& name,
                                          const SessionContext& session);

}  // namespace warden::sql
