// BREAK settings (see break_settings.h).
#include "client/break_settings.h"

#include <charconv>

#include "client/script_arguments.h"
#include "client/utf8_text.h"

namespace warden::client {
namespace {

bool Abbrev(const std::string& word, std::string_view keyword, std::size_t min_length) {
  return word.size() >= min_length && word.size() <= keyword.size() &&
         keyword.substr(0, word.size()) == word;
}

std::string Listing(const std::vector<BreakElement>& elements) {
  std::string out = "break";
  for (const BreakElement& e : elements) {
    out += " on " + e.name;
    if (e.skip_page) out += " page";
    if (e.skip_lines > 0) out += " skip " + std::to_string(e.skip_lines);
    out += e.duplicates ? " dup" : " nodup";
  }
  return out + "\n";
}

}  // namespace

std::string BreakSettings::Apply(std::string_view args, bool* failed) {
  *failed = false;
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    if (elements_.empty()) return "SP2-0045: * no break's defined\n";
    return Listing(elements_);
  }
  std::vector<BreakElement> parsed;
  auto error = [&](const std::string& word) {
    *failed = true;
    return "SP2-0158: unknown BREAK option \"" + word + "\"\n";
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = ToUpperAscii(words[i]);
    if (w == "ON") {
      if (i + 1 >= words.size()) return error(words[i]);
      std::string name = words[++i];
      parsed.push_back({ToUpperAscii(name) == "ROW" ? "ROW" : name, 0, false, false});
    } else if (parsed.empty()) {
      return error(words[i]);
    } else if (Abbrev(w, "SKIP", 3)) {
      if (i + 1 >= words.size()) return error(words[i]);
      std::string arg = ToUpperAscii(words[++i]);
      if (arg == "PAGE") {
        parsed.back().skip_page = true;
        continue;
      }
      int n = 0;
      auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), n);
      if (ec != std::errc() || end != arg.data() + arg.size() || n < 0 || n > 1000) {
        return error(words[i]);
      }
      parsed.back().skip_lines = n;
      // "SKIP 1 PAGE" is SKIP PAGE.
      if (i + 1 < words.size() && ToUpperAscii(words[i + 1]) == "PAGE") {
        parsed.back().skip_page = true;
        parsed.back().skip_lines = 0;
        ++i;
      }
    } else if (Abbrev(w, "NODUPLICATES", 5)) {
      parsed.back().duplicates = false;
    } else if (Abbrev(w, "DUPLICATES", 3)) {
      parsed.back().duplicates = true;
    } else {
      return error(words[i]);
    }
  }
  elements_ = std::move(parsed);
  return "";
}

}  // namespace warden::client
