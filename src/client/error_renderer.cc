// SQL*Plus's rendering of a failed statement (see error_renderer.h).
#include "client/error_renderer.h"

#include <algorithm>

#include "client/utf8_text.h"

namespace warden::client {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string RenderError(std::string_view statement, std::string_view message, int position) {
  while (message.ends_with('\n')) message.remove_suffix(1);
  std::string out;
  if (position <= 0 || statement.empty()) {
    out.append("ERROR:\n");
  } else {
    // Find the byte offset of character number `position` (1-based), or the end.
    std::size_t target = statement.size();
    std::size_t chars = 0;
    for (std::size_t i = 0; i < statement.size(); ++i) {
      if (IsContinuationByte(statement[i])) continue;
      if (++chars == static_cast<std::size_t>(position)) {
        target = i;
        break;
      }
    }
    // The line holding the target: it starts after the last newline strictly before the
    // target (a target on a '\n' belongs to the line that newline ends).
    std::size_t newline = target == 0 ? std::string_view::npos : statement.rfind('\n', target - 1);
    std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
    std::size_t line_end = statement.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = statement.size();
    std::string_view line = statement.substr(line_start, line_end - line_start);
    std::size_t column_bytes = std::min(target, line_end) - line_start;
    int line_number = 1;
    for (std::size_t i = 0; i < line_start; ++i) {
      if (statement[i] == '\n') ++line_number;
    }
    out.append(line).push_back('\n');
    for (char c : line.substr(0, column_bytes)) {
      if (c == '\t') {
        out.push_back('\t');
      } else if (!IsContinuationByte(c)) {
        out.push_back(' ');
      }
    }
    out.append("*\nERROR at line ").append(std::to_string(line_number)).append(":\n");
  }
  out.append(message).append("\n\n\n");
  return out;
}

}  // namespace warden::client
