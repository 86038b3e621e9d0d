// Scripts started with @file / START file: argument words, &1 substitution, file lookup.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::client {

// "file arg1 'two words' \"x\"" -> {"file", "arg1", "two words", "x"}: blank-separated words,
// single or double quotes group (and are removed).
std::vector<std::string> SplitArguments(std::string_view text);

// Replaces &n and &&n (n = 1..args.size()) by args[n-1]; a '.' right after the number ends
// the variable and is dropped ("&1..sql" -> "x.sql"). Other '&' text is left alone.
std::string SubstituteArguments(std::string_view line, const std::vector<std::string>& args);

// The file SQL*Plus opens for "@name": name + ".sql" when name has no extension; a relative
// name is looked up in base_dir (the current directory for @ and START, the calling
// script's directory for @@), then in each directory of sqlpath (':'-separated, SQLPATH).
// nullopt if no readable file exists.
std::optional<std::string> ResolveScriptPath(std::string_view name, const std::string& base_dir,
                                             std::string_view sqlpath);

}  // namespace warden::client
