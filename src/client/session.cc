// wsql's command interpreter (see session.h).
#include "client/session.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "client/error_renderer.h"
#include "client/feedback_tags.h"
#include "client/script_arguments.h"
#include "client/utf8_text.h"
#include "common/ora_error.h"

namespace warden::client {
namespace {

constexpr int kMaxScriptDepth = 20;  // SQL*Plus's nesting limit for @ scripts

// SHOW PARAMETER's layout: SQL*Plus's fixed widths.
constexpr std::size_t kParamNameWidth = 36;
constexpr std::size_t kParamTypeWidth = 11;
constexpr std::size_t kParamValueWidth = 30;

std::string_view StripSemicolon(std::string_view s) {
  s = Trim(s);
  while (s.ends_with(';')) s = Trim(s.substr(0, s.size() - 1));
  return s;
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// V$PARAMETER.TYPE is a number in Oracle; SQL*Plus shows its name.
std::string ParameterTypeName(const std::string& type) {
  static constexpr const char* kNames[] = {"",         "boolean",  "string",     "integer",
                                           "file",     "reserved", "big integer"};
  if (type.size() == 1 && type[0] >= '1' && type[0] <= '6') return kNames[type[0] - '0'];
  return type;
}

}  // namespace

std::string LinePrompt(int n) {
  char prompt[16];
  std::snprintf(prompt, sizeof prompt, "%3d  ", n);
  return prompt;
}

Session::Session(Connection& connection, std::ostream& out, bool silent, std::string sqlpath)
    : connection_(connection), out_(out), silent_(silent), sqlpath_(std::move(sqlpath)) {}

int Session::exit_code() const {
  if (explicit_exit_code_ >= 0) return explicit_exit_code_;
  return script_failed_ ? 1 : 0;
}

void Session::Run(LineSource& input, const InputMode& mode) {
  RunFrame(input, Frame{mode, {}, "", 0});
}

void Session::RunScript(const std::string& name, const std::vector<std::string>& args) {
  std::string words = "\"" + name + "\"";
  for (const std::string& a : args) words += " \"" + a + "\"";
  StartScript(words, false, Frame{InputMode{false, true}, {}, "", 0});
}

void Session::ExitAtEndOfInput() {
  if (!exit_requested_) Exit("", Frame{});
}

void Session::RunFrame(LineSource& input, const Frame& frame) {
  InputSplitter splitter;
  // Ends at the end of the input (a file or terminal: finite or ended by the user) or EXIT.
  while (!exit_requested_) {
    std::string prompt =
        splitter.in_statement() ? LinePrompt(splitter.next_line_number()) : "SQL> ";
    std::optional<std::string> line = input.ReadLine(frame.mode.prompts ? prompt : "");
    if (!line) {
      Handle(splitter.EndOfInput(), frame);
      return;
    }
    std::string text = frame.args.empty() ? *line : SubstituteArguments(*line, frame.args);
    if (frame.mode.script && settings_.echo) {
      out_ << (silent_ ? "" : prompt) << text << '\n';
    }
    Handle(splitter.Feed(text), frame);
  }
}

void Session::Handle(const InputEvent& event, const Frame& frame) {
  switch (event.kind) {
    case InputEventKind::kNone:
      return;
    case InputEventKind::kRunStatement:
      buffer_ = event.text;
      buffer_is_plsql_ = event.is_plsql;
      ExecuteStatement(buffer_, buffer_is_plsql_, frame);
      return;
    case InputEventKind::kStatementEnded:
      buffer_ = event.text;
      buffer_is_plsql_ = event.is_plsql;
      return;
    case InputEventKind::kRunBuffer:
      if (buffer_.empty()) {
        out_ << "SP2-0103: Nothing in SQL buffer to run.\n";
        Fail(frame);
        return;
      }
      ExecuteStatement(buffer_, buffer_is_plsql_, frame);
      return;
    case InputEventKind::kCommand:
      HandleCommand(event.command, frame);
      return;
  }
}

void Session::Fail(const Frame& frame) {
  if (frame.mode.script) script_failed_ = true;
}

void Session::ExecuteStatement(const std::string& sql, bool is_plsql, const Frame& frame) {
  if (!connection_.connected()) {
    out_ << RenderError(sql, OraError::Make(3114).message(), 0);
    Fail(frame);
    return;
  }
  QueryResult result = connection_.Execute(sql);
  switch (result.kind) {
    case QueryResult::Kind::kRows:
      out_ << FormatQueryResult(result.columns, result.rows, settings_);
      return;
    case QueryResult::Kind::kCommand:
      if (settings_.feedback > 0) {
        out_ << '\n' << (is_plsql ? kPlsqlFeedback : FeedbackForTag(result.tag)) << "\n\n";
      }
      return;
    case QueryResult::Kind::kError:
      out_ << RenderError(sql, result.error_message, result.error_position);
      Fail(frame);
      return;
  }
}

void Session::HandleCommand(const SqlPlusCommand& command, const Frame& frame) {
  switch (command.verb) {
    case CommandVerb::kExit:
      Exit(std::string(StripSemicolon(command.args)), frame);
      return;
    case CommandVerb::kSet: {
      std::string error = ApplySetCommand(StripSemicolon(command.args), &settings_);
      if (!error.empty()) {
        out_ << error << '\n';
        Fail(frame);
      }
      return;
    }
    case CommandVerb::kShow:
      Show(std::string(StripSemicolon(command.args)), frame);
      return;
    case CommandVerb::kPrompt:
      out_ << command.args << '\n';
      return;
    case CommandVerb::kExecute: {
      std::string_view body = StripSemicolon(command.args);
      if (body.empty()) {
        out_ << "Usage: EXEC[UTE] statement\n";
        Fail(frame);
        return;
      }
      ExecuteStatement("BEGIN " + std::string(body) + "; END;", true, frame);
      return;
    }
    case CommandVerb::kRemark:
      return;
    case CommandVerb::kStart:
    case CommandVerb::kStartNested:
      StartScript(std::string(StripSemicolon(command.args)),
                  command.verb == CommandVerb::kStartNested, frame);
      return;
    case CommandVerb::kRun:
      if (buffer_.empty()) {
        out_ << "SP2-0103: Nothing in SQL buffer to run.\n";
        Fail(frame);
        return;
      }
      ListBuffer();
      ExecuteStatement(buffer_, buffer_is_plsql_, frame);
      return;
    case CommandVerb::kList:
      if (buffer_.empty()) {
        out_ << "SP2-0223: No lines in SQL buffer.\n";
        return;
      }
      ListBuffer();
      return;
  }
}

void Session::ListBuffer() {
  // SQL*Plus marks the current (last) line with '*'.
  std::size_t start = 0;
  int n = 1;
  while (start <= buffer_.size()) {  // one pass per line of the buffer
    std::size_t nl = buffer_.find('\n', start);
    bool last = nl == std::string::npos;
    std::string prompt = LinePrompt(n++);
    if (last) prompt[3] = '*';
    out_ << prompt << buffer_.substr(start, last ? std::string::npos : nl - start) << '\n';
    if (last) break;
    start = nl + 1;
  }
}

void Session::Exit(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  bool commit = true;  // SQL*Plus EXITCOMMIT ON
  std::size_t i = 0;
  if (i < words.size()) {
    std::string word = ToUpperAscii(words[i]);
    if (word == "SUCCESS" || word == "FAILURE" || word == "WARNING") {
      explicit_exit_code_ = word == "SUCCESS" ? 0 : word == "FAILURE" ? 1 : 2;
      ++i;
    } else if (word != "COMMIT" && word != "ROLLBACK") {
      int code = 0;
      auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), code);
      if (ec != std::errc() || end != word.data() + word.size() || code < 0) {
        out_ << "SP2-0584: EXIT variable \"" << words[i] << "\" was non-numeric\n";
        Fail(frame);
        return;
      }
      explicit_exit_code_ = code & 0xFF;  // what the OS keeps of an exit status
      ++i;
    }
  }
  if (i < words.size()) {
    std::string word = ToUpperAscii(words[i]);
    if (word == "ROLLBACK") {
      commit = false;
    } else if (word != "COMMIT") {
      out_ << "Usage: { EXIT | QUIT } [ SUCCESS | FAILURE | WARNING | n ] [ COMMIT | ROLLBACK ]\n";
      Fail(frame);
      return;
    }
  }
  if (connection_.connected()) connection_.Execute(commit ? "COMMIT" : "ROLLBACK");
  exit_requested_ = true;
}

void Session::Show(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    out_ << "Usage: SHOW option\n";
    Fail(frame);
    return;
  }
  std::string what = ToUpperAscii(words[0]);
  if (what == "PARAMETER" || what == "PARAMETERS") {
    ShowParameter(words.size() > 1 ? words[1] : "", frame);
    return;
  }
  if (what == "USER") {
    out_ << "USER is \"" << connection_.user() << "\"\n";
    return;
  }
  if (std::optional<std::string> line = ShowSetting(words[0], settings_)) {
    out_ << *line << '\n';
    return;
  }
  out_ << "SP2-0158: unknown SHOW option \"" << words[0] << "\"\n";
  Fail(frame);
}

void Session::ShowParameter(const std::string& name, const Frame& frame) {
  std::string pattern;
  for (char c : ToLowerAscii(name)) {
    if (c == '\'') pattern.push_back('\'');  // a quote doubled inside the literal
    pattern.push_back(c);
  }
  std::string sql = "SELECT name, type, value FROM v$parameter WHERE name LIKE '%" + pattern +
                    "%' ORDER BY name";
  if (!connection_.connected()) {
    out_ << RenderError(sql, OraError::Make(3114).message(), 0);
    Fail(frame);
    return;
  }
  QueryResult result = connection_.Execute(sql);
  if (result.kind == QueryResult::Kind::kError) {
    // The query is ours, not the user's: no statement line, no marker.
    out_ << RenderError(sql, result.error_message, 0);
    Fail(frame);
    return;
  }
  if (result.kind != QueryResult::Kind::kRows || result.columns.size() < 3) {
    out_ << "SHOW PARAMETER: V$PARAMETER did not return NAME, TYPE, VALUE\n";
    Fail(frame);
    return;
  }
  std::vector<ResultColumn> columns = {
      {"NAME", ColumnKind::kCharacter, kParamNameWidth},
      {"TYPE", ColumnKind::kCharacter, kParamTypeWidth},
      {"VALUE", ColumnKind::kCharacter, kParamValueWidth},
  };
  std::vector<ResultRow> rows;
  for (const ResultRow& row : result.rows) {
    std::optional<std::string> type = row[1];
    if (type) type = ParameterTypeName(*type);
    rows.push_back({row[0], type, row[2]});
  }
  out_ << FormatQueryResult(columns, rows, settings_, /*show_feedback=*/false);
}

void Session::StartScript(const std::string& args, bool nested, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    out_ << "SP2-1506: START, @ or @@ command has no arguments\n";
    Fail(frame);
    return;
  }
  if (frame.depth >= kMaxScriptDepth) {
    out_ << "SP2-0309: SQL*Plus command procedures may only be nested to a depth of "
         << kMaxScriptDepth << ".\n";
    Fail(frame);
    return;
  }
  std::string base = nested ? frame.directory : "";
  std::optional<std::string> path = ResolveScriptPath(words[0], base, sqlpath_);
  if (!path) {
    std::filesystem::path shown(words[0]);
    if (!shown.has_extension()) shown += ".sql";
    out_ << "SP2-0310: unable to open file \"" << shown.string() << "\"\n";
    Fail(frame);
    return;
  }
  std::ifstream file(*path);
  StreamLineSource source(file);
  Frame child;
  child.mode = InputMode{false, true};
  child.args.assign(words.begin() + 1, words.end());
  child.directory = std::filesystem::path(*path).parent_path().string();
  child.depth = frame.depth + 1;
  RunFrame(source, child);
}

}  // namespace warden::client
