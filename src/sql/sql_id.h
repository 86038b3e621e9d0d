// SQL_ID: a 13-character name of a statement's text, as V$SESSION.SQL_ID and
// V$ACTIVE_SESSION_HISTORY.SQL_ID show it, in Oracle's base-32 alphabet. Oracle derives it
// from an MD5 of the text; Warden from a 64-bit FNV-1a hash of it, so the ids have the same
// form and stability (same text, same id) but not Oracle's values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warden::sql {

// Never 0 (0 means "no statement" in the session slot).
uint64_t SqlIdHash(std::string_view text);
std::string SqlIdText(uint64_t hash);

}  // namespace warden::sql
