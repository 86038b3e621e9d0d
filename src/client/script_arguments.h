// Scripts started with @file / START file: argument words and file lookup (SQLPATH).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::client {

// "file arg1 'two words' \"x\"" -> {"file", "arg1", "two words", "x"}: blank-separated words,
// single or double quotes group (and are removed).
std::vector<std::string> SplitArguments(std::string_view text);

// The file SQL*Plus opens for "@name": name + ".sql" when name has no extension; a relative
// name is looked up in base_dir (the current directory for @ and START, the calling
// script's directory for @@), then in each directory of sqlpath (':'-separated, SQLPATH).
// nullopt if no readable file exists.
std::optional<std::string> ResolveScriptPath(std::string_view name, const std::string& base_dir,
                                             std::string_view sqlpath);

// wsql's script path: the folders of WSQL_PATH, then of SQLPATH (each ':'-separated, either
// may be null), then the project's scripts folder as installed next to the binary
// (<exe_dir>/../share/warden/scripts) and in the source tree when wsql runs from a build
// folder inside it (<exe_dir>/../scripts). ':'-separated, for ResolveScriptPath.
std::string ScriptSearchPath(const char* wsql_path, const char* sqlpath,
                             const std::string& exe_dir);

}  // namespace warden::client
