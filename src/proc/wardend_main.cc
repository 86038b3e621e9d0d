// wardend: the instance's command line (DESIGN.md §1).
//   wardend init   -D DIR [--pwfile FILE]
//   wardend start  -D DIR [-c name=value ...] [--daemon]
//   wardend stop   -D DIR [--mode normal|transactional|immediate|abort] [--timeout SECONDS]
//   wardend status -D DIR
#include <termios.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "proc/datadir.h"
#include "proc/instance_control.h"
#include "proc/supervisor.h"

namespace {

int Usage(int rc) {
  (rc == 0 ? std::cout : std::cerr)
      << "usage:\n"
         "  wardend init   -D DIR [--pwfile FILE]\n"
         "  wardend start  -D DIR [-c name=value ...] [--daemon]\n"
         "  wardend stop   -D DIR [--mode normal|transactional|immediate|abort] [--timeout SECONDS]\n"
         "  wardend status -D DIR\n";
  return rc;
}

std::string ReadHidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old;
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::cerr << "\n";
  return line;
}

int Init(const std::string& datadir, const std::string& pwfile) {
  std::string password;
  bool generated = false;
  if (!pwfile.empty()) {
    std::ifstream in(pwfile);
    if (!in || !std::getline(in, password) || password.empty()) {
      std::cerr << "wardend: cannot read a password from the first line of " << pwfile << "\n";
      return 1;
    }
  } else if (isatty(STDIN_FILENO)) {
    password = ReadHidden("Enter new SYS password: ");
    if (ReadHidden("Enter it again: ") != password) {
      std::cerr << "wardend: passwords do not match\n";
      return 1;
    }
  } else {
    password = warden::proc::GeneratePassword(20);
    generated = true;
  }
  warden::Status s = warden::proc::InitDataDir(datadir, password);
  if (!s.ok()) {
    std::cerr << "wardend: " << s.message() << "\n";
    return 1;
  }
  std::cout << "wardend: database created in " << datadir << "\n";
  if (generated) {
    std::cout << "SYS password (shown once, not stored anywhere in clear): " << password << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(2);
  std::string cmd = argv[1];
  if (cmd == "-h" || cmd == "--help" || cmd == "help") return Usage(0);
  std::string datadir, pwfile, mode = "normal";
  std::vector<std::string> overrides;
  bool daemon = false;
  int timeout_s = 120;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "wardend: " << flag << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "-D") {
      datadir = value("-D");
    } else if (a == "-c") {
      overrides.push_back(value("-c"));
    } else if (a == "--pwfile") {
      pwfile = value("--pwfile");
    } else if (a == "--mode" || a == "-m") {
      mode = value("--mode");
    } else if (a == "--timeout" || a == "-t") {
      timeout_s = std::atoi(value("--timeout").c_str());
    } else if (a == "--daemon") {
      daemon = true;
    } else {
      std::cerr << "wardend: unknown argument '" << a << "'\n";
      return Usage(2);
    }
  }
  if (datadir.empty()) {
    std::cerr << "wardend: -D DIR is required\n";
    return Usage(2);
  }
  if (cmd == "init") return Init(datadir, pwfile);
  if (cmd == "start") return warden::proc::RunStart({datadir, overrides, daemon});
  if (cmd == "stop") return warden::proc::RunStop(datadir, mode, timeout_s);
  if (cmd == "status") return warden::proc::RunStatus(datadir);
  std::cerr << "wardend: unknown command '" << cmd << "'\n";
  return Usage(2);
}
