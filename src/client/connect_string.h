// Parsing of the SQL*Plus logon argument: user[/password][@[//]host[:port][/service]].
// The service name is accepted and kept but Warden has one database, so it selects nothing.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace warden::client {

inline constexpr const char* kDefaultHost = "127.0.0.1";
inline constexpr int kDefaultPort = 1521;

struct ConnectTarget {
  std::string user;
  std::string password;  // meaningful only when has_password
  bool has_password = false;
  std::string host = kDefaultHost;
  int port = kDefaultPort;
  std::string service;
};

// Parses text into *out. A password may be double-quoted ("p@ss/word"); without quotes the
// host part starts after the last '@'. An IPv6 host is written in brackets: @[::1]:1522.
// "user/" (empty password) counts as no password, so the caller asks for one.
Status ParseConnectString(std::string_view text, ConnectTarget* out);

}  // namespace warden::client
