// wsql: Warden's SQL*Plus-like client. Parses the command line, connects, and hands the
// input (terminal, pipe or -f script) to the Session interpreter.
#include <signal.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "client/cli_options.h"
#include "client/connect_string.h"
#include "client/line_source.h"
#include "client/pq_connection.h"
#include "client/readline_source.h"
#include "client/session.h"
#include "client/terminal.h"

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

  const char* sqlpath = std::getenv("SQLPATH");
  Session session(*connection, std::cout, options.silent, sqlpath ? sqlpath : "");
  if (options.script) {
    session.RunScript(*options.script, options.script_args);
  } else if (stdin_is_tty) {
    ReadlineLineSource terminal(DefaultHistoryFile());
    session.Run(terminal, InputMode{!options.silent, false});
  } else {
    StreamLineSource pipe(std::cin);
    session.Run(pipe, InputMode{false, true});
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
