// Lexer for the Oracle SQL dialect: turns statement text into tokens.
//  - identifiers: unquoted ones are upper-cased and may contain $ # _ after the first
//    character (V$SESSION, SERIAL#); "quoted" ones keep their case; longer than 128 bytes
//    is ORA-00972, "" is ORA-01741, a missing closing quote ORA-01740;
//  - string literals '...' with '' for a quote, N'...', and Oracle's q'[...]' quoting;
//    unterminated is ORA-01756;
//  - numeric literals 12, 12.5, .5, 5., 1e5, 1.5E-3;
//  - operators ( ) , . + - * / || = <> != ^= < <= > >= ;
//  - bind variables :name, :1 and PostgreSQL's $1;
//  - -- and /* */ comments (an unterminated /* is ORA-01742).
// Any other character is ORA-00911 invalid character. Every token records its 1-based
// character (not byte) position in the statement, which errors report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warden::sql {

enum class TokenKind {
  kIdentifier,  // text: the normalized name (upper-cased unless quoted)
  kString,      // text: the literal's value, quotes removed
  kNumber,      // text: the literal as written
  kBind,        // text: the name or number after ':' or '$'
  kOperator,    // text: the operator, e.g. "<=" or "("
  kEnd,         // end of the statement
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  bool quoted = false;  // a "quoted" identifier
  int position = 0;     // 1-based character position of the token's first character
  size_t begin = 0;     // byte range [begin, end) of the token in the statement text
  size_t end = 0;
};

constexpr size_t kMaxIdentifierBytes = 128;

// All tokens of the statement; the last one is kEnd (positioned just after the text).
// Throws OraError (with position) for a lexical error.
std::vector<Token> Tokenize(std::string_view sql);

}  // namespace warden::sql
