// Oracle's reserved words (V$RESERVED_WORDS with RESERVED = 'Y'): they cannot name a
// column, table or alias unless "quoted".
#pragma once

#include <string_view>

namespace warden::sql {

// REQUIRES: word upper-cased.
bool IsReservedWord(std::string_view word);

}  // namespace warden::sql
