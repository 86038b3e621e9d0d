// Lexer: token kinds, identifier normalization, literals, operators, comments, positions,
// lexical errors.
#include "sql/lexer.h"

#include <gtest/gtest.h>

#include "common/ora_error.h"

namespace warden::sql {
namespace {

std::vector<std::string> Texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(sql)) {
    if (t.kind != TokenKind::kEnd) out.push_back(t.text);
  }
  return out;
}

OraError ErrorOf(std::string_view sql) {
  try {
    Tokenize(sql);
  } catch (const OraError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << sql;
  return OraError::Make(600, {"none"});
}

TEST(LexerTest, UnquotedIdentifiersAreUpperCasedQuotedKeepCase) {
  std::vector<Token> t = Tokenize("select sid, serial# from v$session \"MixedCase\"");
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].text, "SELECT");
  EXPECT_EQ(t[1].text, "SID");
  EXPECT_EQ(t[3].text, "SERIAL#");
  EXPECT_EQ(t[5].text, "V$SESSION");
  EXPECT_EQ(t[6].text, "MixedCase");
  EXPECT_TRUE(t[6].quoted);
  EXPECT_FALSE(t[5].quoted);
  EXPECT_EQ(t[7].kind, TokenKind::kEnd);
}

TEST(LexerTest, StringLiterals) {
  std::vector<Token> t = Tokenize("'it''s' '' N'nat' q'[a'b]' Q'{x}'");
  ASSERT_EQ(t.size(), 6u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(t[i].kind, TokenKind::kString);
  EXPECT_EQ(t[0].text, "it's");
  EXPECT_EQ(t[1].text, "");
  EXPECT_EQ(t[2].text, "nat");
  EXPECT_EQ(t[3].text, "a'b");
  EXPECT_EQ(t[4].text, "x");
}

TEST(LexerTest, NumericLiterals) {
  EXPECT_EQ(Texts("12 12.5 .5 5. 1e5 1.5E-3"),
            (std::vector<std::string>{"12", "12.5", ".5", "5.", "1e5", "1.5E-3"}));
  // "1x" is the number 1 followed by the identifier X (Oracle reads it as an alias).
  std::vector<Token> t = Tokenize("1x");
  EXPECT_EQ(t[0].kind, TokenKind::kNumber);
  EXPECT_EQ(t[1].kind, TokenKind::kIdentifier);
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(Texts("a||b<>c!=d^=e<=f>=g<h>i=j+k-l*m/n(o,p.q)"),
            (std::vector<std::string>{"A",  "||", "B",  "<>", "C", "!=", "D", "^=", "E",
                                      "<=", "F",  ">=", "G",  "<", "H",  ">", "I",  "=",
                                      "J",  "+",  "K",  "-",  "L", "*",  "M", "/",  "N",
                                      "(",  "O",  ",",  "P",  ".", "Q",  ")"}));
}

TEST(LexerTest, CommentsAreSkipped) {
  EXPECT_EQ(Texts("select -- a comment\n 1 /* another\n one */ from dual"),
            (std::vector<std::string>{"SELECT", "1", "FROM", "DUAL"}));
  EXPECT_EQ(Tokenize("  -- only a comment").size(), 1u);
  EXPECT_EQ(Tokenize("/* x */").size(), 1u);
}

TEST(LexerTest, BindVariables) {
  std::vector<Token> t = Tokenize(":name :1 $2");
  ASSERT_EQ(t.size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(t[i].kind, TokenKind::kBind);
  EXPECT_EQ(t[0].text, "NAME");
  EXPECT_EQ(t[1].text, "1");
  EXPECT_EQ(t[2].text, "2");
}

TEST(LexerTest, PositionsAreOneBasedCharacters) {
  std::vector<Token> t = Tokenize("select 'é', x from dual");
  EXPECT_EQ(t[0].position, 1);
  EXPECT_EQ(t[1].position, 8);
  EXPECT_EQ(t[2].position, 11);  // 'é' is 3 characters but 4 bytes
  EXPECT_EQ(t[3].position, 13);
  EXPECT_EQ(t.back().position, 24);
}

TEST(LexerTest, Errors) {
  OraError e = ErrorOf("select 'abc from dual");
  EXPECT_EQ(e.code(), 1756);
  EXPECT_EQ(e.position(), 8);
  e = ErrorOf("select a ? b");
  EXPECT_EQ(e.code(), 911);
  EXPECT_EQ(e.position(), 10);
  EXPECT_EQ(ErrorOf("select \"\" from dual").code(), 1741);
  EXPECT_EQ(ErrorOf("select \"abc from dual").code(), 1740);
  EXPECT_EQ(ErrorOf("select /* open").code(), 1742);
  EXPECT_EQ(ErrorOf("select " + std::string(129, 'a') + " from dual").code(), 972);
  EXPECT_NO_THROW(Tokenize("select " + std::string(128, 'a') + " from dual"));
}

}  // namespace
}  // namespace warden::sql
