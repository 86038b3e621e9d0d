// The cryptographic primitives SCRAM-SHA-256 needs (RFC 5802 section 2.2), over OpenSSL's
// libcrypto. Byte strings are std::string holding raw bytes. Each primitive returns false only
// if libcrypto itself fails (allocation failure, provider unavailable); callers fail closed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warden::net {

inline constexpr std::size_t kScramKeyLength = 32;  // SHA-256 output size

// H(data).
[[nodiscard]] bool Sha256(std::string_view data, std::string* out);
// HMAC-SHA-256(key, data).
[[nodiscard]] bool HmacSha256(std::string_view key, std::string_view data, std::string* out);
// Hi(password, salt, iterations) = PBKDF2-HMAC-SHA-256 with a 32-byte output.
// REQUIRES: iterations >= 1.
[[nodiscard]] bool Pbkdf2Sha256(std::string_view password, std::string_view salt, int iterations,
                                std::string* out);
// n bytes from the OpenSSL CSPRNG.
[[nodiscard]] bool RandomBytes(std::size_t n, std::string* out);
// Equality in time that depends only on the lengths, not on where the bytes first differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace warden::net
