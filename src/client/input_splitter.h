// InputSplitter: turns input lines into SQL*Plus units, as SQL*Plus reads them.
//
// Feed it one line at a time (without the newline); each call returns what the line
// completed, if anything:
//   - a line starting a SQL*Plus command (SET, @file, ...) is a command; a command line
//     ending with a lone '-' continues on the next line;
//   - any other first line starts a SQL statement. It runs when a line ends with ';' (outside
//     string literals and comments; the ';' and anything after it is dropped) or at a line
//     holding only '/'. A blank line (unless SET SQLBLANKLINES ON) or a line holding only '.'
//     ends the statement without running it (the caller keeps it as its SQL buffer);
//   - a PL/SQL block (BEGIN, DECLARE, CREATE [OR REPLACE] PROCEDURE/FUNCTION/PACKAGE/TRIGGER/
//     TYPE/LIBRARY) ignores ';' and blank lines and ends only at '/' (run) or '.' (keep);
//   - '/' alone while no statement is being entered asks to run the SQL buffer;
//   - blank lines, "--" lines and comments between statements are dropped.
// Invariant: between statements (!in_statement()) no lexical state is carried over.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/sqlplus_command.h"

namespace warden::client {

enum class InputEventKind {
  kNone,            // the line was absorbed (more input needed, or nothing to do)
  kRunStatement,    // text is a SQL statement or PL/SQL block to send to the server
  kStatementEnded,  // text is a statement ended without running (blank line or '.')
  kRunBuffer,       // '/' alone: run the SQL buffer
  kCommand,         // command is a SQL*Plus command; text is its full (joined) line
};

struct InputEvent {
  InputEventKind kind = InputEventKind::kNone;
  std::string text;
  bool is_plsql = false;
  SqlPlusCommand command{CommandVerb::kRemark, ""};  // valid for kCommand
};

// True if the statement text (comments allowed) starts a PL/SQL unit ended only by '/'.
bool StartsPlsqlBlock(std::string_view text);

class InputSplitter {
 public:
  InputEvent Feed(std::string_view line);
  // SET SQLBLANKLINES: blank lines inside a statement are part of it.
  void set_blank_lines_allowed(bool allowed) { blank_lines_allowed_ = allowed; }
  // At the end of input: a statement being entered ends without running (kStatementEnded,
  // SQL*Plus keeps it in the buffer); a command still expecting a continuation line runs.
  InputEvent EndOfInput();

  // A statement or a continued command is being entered.
  bool in_statement() const { return !lines_.empty(); }
  // The line number the next fed line gets within its statement (1 between statements);
  // SQL*Plus shows it in the continuation prompt.
  int next_line_number() const { return static_cast<int>(lines_.size()) + 1; }

 private:
  enum class Lexical { kCode, kBlockComment, kSingleQuote, kDoubleQuote, kQQuote };

  // Scans one line of SQL, updating the lexical state. Returns the offset of a terminating
  // ';' (the last significant character of the line, outside quotes and comments) or npos.
  std::size_t ScanLine(std::string_view line);
  InputEvent FeedStatementLine(std::string_view line);
  InputEvent FinishStatement(InputEventKind kind);
  void Reset();

  std::vector<std::string> lines_;  // the statement (or continued command) so far
  bool in_command_ = false;         // lines_ hold a command continued with '-'
  bool has_code_ = false;           // lines_ hold something besides blanks and comments
  bool blank_lines_allowed_ = false;
  Lexical lexical_ = Lexical::kCode;
  char q_closer_ = 0;  // for kQQuote: the delimiter that, followed by a quote, ends it
};

}  // namespace warden::client
