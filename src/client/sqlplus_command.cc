// Recognising SQL*Plus commands (see sqlplus_command.h).
#include "client/sqlplus_command.h"

#include "client/utf8_text.h"

namespace warden::client {
namespace {

struct VerbSpec {
  const char* name;
  std::size_t min_length;  // shortest accepted abbreviation
  CommandVerb verb;
};

constexpr VerbSpec kVerbs[] = {
    {"EXIT", 4, CommandVerb::kExit},         {"QUIT", 4, CommandVerb::kExit},
    {"SET", 3, CommandVerb::kSet},           {"SHOW", 3, CommandVerb::kShow},
    {"PROMPT", 3, CommandVerb::kPrompt},     {"EXECUTE", 4, CommandVerb::kExecute},
    {"REMARK", 3, CommandVerb::kRemark},     {"START", 3, CommandVerb::kStart},
    {"RUN", 1, CommandVerb::kRun},           {"LIST", 1, CommandVerb::kList},
    {"DEFINE", 3, CommandVerb::kDefine},     {"UNDEFINE", 5, CommandVerb::kUndefine},
    {"COLUMN", 3, CommandVerb::kColumn},     {"CLEAR", 2, CommandVerb::kClear},
    {"WHENEVER", 8, CommandVerb::kWhenever}, {"SPOOL", 3, CommandVerb::kSpool},
    {"DESCRIBE", 4, CommandVerb::kDescribe}, {"CONNECT", 4, CommandVerb::kConnect},
    {"HOST", 2, CommandVerb::kHost},         {"BREAK", 3, CommandVerb::kBreak},
    {"ACCEPT", 3, CommandVerb::kAccept},
};

// SET followed by one of these is a SQL statement.
constexpr const char* kSqlSetWords[] = {"TRANSACTION", "ROLE", "CONSTRAINT", "CONSTRAINTS"};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::optional<SqlPlusCommand> ParseSqlPlusCommand(std::string_view line) {
  std::string_view text = Trim(line);
  if (text.empty()) return std::nullopt;
  if (text.starts_with("@@")) {
    return SqlPlusCommand{CommandVerb::kStartNested, std::string(Trim(text.substr(2)))};
  }
  if (text.starts_with('@')) {
    return SqlPlusCommand{CommandVerb::kStart, std::string(Trim(text.substr(1)))};
  }
  if (text.starts_with('!')) {
    return SqlPlusCommand{CommandVerb::kHost, std::string(Trim(text.substr(1)))};
  }
  std::size_t word_end = 0;
  while (word_end < text.size() && !IsBlank(text[word_end]) && text[word_end] != ';') ++word_end;
  std::string word = ToUpperAscii(text.substr(0, word_end));
  std::string args(Trim(text.substr(word_end)));
  for (const VerbSpec& spec : kVerbs) {
    std::string_view name(spec.name);
    if (word.size() < spec.min_length || word.size() > name.size()) continue;
    if (name.substr(0, word.size()) != word) continue;
    if (spec.verb == CommandVerb::kSet) {
      std::string_view first = args;
      first = first.substr(0, first.find_first_of(" \t"));
      std::string first_upper = ToUpperAscii(first);
      for (const char* sql_word : kSqlSetWords) {
        if (first_upper == sql_word) return std::nullopt;
      }
    }
    return SqlPlusCommand{spec.verb, args};
  }
  return std::nullopt;
}

bool EndsWithContinuation(std::string_view line) {
  std::string_view text = Trim(line);
  if (!text.ends_with('-')) return false;
  return text.size() == 1 || IsBlank(text[text.size() - 2]);
}

}  // namespace warden::client
