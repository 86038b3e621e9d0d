// Texts from libpq's failure messages (see libpq_messages.h).
#include "client/libpq_messages.h"

#include "common/ora_error.h"

namespace warden::client {
namespace {

constexpr std::string_view kServerClosed = "server closed the connection unexpectedly";
constexpr std::string_view kFatalPrefix = "FATAL:  ";

std::string_view TrimEnd(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string ConnectFailureText(std::string_view libpq_message, const ConnectTarget& target) {
  std::size_t ora = libpq_message.find("ORA-");
  if (ora != std::string_view::npos) return std::string(TrimEnd(libpq_message.substr(ora)));
  if (libpq_message.find("Connection refused") != std::string_view::npos) {
    return OraError::Make(12541).message() + "\nwsql: nothing listens on " + target.host +
           " port " + std::to_string(target.port) + " (connection refused)";
  }
  return std::string(TrimEnd(libpq_message));
}

std::string LostConnectionText(std::string_view libpq_message) {
  std::string_view text = libpq_message.substr(0, libpq_message.find(kServerClosed));
  std::size_t ora = text.find("ORA-");
  if (ora != std::string_view::npos) {
    text = TrimEnd(text.substr(ora));
  } else if (std::size_t fatal = text.find(kFatalPrefix); fatal != std::string_view::npos) {
    text = TrimEnd(text.substr(fatal + kFatalPrefix.size()));
  } else {
    text = {};
  }
  return text.empty() ? OraError::Make(3113).message() : std::string(text);
}

}  // namespace warden::client
