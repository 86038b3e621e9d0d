// Terminal input through readline (see readline_source.h).
#include "client/readline_source.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include <readline/history.h>
#include <readline/readline.h>

namespace warden::client {
namespace {

constexpr int kHistoryLines = 1000;

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

}  // namespace

std::string DefaultHistoryFile() {
  const char* home = std::getenv("HOME");
  return home && *home ? std::string(home) + "/.wsql_history" : "";
}

ReadlineLineSource::ReadlineLineSource(std::string history_file)
    : history_file_(std::move(history_file)) {
  using_history();
  if (!history_file_.empty()) read_history(history_file_.c_str());  // absent at first use
}

ReadlineLineSource::~ReadlineLineSource() {
  if (history_file_.empty()) return;
  if (write_history(history_file_.c_str()) == 0) {
    history_truncate_file(history_file_.c_str(), kHistoryLines);
  }
}

std::optional<std::string> ReadlineLineSource::ReadLine(const std::string& prompt) {
  std::unique_ptr<char, FreeDeleter> line(readline(prompt.c_str()));
  if (!line) {
    std::fputc('\n', stdout);  // end the prompt's line on Ctrl-D
    return std::nullopt;
  }
  if (line.get()[0] != '\0') add_history(line.get());
  return std::string(line.get());
}

}  // namespace warden::client
