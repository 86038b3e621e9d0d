// Session: wsql's command interpreter. Reads lines from a LineSource, splits them into
// statements and SQL*Plus commands (InputSplitter), runs statements on a Connection and
// writes everything SQL*Plus would print to an ostream (and to the SPOOL file). No libpq, no
// terminal: tests drive it with a fake Connection and string streams.
//
// State: the settings (SET), substitution variables (DEFINE, @file arguments as 1, 2, ...),
// COLUMN and BREAK settings, the SQL buffer (the last statement entered, before substitution; '/',
// RUN and LIST use it), WHENEVER SQLERROR / OSERROR actions, the spool file, whether EXIT was given
// and with which code, whether a script statement or command failed.
//
// Substitution: a command line is substituted before it runs (except REMARK); a statement is
// kept unsubstituted in the buffer and substituted each time it runs, with SET VERIFY's
// old/new lines. An undefined variable's value is read from the value source (the top-level
// input unless set_value_source() names another), after "Enter value for name: ".
//
// Failures and the exit status: WHENEVER SQLERROR acts on errors the server returns for a
// statement, EXECUTE or PL/SQL block, never on wsql's own SP2 messages (as in SQL*Plus).
// Unlike SQL*Plus, which exits 0 at the end of a script whatever failed, wsql exits 1 when a
// statement or command read from a script or pipe failed, unless EXIT or WHENEVER gave a code.
#pragma once

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "client/break_settings.h"
#include "client/column_format.h"
#include "client/connection.h"
#include "client/display_settings.h"
#include "client/input_splitter.h"
#include "client/line_source.h"
#include "client/substitution.h"

namespace warden::client {

struct InputMode {
  bool prompts = false;  // show "SQL> " and "  2  " (interactive terminal, not -S)
  bool script = false;   // a file or pipe: ECHO applies and failures set the exit status
};

class Session {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // Runs a HOST command with the terminal; returns its exit status.
  using HostRunner = std::function<int(const std::string& command)>;
  // Reads a reply without echoing it (ACCEPT ... HIDE); nullopt if there is no terminal.
  using SecretReader = std::function<std::optional<std::string>(const std::string& prompt)>;

  // silent (-S): echoed script lines carry no prompt. sqlpath: ':'-separated folders where
  // @file is looked up after the current (or, for @@, the calling script's) folder.
  Session(Connection& connection, std::ostream& out, bool silent, std::string sqlpath = "");

  // CONNECT opens connections with connector (without one, CONNECT fails). target: where
  // the first connection went; CONNECT without "@host" goes there too.
  void set_connector(Connector* connector, const ConnectTarget& target);
  void set_value_source(LineSource* source) { value_source_ = source; }
  void set_clock(Clock clock) { clock_ = std::move(clock); }
  void set_host_runner(HostRunner runner) { host_runner_ = std::move(runner); }
  void set_secret_reader(SecretReader reader) { secret_reader_ = std::move(reader); }
  SubstitutionVariables& variables() { return variables_; }

  // Runs input until its end or EXIT.
  void Run(LineSource& input, const InputMode& mode);
  // Runs the script file name (SQL*Plus "@name args"), as wsql -f does.
  void RunScript(const std::string& name, const std::vector<std::string>& args);

  // When input ends without EXIT, SQL*Plus exits as EXIT would: commit, disconnect.
  void ExitAtEndOfInput();

  bool exit_requested() const { return exit_requested_; }
  // EXIT's (or WHENEVER's) code if given; else 1 if a statement or command of a script
  // failed; else 0.
  int exit_code() const;
  const DisplaySettings& settings() const { return settings_; }

 private:
  // One input being read: its mode, folder (for @@) and nesting depth.
  struct Frame {
    InputMode mode;
    std::string directory;
    int depth = 0;
  };
  // WHENEVER SQLERROR / OSERROR.
  struct WheneverAction {
    bool exit = false;
    std::string code = "FAILURE";  // SUCCESS, FAILURE, WARNING, n or SQL.SQLCODE
    std::string end = "COMMIT";    // COMMIT, ROLLBACK or (CONTINUE only) NONE
  };

  void RunFrame(LineSource& input, const Frame& frame);
  void Handle(const InputEvent& event, const Frame& frame);
  void HandleCommand(const SqlPlusCommand& command, const Frame& frame);
  void ExecuteStatement(const std::string& raw_sql, bool is_plsql, const Frame& frame);
  void ExecuteSubstituted(const std::string& sql, bool is_plsql, const Frame& frame);
  void OnSqlError(const std::string& message, const Frame& frame);
  void OnOsError(const Frame& frame);
  void RunWhenever(const WheneverAction& action, const std::string& message);
  void Exit(const std::string& args, const Frame& frame);
  void Show(const std::string& args, const Frame& frame);
  void ShowParameter(const std::string& name, const Frame& frame);
  void StartScript(const std::string& args, bool nested, const Frame& frame);
  void Define(const std::string& args, const Frame& frame);
  void Undefine(const std::string& args, const Frame& frame);
  void Clear(const std::string& args, const Frame& frame);
  void Whenever(const std::string& args, const Frame& frame);
  void Spool(const std::string& args, const Frame& frame);
  void Describe(const std::string& args, const Frame& frame);
  void Connect(const std::string& args, const Frame& frame);
  void Host(const std::string& command, const Frame& frame);
  void CaptureNewValues(const QueryResult& result);
  void ListBuffer();
  void Fail(const Frame& frame);
  std::string Substitute(const std::string& text);
  std::optional<std::string> AskValue(const std::string& name);
  // SET SQLPROMPT with the predefined variables replaced.
  std::string SqlPrompt() const;
  // Shows prompt and reads a line from the value source.
  std::optional<std::string> ReadReply(const std::string& prompt);
  void Accept(const std::string& args, const Frame& frame);

  // Output: to the terminal (unless TERMOUT OFF in a script) and to the spool file.
  void Print(std::string_view text);
  // A query result: lines padded to LINESIZE where TRIMOUT / TRIMSPOOL is OFF.
  void PrintResult(std::string_view text);

  Connection* connection_;
  std::unique_ptr<Connection> owned_connection_;  // after CONNECT
  Connector* connector_ = nullptr;
  ConnectTarget target_;
  std::ostream& out_;
  const bool silent_;
  const std::string sqlpath_;
  DisplaySettings settings_;
  SubstitutionVariables variables_;
  ColumnFormats columns_;
  BreakSettings breaks_;
  WheneverAction sqlerror_;
  WheneverAction oserror_;
  std::string buffer_;  // the SQL buffer, unsubstituted
  bool buffer_is_plsql_ = false;
  bool exit_requested_ = false;
  int explicit_exit_code_ = -1;  // -1: EXIT gave no code
  bool script_failed_ = false;
  bool in_script_ = false;  // the line being handled comes from a script (TERMOUT applies)
  LineSource* value_source_ = nullptr;
  bool value_source_prompts_ = false;  // the value source shows prompts itself
  std::unique_ptr<std::ofstream> spool_;
  std::string spool_path_;
  Clock clock_;
  HostRunner host_runner_;
  SecretReader secret_reader_;
};

// SQL*Plus's continuation prompt for line n: "  2  ".
std::string LinePrompt(int n);

// SET TIMING's line: "Elapsed: 00:00:01.23".
std::string ElapsedLine(std::chrono::steady_clock::duration elapsed);

}  // namespace warden::client
