// Base64 (RFC 4648 section 4: standard alphabet, '=' padding) as SCRAM and PostgreSQL's
// SCRAM verifiers use it. Decoding is strict: no whitespace, padding only at the end,
// length a multiple of 4, unused trailing bits zero, so each byte string has one encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warden::net {

std::string Base64Encode(std::string_view bytes);

// nullopt if `text` is not canonical base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace warden::net
