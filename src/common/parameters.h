// Initialization parameters: the catalog (parameters.def), parsing of DATADIR/warden.conf
// (`name = value`, '#' comments) and of `-c name=value` overrides, and validation.
// The supervisor parses them once at start; the values then live in the SGA (sga/sga.h) so
// every process and V$PARAMETER see the same truth.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace warden {

enum class ParamType { kInt, kSize, kSeconds, kString, kBoolean, kChoice };
enum class ParamModifiable { kStatic, kDynamic };

enum ParamId : int {
#define PARAM(id, name, type, def, min, max, mod, desc) id,
#include "common/parameters.def"
#undef PARAM
  kParamCount
};

struct ParamDef {
  ParamId id;
  const char* name;
  ParamType type;
  const char* default_value;
  int64_t min;
  int64_t max;
  ParamModifiable modifiable;
  const char* description;
};

const ParamDef& GetParamDef(ParamId id);
// nullptr if no parameter has that (case-insensitive) name.
const ParamDef* FindParamDef(const std::string& name);
// kChoice: the allowed values, upper case; the parameter's number is the value's index.
const std::vector<std::string>& ParamChoices(ParamId id);

// ALTER SYSTEM SET ... SCOPE=SPFILE|BOTH: the parameter file's text with `name = value`
// (replacing the last line that sets it, else appended; comments and other lines kept).
std::string ParameterFileWith(const std::string& text, const std::string& name,
                              const std::string& value);

// One value per parameter, as text in canonical form plus its number for numeric types.
class ParameterSet {
 public:
  ParameterSet();  // every parameter at its default

  // Parses "name = value" lines; '#' starts a comment; values may be quoted with ' or ".
  // Errors name the file and line: "warden.conf:3: LRM-00101: unknown parameter name 'x'".
  Status LoadFile(const std::string& path);
  // "name=value" from -c.
  Status SetFromArg(const std::string& arg);
  Status Set(const std::string& name, const std::string& value);

  const std::string& text(ParamId id) const { return text_[id]; }
  int64_t num(ParamId id) const { return num_[id]; }
  bool is_default(ParamId id) const { return is_default_[id]; }

  // Fills in derived defaults (sessions from processes) and checks cross-parameter rules.
  Status Finalize();

 private:
  std::vector<std::string> text_;
  std::vector<int64_t> num_;
  std::vector<bool> is_default_;
};

// Parses a size with an optional K/M/G suffix ("64M" -> 67108864). False on bad input.
bool ParseSize(const std::string& s, int64_t* out);

}  // namespace warden
