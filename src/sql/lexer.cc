// The SQL lexer (see lexer.h). One pass over the bytes; positions are counted in UTF-8
// characters so they match what a client displays.
#include "sql/lexer.h"

#include "common/ora_error.h"

namespace warden::sql {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// Bytes of multi-byte UTF-8 characters count as letters, as national letters do in Oracle.
bool IsIdentStart(char c) { return IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80; }
bool IsIdentPart(char c) { return IsIdentStart(c) || IsDigit(c) || c == '_' || c == '$' || c == '#'; }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    // Each pass consumes at least one byte or ends the loop.
    while (true) {
      SkipBlanksAndComments();
      if (pos_ >= sql_.size()) break;
      tokens.push_back(Next());
    }
    Token end;
    end.kind = TokenKind::kEnd;
    end.begin = end.end = sql_.size();
    end.position = CharPosition(sql_.size());
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  // 1-based character position of byte offset `offset`; offsets are asked in increasing
  // order, so the count advances incrementally.
  int CharPosition(size_t offset) {
    for (; counted_ < offset && counted_ < sql_.size(); ++counted_) {
      if ((static_cast<unsigned char>(sql_[counted_]) & 0xC0) != 0x80) ++chars_;
    }
    return chars_ + 1;
  }

  [[noreturn]] void Fail(int code, size_t offset) {
    OraError e = OraError::Make(code);
    e.set_position(CharPosition(offset));
    throw e;
  }

  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < sql_.size() ? sql_[pos_ + ahead] : '\0';
  }

  void SkipBlanksAndComments() {
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_];
      if (IsBlank(c)) {
        ++pos_;
      } else if (c == '-' && Peek(1) == '-') {
        const size_t nl = sql_.find('\n', pos_);
        pos_ = nl == std::string_view::npos ? sql_.size() : nl + 1;
      } else if (c == '/' && Peek(1) == '*') {
        const size_t close = sql_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) Fail(1742, pos_);
        pos_ = close + 2;
      } else {
        return;
      }
    }
  }

  Token Start(TokenKind kind) {
    Token t;
    t.kind = kind;
    t.begin = pos_;
    t.position = CharPosition(pos_);
    return t;
  }

  Token Next() {
    const char c = sql_[pos_];
    if ((c == 'n' || c == 'N') && Peek(1) == '\'') {
      Token t = Start(TokenKind::kString);
      ++pos_;
      return FinishString(std::move(t));
    }
    if ((c == 'q' || c == 'Q') && Peek(1) == '\'') {
      Token t = Start(TokenKind::kString);
      pos_ += 2;
      return FinishQQuote(std::move(t));
    }
    if ((c == 'n' || c == 'N') && (Peek(1) == 'q' || Peek(1) == 'Q') && Peek(2) == '\'') {
      Token t = Start(TokenKind::kString);
      pos_ += 3;
      return FinishQQuote(std::move(t));
    }
    if (IsIdentStart(c)) return Identifier();
    if (c == '"') return QuotedIdentifier();
    if (c == '\'') return FinishString(Start(TokenKind::kString));
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return NumberLiteral();
    if (c == ':' || c == '$') return Bind();
    return Operator();
  }

  Token Identifier() {
    Token t = Start(TokenKind::kIdentifier);
    while (pos_ < sql_.size() && IsIdentPart(sql_[pos_])) t.text.push_back(Upper(sql_[pos_++]));
    if (t.text.size() > kMaxIdentifierBytes) Fail(972, t.begin);
    t.end = pos_;
    return t;
  }

  Token QuotedIdentifier() {
    Token t = Start(TokenKind::kIdentifier);
    t.quoted = true;
    const size_t close = sql_.find('"', pos_ + 1);
    if (close == std::string_view::npos) Fail(1740, t.begin);
    t.text = std::string(sql_.substr(pos_ + 1, close - pos_ - 1));
    if (t.text.empty()) Fail(1741, t.begin);
    if (t.text.size() > kMaxIdentifierBytes) Fail(972, t.begin);
    pos_ = close + 1;
    t.end = pos_;
    return t;
  }

  // REQUIRES: pos_ at the opening quote.
  Token FinishString(Token t) {
    ++pos_;
    // Each pass consumes at least one byte.
    while (true) {
      if (pos_ >= sql_.size()) Fail(1756, t.begin);
      const char c = sql_[pos_++];
      if (c == '\'') {
        if (Peek() != '\'') break;
        ++pos_;  // '' is one quote
      }
      t.text.push_back(c);
    }
    t.end = pos_;
    return t;
  }

  // q'<delim>...<close delim>': REQUIRES pos_ just after the opening quote.
  Token FinishQQuote(Token t) {
    if (pos_ >= sql_.size() || IsBlank(sql_[pos_])) Fail(1756, t.begin);
    const char open = sql_[pos_++];
    char close = open;
    if (open == '[') close = ']';
    if (open == '{') close = '}';
    if (open == '<') close = '>';
    if (open == '(') close = ')';
    const char terminator[3] = {close, '\'', '\0'};
    const size_t end = sql_.find(terminator, pos_);
    if (end == std::string_view::npos) Fail(1756, t.begin);
    t.text = std::string(sql_.substr(pos_, end - pos_));
    pos_ = end + 2;
    t.end = pos_;
    return t;
  }

  Token NumberLiteral() {
    Token t = Start(TokenKind::kNumber);
    while (IsDigit(Peek())) ++pos_;
    if (Peek() == '.' && Peek(1) != '.') {  // "1..2" is not a number followed by ".2"
      ++pos_;
      while (IsDigit(Peek())) ++pos_;
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      pos_ += 2;
      while (IsDigit(Peek())) ++pos_;
    }
    t.end = pos_;
    t.text = std::string(sql_.substr(t.begin, t.end - t.begin));
    return t;
  }

  Token Bind() {
    Token t = Start(TokenKind::kBind);
    const bool pg_style = sql_[pos_] == '$';
    ++pos_;
    if (pg_style || IsDigit(Peek())) {
      if (!IsDigit(Peek())) Fail(911, t.begin);
      while (IsDigit(Peek())) t.text.push_back(sql_[pos_++]);
    } else {
      if (!IsIdentStart(Peek())) Fail(911, t.begin);
      while (pos_ < sql_.size() && IsIdentPart(sql_[pos_])) t.text.push_back(Upper(sql_[pos_++]));
      if (t.text.size() > kMaxIdentifierBytes) Fail(972, t.begin);
    }
    t.end = pos_;
    return t;
  }

  Token Operator() {
    Token t = Start(TokenKind::kOperator);
    static constexpr std::string_view kTwoChar[] = {"||", "<>", "!=", "^=", "<=", ">="};
    const std::string_view rest = sql_.substr(pos_);
    for (std::string_view op : kTwoChar) {
      if (rest.substr(0, 2) == op) {
        t.text = std::string(op);
        pos_ += 2;
        t.end = pos_;
        return t;
      }
    }
    static constexpr std::string_view kOneChar = "(),.+-*/=<>;";
    if (kOneChar.find(sql_[pos_]) == std::string_view::npos) Fail(911, pos_);
    t.text = std::string(1, sql_[pos_++]);
    t.end = pos_;
    return t;
  }

  std::string_view sql_;
  size_t pos_ = 0;
  size_t counted_ = 0;  // bytes already counted into chars_
  int chars_ = 0;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view sql) { return Lexer(sql).Run(); }

}  // namespace warden::sql
