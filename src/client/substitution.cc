// SQL*Plus substitution variables (see substitution.h).
#include "client/substitution.h"

#include <cstdio>

#include "client/script_arguments.h"
#include "client/utf8_text.h"

namespace warden::client {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '$' ||
         c == '#';
}

constexpr std::size_t kListingNameWidth = 15;  // SQL*Plus pads names in DEFINE's listing

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {  // one pass per line; ends at the last line
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

}  // namespace

void SubstitutionVariables::Define(std::string_view name, std::string value) {
  std::string key = ToUpperAscii(name);
  for (auto& [n, v] : variables_) {
    if (n == key) {
      v = std::move(value);
      return;
    }
  }
  variables_.emplace_back(std::move(key), std::move(value));
}

bool SubstitutionVariables::Undefine(std::string_view name) {
  std::string key = ToUpperAscii(name);
  for (auto it = variables_.begin(); it != variables_.end(); ++it) {
    if (it->first == key) {
      variables_.erase(it);
      return true;
    }
  }
  return false;
}

const std::string* SubstitutionVariables::Find(std::string_view name) const {
  std::string key = ToUpperAscii(name);
  for (const auto& [n, v] : variables_) {
    if (n == key) return &v;
  }
  return nullptr;
}

std::string SubstitutionVariables::ListingLine(std::string_view name, std::string_view value) {
  return "DEFINE " + PadRight(ToUpperAscii(name), kListingNameWidth) + " = \"" +
         std::string(value) + "\" (CHAR)";
}

std::string SubstitutionVariables::ListAll() const {
  std::string out;
  for (const auto& [n, v] : variables_) out.append(ListingLine(n, v)).push_back('\n');
  return out;
}

std::string SubstitutionVariables::Substitute(std::string_view text, char prefix,
                                              const AskValue& ask) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {  // each pass consumes at least one character
    if (text[i] != prefix) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i + 1;
    bool define_it = j < text.size() && text[j] == prefix;
    if (define_it) ++j;
    std::size_t name_start = j;
    if (j < text.size() && IsDigit(text[j])) {
      while (j < text.size() && IsDigit(text[j])) ++j;
    } else {
      while (j < text.size() && IsNameChar(text[j])) ++j;
    }
    if (j == name_start) {  // no name: the prefix is plain text
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    std::string name(text.substr(name_start, j - name_start));
    if (const std::string* known = Find(name)) {
      out.append(*known);
    } else {
      std::string value = ask(name).value_or("");
      out.append(value);
      if (define_it) Define(name, std::move(value));
    }
    if (j < text.size() && text[j] == '.') ++j;
    i = j;
  }
  return out;
}

DefineArgs ParseDefineArgs(std::string_view args) {
  DefineArgs out;
  std::string_view rest = Trim(args);
  if (rest.empty()) return out;
  std::size_t end = 0;
  while (end < rest.size() && IsNameChar(rest[end])) ++end;
  out.name = std::string(rest.substr(0, end));
  rest = Trim(rest.substr(end));
  if (out.name.empty() || (!rest.empty() && !rest.starts_with('='))) {
    out.error = "SP2-0136: DEFINE requires an equal sign (=)";
    return out;
  }
  if (rest.empty()) return out;
  std::vector<std::string> words = SplitArguments(rest.substr(1));
  if (words.empty()) {
    out.error = "SP2-0137: DEFINE requires a value following equal sign";
    return out;
  }
  out.value = words[0];
  return out;
}

std::string VerifyReport(std::string_view before, std::string_view after) {
  std::vector<std::string_view> old_lines = Lines(before);
  std::vector<std::string_view> new_lines = Lines(after);
  std::string out;
  // Substitution never adds or removes lines unless a value holds a newline; then the
  // lines are compared as far as both go and the rest of the new text is reported last.
  for (std::size_t k = 0; k < old_lines.size() && k < new_lines.size(); ++k) {
    bool last_old = k + 1 == old_lines.size();
    std::string_view now = new_lines[k];
    std::string joined;
    if (last_old && new_lines.size() > old_lines.size()) {
      for (std::size_t m = k; m < new_lines.size(); ++m) {
        if (m > k) joined.push_back('\n');
        joined.append(new_lines[m]);
      }
      now = joined;
    }
    if (old_lines[k] == now) continue;
    char number[24];
    std::snprintf(number, sizeof number, "%3zu", k + 1);
    out.append("old ").append(number).append(": ").append(old_lines[k]).push_back('\n');
    out.append("new ").append(number).append(": ").append(now).push_back('\n');
  }
  return out;
}

}  // namespace warden::client
