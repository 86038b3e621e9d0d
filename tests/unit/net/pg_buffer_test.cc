// PgWriter, AppendPgMessage and PgPayloadReader: network byte order, framing, bounds.
#include "net/pg_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::net {
namespace {

using namespace std::string_literals;

TEST(PgBuffer, WriterUsesNetworkByteOrder) {
  std::string out;
  PgWriter w(&out);
  w.Int16(-2);
  w.Int32(0x01020304);
  w.Byte('x');
  w.CString("ab");
  w.Bytes("\0z"s);
  EXPECT_EQ(out, "\xff\xfe\x01\x02\x03\x04xab\0\0z"s);
}

TEST(PgBuffer, AppendPgMessageCountsBodyAndLength) {
  std::string out = "prefix";
  AppendPgMessage(&out, 'Q', [](PgWriter& w) { w.CString("hi"); });
  AppendPgMessage(&out, 'X', [](PgWriter&) {});
  EXPECT_EQ(out, "prefixQ\0\0\0\x07hi\0X\0\0\0\x04"s);
}

TEST(PgBuffer, ReaderReadsFieldsInOrder) {
  const std::string payload = "\xff\xfe\xff\xfe\x80\0\0\x01z\0rest"s;
  PgPayloadReader in(payload, "Test");
  int16_t i16 = 0;
  uint16_t u16 = 0;
  int32_t i32 = 0;
  std::string s;
  ASSERT_TRUE(in.Int16(&i16).ok());
  ASSERT_TRUE(in.UInt16(&u16).ok());
  ASSERT_TRUE(in.Int32(&i32).ok());
  ASSERT_TRUE(in.CString(&s).ok());
  EXPECT_EQ(i16, -2);
  EXPECT_EQ(u16, 65534);
  EXPECT_EQ(i32, INT32_MIN + 1);
  EXPECT_EQ(s, "z");
  EXPECT_EQ(in.ExpectEnd().kind(), PgErrorKind::kMalformed);
  EXPECT_EQ(in.Rest(), "rest");
  EXPECT_TRUE(in.ExpectEnd().ok());
}

TEST(PgBuffer, FailedReadsReportTruncationAndKeepTheCursor) {
  const std::string payload = "\x01\x02\x03"s;
  PgPayloadReader in(payload, "Test");
  int32_t i32 = 0;
  PgStatus s = in.Int32(&i32);
  EXPECT_EQ(s.kind(), PgErrorKind::kTruncated);
  EXPECT_EQ(s.message(), "Test message: int32 field runs past the end of the message");
  EXPECT_EQ(in.remaining(), 3u);
  std::string bytes;
  EXPECT_EQ(in.Bytes(4, &bytes).kind(), PgErrorKind::kTruncated);
  EXPECT_EQ(in.CString(&bytes).kind(), PgErrorKind::kTruncated);
  EXPECT_EQ(in.remaining(), 3u);
  ASSERT_TRUE(in.Bytes(3, &bytes).ok());
  EXPECT_EQ(bytes, "\x01\x02\x03"s);
  char c = 0;
  EXPECT_EQ(in.Byte(&c).kind(), PgErrorKind::kTruncated);
}

}  // namespace
}  // namespace warden::net
