// SQL*Plus COLUMN settings: parsing "COLUMN name option ...", the table of settings by column
// name (case-insensitive), CLEAR, and the listing "COLUMN name" prints.
//
// Options (SQL*Plus abbreviations): HEA[DING] text ('|' starts a new heading line),
// FOR[MAT] An | number mask (number_mask.h), WRA[PPED] | WOR[D_WRAPPED] | TRU[NCATED],
// JUS[TIFY] L[EFT] | C[ENTER] | R[IGHT] (aligns the heading only, as in SQL*Plus),
// NUL[L] text, NOPRI[NT] | PRI[NT], NEW_V[ALUE] variable, ON | OFF, CLE[AR].
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/number_mask.h"

namespace warden::client {

enum class WrapMode { kWrapped, kWordWrapped, kTruncated };
enum class HeadingJustify { kDefault, kLeft, kCenter, kRight };

struct ColumnFormat {
  std::string name;                    // as the user wrote it
  std::optional<std::string> heading;  // '|' separates lines
  std::string format;                  // as written ("a40", "999.99"), "" = none
  std::size_t char_width = 0;          // FORMAT An: n
  std::optional<NumberMask> number_mask;
  std::optional<WrapMode> wrap;  // nullopt: as SET WRAP says
  HeadingJustify justify = HeadingJustify::kDefault;
  std::optional<std::string> null_text;
  bool print = true;
  std::string new_value;  // NEW_VALUE variable, "" = none
  bool on = true;         // OFF keeps the settings but does not apply them
};

// What a COLUMN command produced: text to print (a listing or an SP2 message), and whether it
// was an error.
struct ColumnCommandResult {
  std::string output;
  bool failed = false;
};

class ColumnFormats {
 public:
  // Runs "COLUMN <args>".
  ColumnCommandResult Apply(std::string_view args);
  // CLEAR COLUMNS.
  void Clear() { formats_.clear(); }
  // The settings in force for a result column, or null.
  const ColumnFormat* Find(std::string_view column_name) const;

 private:
  ColumnFormat* FindMutable(std::string_view name);
  static std::string Listing(const ColumnFormat& f);

  std::vector<ColumnFormat> formats_;
};

}  // namespace warden::client
