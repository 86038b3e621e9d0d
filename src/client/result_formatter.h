// SQL*Plus's layout of a query result, as text. Pure: no libpq, no I/O.
//
// Layout (SQL*Plus defaults NEWPAGE 1, TRIMOUT ON):
//   each page starts with one blank line, then (HEADING ON) a heading line and a line of
//   dashes; PAGESIZE counts all of these lines, so PAGESIZE 14 gives 11 rows a page.
//   PAGESIZE 0: no blank line, no headings, no page breaks.
//   Columns are separated by one blank; trailing blanks of every line are trimmed.
//   NUMBER: width NUMWIDTH (10) or the heading's length if longer; heading and values
//     right-justified; values as number_format.h renders them.
//   Character: width = the longest of heading and values (we do not get the declared width
//     over the protocol), or a fixed width (SHOW PARAMETER); left-justified; a value longer
//     than a fixed width wraps onto further lines (SQL*Plus WRAPPED); a value with newlines
//     is shown on several lines.
//   DATE: width = the longest value; the heading is truncated to it (as SQL*Plus does).
//   NULL is shown as blanks.
// LINESIZE: rows wider than LINESIZE are printed whole, never wrapped onto a second line
// (SQL*Plus would wrap the record); the terminal wraps them if it must.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "client/display_settings.h"

namespace warden::client {

enum class ColumnKind { kNumber, kCharacter, kDate };

struct ResultColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kCharacter;
  std::size_t fixed_width = 0;  // 0: computed from the data
};

using ResultRow = std::vector<std::optional<std::string>>;  // nullopt = NULL

// PostgreSQL type OID -> how SQL*Plus would show the column.
ColumnKind ColumnKindForTypeOid(unsigned oid);

// "no rows selected", "1 row selected.", "N rows selected." or "" (below the threshold / OFF).
std::string SelectFeedback(std::size_t rows, int feedback);

// The whole text SQL*Plus prints for a query result: leading blank line, pages, feedback
// line and the blank line after it. Every row has columns.size() cells.
std::string FormatQueryResult(const std::vector<ResultColumn>& columns,
                              const std::vector<ResultRow>& rows, const DisplaySettings& settings,
                              bool show_feedback = true);

}  // namespace warden::client
