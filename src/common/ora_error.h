// OraError: the one reporting path for query-level failures (STYLE.md "two channels").
// Every error a client sees carries an ORA number, Oracle's text, the closest PostgreSQL
// SQLSTATE and a severity whose consequence is fixed:
//   kError  undoes the statement; the session and its transaction go on.
//   kFatal  ends the session (the client gets the error, then the connection closes).
//   kPanic  fails the instance.
// Any process may throw it; the dedicated server's loop turns it into an ErrorResponse.
#pragma once

#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>

namespace warden {

enum class Severity { kError, kFatal, kPanic };

class OraError : public std::exception {
 public:
  // An error from the catalog in ora_messages.def; args fill its "%s" marks in order.
  static OraError Make(int code, std::initializer_list<std::string_view> args = {},
                       Severity severity = Severity::kError);

  OraError(int code, std::string text, std::string sqlstate, Severity severity);

  // Raises Make(code, args) pointing at a 1-based position of the statement text (the
  // parser's, binder's and executors' errors about a particular token).
  [[noreturn]] static void ThrowAt(int code, int position,
                                   std::initializer_list<std::string_view> args = {}) {
    OraError e = Make(code, args);
    e.set_position(position);
    throw e;
  }

  int code() const { return code_; }
  const std::string& text() const { return text_; }
  const std::string& sqlstate() const { return sqlstate_; }
  Severity severity() const { return severity_; }
  // 1-based character position in the statement text the error refers to, 0 if none.
  int position() const { return position_; }
  OraError& set_position(int p) {
    position_ = p;
    return *this;
  }
  OraError& set_severity(Severity s) {
    severity_ = s;
    return *this;
  }

  // "ORA-00942: table or view does not exist"
  const std::string& message() const { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  int code_;
  std::string text_;
  std::string sqlstate_;
  Severity severity_;
  int position_ = 0;
  std::string message_;
};

// Formats "ORA-%05d: text".
std::string FormatOraMessage(int code, std::string_view text);

// Throws, rethrows and catches one OraError, then maps the program's unwind tables. A
// process's first throw costs 0.1-0.2 ms more than the next ones: the dynamic linker binds
// the unwinder's calls (lazily bound, in this program, libstdc++ and libgcc_s), and the
// unwinder's code and tables are faulted in (a forked process inherits no page-table entries
// of its parent's program text and read-only data). A session being killed throws
// (ORA-00028) with its row locks still held, so that cost is paid ahead of time: by the
// supervisor before it forks (the bindings are written into pages every child inherits) and
// by each dedicated server while its client computes its SCRAM proof.
void WarmUpThrow();

}  // namespace warden
