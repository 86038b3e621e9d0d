// SQL*Plus's layout of a query result (see result_formatter.h).
#include "client/result_formatter.h"

#include <algorithm>

#include "client/number_format.h"
#include "client/utf8_text.h"

namespace warden::client {
namespace {

constexpr std::size_t kDefaultDateWidth = 19;  // 'YYYY-MM-DD HH24:MI:SS'

std::vector<std::size_t> ColumnWidths(const std::vector<ResultColumn>& columns,
                                      const std::vector<ResultRow>& rows) {
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const ResultColumn& col = columns[c];
    if (col.fixed_width > 0) {
      widths.push_back(col.fixed_width);
      continue;
    }
    std::size_t heading = Utf8Length(col.name);
    switch (col.kind) {
      case ColumnKind::kNumber:
        widths.push_back(std::max(kNumWidth, heading));
        break;
      case ColumnKind::kCharacter:
      case ColumnKind::kDate: {
        std::size_t longest = 0;
        bool any_value = false;
        for (const ResultRow& row : rows) {
          if (!row[c]) continue;
          any_value = true;
          std::string_view v = *row[c];
          std::size_t start = 0;
          while (start <= v.size()) {  // each line of a multi-line value; ends at npos
            std::size_t nl = v.find('\n', start);
            std::size_t end = nl == std::string_view::npos ? v.size() : nl;
            longest = std::max(longest, Utf8Length(v.substr(start, end - start)));
            if (nl == std::string_view::npos) break;
            start = nl + 1;
          }
        }
        if (col.kind == ColumnKind::kDate) {
          widths.push_back(any_value ? std::max<std::size_t>(longest, 1) : kDefaultDateWidth);
        } else {
          widths.push_back(std::max<std::size_t>({longest, heading, 1}));
        }
        break;
      }
    }
  }
  return widths;
}

// The lines one cell occupies, unpadded.
std::vector<std::string> CellLines(const ResultColumn& col, const std::optional<std::string>& value,
                                   std::size_t width) {
  if (!value) return {""};
  if (col.kind == ColumnKind::kNumber) return {FormatNumber(*value, width)};
  std::vector<std::string> lines;
  std::string_view v = *value;
  std::size_t start = 0;
  while (start <= v.size()) {  // one piece per line of the value
    std::size_t nl = v.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? v.size() : nl;
    std::string_view piece = v.substr(start, end - start);
    // Wrap a piece longer than the column into column-wide chunks; each pass consumes
    // width >= 1 characters, so the loop ends.
    do {
      std::string_view chunk = Utf8Prefix(piece, width);
      lines.emplace_back(chunk);
      piece.remove_prefix(chunk.size());
    } while (!piece.empty());
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string Justify(const ResultColumn& col, std::string_view text, std::size_t width) {
  return col.kind == ColumnKind::kNumber ? PadLeft(text, width) : PadRight(text, width);
}

void AppendLine(std::string line, std::string* out) {
  out->append(TrimTrailingSpaces(line));
  out->push_back('\n');
}

}  // namespace

ColumnKind ColumnKindForTypeOid(unsigned oid) {
  switch (oid) {
    case 20:    // int8
    case 21:    // int2
    case 23:    // int4
    case 26:    // oid
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric (Oracle NUMBER)
      return ColumnKind::kNumber;
    case 1082:  // date
    case 1114:  // timestamp (Oracle DATE)
    case 1184:  // timestamptz
      return ColumnKind::kDate;
    default:
      return ColumnKind::kCharacter;
  }
}

std::string SelectFeedback(std::size_t rows, int feedback) {
  if (feedback <= 0) return "";
  if (rows == 0) return "no rows selected";
  if (rows < static_cast<std::size_t>(feedback)) return "";
  if (rows == 1) return "1 row selected.";
  return std::to_string(rows) + " rows selected.";
}

std::string FormatQueryResult(const std::vector<ResultColumn>& columns,
                              const std::vector<ResultRow>& rows, const DisplaySettings& settings,
                              bool show_feedback) {
  std::string out;
  std::string feedback = show_feedback ? SelectFeedback(rows.size(), settings.feedback) : "";
  if (rows.empty()) {
    if (!feedback.empty()) out.append("\n").append(feedback).append("\n\n");
    return out;
  }
  std::vector<std::size_t> widths = ColumnWidths(columns, rows);
  const bool paged = settings.pagesize > 0;
  const bool headings = paged && settings.heading;
  std::string heading_lines;
  if (headings) {
    std::string names;
    std::string dashes;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) {
        names.push_back(' ');
        dashes.push_back(' ');
      }
      names.append(Justify(columns[c], Utf8Prefix(columns[c].name, widths[c]), widths[c]));
      dashes.append(widths[c], '-');
    }
    AppendLine(names, &heading_lines);
    AppendLine(dashes, &heading_lines);
  }
  // Lines of rows a page holds after its blank line and headings (at least one).
  const int rows_per_page = std::max(1, settings.pagesize - 1 - (headings ? 2 : 0));

  int lines_on_page = 0;
  bool first_page = true;
  for (const ResultRow& row : rows) {
    std::vector<std::vector<std::string>> cells;
    std::size_t height = 1;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      cells.push_back(CellLines(columns[c], row[c], widths[c]));
      height = std::max(height, cells.back().size());
    }
    // A new page before the first row, and before a row that does not fit on this page
    // (a row taller than a whole page gets a page of its own).
    bool page_full = lines_on_page > 0 && lines_on_page + static_cast<int>(height) > rows_per_page;
    if (paged && (first_page || page_full)) {
      out.push_back('\n');
      out.append(heading_lines);
      lines_on_page = 0;
      first_page = false;
    }
    for (std::size_t k = 0; k < height; ++k) {
      std::string line;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c > 0) line.push_back(' ');
        line.append(Justify(columns[c], k < cells[c].size() ? cells[c][k] : "", widths[c]));
      }
      AppendLine(std::move(line), &out);
    }
    lines_on_page += static_cast<int>(height);
  }
  if (paged) {
    out.push_back('\n');
    if (!feedback.empty()) out.append(feedback).append("\n\n");
  } else if (!feedback.empty()) {
    out.append("\n").append(feedback).append("\n");
  }
  return out;
}

}  // namespace warden::client
