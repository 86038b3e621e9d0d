// Texts wsql prints when libpq, not the server's ErrorResponse for a statement, reports a
// failure. Pure functions of libpq's message text.
#pragma once

#include <string>
#include <string_view>

#include "client/connect_string.h"

namespace warden::client {

// After "ERROR:" when connecting fails:
//   - the server refused the logon with an ORA error: that error alone
//     ("ORA-01017: invalid username/password; logon denied");
//   - nothing listens on the address: ORA-12541 and the address tried;
//   - anything else: libpq's message.
std::string ConnectFailureText(std::string_view libpq_message, const ConnectTarget& target);

// When the connection was lost during a statement. libpq keeps the server's last FATAL
// message in the connection's error text ("FATAL:  ORA-00028: your session has been
// killed\nserver closed the connection unexpectedly..."), not in the result. Returns the
// server's message (from "ORA-" or after "FATAL:  ", up to libpq's own "server closed" line),
// or ORA-03113 if the server sent none.
std::string LostConnectionText(std::string_view libpq_message);

}  // namespace warden::client
