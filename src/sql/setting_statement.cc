// SET / RESET / SHOW (see setting_statement.h).
#include "sql/setting_statement.h"

#include "common/ora_error.h"
#include "sql/rows_relation.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

class SettingParser {
 public:
  explicit SettingParser(const std::vector<Token>& tokens) : tokens_(tokens) {}

  std::unique_ptr<Statement> Parse() {
    SettingStatement s;
    if (AcceptWord("SET")) {
      s.action = SettingStatement::Action::kSet;
      // SESSION AUTHORIZATION / CHARACTERISTICS and Oracle's SET forms are not settings.
      if (IsWord("SESSION", 0) && !IsWord("AUTHORIZATION", 1) && !IsWord("CHARACTERISTICS", 1)) {
        Advance();
      }
      if (IsWord("LOCAL")) Fail(3001, Peek());  // transaction-scoped settings: not supported
      if (IsWord("TIME") && IsWord("ZONE", 1)) {
        Advance();
        Advance();
        s.name = "TimeZone";
        s.value = ValueText(/*local_allowed=*/true);
        return Finish(std::move(s));
      }
      if (!IsSettingName() || !(IsWord("TO", NameLength()) || IsOp("=", NameLength()))) {
        return nullptr;
      }
      s.name = Name();
      Advance();  // TO or =
      s.value = ValueText(/*local_allowed=*/false);
      return Finish(std::move(s));
    }
    if (AcceptWord("RESET")) {
      s.action = SettingStatement::Action::kReset;
      if (AcceptWord("ALL")) {
        s.all = true;
      } else {
        if (!IsSettingName()) Fail(922, Peek());
        s.name = Name();
      }
      return Finish(std::move(s));
    }
    if (AcceptWord("SHOW")) {
      s.action = SettingStatement::Action::kShow;
      if (AcceptWord("ALL")) {
        s.all = true;
      } else if (IsWord("TIME") && IsWord("ZONE", 1)) {
        Advance();
        Advance();
        s.name = "TimeZone";
      } else if (IsWord("TRANSACTION") && IsWord("ISOLATION", 1) && IsWord("LEVEL", 2)) {
        for (int i = 0; i < 3; ++i) Advance();
        s.name = "transaction_isolation";
      } else {
        if (!IsSettingName()) Fail(922, Peek());
        s.name = Name();
      }
      return Finish(std::move(s));
    }
    return nullptr;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  void Advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  bool IsWord(std::string_view word, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && !t.quoted && t.text == word;
  }
  bool IsOp(std::string_view op, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kOperator && t.text == op;
  }
  bool AcceptWord(std::string_view word) {
    if (!IsWord(word)) return false;
    Advance();
    return true;
  }
  [[noreturn]] static void Fail(int code, const Token& at) {
    OraError e = OraError::Make(code);
    e.set_position(at.position);
    throw e;
  }

  // A setting name: an identifier, or two joined by '.' (a custom "class.name").
  bool IsSettingName() const {
    if (Peek().kind != TokenKind::kIdentifier) return false;
    if (IsWord("TRANSACTION") || IsWord("ROLE") || IsWord("CONSTRAINT") || IsWord("CONSTRAINTS")) {
      return false;  // Oracle's SET statements
    }
    return true;
  }
  size_t NameLength() const {
    return IsOp(".", 1) && Peek(2).kind == TokenKind::kIdentifier ? 3 : 1;
  }
  static std::string Word(const Token& t) { return t.quoted ? t.text : AsciiLower(t.text); }
  std::string Name() {
    std::string name = Word(Peek());
    if (NameLength() == 3) {
      Advance();
      Advance();
      name += "." + Word(Peek());
    }
    Advance();
    return name;
  }

  // value [, value ...] | DEFAULT (| LOCAL for TIME ZONE, which means the default too).
  std::optional<std::string> ValueText(bool local_allowed) {
    if ((IsWord("DEFAULT") || (local_allowed && IsWord("LOCAL"))) && IsEnd(1)) {
      Advance();
      return std::nullopt;
    }
    std::string out;
    // Each pass consumes one item and maybe a ','; bounded by the tokens.
    do {
      if (!out.empty()) out += ", ";
      out += Item();
    } while (AcceptOp(","));
    return out;
  }
  bool AcceptOp(std::string_view op) {
    if (!IsOp(op)) return false;
    Advance();
    return true;
  }
  bool IsEnd(size_t ahead = 0) const { return Peek(ahead).kind == TokenKind::kEnd; }

  std::string Item() {
    const Token& t = Peek();
    std::string sign;
    if ((IsOp("-") || IsOp("+")) && Peek(1).kind == TokenKind::kNumber) {
      sign = t.text == "-" ? "-" : "";
      Advance();
    }
    const Token& v = Peek();
    switch (v.kind) {
      case TokenKind::kNumber:
      case TokenKind::kString: {
        std::string text = sign + v.text;
        Advance();
        return text;
      }
      case TokenKind::kIdentifier: {
        if (!sign.empty()) break;
        std::string text = v.quoted ? "\"" + v.text + "\"" : AsciiLower(v.text);
        Advance();
        return text;
      }
      default:
        break;
    }
    Fail(936, v);
  }

  std::unique_ptr<Statement> Finish(SettingStatement s) {
    if (!IsEnd()) Fail(IsOp(";") ? 911 : 933, Peek());
    auto stmt = std::make_unique<Statement>();
    stmt->kind = StatementKind::kSetting;
    stmt->setting = std::move(s);
    return stmt;
  }

  const std::vector<Token>& tokens_;
  size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<Statement> ParseSettingStatement(const std::vector<Token>& tokens) {
  return SettingParser(tokens).Parse();
}

std::string ExecuteSetting(const SettingStatement& statement, SessionContext& session) {
  switch (statement.action) {
    case SettingStatement::Action::kSet:
      session.settings.Set(statement.name, statement.value);
      return "SET";
    case SettingStatement::Action::kReset:
      if (statement.all) {
        session.settings.ResetAll();
      } else {
        session.settings.Set(statement.name, std::nullopt);
      }
      return "RESET";
    case SettingStatement::Action::kShow:
      break;
  }
  throw OraError::Make(600, {"ExecuteSetting: SHOW returns rows"});
}

std::unique_ptr<Relation> ShowSetting(const SettingStatement& statement,
                                      const SessionContext& session) {
  if (statement.all) {
    std::vector<std::vector<Value>> rows;
    for (const SessionSettings::Entry& e : session.settings.All()) {
      rows.push_back(
          {Value::Varchar(e.name), Value::Varchar(e.value), Value::Varchar(e.description)});
    }
    return std::make_unique<RowsRelation>(
        std::vector<ColumnDef>{{"name", DataType::kVarchar2},
                               {"setting", DataType::kVarchar2},
                               {"description", DataType::kVarchar2}},
        std::move(rows));
  }
  SessionSettings::Entry e = session.settings.Show(statement.name);
  std::vector<std::vector<Value>> rows = {{Value::Varchar(e.value)}};
  return std::make_unique<RowsRelation>(std::vector<ColumnDef>{{e.name, DataType::kVarchar2}},
                                        std::move(rows));
}

}  // namespace warden::sql
