// Recognising SQL*Plus commands: which input lines are commands for wsql itself rather than
// SQL for the server, and which command (with SQL*Plus's abbreviations: SHO, PRO, EXEC, ...).
// Only the first line of an input decides; inside a statement every line is SQL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warden::client {

enum class CommandVerb {
  kExit,         // EXIT, QUIT
  kSet,          // SET option value (not SET TRANSACTION / ROLE / CONSTRAINT[S], which are SQL)
  kShow,         // SHO[W]
  kPrompt,       // PRO[MPT] [text]
  kExecute,      // EXEC[UTE] statement
  kRemark,       // REM[ARK] text: a comment line
  kStart,        // STA[RT] file, @file
  kStartNested,  // @@file: relative to the running script's folder
  kRun,          // R[UN]: list and run the SQL buffer
  kList,         // L[IST]: list the SQL buffer
  kDefine,       // DEF[INE] [name [= value]]
  kUndefine,     // UNDEF[INE] name ...
  kColumn,       // COL[UMN] [name [option ...]]
  kClear,        // CL[EAR] COL[UMNS] | BUFF[ER] | SCR[EEN]
  kWhenever,     // WHENEVER SQLERROR {EXIT ... | CONTINUE ...}
  kSpool,        // SPO[OL] [file [CRE[ATE]|REP[LACE]|APP[END]] | OFF | OUT]
  kDescribe,     // DESC[RIBE] [schema.]object
  kConnect,      // CONN[ECT] user[/password][@host[:port]]
  kHost,         // HO[ST] [command], !command
  kBreak,        // BRE[AK] [ON element [SKI[P] n|PAGE] [NODUP[LICATES]|DUP[LICATES]]] ...
  kAccept,  // ACC[EPT] variable [NUM[BER]|CHAR|DATE] [DEF[AULT] d] [PROMPT t|NOPR[OMPT]] [HIDE]
};

struct SqlPlusCommand {
  CommandVerb verb;
  std::string args;  // the rest of the line after the command word, trimmed
};

// The command on line, or nullopt if the line starts SQL (or is empty).
std::optional<SqlPlusCommand> ParseSqlPlusCommand(std::string_view line);

// SQL*Plus continues a command line that ends with a hyphen. We require the hyphen to stand
// alone (preceded by a blank, or the whole line) so "PROMPT ----" is not continued.
bool EndsWithContinuation(std::string_view line);

}  // namespace warden::client
