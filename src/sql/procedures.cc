// Built-in procedures (see procedures.h).
#include "sql/procedures.h"

#include <string>

#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/sga.h"
#include "sql/fault_package.h"
#include "wait/wait.h"

namespace warden::sql {
namespace {

constexpr int64_t kMaxSleepSeconds = 3600;

[[noreturn]] void PlsError(const ProcedureCall& call, const std::string& pls) {
  OraError e = OraError::Make(6550, {"1", std::to_string(call.position), pls});
  e.set_position(call.position);
  throw e;
}

std::string ShortName(const std::string& dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

void Sleep(const ProcedureCall& call, const std::vector<Value>& args, ExecContext&) {
  if (args.size() != 1) {
    PlsError(call, "PLS-00306: wrong number or types of arguments in call to '" +
                       ShortName(call.name) + "'");
  }
  if (args[0].is_null()) throw OraError::Make(38148);
  const Number seconds = ToNumber(args[0]);
  // Microseconds, exact: seconds * 10^6 truncated.
  const Number micros = Number::Multiply(seconds, Number::FromInt64(1000000)).Trunc(0);
  if (seconds.sign() < 0 || Number::Compare(seconds, Number::FromInt64(kMaxSleepSeconds)) > 0) {
    throw OraError::Make(38148);
  }
  const int64_t us = micros.ToInt64Saturating();
  // 'PL/SQL lock timer' P1 = the duration asked for, in centiseconds.
  wait::SleepFor(wait::kPlsqlLockTimer, static_cast<uint64_t>(us / 10000), 0, 0, us);
}

struct ProcedureDef {
  const char* name;
  void (*impl)(const ProcedureCall&, const std::vector<Value>&, ExecContext&);
};

constexpr ProcedureDef kProcedures[] = {
    {"DBMS_LOCK.SLEEP", Sleep},
    {"DBMS_SESSION.SLEEP", Sleep},
};

bool FaultInjectionEnabled() { return sga::Sga::param(kFaultInjection)->num != 0; }

}  // namespace

void CallProcedure(const ProcedureCall& call, const std::vector<Value>& args, ExecContext& ctx) {
  std::string name = call.name;
  if (name.rfind("SYS.", 0) == 0) name = name.substr(4);
  for (const ProcedureDef& p : kProcedures) {
    if (name == p.name) return p.impl(call, args, ctx);
  }
  // The fault package exists only with _fault_injection = true, and only for SYSDBA.
  if (FaultInjectionEnabled() && name.rfind("DBMS_FAULT.", 0) == 0) {
    if (!ctx.session->sysdba) throw OraError::Make(1031);
    if (CallFaultProcedure(name, call, args, ctx)) return;
  }
  PlsError(call, "PLS-00201: identifier '" + call.name + "' must be declared");
}

}  // namespace warden::sql
