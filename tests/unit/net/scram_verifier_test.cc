// ScramVerifier: derivation against RFC 7677's vector, PostgreSQL's text format, parsing.
#include "net/scram_verifier.h"

#include <gtest/gtest.h>

#include "net/base64.h"
#include "net/scram_crypto.h"

namespace warden::net {
namespace {

// RFC 7677 section 3: password "pencil", salt below, 4096 iterations. The keys were computed
// independently (Python hashlib) and match PostgreSQL's pg_authid for the same inputs.
constexpr char kPencilVerifier[] =
    "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
    "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

TEST(ScramVerifier, ComputesRfc7677Keys) {
  ScramVerifier v;
  ASSERT_TRUE(
      ComputeScramVerifier("pencil", *Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096, &v).ok());
  EXPECT_EQ(v.Serialize(), kPencilVerifier);
}

TEST(ScramVerifier, ParsesWhatItSerialises) {
  ScramVerifier v;
  ASSERT_TRUE(ScramVerifier::Parse(kPencilVerifier, &v).ok());
  EXPECT_EQ(v.iterations, 4096);
  EXPECT_EQ(Base64Encode(v.salt), "W22ZaJ0SNY7soEsUEjb6gQ==");
  EXPECT_EQ(v.stored_key.size(), kScramKeyLength);
  EXPECT_EQ(v.Serialize(), kPencilVerifier);
}

TEST(ScramVerifier, MakeUsesAFreshSaltEachTime) {
  ScramVerifier a, b, parsed;
  ASSERT_TRUE(MakeScramVerifier("tiger", 4096, &a).ok());
  ASSERT_TRUE(MakeScramVerifier("tiger", 4096, &b).ok());
  EXPECT_EQ(a.salt.size(), kScramSaltLength);
  EXPECT_NE(a.salt, b.salt);
  EXPECT_NE(a.stored_key, b.stored_key);
  ASSERT_TRUE(ScramVerifier::Parse(a.Serialize(), &parsed).ok());
  EXPECT_EQ(parsed.iterations, a.iterations);
  EXPECT_EQ(parsed.salt, a.salt);
  EXPECT_EQ(parsed.stored_key, a.stored_key);
  EXPECT_EQ(parsed.server_key, a.server_key);
  // Same password and salt give the same keys.
  ScramVerifier again;
  ASSERT_TRUE(ComputeScramVerifier("tiger", a.salt, 4096, &again).ok());
  EXPECT_EQ(again.Serialize(), a.Serialize());
}

TEST(ScramVerifier, RejectsMalformedText) {
  const std::string key = "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=";
  const std::string short_key = "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT";
  for (const std::string& bad : {
           std::string(""),
           std::string("SCRAM-SHA-256$"),
           std::string("md5abcdef"),
           "SCRAM-SHA-1$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$-1:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$4096x:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$99999999999:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$4096:$" + key + ":" + key,
           "SCRAM-SHA-256$4096:not*base64$" + key + ":" + key,
           "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + short_key + ":" + key,
           "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + short_key,
           "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + key,
           "SCRAM-SHA-256$4096W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key,
           "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + key + ":" + key + ":" + key,
       }) {
    ScramVerifier v;
    EXPECT_FALSE(ScramVerifier::Parse(bad, &v).ok()) << bad;
  }
}

}  // namespace
}  // namespace warden::net
