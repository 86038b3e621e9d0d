// Session and environment functions: SYSDATE, USER, USERENV, SYS_CONTEXT('USERENV', ...).
// They read the SessionContext the dedicated server filled at logon.
#include <unistd.h>

#include "common/ora_error.h"
#include "sql/function_util.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

constexpr const char* kLanguage = "AMERICAN_AMERICA.AL32UTF8";

Value Sysdate(FunctionArgs&, ExecContext& ctx) { return Value::Date(ctx.sysdate); }

Value User(FunctionArgs&, ExecContext& ctx) { return Value::Varchar(ctx.session->username); }

bool IsDba(const SessionContext& s) { return s.username == "SYS"; }

// USERENV(parameter): the legacy interface; SID, SESSIONID and INSTANCE are numbers.
Value Userenv(FunctionArgs& a, ExecContext& ctx) {
  if (a[0].is_null()) throw OraError::Make(2003);
  const std::string p = AsciiUpper(ArgText(a, 0));
  const SessionContext& s = *ctx.session;
  if (p == "SID" || p == "SESSIONID") return Value::FromInt(s.sid);
  if (p == "INSTANCE") return Value::FromInt(1);
  if (p == "TERMINAL") return Value::Varchar("unknown");
  if (p == "LANGUAGE") return Value::Varchar(kLanguage);
  if (p == "LANG") return Value::Varchar("US");
  if (p == "ISDBA") return Value::Varchar(IsDba(s) ? "TRUE" : "FALSE");
  if (p == "CLIENT_INFO") return Value::Null();
  throw OraError::Make(2003);
}

// USERENV returns a NUMBER for the numeric parameters when the parameter is a literal.
DataType UserenvType(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  if (args[0]->kind == BoundKind::kConstant && !args[0]->constant.is_null() &&
      args[0]->constant.type() == DataType::kVarchar2) {
    const std::string p = AsciiUpper(args[0]->constant.str());
    if (p == "SID" || p == "SESSIONID" || p == "INSTANCE") return DataType::kNumber;
  }
  return DataType::kVarchar2;
}

// SYS_CONTEXT(namespace, parameter [, length]): always VARCHAR2. Only the USERENV
// namespace exists; any other (an application context nobody set) gives NULL.
Value SysContext(FunctionArgs& a, ExecContext& ctx) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  if (AsciiUpper(ArgText(a, 0)) != "USERENV") return Value::Null();
  const std::string p = AsciiUpper(ArgText(a, 1));
  const SessionContext& s = *ctx.session;
  if (p == "SID" || p == "SESSIONID") return Value::Varchar(std::to_string(s.sid));
  if (p == "SESSION_USER" || p == "CURRENT_USER" || p == "CURRENT_SCHEMA" ||
      p == "AUTHENTICATED_IDENTITY") {
    return Value::Varchar(s.username);
  }
  if (p == "SESSION_USERID" || p == "CURRENT_USERID" || p == "CURRENT_SCHEMAID") {
    return Value::Varchar("0");  // SYS is user 0; more users come with the catalog
  }
  if (p == "INSTANCE_NAME" || p == "DB_NAME" || p == "DB_UNIQUE_NAME" || p == "SERVICE_NAME" ||
      p == "CON_NAME") {
    return Value::Varchar(s.instance_name);  // one database, one instance, one service
  }
  if (p == "SERVER_HOST") {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) return Value::Null();
    std::string h(host);
    return Value::Varchar(h.substr(0, h.find('.')));  // Oracle shows the short name
  }
  if (p == "DB_DOMAIN") return Value::Null();  // no DB_DOMAIN parameter
  if (p == "NLS_TERRITORY") return Value::Varchar("AMERICA");
  if (p == "NLS_CALENDAR") return Value::Varchar("GREGORIAN");
  if (p == "NLS_SORT") return Value::Varchar("BINARY");
  if (p == "NLS_CURRENCY") return Value::Varchar("$");
  if (p == "INSTANCE") return Value::Varchar("1");
  if (p == "ISDBA") return Value::Varchar(IsDba(s) ? "TRUE" : "FALSE");
  if (p == "LANGUAGE") return Value::Varchar(kLanguage);
  if (p == "NLS_DATE_FORMAT") return Value::Varchar("YYYY-MM-DD HH24:MI:SS");
  if (p == "TERMINAL") return Value::Varchar("unknown");
  if (p == "AUTHENTICATION_METHOD") return Value::Varchar("PASSWORD");
  if (p == "NETWORK_PROTOCOL") return Value::Varchar("tcp");
  if (p == "CLIENT_INFO" || p == "MODULE" || p == "ACTION" || p == "CLIENT_IDENTIFIER") {
    return Value::Null();
  }
  throw OraError::Make(2003);
}

constexpr FunctionDef kFunctions[] = {
    {"SYSDATE", 0, 0, ReturnsDate, Sysdate, true},
    {"USER", 0, 0, ReturnsVarchar2, User, true},
    {"USERENV", 1, 1, UserenvType, Userenv},
    {"SYS_CONTEXT", 2, 3, ReturnsVarchar2, SysContext},
};

}  // namespace

std::span<const FunctionDef> SessionFunctions() { return kFunctions; }

}  // namespace warden::sql
