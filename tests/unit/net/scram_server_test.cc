// ScramServerExchange: RFC 7677's test vector, a full exchange against an independent client
// computation, wrong proofs, unknown users (indistinguishable) and malformed messages.
#include "net/scram_server.h"

#include <gtest/gtest.h>

#include "net/base64.h"
#include "net/scram_crypto.h"

namespace warden::net {
namespace {

// RFC 7677 section 3.
constexpr char kRfcClientFirst[] = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr char kRfcServerNonce[] = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr char kRfcServerFirst[] =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr char kRfcClientFinal[] =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr char kRfcServerFinal[] = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
constexpr char kRfcSalt[] = "W22ZaJ0SNY7soEsUEjb6gQ==";

const std::string kMockSecret(kScramMockSecretLength, 'k');

ScramVerifier PencilVerifier() {
  ScramVerifier v;
  EXPECT_TRUE(ComputeScramVerifier("pencil", *Base64Decode(kRfcSalt), 4096, &v).ok());
  return v;
}

// The client side of RFC 5802, computed here from the password alone, as libpq does.
struct ScramClient {
  explicit ScramClient(std::string pw) : password(std::move(pw)) {}

  std::string password;
  std::string client_first_bare = "n=,r=clientnonce123";
  std::string gs2_header = "n,,";
  std::string expected_server_signature;

  std::string ClientFirst() const { return gs2_header + client_first_bare; }

  // Builds the client-final-message for the given server-first-message.
  std::string ClientFinal(const std::string& server_first) {
    // server_first = "r=<nonce>,s=<salt>,i=<iterations>"
    const std::size_t s_at = server_first.find(",s=");
    const std::size_t i_at = server_first.find(",i=");
    const std::string nonce = server_first.substr(2, s_at - 2);
    const std::string salt = *Base64Decode(server_first.substr(s_at + 3, i_at - s_at - 3));
    const int iterations = std::stoi(server_first.substr(i_at + 3));
    std::string salted, client_key, stored_key, server_key, client_signature, server_signature;
    EXPECT_TRUE(Pbkdf2Sha256(password, salt, iterations, &salted));
    EXPECT_TRUE(HmacSha256(salted, "Client Key", &client_key));
    EXPECT_TRUE(Sha256(client_key, &stored_key));
    EXPECT_TRUE(HmacSha256(salted, "Server Key", &server_key));
    const std::string without_proof = "c=" + Base64Encode(gs2_header) + ",r=" + nonce;
    const std::string auth_message = client_first_bare + "," + server_first + "," + without_proof;
    EXPECT_TRUE(HmacSha256(stored_key, auth_message, &client_signature));
    EXPECT_TRUE(HmacSha256(server_key, auth_message, &server_signature));
    std::string proof = client_key;
    for (std::size_t i = 0; i < proof.size(); ++i) proof[i] ^= client_signature[i];
    expected_server_signature = "v=" + Base64Encode(server_signature);
    return without_proof + ",p=" + Base64Encode(proof);
  }
};

TEST(ScramServer, Rfc7677TestVector) {
  const ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "user", kMockSecret, kRfcServerNonce);
  std::string server_first, server_final;
  ASSERT_EQ(ex.HandleClientFirst(kRfcClientFirst, &server_first), ScramOutcome::kContinue);
  EXPECT_EQ(server_first, kRfcServerFirst);
  ASSERT_EQ(ex.HandleClientFinal(kRfcClientFinal, &server_final), ScramOutcome::kAuthenticated)
      << ex.failure_reason();
  EXPECT_EQ(server_final, kRfcServerFinal);
}

TEST(ScramServer, FullExchangeWithGeneratedVerifierAndNonce) {
  ScramVerifier v;
  ASSERT_TRUE(MakeScramVerifier("tiger", kScramDefaultIterations, &v).ok());
  std::string nonce;
  ASSERT_TRUE(GenerateScramServerNonce(&nonce).ok());
  EXPECT_EQ(nonce.size(), 24u);
  ScramServerExchange ex(&v, "scott", kMockSecret, nonce);
  ScramClient client{"tiger"};
  std::string server_first, server_final;
  ASSERT_EQ(ex.HandleClientFirst(client.ClientFirst(), &server_first), ScramOutcome::kContinue);
  EXPECT_EQ(server_first.find("r=clientnonce123" + nonce + ",s="), 0u);
  ASSERT_EQ(ex.HandleClientFinal(client.ClientFinal(server_first), &server_final),
            ScramOutcome::kAuthenticated)
      << ex.failure_reason();
  EXPECT_EQ(server_final, client.expected_server_signature);
}

TEST(ScramServer, ChannelBindingFlagYIsAccepted) {
  ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "u", kMockSecret, "servernonce");
  ScramClient client{"pencil"};
  client.gs2_header = "y,,";
  std::string server_first, server_final;
  ASSERT_EQ(ex.HandleClientFirst(client.ClientFirst(), &server_first), ScramOutcome::kContinue);
  const std::string final_message = client.ClientFinal(server_first);
  EXPECT_EQ(final_message.substr(0, 7), "c=eSws,");
  EXPECT_EQ(ex.HandleClientFinal(final_message, &server_final), ScramOutcome::kAuthenticated);
}

TEST(ScramServer, WrongPasswordFails) {
  const ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "user", kMockSecret, "servernonce");
  ScramClient client{"pencil2"};
  std::string server_first, server_final = "untouched";
  ASSERT_EQ(ex.HandleClientFirst(client.ClientFirst(), &server_first), ScramOutcome::kContinue);
  EXPECT_EQ(ex.HandleClientFinal(client.ClientFinal(server_first), &server_final),
            ScramOutcome::kAuthenticationFailed);
  EXPECT_EQ(server_final, "untouched");
  EXPECT_EQ(ex.failure_reason(), "client proof does not match");
  // Terminal: a retry gets the same outcome.
  EXPECT_EQ(ex.HandleClientFinal(client.ClientFinal(server_first), &server_final),
            ScramOutcome::kAuthenticationFailed);
}

TEST(ScramServer, AlteredProofFails) {
  const ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "user", kMockSecret, kRfcServerNonce);
  std::string server_first, server_final;
  ASSERT_EQ(ex.HandleClientFirst(kRfcClientFirst, &server_first), ScramOutcome::kContinue);
  std::string final_message = kRfcClientFinal;
  final_message[final_message.size() - 3] = 'B';  // "...dVQ=" -> "...dBQ=": still 32 bytes
  EXPECT_EQ(ex.HandleClientFinal(final_message, &server_final),
            ScramOutcome::kAuthenticationFailed);
}

TEST(ScramServer, UnknownUserLooksLikeAWrongPassword) {
  std::string expected_salt;
  ASSERT_TRUE(ScramMockSalt(kMockSecret, "nobody", &expected_salt).ok());
  ASSERT_EQ(expected_salt.size(), kScramSaltLength);

  ScramServerExchange ex(nullptr, "nobody", kMockSecret, "servernonce");
  ScramClient client{"pencil"};
  std::string server_first, server_final;
  ASSERT_EQ(ex.HandleClientFirst(client.ClientFirst(), &server_first), ScramOutcome::kContinue);
  // Same shape as a real user's: 16-byte salt, default iterations.
  EXPECT_EQ(server_first,
            "r=clientnonce123servernonce,s=" + Base64Encode(expected_salt) + ",i=4096");
  EXPECT_EQ(ex.HandleClientFinal(client.ClientFinal(server_first), &server_final),
            ScramOutcome::kAuthenticationFailed);

  // The mock salt is stable for a user and differs between users and secrets.
  std::string again, other_user, other_secret;
  ASSERT_TRUE(ScramMockSalt(kMockSecret, "nobody", &again).ok());
  ASSERT_TRUE(ScramMockSalt(kMockSecret, "nobody2", &other_user).ok());
  ASSERT_TRUE(
      ScramMockSalt(std::string(kScramMockSecretLength, 'j'), "nobody", &other_secret).ok());
  EXPECT_EQ(again, expected_salt);
  EXPECT_NE(other_user, expected_salt);
  EXPECT_NE(other_secret, expected_salt);
}

TEST(ScramServer, UnknownUserFailsEvenWithAProofThatMatchesTheMockSalt) {
  // Even a client that "knows" the mock salt and any password cannot authenticate.
  ScramServerExchange ex(nullptr, "nobody", kMockSecret, "n0nce");
  ScramClient client{""};
  std::string server_first, server_final;
  ASSERT_EQ(ex.HandleClientFirst(client.ClientFirst(), &server_first), ScramOutcome::kContinue);
  EXPECT_EQ(ex.HandleClientFinal(client.ClientFinal(server_first), &server_final),
            ScramOutcome::kAuthenticationFailed);
}

TEST(ScramServer, GeneratedSecretsAndNoncesDiffer) {
  std::string a, b, n1, n2;
  ASSERT_TRUE(GenerateScramMockSecret(&a).ok());
  ASSERT_TRUE(GenerateScramMockSecret(&b).ok());
  EXPECT_EQ(a.size(), kScramMockSecretLength);
  EXPECT_NE(a, b);
  ASSERT_TRUE(GenerateScramServerNonce(&n1).ok());
  ASSERT_TRUE(GenerateScramServerNonce(&n2).ok());
  EXPECT_NE(n1, n2);
}

// Outcome of a client-first-message on a fresh exchange.
ScramOutcome FirstOutcome(const std::string& client_first) {
  const ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "user", kMockSecret, "sn");
  std::string server_first;
  return ex.HandleClientFirst(client_first, &server_first);
}

TEST(ScramServer, MalformedClientFirstMessages) {
  EXPECT_EQ(FirstOutcome("n,,n=,r=abc"), ScramOutcome::kContinue);
  EXPECT_EQ(FirstOutcome("n,,n=,r=abc,x=ext"), ScramOutcome::kContinue);
  for (const char* bad : {
           "p=tls-server-end-point,,n=,r=abc",  // channel binding not offered
           "n,a=bob,n=,r=abc",                  // authorization identity
           "x,,n=,r=abc",                       // unknown flag
           "n,",                                // truncated gs2 header
           "",                                  //
           "n,,m=ext,n=,r=abc",                 // mandatory extension
           "n,,n=",                             // no nonce
           "n,,r=abc",                          // no user name attribute
           "n,,n=,r=",                          // empty nonce
           "n,,n=,r=a\x01z",                    // non-printable nonce
           "n,,n=,r=abc,",                      // empty extension
           "n,,n=,r=abc,1=x",                   // extension name not a letter
       }) {
    EXPECT_EQ(FirstOutcome(bad), ScramOutcome::kMalformed) << bad;
  }
}

// Outcome of a client-final-message after the RFC client-first-message.
ScramOutcome FinalOutcome(const std::string& client_final) {
  const ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "user", kMockSecret, kRfcServerNonce);
  std::string server_first, server_final;
  EXPECT_EQ(ex.HandleClientFirst(kRfcClientFirst, &server_first), ScramOutcome::kContinue);
  return ex.HandleClientFinal(client_final, &server_final);
}

TEST(ScramServer, MalformedClientFinalMessages) {
  const std::string nonce = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  const std::string proof = "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  EXPECT_EQ(FinalOutcome("c=biws," + nonce + "," + proof), ScramOutcome::kAuthenticated);
  for (const std::string& bad : {
           "c=eSws," + nonce + "," + proof,                  // binding of "y,," after "n,,"
           "c=biws,r=rOprNGfwEbeRWgbNEkqO%other," + proof,   // nonce mismatch
           "c=biws," + nonce,                                // no proof
           "c=biws," + nonce + ",p=AAAA",                    // proof not 32 bytes
           "c=biws," + nonce + ",p=not*base64",              // proof not base64
           nonce + ",c=biws," + proof,                       // attributes out of order
           "c=biws," + nonce + ",," + proof,                 // empty extension
           "c=biws," + nonce + "," + proof + ",x=trailing",  // proof not last
       }) {
    EXPECT_EQ(FinalOutcome(bad), ScramOutcome::kMalformed) << bad;
  }
}

TEST(ScramServer, MessagesOutOfOrder) {
  const ScramVerifier v = PencilVerifier();
  ScramServerExchange ex(&v, "user", kMockSecret, kRfcServerNonce);
  std::string out;
  EXPECT_EQ(ex.HandleClientFinal(kRfcClientFinal, &out), ScramOutcome::kMalformed);
  EXPECT_EQ(ex.HandleClientFirst(kRfcClientFirst, &out), ScramOutcome::kMalformed);

  ScramServerExchange twice(&v, "user", kMockSecret, kRfcServerNonce);
  ASSERT_EQ(twice.HandleClientFirst(kRfcClientFirst, &out), ScramOutcome::kContinue);
  EXPECT_EQ(twice.HandleClientFirst(kRfcClientFirst, &out), ScramOutcome::kMalformed);
}

}  // namespace
}  // namespace warden::net
