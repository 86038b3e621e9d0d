// SQL*Plus's layout of a query result, as text. Pure: no libpq, no I/O.
//
// Layout (SQL*Plus defaults NEWPAGE 1, UNDERLINE '-', WRAP ON, TRIMOUT ON, RECSEP WRAPPED):
//   each page starts with NEWPAGE blank lines (0: a form feed; NONE: nothing), then (HEADING
//   ON) the heading lines and a line of UNDERLINE characters (none with UNDERLINE OFF);
//   PAGESIZE counts all of these lines, so PAGESIZE 14 gives 11 rows a page.
//   PAGESIZE 0: no blank line, no headings, no page breaks.
//   Columns are separated by COLSEP (one blank); trailing blanks of every line are trimmed.
//   NUMBER: width NUMWIDTH (10), or the FORMAT mask's width, or the heading's length if longer;
//     heading and values right-justified; values as number_format.h / number_mask.h render
//     them.
//   Character: width FORMAT An, else the longest of heading and values (we do not get the
//     declared width over the protocol), or a fixed width (SHOW PARAMETER); left-justified;
//     a value longer than the width wraps (WRAPPED), wraps at word boundaries (WORD_WRAPPED)
//     or is cut (TRUNCATED; the default under SET WRAP OFF); a value with newlines is shown on
//     several lines. A heading longer than a FORMAT An width is truncated to it.
//   DATE: width = the longest value; the heading is truncated to it (as SQL*Plus does).
//   COLUMN HEADING 'a|b' gives a heading of two lines; JUSTIFY aligns the heading only.
//   NULL is shown as blanks, or COLUMN ... NULL text. NOPRINT columns are left out.
//   BREAK (break_settings.h): repeated values blanked, lines skipped or a new page on a change.
// LINESIZE: when the columns do not fit on one line, the record continues on the next line
// with the columns that did not fit (and so do the headings, each part over its own dashes).
// RECSEP WRAPPED: a record that took more than one line is followed by a blank line (the last
// one too, as SQL*Plus prints its record separator after every record it applies to).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "client/break_settings.h"
#include "client/column_format.h"
#include "client/display_settings.h"

namespace warden::client {

enum class ColumnKind { kNumber, kCharacter, kDate };

struct ResultColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kCharacter;
  std::size_t fixed_width = 0;  // 0: computed from the data
  unsigned type_oid = 0;        // the server's type (RowDescription), 0 if not known
  int type_modifier = -1;       // its modifier (VARCHAR(n): n + 4), -1 if none
};

using ResultRow = std::vector<std::optional<std::string>>;  // nullopt = NULL

// PostgreSQL type OID -> how SQL*Plus would show the column.
ColumnKind ColumnKindForTypeOid(unsigned oid);

// "no rows selected", "1 row selected.", "N rows selected." or "" (below the threshold / OFF).
std::string SelectFeedback(std::size_t rows, int feedback);

// The whole text SQL*Plus prints for a query result: leading blank line, pages, feedback
// line and the blank line after it. Every row has columns.size() cells. formats: the COLUMN
// settings, breaks: the BREAK settings (null: none).
std::string FormatQueryResult(const std::vector<ResultColumn>& columns,
                              const std::vector<ResultRow>& rows, const DisplaySettings& settings,
                              bool show_feedback = true, const ColumnFormats* formats = nullptr,
                              const BreakSettings* breaks = nullptr);

// The lines of value in a character column of width (>= 1) under a wrap mode.
std::vector<std::string> WrapText(std::string_view value, std::size_t width, WrapMode mode);

}  // namespace warden::client
