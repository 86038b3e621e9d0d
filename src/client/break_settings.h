// SQL*Plus BREAK: "BRE[AK] [ON element [SKI[P] n | SKI[P] PAGE] [NODUP[LICATES] | DUP[LICATES]]]
// ...", where an element is a column (matched case-insensitively with the result's column
// names) or ROW. In a result, a break column's value is shown only when it changes (NODUP,
// the default), and a change skips n lines or starts a new page before the row; a change in
// an earlier break column counts as a change in all later ones. ROW SKIP n leaves n blank
// lines after every row. A new BREAK command replaces all the previous ones.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warden::client {

struct BreakElement {
  std::string name;  // column name as written, or "ROW"
  int skip_lines = 0;
  bool skip_page = false;
  bool duplicates = false;  // DUPLICATES: the value is shown on every row
};

class BreakSettings {
 public:
  // Runs "BREAK <args>": returns the text to print (the listing for BREAK alone, or an SP2
  // message); *failed tells which.
  std::string Apply(std::string_view args, bool* failed);
  void Clear() { elements_.clear(); }
  const std::vector<BreakElement>& elements() const { return elements_; }

 private:
  std::vector<BreakElement> elements_;
};

}  // namespace warden::client
