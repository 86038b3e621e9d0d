// Parsing of the SQL*Plus logon argument (see connect_string.h).
#include "client/connect_string.h"

#include <charconv>

namespace warden::client {
namespace {

Status ParsePort(std::string_view text, int* port) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 65535) {
    return Status::Error("invalid port number \"" + std::string(text) + "\"");
  }
  *port = value;
  return Status::OK();
}

// host[:port][/service], host possibly "[v6addr]", optionally preceded by "//" (EZConnect).
Status ParseAddress(std::string_view text, ConnectTarget* out) {
  if (text.starts_with("//")) text.remove_prefix(2);
  std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    out->service = std::string(text.substr(slash + 1));
    text = text.substr(0, slash);
  }
  std::string_view host = text;
  std::string_view port;
  if (text.starts_with('[')) {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return Status::Error("missing ']' in host address");
    host = text.substr(1, close - 1);
    std::string_view tail = text.substr(close + 1);
    if (!tail.empty()) {
      if (tail[0] != ':') return Status::Error("unexpected text after ']' in host address");
      port = tail.substr(1);
      if (port.empty()) return Status::Error("missing port number after ':'");
    }
  } else {
    std::size_t colon = text.find(':');
    if (colon != std::string_view::npos) {
      host = text.substr(0, colon);
      port = text.substr(colon + 1);
      if (port.empty()) return Status::Error("missing port number after ':'");
    }
  }
  if (!host.empty()) out->host = std::string(host);
  if (!port.empty()) return ParsePort(port, &out->port);
  return Status::OK();
}

}  // namespace

Status ParseConnectString(std::string_view text, ConnectTarget* out) {
  *out = ConnectTarget();
  std::size_t user_end = text.find_first_of("/@");
  out->user = std::string(text.substr(0, user_end));
  if (out->user.empty()) return Status::Error("user name missing in \"" + std::string(text) + "\"");
  if (user_end == std::string_view::npos) return Status::OK();

  std::string_view rest = text.substr(user_end);
  if (rest[0] == '/') {
    rest.remove_prefix(1);
    if (rest.starts_with('"')) {
      std::size_t close = rest.find('"', 1);
      if (close == std::string_view::npos) return Status::Error("unterminated quoted password");
      out->password = std::string(rest.substr(1, close - 1));
      rest = rest.substr(close + 1);
      if (!rest.empty() && rest[0] != '@') {
        return Status::Error("unexpected text after quoted password");
      }
    } else {
      std::size_t at = rest.rfind('@');
      out->password = std::string(rest.substr(0, at));
      rest = at == std::string_view::npos ? std::string_view() : rest.substr(at);
    }
    out->has_password = !out->password.empty();
  }
  if (rest.empty()) return Status::OK();
  // rest starts with '@'.
  rest.remove_prefix(1);
  if (rest.empty()) return Status::Error("host missing after '@'");
  return ParseAddress(rest, out);
}

}  // namespace warden::client
