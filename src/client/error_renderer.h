// SQL*Plus's rendering of a failed statement:
//   with a position:              without one:
//     select * from nosuch          ERROR:
//                   *               ORA-03114: not connected to ORACLE
//     ERROR at line 1:
//     ORA-00942: table or view does not exist
// followed, as in SQL*Plus, by two blank lines. The marker line keeps the tabs of the
// statement line so the '*' stays under the character the server points at.
#pragma once

#include <string>
#include <string_view>

namespace warden::client {

// statement: the text sent; message: the server's text ("ORA-nnnnn: ..."), possibly several
// lines; position: 1-based character offset into statement, 0 if none. A position past the
// end points just after the last character.
std::string RenderError(std::string_view statement, std::string_view message, int position);

}  // namespace warden::client
