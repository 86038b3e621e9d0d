// The SQL*Plus settings wsql honours (SET / SHOW): FEEDBACK, PAGESIZE, LINESIZE, HEADING, ECHO.
// LINESIZE is kept and shown but rows are never wrapped at it (see result_formatter.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warden::client {

struct DisplaySettings {
  int feedback = 6;   // "N rows selected." when N >= feedback; 0 = OFF
  int pagesize = 14;  // lines per page incl. the blank line and the headings; 0 = no headings
  int linesize = 80;
  bool heading = true;
  bool echo = false;  // echo script lines as they are read
};

// Applies "SET <args>" (one or more "option value" pairs). Returns "" or the SP2 message
// SQL*Plus prints; options before the bad one stay applied, as in SQL*Plus.
std::string ApplySetCommand(std::string_view args, DisplaySettings* settings);

// The line "SHOW <name>" prints for a setting, or nullopt if name is not a setting.
std::optional<std::string> ShowSetting(std::string_view name, const DisplaySettings& settings);

}  // namespace warden::client
