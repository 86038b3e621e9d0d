// RAW values: bytes shown and read as hexadecimal, as Oracle's RAWTOHEX/HEXTORAW and the
// implicit RAW <-> VARCHAR2 conversions do.
#pragma once

#include <string>
#include <string_view>

namespace warden::sql {

// Upper-case hex, two digits per byte ("0AFF").
std::string HexOf(std::string_view bytes);
// The bytes of a hex string, either case; an odd number of digits reads as if a leading
// '0' were there ('ABC' is 0A BC), as Oracle's HEXTORAW. Anything else: ORA-01465.
std::string BytesOfHex(std::string_view hex);

}  // namespace warden::sql
