// Scripts' arguments and lookup (see script_arguments.h).
#include "client/script_arguments.h"

#include <filesystem>
#include <fstream>

namespace warden::client {

std::vector<std::string> SplitArguments(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::string word;
    if (text[i] == '\'' || text[i] == '"') {
      char quote = text[i++];
      std::size_t close = text.find(quote, i);
      if (close == std::string_view::npos) close = text.size();
      word = std::string(text.substr(i, close - i));
      i = close + 1;
    } else {
      std::size_t end = text.find_first_of(" \t", i);
      if (end == std::string_view::npos) end = text.size();
      word = std::string(text.substr(i, end - i));
      i = end;
    }
    words.push_back(std::move(word));
  }
  return words;
}

std::optional<std::string> ResolveScriptPath(std::string_view name, const std::string& base_dir,
                                             std::string_view sqlpath) {
  namespace fs = std::filesystem;
  fs::path file{std::string(name)};
  if (!file.has_extension()) file += ".sql";
  std::vector<fs::path> candidates;
  if (file.is_absolute()) {
    candidates.push_back(file);
  } else {
    candidates.push_back(base_dir.empty() ? file : fs::path(base_dir) / file);
    std::size_t start = 0;
    while (start < sqlpath.size()) {  // one directory per ':'-separated entry
      std::size_t colon = sqlpath.find(':', start);
      if (colon == std::string_view::npos) colon = sqlpath.size();
      std::string_view dir = sqlpath.substr(start, colon - start);
      if (!dir.empty()) candidates.push_back(fs::path(std::string(dir)) / file);
      start = colon + 1;
    }
  }
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && std::ifstream(candidate).good()) {
      return candidate.string();
    }
  }
  return std::nullopt;
}

std::string ScriptSearchPath(const char* wsql_path, const char* sqlpath,
                             const std::string& exe_dir) {
  std::string path;
  auto add = [&path](std::string_view dirs) {
    if (dirs.empty()) return;
    if (!path.empty()) path.push_back(':');
    path.append(dirs);
  };
  if (wsql_path != nullptr) add(wsql_path);
  if (sqlpath != nullptr) add(sqlpath);
  if (!exe_dir.empty()) {
    namespace fs = std::filesystem;
    add((fs::path(exe_dir) / ".." / "share" / "warden" / "scripts").lexically_normal().string());
    add((fs::path(exe_dir) / ".." / "scripts").lexically_normal().string());
  }
  return path;
}

}  // namespace warden::client
