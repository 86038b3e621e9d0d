// wsql: Warden's SQL*Plus-like client. Parses the command line, connects, and hands the
// input (terminal, pipe or -f script) to the Session interpreter.
#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "client/cli_options.h"
#include "client/connect_string.h"
#include "client/line_source.h"
#include "client/pq_connection.h"
#include "client/readline_source.h"
#include "client/script_arguments.h"
#include "client/session.h"
#include "client/terminal.h"
#include "client/utf8_text.h"

namespace {

using namespace warden::client;

constexpr const char* kRelease = "0.1.0";

// The running connection's cancel handle, for the SIGINT handler (PQcancel is
// async-signal-safe). Ctrl-C cancels the statement in progress, as in SQL*Plus; at the
// prompt it does nothing.
std::atomic<PGcancel*> g_cancel{nullptr};

void OnInterrupt(int /*signo*/) {
  PGcancel* cancel = g_cancel.load();
  if (cancel == nullptr) return;
  char errbuf[256];
  PQcancel(cancel, errbuf, sizeof errbuf);
}

// CONNECT's connections: asks for a missing password on the terminal, as the first logon
// does, and points the Ctrl-C handler at the new connection.
class PqConnector : public Connector {
 public:
  std::unique_ptr<Connection> Connect(const ConnectTarget& target, std::string* error) override {
    ConnectTarget t = target;
    if (!t.has_password && std::getenv("PGPASSWORD") == nullptr) {
      if (std::optional<std::string> pw = ReadSecretFromTerminal("Enter password: ")) {
        t.password = *pw;
        t.has_password = !pw->empty();
      }
    }
    std::unique_ptr<PqConnection> c = PqConnection::Connect(t, error);
    if (c) g_cancel.store(c->cancel_handle());
    return c;
  }
};

// HOST: the command runs with wsql's terminal and output; no command starts a shell.
int RunHostCommand(const std::string& command) {
  std::cout << std::flush;
  const char* shell = std::getenv("SHELL");
  std::string line = command.empty() ? (shell ? shell : "/bin/sh") : command;
  return std::system(line.c_str());
}

// The folder holding this executable ("" if unknown).
std::string ExecutableDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "" : exe.parent_path().string();
}

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  CliOptions options;
  if (warden::Status s = ParseCommandLine(args, &options); !s.ok()) {
    std::cerr << "wsql: " << s.message() << "\n\n" << UsageText();
    return 1;
  }
  if (options.help) {
    std::cout << UsageText();
    return 0;
  }
  const bool stdin_is_tty = ::isatty(STDIN_FILENO) != 0;
  if (!options.silent) {
    std::cout << "\nwsql: Release " << kRelease << " - Production\n\n";
  }

  std::string logon;
  if (options.logon) {
    logon = *options.logon;
  } else if (stdin_is_tty) {
    std::cout << "Enter user-name: " << std::flush;
    std::getline(std::cin, logon);
  }
  if (logon.empty()) {
    std::cerr << "wsql: no user name given\n";
    return 1;
  }
  ConnectTarget target;
  if (warden::Status s = ParseConnectString(logon, &target); !s.ok()) {
    std::cerr << "wsql: " << s.message() << '\n';
    return 1;
  }
  if (!target.has_password && std::getenv("PGPASSWORD") == nullptr) {
    if (std::optional<std::string> pw = ReadSecretFromTerminal("Enter password: ")) {
      target.password = *pw;
      target.has_password = !pw->empty();
    }
  }

  std::string error;
  std::unique_ptr<PqConnection> connection = PqConnection::Connect(target, &error);
  if (!connection) {
    std::cout << "ERROR:\n" << error << "\n\n\n" << std::flush;
    return 1;
  }
  if (!options.silent) {
    std::cout << "Connected to:\nserver version " << connection->server_version() << "\n\n";
  }
  g_cancel.store(connection->cancel_handle());
  InstallInterruptHandler();

  Session session(
      *connection, std::cout, options.silent,
      ScriptSearchPath(std::getenv("WSQL_PATH"), std::getenv("SQLPATH"), ExecutableDir()));
  PqConnector connector;
  session.set_connector(&connector, target);
  session.set_host_runner(RunHostCommand);
  // ACCEPT ... HIDE reads from the terminal without echo when the input is the terminal.
  if (stdin_is_tty) session.set_secret_reader(ReadSecretFromTerminal);
  SubstitutionVariables& vars = session.variables();
  vars.Define("_CONNECT_IDENTIFIER", target.host + ":" + std::to_string(target.port));
  vars.Define("_USER", ToUpperAscii(connection->user()));
  vars.Define("_SQLPLUS_RELEASE", kRelease);
  vars.Define("_O_VERSION", connection->server_version());
  if (options.script) {
    // Values of undefined substitution variables are read from standard input.
    StreamLineSource values(std::cin);
    session.set_value_source(&values);
    session.RunScript(*options.script, options.script_args);
    session.set_value_source(nullptr);
  }
  // Standard input is read unless -f FILE ran, or EXIT (or WHENEVER) ended the session.
  const bool read_input = !options.script || options.read_input_after_script;
  if (read_input && !session.exit_requested()) {
    if (stdin_is_tty) {
      ReadlineLineSource terminal(DefaultHistoryFile());
      session.Run(terminal, InputMode{!options.silent, false});
    } else {
      StreamLineSource pipe(std::cin);
      session.Run(pipe, InputMode{false, true});
    }
  }
  session.ExitAtEndOfInput();
  if (!options.silent) {
    std::cout << "Disconnected from server version " << connection->server_version() << '\n';
  }
  std::cout << std::flush;
  g_cancel.store(nullptr);
  return session.exit_code();
}

}  // namespace

int main(int argc, char** argv) { return Main(argc, argv); }
