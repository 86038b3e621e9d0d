// wsql's command interpreter: reading input, running statements, output (see session.h).
// The SQL*Plus commands themselves are in session_commands.cc.
#include "client/session.h"

#include <cstdio>

#include "client/error_renderer.h"
#include "client/feedback_tags.h"
#include "client/utf8_text.h"
#include "common/ora_error.h"

namespace warden::client {
namespace {

// Pads every non-empty line of text to width (TRIMOUT / TRIMSPOOL OFF).
std::string PadLines(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {  // one pass per line
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    out.append(line.empty() ? std::string() : PadRight(line, width));
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    start = nl + 1;
  }
  return out;
}

}  // namespace

std::string LinePrompt(int n) {
  char prompt[16];
  std::snprintf(prompt, sizeof prompt, "%3d  ", n);
  return prompt;
}

std::string ElapsedLine(std::chrono::steady_clock::duration elapsed) {
  long long cs = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 10;
  char line[64];
  std::snprintf(line, sizeof line, "Elapsed: %02lld:%02lld:%02lld.%02lld", cs / 360000,
                cs / 6000 % 60, cs / 100 % 60, cs % 100);
  return line;
}

Session::Session(Connection& connection, std::ostream& out, bool silent, std::string sqlpath)
    : connection_(&connection),
      out_(out),
      silent_(silent),
      sqlpath_(std::move(sqlpath)),
      clock_([] { return std::chrono::steady_clock::now(); }) {}

void Session::set_connector(Connector* connector, const ConnectTarget& target) {
  connector_ = connector;
  target_ = target;
}

int Session::exit_code() const {
  if (explicit_exit_code_ >= 0) return explicit_exit_code_;
  return script_failed_ ? 1 : 0;
}

void Session::Run(LineSource& input, const InputMode& mode) {
  bool own_values = value_source_ == nullptr;
  if (own_values) {
    value_source_ = &input;
    value_source_prompts_ = mode.prompts;
  }
  RunFrame(input, Frame{mode, "", 0});
  if (own_values) value_source_ = nullptr;
}

void Session::RunScript(const std::string& name, const std::vector<std::string>& args) {
  std::string words = "\"" + name + "\"";
  for (const std::string& a : args) words += " \"" + a + "\"";
  StartScript(words, false, Frame{InputMode{false, true}, "", 0});
}

void Session::ExitAtEndOfInput() {
  if (!exit_requested_) Exit("", Frame{});
}

void Session::RunFrame(LineSource& input, const Frame& frame) {
  InputSplitter splitter;
  bool was_in_script = in_script_;
  // Ends at the end of the input (a file or terminal: finite or ended by the user) or EXIT.
  while (!exit_requested_) {
    in_script_ = frame.mode.script;
    std::string prompt =
        splitter.in_statement() ? LinePrompt(splitter.next_line_number()) : SqlPrompt();
    std::optional<std::string> line = input.ReadLine(frame.mode.prompts ? prompt : "");
    if (!line) {
      Handle(splitter.EndOfInput(), frame);
      break;
    }
    if (frame.mode.script && settings_.echo) {
      Print((silent_ ? "" : prompt) + *line + "\n");
    }
    splitter.set_blank_lines_allowed(settings_.sqlblanklines);
    Handle(splitter.Feed(*line), frame);
  }
  in_script_ = was_in_script;
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
        Print("SP2-0103: Nothing in SQL buffer to run.\n");
        Fail(frame);
        return;
      }
      ExecuteStatement(buffer_, buffer_is_plsql_, frame);
      return;
    case InputEventKind::kCommand: {
      SqlPlusCommand command = event.command;
      if (command.verb != CommandVerb::kRemark) command.args = Substitute(command.args);
      HandleCommand(command, frame);
      return;
    }
  }
}

void Session::Fail(const Frame& frame) {
  if (frame.mode.script) script_failed_ = true;
}

std::string Session::SqlPrompt() const {
  // SQL*Plus replaces the predefined variables' names (not &-references) in SQLPROMPT.
  std::string prompt = settings_.sqlprompt;
  for (const char* name : {"_CONNECT_IDENTIFIER", "_USER", "_PRIVILEGE", "_DATE"}) {
    const std::string* value = variables_.Find(name);
    std::string upper = ToUpperAscii(prompt);
    std::size_t at = upper.find(name);
    // Each pass replaces one occurrence; the prompt is short and values are not re-scanned.
    while (at != std::string::npos) {
      std::string replacement = value ? *value : "";
      prompt.replace(at, std::string_view(name).size(), replacement);
      upper = ToUpperAscii(prompt);
      at = upper.find(name, at + replacement.size());
    }
  }
  return prompt;
}

std::optional<std::string> Session::AskValue(const std::string& name) {
  return ReadReply("Enter value for " + name + ": ");
}

std::optional<std::string> Session::ReadReply(const std::string& prompt) {
  if (value_source_ == nullptr) {
    Print(prompt + "\n");
    return std::nullopt;
  }
  if (!value_source_prompts_) Print(prompt);
  return value_source_->ReadLine(prompt);
}

std::string Session::Substitute(const std::string& text) {
  if (!settings_.define) return text;
  return variables_.Substitute(text, settings_.define_char,
                               [this](const std::string& name) { return AskValue(name); });
}

void Session::ExecuteStatement(const std::string& raw_sql, bool is_plsql, const Frame& frame) {
  std::string sql = Substitute(raw_sql);
  if (settings_.verify && sql != raw_sql) Print(VerifyReport(raw_sql, sql));
  ExecuteSubstituted(sql, is_plsql, frame);
}

void Session::ExecuteSubstituted(const std::string& sql, bool is_plsql, const Frame& frame) {
  if (!connection_->connected()) {
    Print(RenderError(sql, OraError::Make(3114).message(), 0));
    Fail(frame);
    return;
  }
  auto start = clock_();
  QueryResult result = connection_->Execute(sql);
  auto elapsed = clock_() - start;
  switch (result.kind) {
    case QueryResult::Kind::kRows:
      PrintResult(
          FormatQueryResult(result.columns, result.rows, settings_, true, &columns_, &breaks_));
      CaptureNewValues(result);
      break;
    case QueryResult::Kind::kCommand:
      if (settings_.feedback > 0) {
        Print("\n" + (is_plsql ? std::string(kPlsqlFeedback) : FeedbackForTag(result.tag)) +
              "\n\n");
      }
      break;
    case QueryResult::Kind::kError:
      Print(RenderError(sql, result.error_message, result.error_position));
      Fail(frame);
      OnSqlError(result.error_message, frame);
      break;
  }
  if (settings_.timing && !exit_requested_) Print(ElapsedLine(elapsed) + "\n");
}

void Session::CaptureNewValues(const QueryResult& result) {
  if (result.rows.empty()) return;
  for (std::size_t c = 0; c < result.columns.size(); ++c) {
    const ColumnFormat* f = columns_.Find(result.columns[c].name);
    if (f == nullptr || f->new_value.empty()) continue;
    variables_.Define(f->new_value, result.rows.back()[c].value_or(""));
  }
}

void Session::Print(std::string_view text) {
  if (settings_.termout || !in_script_) out_ << text;
  if (spool_) {
    *spool_ << text;
    spool_->flush();
  }
}

void Session::PrintResult(std::string_view text) {
  const std::size_t width = static_cast<std::size_t>(settings_.linesize);
  if (settings_.termout || !in_script_) {
    out_ << (settings_.trimout ? std::string(text) : PadLines(text, width));
  }
  if (spool_) {
    *spool_ << (settings_.trimspool ? std::string(text) : PadLines(text, width));
    spool_->flush();
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
    Print(prompt + buffer_.substr(start, last ? std::string::npos : nl - start) + "\n");
    if (last) break;
    start = nl + 1;
  }
}

}  // namespace warden::client
