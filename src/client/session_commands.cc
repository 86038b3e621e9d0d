// wsql's SQL*Plus commands: EXIT, SET, SHOW, PROMPT, EXECUTE, @/START, DEFINE, UNDEFINE,
// COLUMN, BREAK, CLEAR, WHENEVER, SPOOL, DESCRIBE, CONNECT, HOST, ACCEPT (see session.h).
#include <charconv>
#include <filesystem>
#include <fstream>

#include "client/describe_format.h"
#include "client/error_renderer.h"
#include "client/script_arguments.h"
#include "client/session.h"
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

// word (upper-cased) is keyword or an abbreviation of it at least min_length long.
bool Abbrev(const std::string& word, std::string_view keyword, std::size_t min_length) {
  return word.size() >= min_length && word.size() <= keyword.size() &&
         keyword.substr(0, word.size()) == word;
}

// text as a SQL string literal.
std::string Literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

// V$PARAMETER.TYPE is a number in Oracle; SQL*Plus shows its name.
std::string ParameterTypeName(const std::string& type) {
  static constexpr const char* kNames[] = {"",     "boolean",  "string",     "integer",
                                           "file", "reserved", "big integer"};
  if (type.size() == 1 && type[0] >= '1' && type[0] <= '6') return kNames[type[0] - '0'];
  return type;
}

// An EXIT code word: SUCCESS, FAILURE, WARNING or n. nullopt if none of these.
std::optional<int> ExitCodeWord(const std::string& word) {
  std::string w = ToUpperAscii(word);
  if (w == "SUCCESS") return 0;
  if (w == "FAILURE") return 1;
  if (w == "WARNING") return 2;
  int code = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), code);
  if (ec != std::errc() || end != w.data() + w.size() || code < 0) return std::nullopt;
  return code & 0xFF;  // what the OS keeps of an exit status
}

// text is a decimal number as ACCEPT NUMBER takes it: [+-]digits[.digits], ".5", "5.".
bool IsNumberText(std::string_view text) {
  std::size_t i = text.starts_with('-') || text.starts_with('+') ? 1 : 0;
  bool digit = false;
  bool point = false;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digit = true;
    } else if (text[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

// The ORA number in a server message ("ORA-00942: ..."), 0 if none.
int OraNumber(std::string_view message) {
  std::size_t at = message.find("ORA-");
  if (at == std::string_view::npos) return 0;
  int n = 0;
  std::string_view digits = message.substr(at + 4);
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return n;
}

}  // namespace

void Session::HandleCommand(const SqlPlusCommand& command, const Frame& frame) {
  const std::string args(StripSemicolon(command.args));
  switch (command.verb) {
    case CommandVerb::kExit:
      Exit(args, frame);
      return;
    case CommandVerb::kSet: {
      std::string error = ApplySetCommand(args, &settings_);
      if (!error.empty()) {
        Print(error + "\n");
        Fail(frame);
      }
      return;
    }
    case CommandVerb::kShow:
      Show(args, frame);
      return;
    case CommandVerb::kPrompt:
      Print(command.args + "\n");
      return;
    case CommandVerb::kExecute:
      if (args.empty()) {
        Print("Usage: EXEC[UTE] statement\n");
        Fail(frame);
        return;
      }
      ExecuteSubstituted("BEGIN " + args + "; END;", true, frame);
      return;
    case CommandVerb::kRemark:
      return;
    case CommandVerb::kStart:
    case CommandVerb::kStartNested:
      StartScript(args, command.verb == CommandVerb::kStartNested, frame);
      return;
    case CommandVerb::kRun:
      if (buffer_.empty()) {
        Print("SP2-0103: Nothing in SQL buffer to run.\n");
        Fail(frame);
        return;
      }
      ListBuffer();
      ExecuteStatement(buffer_, buffer_is_plsql_, frame);
      return;
    case CommandVerb::kList:
      if (buffer_.empty()) {
        Print("SP2-0223: No lines in SQL buffer.\n");
        return;
      }
      ListBuffer();
      return;
    case CommandVerb::kDefine:
      Define(command.args, frame);
      return;
    case CommandVerb::kUndefine:
      Undefine(args, frame);
      return;
    case CommandVerb::kColumn: {
      ColumnCommandResult r = columns_.Apply(args);
      Print(r.output);
      if (r.failed) Fail(frame);
      return;
    }
    case CommandVerb::kClear:
      Clear(args, frame);
      return;
    case CommandVerb::kWhenever:
      Whenever(args, frame);
      return;
    case CommandVerb::kSpool:
      Spool(args, frame);
      return;
    case CommandVerb::kDescribe:
      Describe(args, frame);
      return;
    case CommandVerb::kConnect:
      Connect(args, frame);
      return;
    case CommandVerb::kHost:
      Host(command.args, frame);
      return;
    case CommandVerb::kAccept:
      Accept(args, frame);
      return;
    case CommandVerb::kBreak: {
      bool failed = false;
      Print(breaks_.Apply(args, &failed));
      if (failed) Fail(frame);
      return;
    }
  }
}

void Session::Exit(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  bool commit = true;  // SQL*Plus EXITCOMMIT ON
  std::size_t i = 0;
  if (i < words.size()) {
    std::string word = ToUpperAscii(words[i]);
    if (word != "COMMIT" && word != "ROLLBACK") {
      std::optional<int> code = ExitCodeWord(word);
      if (!code) {
        Print("SP2-0584: EXIT variable \"" + words[i] + "\" was non-numeric\n");
        Fail(frame);
        return;
      }
      explicit_exit_code_ = *code;
      ++i;
    }
  }
  if (i < words.size()) {
    std::string word = ToUpperAscii(words[i]);
    if (word == "ROLLBACK") {
      commit = false;
    } else if (word != "COMMIT") {
      Print("Usage: { EXIT | QUIT } [ SUCCESS | FAILURE | WARNING | n ] [ COMMIT | ROLLBACK ]\n");
      Fail(frame);
      return;
    }
  }
  if (connection_->connected()) connection_->Execute(commit ? "COMMIT" : "ROLLBACK");
  if (spool_) spool_.reset();
  exit_requested_ = true;
}

void Session::Show(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    Print("Usage: SHOW option\n");
    Fail(frame);
    return;
  }
  std::string what = ToUpperAscii(words[0]);
  if (Abbrev(what, "PARAMETERS", 4)) {
    ShowParameter(words.size() > 1 ? words[1] : "", frame);
    return;
  }
  if (what == "USER") {
    Print("USER is \"" + ToUpperAscii(connection_->user()) + "\"\n");
    return;
  }
  if (Abbrev(what, "SPOOL", 3)) {
    Print(spool_ ? "currently spooling to " + spool_path_ + "\n" : "not spooling currently\n");
    return;
  }
  if (std::optional<std::string> line = ShowSetting(words[0], settings_)) {
    Print(*line + "\n");
    return;
  }
  Print("SP2-0158: unknown SHOW option \"" + words[0] + "\"\n");
  Fail(frame);
}

void Session::ShowParameter(const std::string& name, const Frame& frame) {
  std::string sql = "SELECT name, type, value FROM v$parameter WHERE name LIKE " +
                    Literal("%" + ToLowerAscii(name) + "%") + " ORDER BY name";
  if (!connection_->connected()) {
    Print(RenderError(sql, OraError::Make(3114).message(), 0));
    Fail(frame);
    return;
  }
  QueryResult result = connection_->Execute(sql);
  if (result.kind == QueryResult::Kind::kError) {
    // The query is ours, not the user's: no statement line, no marker.
    Print(RenderError(sql, result.error_message, 0));
    Fail(frame);
    return;
  }
  if (result.kind != QueryResult::Kind::kRows || result.columns.size() < 3) {
    Print("SHOW PARAMETER: V$PARAMETER did not return NAME, TYPE, VALUE\n");
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
  PrintResult(FormatQueryResult(columns, rows, settings_, /*show_feedback=*/false));
}

void Session::StartScript(const std::string& args, bool nested, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    Print("SP2-1506: START, @ or @@ command has no arguments\n");
    Fail(frame);
    return;
  }
  if (frame.depth >= kMaxScriptDepth) {
    Print("SP2-0309: SQL*Plus command procedures may only be nested to a depth of " +
          std::to_string(kMaxScriptDepth) + ".\n");
    Fail(frame);
    return;
  }
  std::string base = nested ? frame.directory : "";
  std::optional<std::string> path = ResolveScriptPath(words[0], base, sqlpath_);
  if (!path) {
    std::filesystem::path shown(words[0]);
    if (!shown.has_extension()) shown += ".sql";
    Print("SP2-0310: unable to open file \"" + shown.string() + "\"\n");
    Fail(frame);
    return;
  }
  // The arguments become the substitution variables 1, 2, ... (SQL*Plus keeps them defined
  // after the script ends).
  for (std::size_t i = 1; i < words.size(); ++i) variables_.Define(std::to_string(i), words[i]);
  std::ifstream file(*path);
  StreamLineSource source(file);
  Frame child;
  child.mode = InputMode{false, true};
  child.directory = std::filesystem::path(*path).parent_path().string();
  child.depth = frame.depth + 1;
  RunFrame(source, child);
}

void Session::Define(const std::string& args, const Frame& frame) {
  const DefineArgs parsed = ParseDefineArgs(StripSemicolon(args));
  if (!parsed.error.empty()) {
    Print(parsed.error + "\n");
    Fail(frame);
    return;
  }
  if (parsed.name.empty()) {
    Print(variables_.ListAll());
  } else if (parsed.value) {
    variables_.Define(parsed.name, *parsed.value);
  } else if (const std::string* value = variables_.Find(parsed.name)) {
    Print(SubstitutionVariables::ListingLine(parsed.name, *value) + "\n");
  } else {
    Print("SP2-0135: symbol " + ToLowerAscii(parsed.name) + " is UNDEFINED\n");
    Fail(frame);
  }
}

void Session::Undefine(const std::string& args, const Frame& frame) {
  std::vector<std::string> names = SplitArguments(args);
  if (names.empty()) {
    Print("Usage: UNDEF[INE] variable ...\n");
    Fail(frame);
    return;
  }
  for (const std::string& name : names) variables_.Undefine(name);
}

void Session::Clear(const std::string& args, const Frame& frame) {
  std::string what = ToUpperAscii(args);
  if (Abbrev(what, "COLUMNS", 3)) {
    columns_.Clear();
    Print("columns cleared\n");
  } else if (Abbrev(what, "BUFFER", 4)) {
    buffer_.clear();
    Print("buffer cleared\n");
  } else if (Abbrev(what, "BREAKS", 3)) {
    breaks_.Clear();
    Print("breaks cleared\n");
  } else if (Abbrev(what, "COMPUTES", 4)) {
    Print("computes cleared\n");  // nor COMPUTE settings
  } else {
    Print("SP2-0158: unknown CLEAR option \"" + args + "\"\n");
    Fail(frame);
  }
}

void Session::Whenever(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  auto usage = [&] {
    Print(
        "Usage: WHENEVER SQLERROR\n  { CONTINUE [ COMMIT | ROLLBACK | NONE ] |\n"
        "    EXIT [ SUCCESS | FAILURE | WARNING | n | SQL.SQLCODE ] [ COMMIT | ROLLBACK ] }\n");
    Fail(frame);
  };
  if (words.size() < 2) return usage();
  std::string kind = ToUpperAscii(words[0]);
  if (kind != "SQLERROR" && kind != "OSERROR") return usage();
  WheneverAction action;
  std::string verb = ToUpperAscii(words[1]);
  std::size_t i = 2;
  if (verb == "EXIT") {
    action.exit = true;
    if (i < words.size()) {
      std::string w = ToUpperAscii(words[i]);
      if (w == "SQL.SQLCODE" || ExitCodeWord(w)) {
        action.code = w;
        ++i;
      } else if (w != "COMMIT" && w != "ROLLBACK") {
        return usage();
      }
    }
  } else if (verb == "CONTINUE") {
    action.end = "NONE";
  } else {
    return usage();
  }
  if (i < words.size()) {
    std::string w = ToUpperAscii(words[i++]);
    if (w != "COMMIT" && w != "ROLLBACK" && !(w == "NONE" && !action.exit)) return usage();
    action.end = w;
  }
  if (i < words.size()) return usage();
  (kind == "SQLERROR" ? sqlerror_ : oserror_) = action;
}

void Session::OnSqlError(const std::string& message, const Frame& /*frame*/) {
  RunWhenever(sqlerror_, message);
}

void Session::OnOsError(const Frame& frame) {
  Fail(frame);
  RunWhenever(oserror_, "");
}

void Session::RunWhenever(const WheneverAction& action, const std::string& message) {
  if (action.end != "NONE" && connection_->connected()) connection_->Execute(action.end);
  if (!action.exit) return;
  explicit_exit_code_ = action.code == "SQL.SQLCODE" ? OraNumber(message) & 0xFF
                                                     : ExitCodeWord(action.code).value_or(1);
  if (spool_) spool_.reset();
  exit_requested_ = true;
}

void Session::Spool(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    Print(spool_ ? "currently spooling to " + spool_path_ + "\n" : "not spooling currently\n");
    return;
  }
  std::string first = ToUpperAscii(words[0]);
  if (words.size() == 1 && (first == "OFF" || first == "OUT")) {
    if (!spool_) {
      Print("not spooling currently\n");
      return;
    }
    spool_.reset();
    spool_path_.clear();
    return;
  }
  std::filesystem::path path(words[0]);
  if (!path.has_extension()) path += ".lst";
  std::string mode = words.size() > 1 ? ToUpperAscii(words[1]) : "REPLACE";
  bool append = Abbrev(mode, "APPEND", 3);
  bool create = Abbrev(mode, "CREATE", 3);
  if (words.size() > 2 || (!append && !create && !Abbrev(mode, "REPLACE", 3))) {
    Print(
        "SP2-0768: Illegal SPOOL command\nUsage: SPOOL { <file> | OFF | OUT }\n"
        "where <file> is file_name[.ext] [CRE[ATE]|REP[LACE]|APP[END]]\n");
    Fail(frame);
    return;
  }
  std::error_code ec;
  if (create && std::filesystem::exists(path, ec)) {
    Print("SP2-0771: File \"" + path.string() +
          "\" already exists.\nUse another name or \"SPOOL filename[.ext] REPLACE\"\n");
    Fail(frame);
    return;
  }
  spool_.reset();  // a new SPOOL file ends the previous one
  auto file = std::make_unique<std::ofstream>(
      path, append ? std::ios::out | std::ios::app : std::ios::out | std::ios::trunc);
  if (!file->is_open()) {
    Print("SP2-0606: Cannot create SPOOL file \"" + path.string() + "\"\n");
    OnOsError(frame);
    return;
  }
  spool_ = std::move(file);
  spool_path_ = path.string();
}

void Session::Describe(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.size() != 1) {
    Print("Usage: DESCRIBE [schema.]object[@db_link]\n");
    Fail(frame);
    return;
  }
  const std::string& name = words[0];
  if (!connection_->connected()) {
    Print(RenderError("", OraError::Make(3114).message(), 0));
    Fail(frame);
    return;
  }
  // [schema.]object, upper-cased (a quoted name keeps its case: SplitArguments removed the
  // quotes of a name given whole as "Name").
  bool quoted = Trim(args).starts_with('"');
  std::string owner;
  std::string object = quoted ? name : ToUpperAscii(name);
  if (std::size_t dot = object.find('.'); dot != std::string::npos && !quoted) {
    owner = object.substr(0, dot);
    object = object.substr(dot + 1);
  }
  if (owner.empty()) owner = ToUpperAscii(connection_->user());
  std::vector<DescribedColumn> described;
  QueryResult catalog = connection_->Execute(
      "SELECT column_name, nullable, data_type, data_length, data_precision, data_scale "
      "FROM all_tab_columns WHERE owner = " +
      Literal(owner) + " AND table_name = " + Literal(object) + " ORDER BY column_id");
  if (catalog.kind == QueryResult::Kind::kRows && catalog.columns.size() >= 6) {
    for (const ResultRow& row : catalog.rows) {
      described.push_back({row[0].value_or(""), row[1].value_or("Y") == "N",
                           CatalogTypeText(row[2].value_or(""), row[3], row[4], row[5])});
    }
  }
  if (described.empty()) {
    // Not in the catalog (a V$ view): the columns of an empty query, as the server
    // describes them.
    QueryResult probe = connection_->Execute("SELECT * FROM " +
                                             (quoted ? "\"" + name + "\"" : name) + " WHERE 1=0");
    if (probe.kind != QueryResult::Kind::kRows) {
      // What SQL*Plus's describe call gets from the server for an unknown object.
      Print("ERROR:\nORA-04043: object " + name + " does not exist\n\n\n");
      Fail(frame);
      return;
    }
    for (const ResultColumn& c : probe.columns) {
      described.push_back({ToUpperAscii(c.name), false, WireTypeText(c.type_oid, c.type_modifier)});
    }
  }
  PrintResult(FormatDescribe(described));
}

void Session::Connect(const std::string& args, const Frame& frame) {
  std::string logon(Trim(args));
  // "AS SYSDBA" / "AS SYSOPER": Warden's SYS is always SYSDBA; other users are refused by
  // the server as usual.
  std::string upper = ToUpperAscii(logon);
  for (const char* role : {" AS SYSDBA", " AS SYSOPER"}) {
    if (upper.ends_with(role))
      logon = std::string(Trim(logon.substr(0, logon.size() - std::string(role).size())));
  }
  ConnectTarget target;
  if (logon.empty() || !ParseConnectString(logon, &target).ok()) {
    Print(
        "SP2-0306: Invalid option.\nUsage: CONN[ECT] [{logon|/|proxy} [AS {SYSOPER|SYSDBA}]]\n"
        "where <logon> ::= <username>[/<password>][@<connect_identifier>]\n");
    Fail(frame);
    return;
  }
  if (logon.find('@') == std::string::npos) {  // no connect identifier: where we were
    target.host = target_.host;
    target.port = target_.port;
    target.service = target_.service;
  }
  if (connector_ == nullptr) {
    Print("SP2-0738: Restricted command \"CONNECT\" not available\n");
    Fail(frame);
    return;
  }
  // SQL*Plus ends the current connection first, even when the new one then fails.
  if (connection_->connected()) {
    connection_->Execute("COMMIT");
    connection_->Disconnect();
  }
  std::string error;
  std::unique_ptr<Connection> fresh = connector_->Connect(target, &error);
  if (!fresh) {
    Print("ERROR:\n" + error + "\n\n\nWarning: You are no longer connected to ORACLE.\n");
    Fail(frame);
    return;
  }
  owned_connection_ = std::move(fresh);
  connection_ = owned_connection_.get();
  target_ = target;
  variables_.Define("_USER", ToUpperAscii(connection_->user()));
  variables_.Define("_CONNECT_IDENTIFIER", target.host + ":" + std::to_string(target.port));
  Print("Connected.\n");
}

void Session::Accept(const std::string& args, const Frame& frame) {
  std::vector<std::string> words = SplitArguments(args);
  auto usage = [&] {
    Print(
        "Usage: ACC[EPT] variable [NUM[BER] | CHAR | DATE] [FOR[MAT] format]\n"
        "  [DEF[AULT] default] [PROMPT text | NOPR[OMPT]] [HIDE]\n");
    Fail(frame);
  };
  if (words.empty()) return usage();
  const std::string& variable = words[0];
  bool number = false;
  bool hide = false;
  std::optional<std::string> default_value;
  std::string prompt;
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string w = ToUpperAscii(words[i]);
    bool has_value = i + 1 < words.size();
    if (Abbrev(w, "NUMBER", 3)) {
      number = true;
    } else if (w == "CHAR" || w == "DATE") {
      number = false;
    } else if (Abbrev(w, "FORMAT", 3) && has_value) {
      ++i;  // wsql does not check the reply against the format
    } else if (Abbrev(w, "DEFAULT", 3) && has_value) {
      default_value = words[++i];
    } else if (Abbrev(w, "PROMPT", 3) && has_value) {
      prompt = words[++i];
    } else if (Abbrev(w, "NOPROMPT", 4)) {
      prompt = "\n";  // SQL*Plus skips a line
    } else if (w == "HIDE") {
      hide = true;
    } else {
      return usage();
    }
  }
  // Asks again while a NUMBER reply is not a number; each pass reads one line, and the end
  // of the input ends the loop with an empty reply.
  while (true) {
    std::optional<std::string> reply;
    if (hide && secret_reader_) reply = secret_reader_(prompt);
    if (!reply) reply = ReadReply(prompt);
    std::string value = reply ? std::string(Trim(*reply)) : "";
    if (value.empty() && default_value) value = *default_value;
    if (reply && number && !value.empty() && !IsNumberText(value)) {
      Print("SP2-0425: \"" + value + "\" is not a valid NUMBER\n");
      continue;
    }
    variables_.Define(variable, value);
    return;
  }
}

void Session::Host(const std::string& command, const Frame& frame) {
  if (!host_runner_) {
    Print("SP2-0738: Restricted command \"HOST\" not available\n");
    Fail(frame);
    return;
  }
  out_.flush();
  host_runner_(command);
}

}  // namespace warden::client
