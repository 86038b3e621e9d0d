// InputSplitter: SQL*Plus's rules for where statements and commands end (see input_splitter.h).
#include "client/input_splitter.h"

#include <array>
#include <optional>

#include "client/utf8_text.h"

namespace warden::client {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c == '#';
}

// The closing delimiter of q'X...X': brackets close with their partner, others with themselves.
char QQuoteCloser(char open) {
  switch (open) {
    case '[': return ']';
    case '(': return ')';
    case '{': return '}';
    case '<': return '>';
    default: return open;
  }
}

// True if the quote at line[i] is preceded by q or Q (or nq / NQ) as a whole token.
bool IsQQuoteStart(std::string_view line, std::size_t i) {
  if (i == 0 || (line[i - 1] != 'q' && line[i - 1] != 'Q')) return false;
  if (i == 1 || !IsIdentChar(line[i - 2])) return true;
  if (line[i - 2] != 'n' && line[i - 2] != 'N') return false;
  return i == 2 || !IsIdentChar(line[i - 3]);
}

// Up to kMaxWords leading words of text (upper-cased), skipping blanks and comments; stops at
// the first character that is neither.
constexpr std::size_t kMaxWords = 5;
std::vector<std::string> LeadingWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < kMaxWords) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      std::size_t eol = text.find('\n', i);
      i = eol == kNpos ? text.size() : eol + 1;
    } else if (text.substr(i, 2) == "/*") {
      std::size_t close = text.find("*/", i + 2);
      i = close == kNpos ? text.size() : close + 2;
    } else if (IsIdentChar(c)) {
      std::size_t start = i;
      while (i < text.size() && IsIdentChar(text[i])) ++i;
      words.push_back(ToUpperAscii(text.substr(start, i - start)));
    } else {
      break;
    }
  }
  return words;
}

}  // namespace

bool StartsPlsqlBlock(std::string_view text) {
  std::vector<std::string> w = LeadingWords(text);
  if (w.empty()) return false;
  if (w[0] == "BEGIN" || w[0] == "DECLARE") return true;
  if (w[0] != "CREATE") return false;
  std::size_t i = 1;
  if (i + 1 < w.size() && w[i] == "OR" && w[i + 1] == "REPLACE") i += 2;
  if (i < w.size() && (w[i] == "EDITIONABLE" || w[i] == "NONEDITIONABLE")) ++i;
  if (i >= w.size()) return false;
  constexpr std::array<const char*, 6> kUnits = {"FUNCTION", "PROCEDURE", "PACKAGE",
                                                 "TRIGGER",  "TYPE",      "LIBRARY"};
  for (const char* unit : kUnits) {
    if (w[i] == unit) return true;
  }
  return false;
}

InputEvent InputSplitter::Feed(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (in_command_) {
    lines_.emplace_back(line);
    if (EndsWithContinuation(line)) return {};
    return FinishStatement(InputEventKind::kCommand);
  }
  if (lines_.empty()) {
    std::string_view trimmed = Trim(line);
    if (trimmed.empty()) return {};
    if (trimmed == "/") return InputEvent{InputEventKind::kRunBuffer, "", false, {}};
    if (trimmed == ".") return {};
    if (std::optional<SqlPlusCommand> command = ParseSqlPlusCommand(line)) {
      if (EndsWithContinuation(line)) {
        in_command_ = true;
        lines_.emplace_back(line);
        return {};
      }
      return InputEvent{InputEventKind::kCommand, std::string(trimmed), false, *command};
    }
  }
  return FeedStatementLine(line);
}

InputEvent InputSplitter::EndOfInput() {
  if (lines_.empty()) return {};
  if (in_command_) return FinishStatement(InputEventKind::kCommand);
  if (!has_code_) {
    Reset();
    return {};
  }
  return FinishStatement(InputEventKind::kStatementEnded);
}

InputEvent InputSplitter::FeedStatementLine(std::string_view line) {
  std::string_view trimmed = Trim(line);
  // '/', '.' and blank lines mean something only outside literals and comments.
  if (lexical_ == Lexical::kCode && !lines_.empty()) {
    if (trimmed == "/") return FinishStatement(InputEventKind::kRunStatement);
    if (trimmed == ".") return FinishStatement(InputEventKind::kStatementEnded);
    if (trimmed.empty()) {
      std::string so_far;
      for (const std::string& l : lines_) so_far.append(l).push_back('\n');
      if (!blank_lines_allowed_ && !StartsPlsqlBlock(so_far)) {
        return FinishStatement(InputEventKind::kStatementEnded);
      }
    }
  }
  lines_.emplace_back(line);
  std::size_t semicolon = ScanLine(line);
  if (!has_code_ && lexical_ == Lexical::kCode) {
    Reset();  // only comments so far: nothing to keep
    return {};
  }
  if (semicolon == kNpos) return {};
  std::string so_far;
  for (const std::string& l : lines_) so_far.append(l).push_back('\n');
  if (StartsPlsqlBlock(so_far)) return {};
  lines_.back() = std::string(TrimTrailingSpaces(line.substr(0, semicolon)));
  return FinishStatement(InputEventKind::kRunStatement);
}

std::size_t InputSplitter::ScanLine(std::string_view line) {
  std::size_t last_code = kNpos;  // last significant character outside comments
  bool last_is_semicolon = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    char next = i + 1 < line.size() ? line[i + 1] : '\0';
    switch (lexical_) {
      case Lexical::kBlockComment:
        if (c == '*' && next == '/') {
          lexical_ = Lexical::kCode;
          ++i;
        }
        continue;
      case Lexical::kSingleQuote:
        // A doubled '' closes and at once reopens the literal: same result.
        if (c == '\'') lexical_ = Lexical::kCode;
        break;
      case Lexical::kDoubleQuote:
        if (c == '"') lexical_ = Lexical::kCode;
        break;
      case Lexical::kQQuote:
        if (c == q_closer_ && next == '\'') {
          lexical_ = Lexical::kCode;
          ++i;
        }
        break;
      case Lexical::kCode:
        if (c == ' ' || c == '\t') continue;
        if (c == '-' && next == '-') return last_is_semicolon ? last_code : kNpos;
        if (c == '/' && next == '*') {
          lexical_ = Lexical::kBlockComment;
          ++i;
          continue;
        }
        has_code_ = true;
        if (c == '\'') {
          if (IsQQuoteStart(line, i) && next != '\0') {
            lexical_ = Lexical::kQQuote;
            q_closer_ = QQuoteCloser(next);
            ++i;
          } else {
            lexical_ = Lexical::kSingleQuote;
          }
        } else if (c == '"') {
          lexical_ = Lexical::kDoubleQuote;
        }
        break;
    }
    last_code = i;
    last_is_semicolon = lexical_ == Lexical::kCode && c == ';';
  }
  return last_is_semicolon && lexical_ == Lexical::kCode ? last_code : kNpos;
}

InputEvent InputSplitter::FinishStatement(InputEventKind kind) {
  InputEvent event;
  event.kind = kind;
  if (kind == InputEventKind::kCommand) {
    // Join continued command lines, dropping each continuation hyphen.
    for (std::string& l : lines_) {
      std::string_view t = Trim(l);
      if (EndsWithContinuation(t)) t = Trim(t.substr(0, t.size() - 1));
      if (!event.text.empty()) event.text.push_back(' ');
      event.text.append(t);
    }
    std::optional<SqlPlusCommand> command = ParseSqlPlusCommand(event.text);
    // The first line parsed as a command, and joining only appends, so this holds.
    if (command) event.command = *command;
  } else {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (i > 0) event.text.push_back('\n');
      event.text.append(lines_[i]);
    }
    event.is_plsql = StartsPlsqlBlock(event.text);
  }
  Reset();
  return event;
}

void InputSplitter::Reset() {
  lines_.clear();
  in_command_ = false;
  has_code_ = false;
  lexical_ = Lexical::kCode;
  q_closer_ = 0;
}

}  // namespace warden::client
