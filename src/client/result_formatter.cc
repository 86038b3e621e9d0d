// SQL*Plus's layout of a query result (see result_formatter.h).
#include "client/result_formatter.h"

#include <algorithm>

#include "client/number_format.h"
#include "client/utf8_text.h"

namespace warden::client {
namespace {

constexpr std::size_t kDefaultDateWidth = 19;  // 'YYYY-MM-DD HH24:MI:SS'
const std::string kNoText;                     // a cell's line below its last one

// How one printed column is laid out.
struct Layout {
  std::size_t index = 0;  // in the result
  ColumnKind kind = ColumnKind::kCharacter;
  std::size_t width = 1;
  std::vector<std::string> heading;  // one entry per heading line
  HeadingJustify justify = HeadingJustify::kDefault;
  WrapMode wrap = WrapMode::kWrapped;  // COLUMN's, else SET WRAP's
  const NumberMask* mask = nullptr;
  std::optional<std::string> null_text;
  bool right_justified = false;  // values (numbers)
};

std::vector<std::string> SplitLines(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {  // one pass per piece; ends at the last one
    std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, at - start));
    start = at + 1;
  }
}

std::size_t LongestLine(const std::vector<std::string>& lines) {
  std::size_t n = 0;
  for (const std::string& l : lines) n = std::max(n, Utf8Length(l));
  return n;
}

std::size_t LongestValue(const std::vector<ResultRow>& rows, std::size_t c) {
  std::size_t longest = 0;
  for (const ResultRow& row : rows) {
    if (row[c]) longest = std::max(longest, LongestLine(SplitLines(*row[c], '\n')));
  }
  return longest;
}

bool AnyValue(const std::vector<ResultRow>& rows, std::size_t c) {
  return std::any_of(rows.begin(), rows.end(),
                     [c](const ResultRow& r) { return r[c].has_value(); });
}

Layout MakeLayout(const ResultColumn& col, std::size_t index, const std::vector<ResultRow>& rows,
                  const DisplaySettings& settings, const ColumnFormat* f) {
  Layout l;
  l.index = index;
  l.kind = col.kind;
  l.heading = f && f->heading ? SplitLines(*f->heading, '|') : std::vector<std::string>{col.name};
  std::size_t heading = LongestLine(l.heading);
  l.wrap = settings.wrap ? WrapMode::kWrapped : WrapMode::kTruncated;
  if (f) {
    l.justify = f->justify;
    if (f->wrap) l.wrap = *f->wrap;
    l.null_text = f->null_text;
  }
  std::size_t null_width = l.null_text ? Utf8Length(*l.null_text) : 0;
  if (f && f->char_width > 0) {
    l.width = f->char_width;
    l.right_justified = col.kind == ColumnKind::kNumber;
    l.kind = col.kind == ColumnKind::kNumber ? ColumnKind::kNumber : ColumnKind::kCharacter;
  } else if (col.fixed_width > 0) {
    l.width = col.fixed_width;
  } else if (col.kind == ColumnKind::kNumber) {
    l.right_justified = true;
    if (f && f->number_mask) {
      l.mask = &*f->number_mask;
      l.width = std::max(MaskWidth(*l.mask), heading);
    } else {
      l.width = std::max(static_cast<std::size_t>(settings.numwidth), heading);
    }
  } else if (col.kind == ColumnKind::kDate) {
    l.width = AnyValue(rows, index) ? std::max<std::size_t>(LongestValue(rows, index), 1)
                                    : kDefaultDateWidth;
  } else {
    l.width = std::max<std::size_t>({LongestValue(rows, index), heading, null_width, 1});
  }
  for (std::string& h : l.heading) h = std::string(Utf8Prefix(h, l.width));
  return l;
}

std::string JustifyHeading(const Layout& l, std::string_view text) {
  HeadingJustify j = l.justify;
  if (j == HeadingJustify::kDefault) {
    j = l.right_justified ? HeadingJustify::kRight : HeadingJustify::kLeft;
  }
  std::size_t len = Utf8Length(text);
  switch (j) {
    case HeadingJustify::kRight:
      return PadLeft(text, l.width);
    case HeadingJustify::kCenter:
      return PadRight(std::string((l.width - std::min(len, l.width)) / 2, ' ') + std::string(text),
                      l.width);
    default:
      return PadRight(text, l.width);
  }
}

// The lines one cell occupies, unpadded.
std::vector<std::string> CellLines(const Layout& l, const std::optional<std::string>& value) {
  if (!value) {
    if (l.null_text) return WrapText(*l.null_text, l.width, l.wrap);
    return {""};
  }
  if (l.mask != nullptr) return {FormatWithMask(*value, *l.mask)};
  if (l.kind == ColumnKind::kNumber) return {FormatNumber(*value, l.width)};
  return WrapText(*value, l.width, l.wrap);
}

void AppendLine(const std::string& line, std::string* out) {
  out->append(TrimTrailingSpaces(line));
  out->push_back('\n');
}

// Splits the printed columns into groups that each fit LINESIZE (a group has at least one).
std::vector<std::vector<const Layout*>> LineGroups(const std::vector<Layout>& layouts,
                                                   const DisplaySettings& settings) {
  std::vector<std::vector<const Layout*>> groups;
  std::size_t used = 0;
  const std::size_t linesize = static_cast<std::size_t>(settings.linesize);
  const std::size_t sep = Utf8Length(settings.colsep);
  for (const Layout& l : layouts) {
    if (!groups.empty() && !groups.back().empty() && used + sep + l.width <= linesize) {
      groups.back().push_back(&l);
      used += sep + l.width;
    } else {
      groups.push_back({&l});
      used = l.width;
    }
  }
  return groups;
}

// A BREAK element that names a column of this result.
struct ActiveBreak {
  std::size_t column;
  const BreakElement* element;
};

std::vector<ActiveBreak> ActiveBreaks(const std::vector<ResultColumn>& columns,
                                      const BreakSettings* breaks) {
  std::vector<ActiveBreak> active;
  if (breaks == nullptr) return active;
  for (const BreakElement& e : breaks->elements()) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (ToUpperAscii(columns[c].name) == ToUpperAscii(e.name)) {
        active.push_back({c, &e});
        break;
      }
    }
  }
  return active;
}

// BREAK ON ROW SKIP n: blank lines after every row.
int RowSkip(const BreakSettings* breaks) {
  if (breaks == nullptr) return 0;
  for (const BreakElement& e : breaks->elements()) {
    if (e.name == "ROW") return e.skip_lines;
  }
  return 0;
}

}  // namespace

std::vector<std::string> WrapText(std::string_view value, std::size_t width, WrapMode mode) {
  std::vector<std::string> lines;
  for (const std::string& piece_text : SplitLines(value, '\n')) {
    std::string_view piece = piece_text;
    if (mode == WrapMode::kTruncated) {
      lines.emplace_back(Utf8Prefix(piece, width));
      continue;
    }
    // Each pass consumes at least one character of piece, so the loop ends.
    do {
      std::string_view chunk = Utf8Prefix(piece, width);
      if (mode == WrapMode::kWordWrapped && chunk.size() < piece.size()) {
        // Break after the last blank that fits; a word longer than the width is cut.
        std::size_t next = chunk.size();
        if (piece[next] != ' ') {
          std::size_t blank = chunk.rfind(' ');
          if (blank != std::string_view::npos && blank > 0) chunk = chunk.substr(0, blank);
        }
      }
      lines.emplace_back(TrimTrailingSpaces(chunk));
      piece.remove_prefix(chunk.size());
      if (mode == WrapMode::kWordWrapped) {
        while (!piece.empty() && piece[0] == ' ') piece.remove_prefix(1);
      }
    } while (!piece.empty());
  }
  return lines;
}

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
                              bool show_feedback, const ColumnFormats* formats,
                              const BreakSettings* breaks) {
  std::string out;
  std::string feedback = show_feedback ? SelectFeedback(rows.size(), settings.feedback) : "";
  if (rows.empty()) {
    if (!feedback.empty()) out.append("\n").append(feedback).append("\n\n");
    return out;
  }
  std::vector<Layout> layouts;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const ColumnFormat* f = formats ? formats->Find(columns[c].name) : nullptr;
    if (f && !f->on) f = nullptr;
    if (f && !f->print) continue;
    layouts.push_back(MakeLayout(columns[c], c, rows, settings, f));
  }
  if (layouts.empty()) {  // every column NOPRINT: SQL*Plus prints only the feedback
    if (!feedback.empty()) out.append("\n").append(feedback).append("\n\n");
    return out;
  }
  const std::vector<std::vector<const Layout*>> groups = LineGroups(layouts, settings);
  const bool paged = settings.pagesize > 0;
  const bool headings = paged && settings.heading;
  std::string heading_lines;
  int heading_height = 0;
  if (headings) {
    for (const auto& group : groups) {
      std::size_t height = 1;
      for (const Layout* l : group) height = std::max(height, l->heading.size());
      for (std::size_t k = 0; k < height; ++k) {
        std::string line;
        for (std::size_t g = 0; g < group.size(); ++g) {
          if (g > 0) line.append(settings.colsep);
          const Layout& l = *group[g];
          line.append(JustifyHeading(l, k < l.heading.size() ? l.heading[k] : ""));
        }
        AppendLine(line, &heading_lines);
      }
      heading_height += static_cast<int>(height);
      if (settings.underline_on) {
        std::string dashes;
        for (std::size_t g = 0; g < group.size(); ++g) {
          if (g > 0) dashes.append(settings.colsep);
          dashes.append(group[g]->width, settings.underline);
        }
        AppendLine(dashes, &heading_lines);
        ++heading_height;
      }
    }
  }
  // The top of each page: NEWPAGE blank lines, a form feed for NEWPAGE 0, nothing for NONE;
  // the lines of rows a page holds after it and the headings (at least one).
  std::string page_top;
  if (settings.newpage == 0) {
    page_top = "\f";
  } else if (settings.newpage > 0) {
    page_top.assign(static_cast<std::size_t>(settings.newpage), '\n');
  }
  const int top_lines = settings.newpage > 0 ? settings.newpage : 0;
  const int rows_per_page = std::max(1, settings.pagesize - top_lines - heading_height);

  const std::vector<ActiveBreak> active = ActiveBreaks(columns, breaks);
  const int row_skip = RowSkip(breaks);

  int lines_on_page = 0;
  bool first_page = true;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    // BREAK: the first break column whose value changed since the previous row.
    std::size_t changed = r == 0 ? 0 : active.size();
    for (std::size_t b = 0; r > 0 && b < active.size(); ++b) {
      if (rows[r][active[b].column] != rows[r - 1][active[b].column]) {
        changed = b;
        break;
      }
    }
    std::vector<bool> blanked(columns.size(), false);
    int skip_lines = 0;
    bool skip_page = false;
    for (std::size_t b = 0; b < active.size(); ++b) {
      if (b < changed) {
        blanked[active[b].column] = !active[b].element->duplicates;
      } else if (r > 0) {
        skip_lines = std::max(skip_lines, active[b].element->skip_lines);
        skip_page = skip_page || active[b].element->skip_page;
      }
    }
    std::string record;
    int height = 0;
    for (const auto& group : groups) {
      std::vector<std::vector<std::string>> cells;
      std::size_t group_height = 1;
      for (const Layout* l : group) {
        cells.push_back(blanked[l->index] ? std::vector<std::string>{""}
                                          : CellLines(*l, rows[r][l->index]));
        group_height = std::max(group_height, cells.back().size());
      }
      for (std::size_t k = 0; k < group_height; ++k) {
        std::string line;
        for (std::size_t g = 0; g < group.size(); ++g) {
          if (g > 0) line.append(settings.colsep);
          const Layout& l = *group[g];
          const std::string& text = k < cells[g].size() ? cells[g][k] : kNoText;
          line.append(l.right_justified ? PadLeft(text, l.width) : PadRight(text, l.width));
        }
        AppendLine(line, &record);
      }
      height += static_cast<int>(group_height);
    }
    // RECSEP WRAPPED: a blank line (RECSEPCHAR ' ' times LINESIZE, trimmed) after a record
    // that took several lines.
    if (height > 1) {
      record.push_back('\n');
      ++height;
    }
    record.append(static_cast<std::size_t>(row_skip), '\n');
    height += row_skip;
    // A new page before the first row, before a row that does not fit on this page (a row
    // taller than a whole page gets a page of its own) and on a BREAK ... SKIP PAGE change.
    // A BREAK's skipped lines go before the row unless it starts a page.
    bool page_full = lines_on_page > 0 && lines_on_page + skip_lines + height > rows_per_page;
    if (paged && (first_page || page_full || skip_page)) {
      out.append(page_top);
      out.append(heading_lines);
      lines_on_page = 0;
      first_page = false;
    } else {
      out.append(static_cast<std::size_t>(skip_lines), '\n');
      lines_on_page += skip_lines;
    }
    out.append(record);
    lines_on_page += height;
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
