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
  // -f FILE or a positional "@FILE": a script to run, after which wsql exits.
  std::optional<std::string> script;
  std::vector<std::string> script_args;  // words after "@FILE": &1, &2, ...
  std::optional<std::string> logon;      // user[/password]@host[:port][/service]
};

// args excludes the program name.
Status ParseCommandLine(const std::vector<std::string>& args, CliOptions* out);

std::string UsageText();

}  // namespace warden::client
