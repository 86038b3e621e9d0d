// SCRAM primitives over libcrypto (EVP SHA-256, one-shot HMAC, PKCS5_PBKDF2_HMAC, RAND_bytes).
#include "net/scram_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <climits>

namespace warden::net {
namespace {

unsigned char* Bytes(std::string* s) { return reinterpret_cast<unsigned char*>(s->data()); }
const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

bool Sha256(std::string_view data, std::string* out) {
  out->assign(kScramKeyLength, '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), Bytes(out), &length, EVP_sha256(), nullptr) != 1) {
    return false;
  }
  return length == kScramKeyLength;
}

bool HmacSha256(std::string_view key, std::string_view data, std::string* out) {
  if (key.size() > INT_MAX) return false;
  out->assign(kScramKeyLength, '\0');
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(),
           Bytes(out), &length) == nullptr) {
    return false;
  }
  return length == kScramKeyLength;
}

bool Pbkdf2Sha256(std::string_view password, std::string_view salt, int iterations,
                  std::string* out) {
  if (iterations < 1 || password.size() > INT_MAX || salt.size() > INT_MAX) return false;
  out->assign(kScramKeyLength, '\0');
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), Bytes(salt),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(),
                           static_cast<int>(kScramKeyLength), Bytes(out)) == 1;
}

bool RandomBytes(std::size_t n, std::string* out) {
  if (n > INT_MAX) return false;
  out->assign(n, '\0');
  return RAND_bytes(Bytes(out), static_cast<int>(n)) == 1;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace warden::net
