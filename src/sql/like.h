// LIKE pattern matching with Oracle's rules: % any run of characters, _ exactly one,
// an optional one-character ESCAPE (ORA-01425 otherwise) that must precede %, _ or
// itself (ORA-01424 otherwise). Matches characters, not bytes.
#pragma once

#include <optional>
#include <string_view>

namespace warden::sql {

bool LikeMatch(std::string_view text, std::string_view pattern,
               std::optional<std::string_view> escape);

}  // namespace warden::sql
