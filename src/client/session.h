// Session: wsql's command interpreter. Reads lines from a LineSource, splits them into
// statements and SQL*Plus commands (InputSplitter), runs statements on a Connection and
// writes everything SQL*Plus would print to an ostream. No libpq, no terminal: tests drive
// it with a fake Connection and string streams.
//
// State: the settings (SET), the SQL buffer (last statement entered; '/', RUN and LIST use
// it), whether EXIT was given and with which code, whether a script statement failed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "client/connection.h"
#include "client/display_settings.h"
#include "client/input_splitter.h"
#include "client/line_source.h"

namespace warden::client {

struct InputMode {
  bool prompts = false;  // show "SQL> " and "  2  " (interactive terminal, not -S)
  bool script = false;   // a file or pipe: ECHO applies and failures set the exit status
};

class Session {
 public:
  // silent (-S): echoed script lines carry no prompt. sqlpath: SQLPATH for @file lookup.
  Session(Connection& connection, std::ostream& out, bool silent, std::string sqlpath = "");

  // Runs input until its end or EXIT.
  void Run(LineSource& input, const InputMode& mode);
  // Runs the script file name (SQL*Plus "@name args"), as wsql -f does.
  void RunScript(const std::string& name, const std::vector<std::string>& args);

  // When input ends without EXIT, SQL*Plus exits as EXIT would: commit, disconnect.
  void ExitAtEndOfInput();

  bool exit_requested() const { return exit_requested_; }
  // EXIT's code if given; else 1 if a statement or command of a script failed; else 0.
  int exit_code() const;
  const DisplaySettings& settings() const { return settings_; }

 private:
  // One input being read: its splitter, &n arguments and folder (for @@).
  struct Frame {
    InputMode mode;
    std::vector<std::string> args;
    std::string directory;
    int depth = 0;
  };

  void RunFrame(LineSource& input, const Frame& frame);
  void Handle(const InputEvent& event, const Frame& frame);
  void HandleCommand(const SqlPlusCommand& command, const Frame& frame);
  void ExecuteStatement(const std::string& sql, bool is_plsql, const Frame& frame);
  void Exit(const std::string& args, const Frame& frame);
  void Show(const std::string& args, const Frame& frame);
  void ShowParameter(const std::string& name, const Frame& frame);
  void StartScript(const std::string& args, bool nested, const Frame& frame);
  void ListBuffer();
  void Fail(const Frame& frame);

  Connection& connection_;
  std::ostream& out_;
  const bool silent_;
  const std::string sqlpath_;
  DisplaySettings settings_;
  std::string buffer_;  // the SQL buffer
  bool buffer_is_plsql_ = false;
  bool exit_requested_ = false;
  int explicit_exit_code_ = -1;  // -1: EXIT gave no code
  bool script_failed_ = false;
};

// SQL*Plus's continuation prompt for line n: "  2  ".
std::string LinePrompt(int n);

}  // namespace warden::client
