// Oracle date format models for TO_CHAR(date, fmt), TO_DATE(text, fmt), TRUNC/ROUND(date, fmt).
// Elements: SYYYY YYYY YYY YY Y RRRR RR MONTH MON MM RM DDD DD D DAY DY J HH HH12 HH24 MI SS
// SSSSS AM PM A.M. P.M. Q WW IW, FF FF1..FF9 and X (TIMESTAMP only), the FM (fill mode) modifier, punctuation - / , . ; : and
// blanks, and "quoted text". Names follow the element's case (MON/Mon/mon).
// An unknown element is ORA-01821.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warden::sql {

std::string FormatDate(int64_t date_seconds, std::string_view format);
// TO_CHAR(timestamp, fmt): as FormatDate, and FF (6 digits) / FFn (n digits) the fraction.
std::string FormatTimestamp(int64_t micros, std::string_view format);
// Missing fields default as Oracle's: the current year and month (from `now`), day 1,
// midnight. Errors: ORA-01861, ORA-01830, ORA-01840, ORA-01843, ORA-01847, ORA-0185x.
int64_t ParseDate(std::string_view text, std::string_view format, int64_t now);
// TO_TIMESTAMP(text, fmt): microseconds; FF reads up to 9 fraction digits (truncated).
int64_t ParseTimestamp(std::string_view text, std::string_view format, int64_t now);

// TRUNC(date, unit) for every unit Oracle accepts; ROUND(date, unit) for all but CC/SCC
// and the week-based ones (DAY, DY, D, WW, W, IW, IYYY..I: ORA-03001 for now). Unknown
// units: ORA-01821.
int64_t TruncDate(int64_t date_seconds, std::string_view unit);
int64_t RoundDate(int64_t date_seconds, std::string_view unit);

}  // namespace warden::sql
