// Asking the user on the controlling terminal (/dev/tty), also when standard input is a pipe.
#pragma once

#include <optional>
#include <string>

namespace warden::client {

// Shows prompt and reads a line from /dev/tty with echo off (a password). nullopt if there
// is no terminal.
std::optional<std::string> ReadSecretFromTerminal(const std::string& prompt);

}  // namespace warden::client
