// ScramVerifier derivation, serialisation and parsing.
#include "net/scram_verifier.h"

#include <charconv>

#include "net/base64.h"
#include "net/scram_crypto.h"

namespace warden::net {
namespace {

constexpr std::string_view kPrefix = "SCRAM-SHA-256$";

// Splits "a<sep>b" at the first sep; false if sep is absent.
bool SplitAt(std::string_view text, char sep, std::string_view* left, std::string_view* right) {
  const std::size_t at = text.find(sep);
  if (at == std::string_view::npos) return false;
  *left = text.substr(0, at);
  *right = text.substr(at + 1);
  return true;
}

}  // namespace

std::string ScramVerifier::Serialize() const {
  std::string out(kPrefix);
  out.append(std::to_string(iterations));
  out.push_back(':');
  out.append(Base64Encode(salt));
  out.push_back('$');
  out.append(Base64Encode(stored_key));
  out.push_back(':');
  out.append(Base64Encode(server_key));
  return out;
}

Status ScramVerifier::Parse(std::string_view text, ScramVerifier* out) {
  const Status malformed = Status::Error("malformed SCRAM-SHA-256 verifier");
  if (!text.starts_with(kPrefix)) return malformed;
  text.remove_prefix(kPrefix.size());
  std::string_view params, keys, iterations_text, salt_text, stored_text, server_text;
  if (!SplitAt(text, '$', &params, &keys) || !SplitAt(params, ':', &iterations_text, &salt_text) ||
      !SplitAt(keys, ':', &stored_text, &server_text)) {
    return malformed;
  }
  ScramVerifier v;
  const char* end = iterations_text.data() + iterations_text.size();
  const auto [ptr, ec] = std::from_chars(iterations_text.data(), end, v.iterations);
  if (iterations_text.empty() || ec != std::errc() || ptr != end || v.iterations < 1) {
    return malformed;
  }
  std::optional<std::string> salt = Base64Decode(salt_text);
  std::optional<std::string> stored_key = Base64Decode(stored_text);
  std::optional<std::string> server_key = Base64Decode(server_text);
  if (!salt || salt->empty() || !stored_key || stored_key->size() != kScramKeyLength ||
      !server_key || server_key->size() != kScramKeyLength) {
    return malformed;
  }
  v.salt = std::move(*salt);
  v.stored_key = std::move(*stored_key);
  v.server_key = std::move(*server_key);
  *out = std::move(v);
  return Status::OK();
}

Status ComputeScramVerifier(std::string_view password, std::string_view salt, int iterations,
                            ScramVerifier* out) {
  std::string salted_password, client_key, stored_key, server_key;
  if (!Pbkdf2Sha256(password, salt, iterations, &salted_password) ||
      !HmacSha256(salted_password, "Client Key", &client_key) || !Sha256(client_key, &stored_key) ||
      !HmacSha256(salted_password, "Server Key", &server_key)) {
    return Status::Error("could not compute SCRAM-SHA-256 keys");
  }
  out->iterations = iterations;
  out->salt.assign(salt);
  out->stored_key = std::move(stored_key);
  out->server_key = std::move(server_key);
  return Status::OK();
}

Status MakeScramVerifier(std::string_view password, int iterations, ScramVerifier* out) {
  std::string salt;
  if (!RandomBytes(kScramSaltLength, &salt)) {
    return Status::Error("could not generate a random SCRAM salt");
  }
  return ComputeScramVerifier(password, salt, iterations, out);
}

}  // namespace warden::net
