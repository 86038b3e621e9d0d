// Frontend messages: each decoder fed exact bytes; truncated and malformed layouts rejected
// with the right error kind.
#include "net/pg_frontend_messages.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::net {
namespace {

using namespace std::string_literals;

const std::string kVersion30 = "\0\x03\0\0"s;

PgStartupPacket DecodeStartupOk(const std::string& payload) {
  PgStartupPacket packet;
  PgStatus s = DecodeStartupPacket(payload, &packet);
  EXPECT_TRUE(s.ok()) << s.message();
  return packet;
}

PgErrorKind StartupError(const std::string& payload) {
  PgStartupPacket packet;
  return DecodeStartupPacket(payload, &packet).kind();
}

TEST(PgStartupPacket, SslAndGssEncRequests) {
  EXPECT_TRUE(std::holds_alternative<PgSslRequest>(DecodeStartupOk("\x04\xd2\x16\x2f"s)));
  EXPECT_TRUE(std::holds_alternative<PgGssEncRequest>(DecodeStartupOk("\x04\xd2\x16\x30"s)));
  EXPECT_EQ(StartupError("\x04\xd2\x16\x2f\0"s), PgErrorKind::kMalformed);
}

TEST(PgStartupPacket, CancelRequest) {
  PgStartupPacket p = DecodeStartupOk("\x04\xd2\x16\x2e\0\0\x04\xd2\x12\x34\x56\x78"s);
  ASSERT_TRUE(std::holds_alternative<PgCancelRequest>(p));
  EXPECT_EQ(std::get<PgCancelRequest>(p).process_id, 1234);
  EXPECT_EQ(std::get<PgCancelRequest>(p).secret_key, 0x12345678);
  EXPECT_EQ(StartupError("\x04\xd2\x16\x2e\0\0\x04\xd2\x12\x34\x56"s), PgErrorKind::kTruncated);
  EXPECT_EQ(StartupError("\x04\xd2\x16\x2e\0\0\x04\xd2\x12\x34\x56\x78\0"s),
            PgErrorKind::kMalformed);
}

TEST(PgStartupPacket, StartupMessage) {
  PgStartupPacket p =
      DecodeStartupOk(kVersion30 + "user\0scott\0database\0orcl\0application_name\0psql\0\0"s);
  ASSERT_TRUE(std::holds_alternative<PgStartupMessage>(p));
  const PgStartupMessage& m = std::get<PgStartupMessage>(p);
  EXPECT_EQ(m.user, "scott");
  EXPECT_EQ(m.database, "orcl");
  ASSERT_EQ(m.parameters.size(), 3u);
  EXPECT_EQ(m.parameters[2].first, "application_name");
  ASSERT_NE(m.Find("application_name"), nullptr);
  EXPECT_EQ(*m.Find("application_name"), "psql");
  EXPECT_EQ(m.Find("options"), nullptr);
}

TEST(PgStartupPacket, DatabaseDefaultsToUser) {
  PgStartupPacket p = DecodeStartupOk(kVersion30 + "user\0scott\0\0"s);
  EXPECT_EQ(std::get<PgStartupMessage>(p).database, "scott");
  p = DecodeStartupOk(kVersion30 + "database\0\0user\0sys\0\0"s);
  EXPECT_EQ(std::get<PgStartupMessage>(p).database, "sys");
}

TEST(PgStartupPacket, StartupMessageErrors) {
  // No user, or an empty one.
  EXPECT_EQ(StartupError(kVersion30 + "database\0orcl\0\0"s), PgErrorKind::kMalformed);
  EXPECT_EQ(StartupError(kVersion30 + "user\0\0\0"s), PgErrorKind::kMalformed);
  // Strings that are not NUL-terminated inside the packet.
  EXPECT_EQ(StartupError(kVersion30 + "user\0scott"s), PgErrorKind::kTruncated);
  EXPECT_EQ(StartupError(kVersion30 + "user"s), PgErrorKind::kTruncated);
  // The final terminator is missing, or is not the last byte.
  EXPECT_EQ(StartupError(kVersion30 + "user\0scott\0"s), PgErrorKind::kTruncated);
  EXPECT_EQ(StartupError(kVersion30), PgErrorKind::kTruncated);
  EXPECT_EQ(StartupError(kVersion30 + "user\0scott\0\0X"s), PgErrorKind::kMalformed);
  // Not even a protocol code.
  EXPECT_EQ(StartupError("\0\x03"s), PgErrorKind::kTruncated);
}

TEST(PgStartupPacket, OtherProtocolVersionsRejected) {
  PgStartupPacket packet;
  PgStatus s = DecodeStartupPacket("\0\x02\0\0user\0scott\0\0"s, &packet);
  EXPECT_EQ(s.kind(), PgErrorKind::kUnsupportedProtocol);
  EXPECT_EQ(s.message(), "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
  EXPECT_EQ(StartupError("\0\x03\0\x02user\0scott\0\0"s), PgErrorKind::kUnsupportedProtocol);
  // The client-visible error: ORA-03137, FATAL, SQLSTATE 08P01.
  OraError e = s.ToOraError();
  EXPECT_EQ(e.message(),
            "ORA-03137: malformed TTC packet from client rejected: [unsupported frontend "
            "protocol 2.0: server supports 3.0 to 3.0]");
  EXPECT_EQ(e.severity(), Severity::kFatal);
  EXPECT_EQ(e.sqlstate(), "08P01");
}

TEST(PgFrontendMessages, Query) {
  PgQuery q;
  ASSERT_TRUE(PgQuery::Decode("SELECT 1\0"s, &q).ok());
  EXPECT_EQ(q.sql, "SELECT 1");
  ASSERT_TRUE(PgQuery::Decode("\0"s, &q).ok());
  EXPECT_EQ(q.sql, "");
  EXPECT_EQ(PgQuery::Decode("SELECT 1"s, &q).kind(), PgErrorKind::kTruncated);
  EXPECT_EQ(PgQuery::Decode(""s, &q).kind(), PgErrorKind::kTruncated);
  PgStatus s = PgQuery::Decode("SELECT 1\0x"s, &q);
  EXPECT_EQ(s.kind(), PgErrorKind::kMalformed);
  EXPECT_EQ(s.message(), "Query message: 1 unexpected bytes after the last field");
}

TEST(PgFrontendMessages, EmptyMessages) {
  EXPECT_TRUE(PgTerminate::Decode(""s).ok());
  EXPECT_TRUE(PgSync::Decode(""s).ok());
  EXPECT_TRUE(PgFlush::Decode(""s).ok());
  EXPECT_EQ(PgTerminate::Decode("x"s).kind(), PgErrorKind::kMalformed);
  EXPECT_EQ(PgSync::Decode("\0"s).kind(), PgErrorKind::kMalformed);
  EXPECT_EQ(PgFlush::Decode("ab"s).kind(), PgErrorKind::kMalformed);
}

TEST(PgFrontendMessages, PasswordMessage) {
  PgPasswordMessage m;
  ASSERT_TRUE(PgPasswordMessage::Decode("tiger\0"s, &m).ok());
  EXPECT_EQ(m.password, "tiger");
  EXPECT_EQ(PgPasswordMessage::Decode("tiger"s, &m).kind(), PgErrorKind::kTruncated);
}

TEST(PgFrontendMessages, SaslInitialResponse) {
  PgSaslInitialResponse m;
  ASSERT_TRUE(PgSaslInitialResponse::Decode("SCRAM-SHA-256\0\0\0\0\x0a"s + "n,,n=,r=ab"s, &m).ok());
  EXPECT_EQ(m.mechanism, "SCRAM-SHA-256");
  ASSERT_TRUE(m.data.has_value());
  EXPECT_EQ(*m.data, "n,,n=,r=ab");

  ASSERT_TRUE(PgSaslInitialResponse::Decode("SCRAM-SHA-256\0\xff\xff\xff\xff"s, &m).ok());
  EXPECT_FALSE(m.data.has_value());

  // Length overruns the payload (including a huge one: nothing is allocated for it).
  EXPECT_EQ(PgSaslInitialResponse::Decode("M\0\0\0\0\x0a"s + "abc"s, &m).kind(),
            PgErrorKind::kTruncated);
  EXPECT_EQ(PgSaslInitialResponse::Decode("M\0\x7f\xff\xff\xff"s, &m).kind(),
            PgErrorKind::kTruncated);
  EXPECT_EQ(PgSaslInitialResponse::Decode("M\0\xff\xff\xff\xfe"s, &m).kind(),
            PgErrorKind::kMalformed);
  EXPECT_EQ(PgSaslInitialResponse::Decode("M\0\0\0\0\x01"s + "ab"s, &m).kind(),
            PgErrorKind::kMalformed);
  EXPECT_EQ(PgSaslInitialResponse::Decode("M\0\0\0"s, &m).kind(), PgErrorKind::kTruncated);
}

TEST(PgFrontendMessages, SaslResponseIsTheWholePayload) {
  PgSaslResponse m;
  ASSERT_TRUE(PgSaslResponse::Decode("c=biws,r=x,p=y\0z"s, &m).ok());
  EXPECT_EQ(m.data, "c=biws,r=x,p=y\0z"s);
}

TEST(PgFrontendMessages, Parse) {
  PgParse m;
  ASSERT_TRUE(PgParse::Decode("s1\0SELECT $1\0\0\x02\0\0\0\x17\xff\xff\xff\xff"s, &m).ok());
  EXPECT_EQ(m.statement_name, "s1");
  EXPECT_EQ(m.query, "SELECT $1");
  EXPECT_EQ(m.param_type_oids, (std::vector<PgOid>{23, 0xffffffffu}));
  ASSERT_TRUE(PgParse::Decode("\0SELECT 1\0\0\0"s, &m).ok());
  EXPECT_TRUE(m.param_type_oids.empty());
  // The count announces two OIDs but only one follows.
  EXPECT_EQ(PgParse::Decode("s1\0q\0\0\x02\0\0\0\x17"s, &m).kind(), PgErrorKind::kTruncated);
  EXPECT_EQ(PgParse::Decode("s1\0q\0"s, &m).kind(), PgErrorKind::kTruncated);
}

TEST(PgFrontendMessages, Bind) {
  // Portal, statement; one format (binary, for all); two parameters: "42" and NULL;
  // two result formats: text, binary.
  const std::string payload = "p1\0s1\0"s + "\0\x01\0\x01"s + "\0\x02"s + "\0\0\0\x02"s + "42"s +
                              "\xff\xff\xff\xff"s + "\0\x02\0\0\0\x01"s;
  PgBind m;
  PgStatus s = PgBind::Decode(payload, &m);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(m.portal_name, "p1");
  EXPECT_EQ(m.statement_name, "s1");
  EXPECT_EQ(m.param_formats, (std::vector<int16_t>{kPgBinaryFormat}));
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], "42");
  EXPECT_FALSE(m.params[1].has_value());
  EXPECT_EQ(m.result_formats, (std::vector<int16_t>{kPgTextFormat, kPgBinaryFormat}));

  ASSERT_TRUE(PgBind::Decode("\0\0\0\0\0\0\0\0"s, &m).ok());
  EXPECT_TRUE(m.params.empty());
}

TEST(PgFrontendMessages, BindErrors) {
  PgBind m;
  // Two formats for one parameter.
  EXPECT_EQ(PgBind::Decode("\0\0\0\x02\0\0\0\0\0\x01\0\0\0\0\0\0"s, &m).kind(),
            PgErrorKind::kMalformed);
  // Format code 2.
  EXPECT_EQ(PgBind::Decode("\0\0\0\x01\0\x02\0\0\0\0"s, &m).kind(), PgErrorKind::kMalformed);
  // Parameter length -2.
  EXPECT_EQ(PgBind::Decode("\0\0\0\0\0\x01\xff\xff\xff\xfe\0\0"s, &m).kind(),
            PgErrorKind::kMalformed);
  // Parameter value runs past the end.
  EXPECT_EQ(PgBind::Decode("\0\0\0\0\0\x01\0\0\0\x05"s + "ab"s, &m).kind(),
            PgErrorKind::kTruncated);
  // Three parameters announced, one present.
  EXPECT_EQ(PgBind::Decode("\0\0\0\0\0\x03\0\0\0\0"s, &m).kind(), PgErrorKind::kTruncated);
  // Result format count missing.
  EXPECT_EQ(PgBind::Decode("\0\0\0\0\0\0"s, &m).kind(), PgErrorKind::kTruncated);
}

TEST(PgFrontendMessages, DescribeExecuteClose) {
  PgDescribe d;
  ASSERT_TRUE(PgDescribe::Decode("Sstmt\0"s, &d).ok());
  EXPECT_EQ(d.target, PgTarget::kStatement);
  EXPECT_EQ(d.name, "stmt");
  ASSERT_TRUE(PgDescribe::Decode("P\0"s, &d).ok());
  EXPECT_EQ(d.target, PgTarget::kPortal);
  EXPECT_EQ(d.name, "");
  EXPECT_EQ(PgDescribe::Decode("Xstmt\0"s, &d).kind(), PgErrorKind::kMalformed);
  EXPECT_EQ(PgDescribe::Decode(""s, &d).kind(), PgErrorKind::kTruncated);

  PgExecute e;
  ASSERT_TRUE(PgExecute::Decode("\0\0\0\0\x0a"s, &e).ok());
  EXPECT_EQ(e.portal_name, "");
  EXPECT_EQ(e.max_rows, 10);
  EXPECT_EQ(PgExecute::Decode("p\0\0\0"s, &e).kind(), PgErrorKind::kTruncated);

  PgClose c;
  ASSERT_TRUE(PgClose::Decode("Pp1\0"s, &c).ok());
  EXPECT_EQ(c.target, PgTarget::kPortal);
  EXPECT_EQ(c.name, "p1");
  EXPECT_EQ(PgClose::Decode("Pp1\0\0"s, &c).kind(), PgErrorKind::kMalformed);
}

}  // namespace
}  // namespace warden::net
