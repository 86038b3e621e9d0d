// ScramVerifier: what the catalog stores for a password instead of the password (RFC 5802
// section 3), serialised exactly like PostgreSQL's pg_authid.rolpassword:
//   SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>
// Passwords are used as given, without SASLprep (RFC 4013) normalisation: identical for ASCII
// passwords; a non-ASCII password works only with clients that send the same bytes (libpq
// applies SASLprep, so such a password must already be in its SASLprep form).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace warden::net {

inline constexpr int kScramDefaultIterations = 4096;  // RFC 7677's minimum; PostgreSQL's default
inline constexpr std::size_t kScramSaltLength = 16;   // PostgreSQL's SCRAM_DEFAULT_SALT_LEN

struct ScramVerifier {
  int iterations = 0;      // >= 1
  std::string salt;        // raw bytes, not empty
  std::string stored_key;  // raw, kScramKeyLength bytes: H(ClientKey)
  std::string server_key;  // raw, kScramKeyLength bytes: HMAC(SaltedPassword, "Server Key")

  std::string Serialize() const;
  // Rejects anything but the exact format above with iterations >= 1, a non-empty salt and
  // 32-byte keys.
  [[nodiscard]] static Status Parse(std::string_view text, ScramVerifier* out);
};

// A verifier for `password` with a fresh random kScramSaltLength-byte salt.
// REQUIRES: iterations >= 1.
[[nodiscard]] Status MakeScramVerifier(std::string_view password, int iterations,
                                       ScramVerifier* out);

// The verifier for `password` with the given salt (deterministic; MakeScramVerifier uses it).
[[nodiscard]] Status ComputeScramVerifier(std::string_view password, std::string_view salt,
                                          int iterations, ScramVerifier* out);

}  // namespace warden::net
