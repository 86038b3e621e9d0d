// ScramServerExchange: the server side of one SCRAM-SHA-256 authentication (RFC 5802,
// RFC 7677) as PostgreSQL runs it inside AuthenticationSASL / SASLContinue / SASLFinal.
// Pure computation: no I/O, no randomness (the server nonce is given to the constructor, so a
// test can inject RFC 7677's). The session loop moves the messages:
//
//   server: PgAuthenticationSasl
//   client: PgSaslInitialResponse{mechanism, data = client-first-message}
//   server: HandleClientFirst -> kContinue: PgAuthenticationSaslContinue{server-first-message}
//   client: PgSaslResponse{data = client-final-message}
//   server: HandleClientFinal -> kAuthenticated: PgAuthenticationSaslFinal{server-final-message},
//           then PgAuthenticationOk
//
// State diagram (any failure is terminal: later calls return the same outcome again):
//   kAwaitingClientFirst --HandleClientFirst--> kAwaitingClientFinal
//   kAwaitingClientFinal --HandleClientFinal--> kAuthenticated
//   either, on any error                     --> kFailed
//
// Invariants:
//  1. An unknown user (no verifier) runs the same exchange on a mock verifier whose salt is
//     derived from the user name and a secret (ScramMockSalt), so the server-first-message looks
//     like a real one and stays the same across attempts; its final step fails with
//     kAuthenticationFailed after the same computation as a wrong password (PostgreSQL's
//     scram_mock_salt / "doomed" exchange).
//  2. The user name inside client-first-message is ignored (libpq sends "n=,"): the user
//     that counts is the one from the StartupMessage, whose verifier the caller passed in.
//  3. The client proof is checked with a constant-time comparison.
//  4. Channel binding is never offered (no TLS): gs2 flag "n" or "y" only; "p=..." is refused.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "net/scram_verifier.h"

namespace warden::net {

enum class ScramOutcome {
  kContinue,              // send the output message and wait for the next client message
  kAuthenticated,         // send the output message (server-final), then AuthenticationOk
  kMalformed,             // protocol violation: the message does not follow RFC 5802
  kAuthenticationFailed,  // wrong password or unknown user (indistinguishable by design)
};

// Length of the per-database secret behind mock salts.
inline constexpr std::size_t kScramMockSecretLength = 32;

// A fresh random secret for ScramMockSalt. It must be created once per database and kept
// (e.g. written at `wardend init`): were it regenerated at each start, an unknown user's salt
// would change across restarts while a real user's does not, which tells them apart.
[[nodiscard]] Status GenerateScramMockSecret(std::string* out);

// The deterministic salt shown for a user without a verifier: the first kScramSaltLength
// bytes of HMAC-SHA-256(mock_secret, user).
[[nodiscard]] Status ScramMockSalt(std::string_view mock_secret, std::string_view user,
                                   std::string* out);

// The server's nonce part: base64 of 18 random bytes (24 characters), as PostgreSQL.
[[nodiscard]] Status GenerateScramServerNonce(std::string* out);

class ScramServerExchange {
 public:
  // verifier: the StartupMessage user's verifier, or nullptr if the user does not exist or
  // has no SCRAM verifier (invariant 1). The pointee is copied.
  // REQUIRES: server_nonce is non-empty printable ASCII without ',' (GenerateScramServerNonce).
  ScramServerExchange(const ScramVerifier* verifier, std::string_view user,
                      std::string_view mock_secret, std::string server_nonce);

  // Takes the client-first-message; on kContinue *server_first is the server-first-message.
  ScramOutcome HandleClientFirst(std::string_view client_first, std::string* server_first);

  // Takes the client-final-message; on kAuthenticated *server_final is the
  // server-final-message ("v=<ServerSignature>").
  ScramOutcome HandleClientFinal(std::string_view client_final, std::string* server_final);

  // Why the last call did not succeed, for the server's log (not for the client: for
  // kAuthenticationFailed it would reveal whether the user exists).
  const std::string& failure_reason() const { return failure_reason_; }

 private:
  enum class State { kAwaitingClientFirst, kAwaitingClientFinal, kAuthenticated, kFailed };

  ScramOutcome Fail(ScramOutcome outcome, std::string reason);

  State state_ = State::kAwaitingClientFirst;
  ScramVerifier verifier_;  // the user's, or the mock one
  bool doomed_ = false;     // true: mock verifier; the final step must fail (invariant 1)
  ScramOutcome failed_outcome_ = ScramOutcome::kMalformed;  // meaningful in kFailed only
  std::string server_nonce_;
  std::string failure_reason_;

  // Kept from the first step for the second.
  std::string gs2_header_;         // "n,," or "y,,"
  std::string client_first_bare_;  // client-first-message without the gs2 header
  std::string server_first_;       // as sent
  std::string combined_nonce_;     // client nonce + server nonce
};

}  // namespace warden::net
