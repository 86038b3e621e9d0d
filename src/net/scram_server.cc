// ScramServerExchange: message parsing and proof verification (RFC 5802 sections 5 and 7;
// PostgreSQL's auth-scram.c read_client_first_message / read_client_final_message).
#include "net/scram_server.h"

#include <vector>

#include "net/base64.h"
#include "net/scram_crypto.h"

namespace warden::net {
namespace {

constexpr std::size_t kServerNonceRawLength = 18;  // PostgreSQL's SCRAM_RAW_NONCE_LEN

// Splits a SCRAM message at ','. Attribute values never contain ',' (RFC 5802 escapes it in
// names as "=2C"; nonces exclude it; base64 has none), so this finds every attribute.
std::vector<std::string_view> SplitAttributes(std::string_view text) {
  std::vector<std::string_view> parts;
  // Each iteration consumes one part and its ','; at most text.size() + 1 iterations.
  while (true) {
    const std::size_t comma = text.find(',');
    parts.push_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

// True if `part` is "<name>=<value>"; sets *value.
bool ReadAttribute(std::string_view part, char name, std::string_view* value) {
  if (part.size() < 2 || part[0] != name || part[1] != '=') return false;
  *value = part.substr(2);
  return true;
}

// An extension attribute: an ASCII letter, '=', anything.
bool IsAttribute(std::string_view part) {
  if (part.size() < 2 || part[1] != '=') return false;
  const char c = part[0];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// RFC 5802 "printable": %x21-2B / %x2D-7E, i.e. visible ASCII except ','.
bool IsValidNonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

}  // namespace

Status GenerateScramMockSecret(std::string* out) {
  if (!RandomBytes(kScramMockSecretLength, out)) {
    return Status::Error("could not generate a random SCRAM mock secret");
  }
  return Status::OK();
}

Status ScramMockSalt(std::string_view mock_secret, std::string_view user, std::string* out) {
  std::string mac;
  if (!HmacSha256(mock_secret, user, &mac)) {
    return Status::Error("could not compute a SCRAM mock salt");
  }
  out->assign(mac, 0, kScramSaltLength);
  return Status::OK();
}

Status GenerateScramServerNonce(std::string* out) {
  std::string raw;
  if (!RandomBytes(kServerNonceRawLength, &raw)) {
    return Status::Error("could not generate a random SCRAM nonce");
  }
  *out = Base64Encode(raw);
  return Status::OK();
}

ScramServerExchange::ScramServerExchange(const ScramVerifier* verifier, std::string_view user,
                                         std::string_view mock_secret, std::string server_nonce)
    : server_nonce_(std::move(server_nonce)) {
  if (verifier != nullptr) {
    verifier_ = *verifier;
    return;
  }
  doomed_ = true;
  verifier_.iterations = kScramDefaultIterations;
  // The keys are never matched (doomed_), but are full-length so the final step does the
  // same work as for a real user.
  verifier_.stored_key.assign(kScramKeyLength, '\0');
  verifier_.server_key.assign(kScramKeyLength, '\0');
  if (Status s = ScramMockSalt(mock_secret, user, &verifier_.salt); !s.ok()) {
    // Reported as a failed authentication: it reveals no more than a wrong password would.
    Fail(ScramOutcome::kAuthenticationFailed, s.message());
  }
}

ScramOutcome ScramServerExchange::Fail(ScramOutcome outcome, std::string reason) {
  state_ = State::kFailed;
  failed_outcome_ = outcome;
  failure_reason_ = std::move(reason);
  return outcome;
}

ScramOutcome ScramServerExchange::HandleClientFirst(std::string_view client_first,
                                                    std::string* server_first) {
  if (state_ == State::kFailed) return failed_outcome_;
  if (state_ != State::kAwaitingClientFirst) {
    return Fail(ScramOutcome::kMalformed, "unexpected client-first-message");
  }
  // gs2-header = gs2-cbind-flag "," [authzid] ","
  if (client_first.starts_with("p=")) {
    return Fail(ScramOutcome::kMalformed,
                "client requires channel binding, which the server did not offer");
  }
  if (!client_first.starts_with("n,") && !client_first.starts_with("y,")) {
    return Fail(ScramOutcome::kMalformed, "unexpected channel-binding flag");
  }
  if (client_first.size() < 3 || client_first[2] != ',') {
    return Fail(ScramOutcome::kMalformed,
                client_first.size() >= 3 && client_first.substr(2).starts_with("a=")
                    ? "client uses an authorization identity, which is not supported"
                    : "malformed gs2 header");
  }
  gs2_header_.assign(client_first.substr(0, 3));
  client_first_bare_.assign(client_first.substr(3));

  // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
  const std::vector<std::string_view> parts = SplitAttributes(client_first_bare_);
  std::string_view ignored_user, client_nonce;
  if (parts[0].starts_with("m=")) {
    return Fail(ScramOutcome::kMalformed, "client requires an unsupported SCRAM extension");
  }
  if (parts.size() < 2 || !ReadAttribute(parts[0], 'n', &ignored_user) ||
      !ReadAttribute(parts[1], 'r', &client_nonce)) {
    return Fail(ScramOutcome::kMalformed, "malformed client-first-message");
  }
  if (!IsValidNonce(client_nonce)) {
    return Fail(ScramOutcome::kMalformed, "invalid client nonce");
  }
  for (std::size_t i = 2; i < parts.size(); ++i) {
    if (!IsAttribute(parts[i])) {
      return Fail(ScramOutcome::kMalformed, "malformed extension in client-first-message");
    }
  }

  combined_nonce_.assign(client_nonce);
  combined_nonce_.append(server_nonce_);
  server_first_ = "r=" + combined_nonce_ + ",s=" + Base64Encode(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  *server_first = server_first_;
  state_ = State::kAwaitingClientFinal;
  return ScramOutcome::kContinue;
}

ScramOutcome ScramServerExchange::HandleClientFinal(std::string_view client_final,
                                                    std::string* server_final) {
  if (state_ == State::kFailed) return failed_outcome_;
  if (state_ != State::kAwaitingClientFinal) {
    return Fail(ScramOutcome::kMalformed, "unexpected client-final-message");
  }
  // client-final-message = channel-binding "," nonce ["," extensions] "," proof
  const std::vector<std::string_view> parts = SplitAttributes(client_final);
  std::string_view binding_b64, nonce, proof_b64;
  if (parts.size() < 3 || !ReadAttribute(parts[0], 'c', &binding_b64) ||
      !ReadAttribute(parts[1], 'r', &nonce) || !ReadAttribute(parts.back(), 'p', &proof_b64)) {
    return Fail(ScramOutcome::kMalformed, "malformed client-final-message");
  }
  for (std::size_t i = 2; i + 1 < parts.size(); ++i) {
    if (!IsAttribute(parts[i])) {
      return Fail(ScramOutcome::kMalformed, "malformed extension in client-final-message");
    }
  }
  // Without channel-binding data, c= carries the gs2 header back: "biws" for "n,,",
  // "eSws" for "y,,".
  const std::optional<std::string> binding = Base64Decode(binding_b64);
  if (!binding || *binding != gs2_header_) {
    return Fail(ScramOutcome::kMalformed, "channel binding does not match the gs2 header");
  }
  if (nonce != combined_nonce_) {
    return Fail(ScramOutcome::kMalformed, "nonce does not match");
  }
  const std::optional<std::string> proof = Base64Decode(proof_b64);
  if (!proof || proof->size() != kScramKeyLength) {
    return Fail(ScramOutcome::kMalformed, "malformed client proof");
  }

  // AuthMessage = client-first-message-bare "," server-first-message ","
  //               client-final-message-without-proof
  const std::string_view without_proof =
      client_final.substr(0, client_final.size() - parts.back().size() - 1);
  std::string auth_message = client_first_bare_;
  auth_message.push_back(',');
  auth_message.append(server_first_);
  auth_message.push_back(',');
  auth_message.append(without_proof);

  // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); valid iff H(ClientKey) == StoredKey.
  std::string client_signature, client_key_hash, server_signature;
  if (!HmacSha256(verifier_.stored_key, auth_message, &client_signature) ||
      !HmacSha256(verifier_.server_key, auth_message, &server_signature)) {
    return Fail(ScramOutcome::kAuthenticationFailed, "could not compute SCRAM signatures");
  }
  std::string client_key(kScramKeyLength, '\0');
  for (std::size_t i = 0; i < kScramKeyLength; ++i) {
    client_key[i] = static_cast<char>((*proof)[i] ^ client_signature[i]);
  }
  if (!Sha256(client_key, &client_key_hash)) {
    return Fail(ScramOutcome::kAuthenticationFailed, "could not compute SCRAM client key hash");
  }
  const bool proof_ok = ConstantTimeEquals(client_key_hash, verifier_.stored_key);
  if (!proof_ok || doomed_) {
    return Fail(ScramOutcome::kAuthenticationFailed,
                doomed_ ? "user has no SCRAM-SHA-256 verifier" : "client proof does not match");
  }
  *server_final = "v=" + Base64Encode(server_signature);
  state_ = State::kAuthenticated;
  failure_reason_.clear();
  return ScramOutcome::kAuthenticated;
}

}  // namespace warden::net
