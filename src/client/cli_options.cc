// wsql's command line (see cli_options.h).
#include "client/cli_options.h"

namespace warden::client {

Status ParseCommandLine(const std::vector<std::string>& args, CliOptions* out) {
  *out = CliOptions();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-S" || a == "-s" || a == "-silent" || a == "--silent") {
      out->silent = true;
    } else if (a == "-h" || a == "--help" || a == "-help") {
      out->help = true;
    } else if (a == "-f") {
      if (i + 1 >= args.size()) return Status::Error("option -f needs a file name");
      if (out->script) return Status::Error("only one script may be given");
      out->script = args[++i];
    } else if (a.starts_with('@')) {
      if (out->script) return Status::Error("only one script may be given");
      if (a.size() == 1) return Status::Error("'@' needs a file name");
      out->script = a.substr(1);
      out->read_input_after_script = true;
      // Everything after "@file" are the script's arguments (SQL*Plus).
      out->script_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    } else if (a.size() > 1 && a[0] == '-') {
      return Status::Error("unknown option " + a);
    } else if (out->logon) {
      return Status::Error("unexpected argument " + a);
    } else {
      out->logon = a;
    }
  }
  return Status::OK();
}

std::string UsageText() {
  return "Usage: wsql [options] [user[/password][@host[:port][/service]]] [@script [args...]]\n"
         "\n"
         "  -f FILE     run the SQL*Plus script FILE, then exit\n"
         "  @FILE ARGS  run the script FILE with &1, &2, ... set to ARGS, then read the input\n"
         "  -S          silent: no banner, no prompts\n"
         "  -h, --help  show this help and exit\n"
         "\n"
         "The host defaults to 127.0.0.1 and the port to 1521. A missing password is asked for\n"
         "(PGPASSWORD is honoured). Standard input that is not a terminal is read as a script.\n"
         "Scripts (@name, START name) are looked up in the current folder, then in WSQL_PATH and\n"
         "SQLPATH (':'-separated), then in the project's scripts folder (scripts/README.md).\n"
         "The exit status is non-zero when the connection fails or a statement or command of a\n"
         "script fails; EXIT n and WHENEVER SQLERROR EXIT n exit with n.\n";
}

}  // namespace warden::client
