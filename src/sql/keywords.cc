// The reserved-word list (see keywords.h), from Oracle's SQL Language Reference appendix.
#include "sql/keywords.h"

#include <algorithm>
#include <iterator>

namespace warden::sql {
namespace {

constexpr std::string_view kReserved[] = {
    "ACCESS",    "ADD",        "ALL",        "ALTER",     "AND",       "ANY",
    "AS",        "ASC",        "AUDIT",      "BETWEEN",   "BY",        "CHAR",
    "CHECK",     "CLUSTER",    "COLUMN",     "COMMENT",   "COMPRESS",  "CONNECT",
    "CREATE",    "CURRENT",    "DATE",       "DECIMAL",   "DEFAULT",   "DELETE",
    "DESC",      "DISTINCT",   "DROP",       "ELSE",      "EXCLUSIVE", "EXISTS",
    "FILE",      "FLOAT",      "FOR",        "FROM",      "GRANT",     "GROUP",
    "HAVING",    "IDENTIFIED", "IMMEDIATE",  "IN",        "INCREMENT", "INDEX",
    "INITIAL",   "INSERT",     "INTEGER",    "INTERSECT", "INTO",      "IS",
    "LEVEL",     "LIKE",       "LOCK",       "LONG",      "MAXEXTENTS", "MINUS",
    "MLSLABEL",  "MODE",       "MODIFY",     "NOAUDIT",   "NOCOMPRESS", "NOT",
    "NOWAIT",    "NULL",       "NUMBER",     "OF",        "OFFLINE",   "ON",
    "ONLINE",    "OPTION",     "OR",         "ORDER",     "PCTFREE",   "PRIOR",
    "PUBLIC",    "RAW",        "RENAME",     "RESOURCE",  "REVOKE",    "ROW",
    "ROWID",     "ROWNUM",     "ROWS",       "SELECT",    "SESSION",   "SET",
    "SHARE",     "SIZE",       "SMALLINT",   "START",     "SUCCESSFUL", "SYNONYM",
    "SYSDATE",   "TABLE",      "THEN",       "TO",        "TRIGGER",   "UID",
    "UNION",     "UNIQUE",     "UPDATE",     "USER",      "VALIDATE",  "VALUES",
    "VARCHAR",   "VARCHAR2",   "VIEW",       "WHENEVER",  "WHERE",     "WITH",
    "PRIVILEGES",
};

}  // namespace

bool IsReservedWord(std::string_view word) {
  return std::find(std::begin(kReserved), std::end(kReserved), word) != std::end(kReserved);
}

}  // namespace warden::sql
