// LIKE (see like.h): the pattern is compiled to literal / one / any elements, then matched
// greedily with backtracking to the last %, which is O(text x pattern) at worst.
#include "sql/like.h"

#include <cstdint>
#include <vector>

#include "common/ora_error.h"
#include "sql/text_util.h"

namespace warden::sql {
namespace {

struct Element {
  enum Kind { kLiteral, kOne, kAny } kind;
  std::string_view ch;  // kLiteral
};

std::vector<Element> Compile(std::string_view pattern, std::optional<std::string_view> escape) {
  std::optional<std::string_view> esc;
  if (escape) {
    std::vector<std::string_view> e = Utf8Chars(*escape);
    if (e.size() != 1) throw OraError::Make(1425);
    esc = e[0];
  }
  std::vector<Element> out;
  std::vector<std::string_view> chars = Utf8Chars(pattern);
  for (size_t i = 0; i < chars.size(); ++i) {
    if (esc && chars[i] == *esc) {
      if (i + 1 >= chars.size()) throw OraError::Make(1424);
      const std::string_view next = chars[i + 1];
      if (next != "%" && next != "_" && next != *esc) throw OraError::Make(1424);
      out.push_back({Element::kLiteral, next});
      ++i;
    } else if (chars[i] == "%") {
      out.push_back({Element::kAny, {}});
    } else if (chars[i] == "_") {
      out.push_back({Element::kOne, {}});
    } else {
      out.push_back({Element::kLiteral, chars[i]});
    }
  }
  return out;
}

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern,
               std::optional<std::string_view> escape) {
  const std::vector<Element> p = Compile(pattern, escape);
  const std::vector<std::string_view> s = Utf8Chars(text);
  size_t si = 0;
  size_t pi = 0;
  size_t star = SIZE_MAX;  // index of the last % seen
  size_t mark = 0;         // text position that % currently stops at
  // Each pass advances si, or advances pi, or moves mark forward: bounded by |s| x |p|.
  while (si < s.size()) {
    if (pi < p.size() && (p[pi].kind == Element::kOne ||
                          (p[pi].kind == Element::kLiteral && p[pi].ch == s[si]))) {
      ++si;
      ++pi;
    } else if (pi < p.size() && p[pi].kind == Element::kAny) {
      star = pi++;
      mark = si;
    } else if (star != SIZE_MAX) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi].kind == Element::kAny) ++pi;
  return pi == p.size();
}

}  // namespace warden::sql
