// wsql's command line: wsql [-S] [-f FILE] [-h|--help] [logon] [@script [args...]]
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace warden::client {

struct CliOptions {
  bool silent = false;  // -S / -s: no banner, no prompts
  bool help = false;    // -h / --help
  // -f FILE or a positional "@FILE": a script to run first.
  std::optional<std::string> script;
  // After a script that did not EXIT: -f FILE exits (as psql -f); "@FILE" goes on reading
  // standard input, as SQL*Plus does after "sqlplus logon @file".
  bool read_input_after_script = false;
  std::vector<std::string> script_args;  // words after "@FILE": &1, &2, ...
  std::optional<std::string> logon;      // user[/password]@host[:port][/service]
};

// args excludes the program name.
Status ParseCommandLine(const std::vector<std::string>& args, CliOptions* out);

std::string UsageText();

}  // namespace warden::client
