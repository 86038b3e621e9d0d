// PgFrameReader: framing of split feeds, the startup phase, and every length bound.
#include "net/pg_frame_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warden::net {
namespace {

using namespace std::string_literals;

const std::string kSslRequest = "\0\0\0\x08\x04\xd2\x16\x2f"s;
const std::string kGssEncRequest = "\0\0\0\x08\x04\xd2\x16\x30"s;
const std::string kStartup = "\0\0\0\x14\0\x03\0\0"s + "user\0scott\0\0"s;  // 20 bytes
const std::string kQuery = "Q\0\0\0\x0d"s + "SELECT 1\0"s;
const std::string kTerminate = "X\0\0\0\x04"s;

// Every frame available after feeding `chunks` one after the other, draining after each.
std::vector<PgFrame> ReadAll(PgFrameReader& reader, const std::vector<std::string>& chunks) {
  std::vector<PgFrame> frames;
  for (const std::string& chunk : chunks) {
    reader.Feed(chunk);
    for (int i = 0; i < 100; ++i) {  // bounded: no test stream holds 100 frames per chunk
      std::optional<PgFrame> frame;
      PgStatus s = reader.Next(&frame);
      EXPECT_TRUE(s.ok()) << s.message();
      if (!s.ok() || !frame) break;
      frames.push_back(std::move(*frame));
    }
  }
  return frames;
}

PgStatus FeedAndNext(PgFrameReader& reader, const std::string& bytes) {
  reader.Feed(bytes);
  std::optional<PgFrame> frame;
  PgStatus s = reader.Next(&frame);
  EXPECT_FALSE(frame.has_value());
  return s;
}

void ExpectConnectionFrames(const std::vector<PgFrame>& frames) {
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].type, kPgStartupFrame);
  EXPECT_EQ(frames[0].payload, kStartup.substr(4));
  EXPECT_EQ(frames[1].type, 'Q');
  EXPECT_EQ(frames[1].payload, "SELECT 1\0"s);
  EXPECT_EQ(frames[2].type, 'X');
  EXPECT_EQ(frames[2].payload, "");
}

TEST(PgFrameReader, WholeStreamInOneFeed) {
  PgFrameReader reader;
  EXPECT_TRUE(reader.in_startup_phase());
  ExpectConnectionFrames(ReadAll(reader, {kStartup + kQuery + kTerminate}));
  EXPECT_FALSE(reader.in_startup_phase());
  EXPECT_EQ(reader.buffered_bytes(), 0u);
}

TEST(PgFrameReader, OneByteAtATime) {
  const std::string stream = kStartup + kQuery + kTerminate;
  std::vector<std::string> chunks;
  for (char c : stream) chunks.emplace_back(1, c);
  PgFrameReader reader;
  ExpectConnectionFrames(ReadAll(reader, chunks));
}

TEST(PgFrameReader, PartialFrameStaysBuffered) {
  PgFrameReader reader;
  reader.Feed(kStartup.substr(0, 10));
  std::optional<PgFrame> frame;
  ASSERT_TRUE(reader.Next(&frame).ok());
  EXPECT_FALSE(frame.has_value());
  EXPECT_EQ(reader.buffered_bytes(), 10u);
  reader.Feed(kStartup.substr(10) + kQuery.substr(0, 3));
  ASSERT_TRUE(reader.Next(&frame).ok());
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->type, kPgStartupFrame);
  EXPECT_EQ(reader.buffered_bytes(), 3u);
}

TEST(PgFrameReader, SslAndGssEncRequestsKeepTheStartupPhase) {
  PgFrameReader reader;
  std::vector<PgFrame> frames = ReadAll(reader, {kSslRequest + kGssEncRequest + kStartup + kQuery});
  ASSERT_EQ(frames.size(), 4u);
  EXPECT_EQ(frames[0].type, kPgStartupFrame);
  EXPECT_EQ(frames[0].payload, "\x04\xd2\x16\x2f"s);
  EXPECT_EQ(frames[1].type, kPgStartupFrame);
  EXPECT_EQ(frames[2].type, kPgStartupFrame);
  EXPECT_EQ(frames[2].payload, kStartup.substr(4));
  EXPECT_EQ(frames[3].type, 'Q');
}

TEST(PgFrameReader, RepeatedEncryptionRequestsAreRejected) {
  PgFrameReader reader;
  ASSERT_EQ(ReadAll(reader, {kSslRequest}).size(), 1u);
  PgStatus s = FeedAndNext(reader, kSslRequest);
  EXPECT_EQ(s.kind(), PgErrorKind::kMalformed);
  EXPECT_EQ(s.message(), "SSLRequest sent twice");

  PgFrameReader gss_reader;
  ASSERT_EQ(ReadAll(gss_reader, {kGssEncRequest + kSslRequest}).size(), 2u);
  EXPECT_EQ(FeedAndNext(gss_reader, kGssEncRequest).message(), "GSSENCRequest sent twice");
}

TEST(PgFrameReader, TypedLengthBelowFourIsInvalidAndSticky) {
  PgFrameReader reader;
  ASSERT_EQ(ReadAll(reader, {kStartup}).size(), 1u);
  PgStatus s = FeedAndNext(reader, "Q\0\0\0\x03"s);
  EXPECT_EQ(s.kind(), PgErrorKind::kInvalidLength);
  EXPECT_EQ(s.message(), "message of type 'Q' has invalid length 3");
  // Sticky: more bytes do not resynchronise the stream.
  EXPECT_EQ(FeedAndNext(reader, kQuery).kind(), PgErrorKind::kInvalidLength);
}

TEST(PgFrameReader, StartupLengthBelowEightIsInvalid) {
  PgFrameReader reader;
  EXPECT_EQ(FeedAndNext(reader, "\0\0\0\x07"s).kind(), PgErrorKind::kInvalidLength);
  PgFrameReader reader0;
  EXPECT_EQ(FeedAndNext(reader0, "\0\0\0\0"s).kind(), PgErrorKind::kInvalidLength);
}

TEST(PgFrameReader, TwoGigabyteMessageRejectedFromItsHeader) {
  PgFrameReader reader;
  ASSERT_EQ(ReadAll(reader, {kStartup}).size(), 1u);
  PgStatus s = FeedAndNext(reader, "Q\x80\0\0\0"s);
  EXPECT_EQ(s.kind(), PgErrorKind::kMessageTooLarge);
  EXPECT_EQ(s.message(), "message of type 'Q' length 2147483648 exceeds the limit 67108864");
  EXPECT_EQ(reader.buffered_bytes(), 5u);
  EXPECT_EQ(FeedAndNext(reader, "x").kind(), PgErrorKind::kMessageTooLarge);
}

TEST(PgFrameReader, OversizedStartupPacketRejected) {
  PgFrameReader reader;
  // 10001 > PostgreSQL's MAX_STARTUP_PACKET_LENGTH.
  EXPECT_EQ(FeedAndNext(reader, "\0\0\x27\x11"s).kind(), PgErrorKind::kMessageTooLarge);
  PgFrameReader at_limit;
  EXPECT_TRUE(FeedAndNext(at_limit, "\0\0\x27\x10"s).ok());  // 10000: waits for the rest
  PgFrameReader huge;
  EXPECT_EQ(FeedAndNext(huge, "\xff\xff\xff\xff"s).kind(), PgErrorKind::kMessageTooLarge);
}

TEST(PgFrameReader, SmallMessagesHaveTheSmallLimit) {
  PgFrameReader reader;
  ASSERT_EQ(ReadAll(reader, {kStartup}).size(), 1u);
  EXPECT_TRUE(FeedAndNext(reader, "Q\0\0\x27\x11"s).ok());  // Query may be large
  PgFrameReader sync_reader;
  ASSERT_EQ(ReadAll(sync_reader, {kStartup}).size(), 1u);
  EXPECT_EQ(FeedAndNext(sync_reader, "S\0\0\x27\x11"s).kind(), PgErrorKind::kMessageTooLarge);
}

TEST(PgFrameReader, LimitsAreConfigurable) {
  PgFrameLimits limits;
  limits.max_large_message_length = 100;
  PgFrameReader reader(limits);
  ASSERT_EQ(ReadAll(reader, {kStartup}).size(), 1u);
  EXPECT_EQ(FeedAndNext(reader, "P\0\0\0\x65"s).kind(), PgErrorKind::kMessageTooLarge);  // 101

  PgFrameReader ok_reader(limits);
  std::vector<PgFrame> frames =
      ReadAll(ok_reader, {kStartup + "B\0\0\0\x64"s + std::string(96, 'b')});  // exactly 100
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1].payload.size(), 96u);
}

TEST(PgFrameReader, ManySplitFramesAllArrive) {
  PgFrameReader reader;
  ASSERT_EQ(ReadAll(reader, {kStartup}).size(), 1u);
  // Frames split across feeds, many times over: everything returned is eventually dropped.
  std::string stream;
  for (int i = 0; i < 1000; ++i) stream += kQuery;
  std::vector<std::string> chunks;
  for (std::size_t i = 0; i < stream.size(); i += 7) chunks.push_back(stream.substr(i, 7));
  EXPECT_EQ(ReadAll(reader, chunks).size(), 1000u);
  EXPECT_EQ(reader.buffered_bytes(), 0u);
}

}  // namespace
}  // namespace warden::net
