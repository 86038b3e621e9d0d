// The SQL*Plus settings wsql honours (SET / SHOW):
//   shaping output: FEEDBACK, PAGESIZE, LINESIZE, HEADING, NUMWIDTH, COLSEP, NEWPAGE,
//   UNDERLINE, WRAP, TRIMOUT, TRIMSPOOL;
//   running scripts: ECHO, TERMOUT, VERIFY, DEFINE, TIMING, SQLBLANKLINES, SQLPROMPT;
//   accepted and shown, with no effect in wsql: ARRAYSIZE (results are fetched whole), LONG and
//   LONGCHUNKSIZE (no LOB types), TAB (wsql never prints tabs, as TAB OFF), SERVEROUTPUT (Warden
//   has no DBMS_OUTPUT yet, so there is never anything to print).
// Any other option is SQL*Plus's SP2-0158.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warden::client {

inline constexpr int kNewpageNone = -1;

struct DisplaySettings {
  int feedback = 6;   // "N rows selected." when N >= feedback; 0 = OFF
  int pagesize = 14;  // lines per page incl. the blank line and the headings; 0 = no headings
  int linesize = 80;  // a row wider than this continues on further lines
  int numwidth = 10;  // width of a NUMBER column without FORMAT
  std::string colsep = " ";
  int newpage = 1;       // blank lines before each page; 0: a form feed; kNewpageNone: none
  char underline = '-';  // the heading underline character
  bool underline_on = true;
  bool wrap = true;  // OFF: values longer than their column are cut (COLUMN overrides)
  bool heading = true;
  bool echo = false;    // echo script lines as they are read
  bool termout = true;  // OFF: output of scripts is not shown (still spooled)
  bool verify = true;   // list statement lines before and after substitution
  bool define = true;   // substitution of &name on
  char define_char = '&';
  bool sqlblanklines = false;       // blank lines do not end a statement
  std::string sqlprompt = "SQL> ";  // predefined variables (_USER, ...) in it are replaced
  bool timing = false;              // "Elapsed: hh:mm:ss.cc" after each statement
  bool trimout = true;              // trailing blanks of result lines trimmed on the terminal
  bool trimspool = false;           // ... and in the spool file
  int arraysize = 15;
  int long_width = 80;
  int longchunksize = 80;
  bool tab = true;
  bool serveroutput = false;
};

// Applies "SET <args>" (one or more "option value" pairs). Returns "" or the SP2 message
// SQL*Plus prints; options before the bad one stay applied, as in SQL*Plus.
std::string ApplySetCommand(std::string_view args, DisplaySettings* settings);

// The line "SHOW <name>" prints for a setting, or nullopt if name is not a setting.
std::optional<std::string> ShowSetting(std::string_view name, const DisplaySettings& settings);

}  // namespace warden::client
