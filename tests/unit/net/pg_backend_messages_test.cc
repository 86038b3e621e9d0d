// Backend messages: each encoder compared with the exact bytes PostgreSQL sends.
#include "net/pg_backend_messages.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::net {
namespace {

using namespace std::string_literals;

template <typename Message>
std::string Encode(const Message& m) {
  std::string out;
  m.EncodeTo(&out);
  return out;
}

TEST(PgBackendMessages, Authentication) {
  EXPECT_EQ(Encode(PgAuthenticationOk{}), "R\0\0\0\x08\0\0\0\0"s);
  EXPECT_EQ(Encode(PgAuthenticationSasl{}), "R\0\0\0\x17\0\0\0\x0a"s + "SCRAM-SHA-256\0\0"s);
  EXPECT_EQ(Encode(PgAuthenticationSaslContinue{"r=abc"}), "R\0\0\0\x0d\0\0\0\x0b"s + "r=abc");
  EXPECT_EQ(Encode(PgAuthenticationSaslFinal{"v=xyz"}), "R\0\0\0\x0d\0\0\0\x0c"s + "v=xyz");
}

TEST(PgBackendMessages, SessionStart) {
  EXPECT_EQ(Encode(PgParameterStatus{"client_encoding", "UTF8"}),
            "S\0\0\0\x19"s + "client_encoding\0UTF8\0"s);
  EXPECT_EQ(Encode(PgBackendKeyData{1234, -2}), "K\0\0\0\x0c\0\0\x04\xd2\xff\xff\xff\xfe"s);
  EXPECT_EQ(Encode(PgReadyForQuery{PgTransactionStatus::kIdle}), "Z\0\0\0\x05I"s);
  EXPECT_EQ(Encode(PgReadyForQuery{PgTransactionStatus::kInTransaction}), "Z\0\0\0\x05T"s);
  EXPECT_EQ(Encode(PgReadyForQuery{PgTransactionStatus::kFailed}), "Z\0\0\0\x05"s + "E"s);
}

TEST(PgBackendMessages, RowDescription) {
  PgRowDescription rd;
  rd.fields.push_back({"id", 23, 4, -1, kPgTextFormat});
  rd.fields.push_back({"name", 25, -1, -1, kPgBinaryFormat});
  const std::string expected = "T\0\0\0\x32\0\x02"s +
                               // id: name, table oid, attnum, type oid, typlen, typmod, format
                               "id\0"s + "\0\0\0\0"s + "\0\0"s + "\0\0\0\x17"s + "\0\x04"s +
                               "\xff\xff\xff\xff"s + "\0\0"s +
                               // name
                               "name\0"s + "\0\0\0\0"s + "\0\0"s + "\0\0\0\x19"s + "\xff\xff"s +
                               "\xff\xff\xff\xff"s + "\0\x01"s;
  EXPECT_EQ(Encode(rd), expected);
  EXPECT_EQ(Encode(PgRowDescription{}), "T\0\0\0\x06\0\0"s);
}

TEST(PgBackendMessages, DataRowWithNullAndEmpty) {
  PgDataRow row{{"1", std::nullopt, ""}};
  EXPECT_EQ(Encode(row),
            "D\0\0\0\x13\0\x03"s + "\0\0\0\x01"s + "1"s + "\xff\xff\xff\xff"s + "\0\0\0\0"s);
  // Values are raw bytes: an embedded NUL is sent as is.
  EXPECT_EQ(Encode(PgDataRow{{"a\0b"s}}), "D\0\0\0\x0d\0\x01\0\0\0\x03"s + "a\0b"s);
}

TEST(PgBackendMessages, CommandCompleteAndEmptyQuery) {
  EXPECT_EQ(Encode(PgCommandComplete{"SELECT 1"}), "C\0\0\0\x0d"s + "SELECT 1\0"s);
  EXPECT_EQ(Encode(PgEmptyQueryResponse{}), "I\0\0\0\x04"s);
  // An embedded NUL truncates a C string instead of desynchronising the stream.
  EXPECT_EQ(Encode(PgCommandComplete{"AB\0CD"s}), "C\0\0\0\x07"s + "AB\0"s);
}

TEST(PgBackendMessages, ErrorResponseFromOraError) {
  OraError e = OraError::Make(942);
  e.set_position(15);
  PgErrorResponse er{PgErrorFields::FromOraError(e)};
  EXPECT_EQ(Encode(er), "E\0\0\0\x47"s + "SERROR\0"s + "VERROR\0"s + "C42P01\0"s +
                            "MORA-00942: table or view does not exist\0"s + "P15\0"s + "\0"s);
}

TEST(PgBackendMessages, FatalErrorWithoutPosition) {
  PgErrorResponse er{PgErrorFields::FromOraError(OraError::Make(28, {}, Severity::kFatal))};
  EXPECT_EQ(Encode(er), "E\0\0\0\x43"s + "SFATAL\0"s + "VFATAL\0"s + "C57P01\0"s +
                            "MORA-00028: your session has been killed\0"s + "\0"s);
}

TEST(PgBackendMessages, NoticeWithDetailAndHint) {
  PgNoticeResponse n;
  n.fields.severity = PgSeverity::kNotice;
  n.fields.sqlstate = "00000";
  n.fields.message = "m";
  n.fields.detail = "d";
  n.fields.hint = "h";
  EXPECT_EQ(Encode(n), "N\0\0\0\x25"s + "SNOTICE\0VNOTICE\0C00000\0Mm\0Dd\0Hh\0\0"s);
}

TEST(PgBackendMessages, ExtendedProtocolReplies) {
  EXPECT_EQ(Encode(PgParseComplete{}), "1\0\0\0\x04"s);
  EXPECT_EQ(Encode(PgBindComplete{}), "2\0\0\0\x04"s);
  EXPECT_EQ(Encode(PgCloseComplete{}), "3\0\0\0\x04"s);
  EXPECT_EQ(Encode(PgNoData{}), "n\0\0\0\x04"s);
  EXPECT_EQ(Encode(PgPortalSuspended{}), "s\0\0\0\x04"s);
  EXPECT_EQ(Encode(PgParameterDescription{{23, 25}}), "t\0\0\0\x0e\0\x02\0\0\0\x17\0\0\0\x19"s);
}

TEST(PgBackendMessages, EncodersAppend) {
  std::string out = "x";
  PgNoData{}.EncodeTo(&out);
  PgReadyForQuery{}.EncodeTo(&out);
  EXPECT_EQ(out, "xn\0\0\0\x04Z\0\0\0\x05I"s);
}

}  // namespace
}  // namespace warden::net
