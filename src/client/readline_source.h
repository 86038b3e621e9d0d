// Lines from the terminal through GNU readline, with history kept in a file
// (~/.wsql_history). Only for interactive use.
#pragma once

#include <optional>
#include <string>

#include "client/line_source.h"

namespace warden::client {

class ReadlineLineSource : public LineSource {
 public:
  // history_file: "" for no history file.
  explicit ReadlineLineSource(std::string history_file);
  ~ReadlineLineSource() override;  // writes the history file
  ReadlineLineSource(const ReadlineLineSource&) = delete;
  ReadlineLineSource& operator=(const ReadlineLineSource&) = delete;

  std::optional<std::string> ReadLine(const std::string& prompt) override;

 private:
  std::string history_file_;
};

// $HOME/.wsql_history, or "" without HOME.
std::string DefaultHistoryFile();

}  // namespace warden::client
