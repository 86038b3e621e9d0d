// Parameter catalog, parsing and validation (see parameters.h).
#include "common/parameters.h"

#include <strings.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace warden {
namespace {

constexpr ParamDef kDefs[] = {
#define PARAM(id, name, type, def, min, max, mod, desc) \
  {id, name, ParamType::type, def, min, max, ParamModifiable::mod, desc},
#include "common/parameters.def"
#undef PARAM
};
static_assert(sizeof(kDefs) / sizeof(kDefs[0]) == kParamCount);

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool ParseInt(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

const std::vector<std::string>& ParamChoices(ParamId id) {
  static const std::vector<std::string> kNone;
  static const std::vector<std::string> kParallelRollback = {"FALSE", "LOW", "HIGH"};
  static const std::vector<std::string> kCommitWaitChoices = {"WAIT", "NOWAIT"};
  static const std::vector<std::string> kCommitLoggingChoices = {"IMMEDIATE", "BATCH"};
  switch (id) {
    case kFastStartParallelRollback:
      return kParallelRollback;
    case kCommitWait:
      return kCommitWaitChoices;
    case kCommitLogging:
      return kCommitLoggingChoices;
    default:
      return kNone;
  }
}

bool ParseSize(const std::string& s, int64_t* out) {
  if (s.empty()) return false;
  int64_t mult = 1;
  std::string digits = s;
  switch (std::toupper(static_cast<unsigned char>(s.back()))) {
    case 'K':
      mult = 1024;
      break;
    case 'M':
      mult = 1024 * 1024;
      break;
    case 'G':
      mult = 1024LL * 1024 * 1024;
      break;
    default:
      break;
  }
  if (mult != 1) digits.pop_back();
  int64_t v;
  if (!ParseInt(digits, &v) || v > (INT64_MAX / mult)) return false;
  *out = v * mult;
  return true;
}

const ParamDef& GetParamDef(ParamId id) { return kDefs[id]; }

const ParamDef* FindParamDef(const std::string& name) {
  for (const ParamDef& d : kDefs) {
    if (strcasecmp(d.name, name.c_str()) == 0) return &d;
  }
  return nullptr;
}

ParameterSet::ParameterSet()
    : text_(kParamCount), num_(kParamCount, 0), is_default_(kParamCount, true) {
  for (const ParamDef& d : kDefs) {
    Status s = Set(d.name, d.default_value);
    (void)s;  // defaults are valid by construction; parameters_test checks it
    is_default_[d.id] = true;
  }
}

Status ParameterSet::Set(const std::string& name, const std::string& raw) {
  const ParamDef* d = FindParamDef(name);
  if (d == nullptr) return Status::Error("LRM-00101: unknown parameter name '" + name + "'");
  std::string value = Trim(raw);
  if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  auto invalid = [&](const std::string& why) {
    return Status::Error("LRM-00116: syntax error at '" + value + "' following '=' for " +
                         std::string(d->name) + " (" + why + ")");
  };
  int64_t n = 0;
  switch (d->type) {
    case ParamType::kBoolean:
      // TRUE/FALSE in any case, stored lower-case.
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (value != "true" && value != "false") return invalid("TRUE or FALSE");
      text_[d->id] = value;
      num_[d->id] = value == "true" ? 1 : 0;
      break;
    case ParamType::kChoice: {
      for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const std::vector<std::string>& choices = ParamChoices(d->id);
      std::string list;
      for (size_t i = 0; i < choices.size(); ++i) {
        if (choices[i] == value) n = static_cast<int64_t>(i) + 1;
        list += (i ? ", " : "") + choices[i];
      }
      if (n == 0) return invalid("one of " + list);
      text_[d->id] = value;
      num_[d->id] = n - 1;
      break;
    }
    case ParamType::kString:
      if (value.empty() || value.size() > 255) return invalid("1 to 255 characters");
      text_[d->id] = value;
      num_[d->id] = 0;
      break;
    case ParamType::kInt:
    case ParamType::kSeconds:
      if (!ParseInt(value, &n)) return invalid("not an integer");
      [[fallthrough]];
    case ParamType::kSize:
      if (d->type == ParamType::kSize && !ParseSize(value, &n)) return invalid("not a size");
      if (n < d->min || n > d->max) {
        return Status::Error("ORA-00068: invalid value " + value + " for parameter " +
                             std::string(d->name) + ", must be between " + std::to_string(d->min) +
                             " and " + std::to_string(d->max));
      }
      text_[d->id] = std::to_string(n);
      num_[d->id] = n;
      break;
  }
  is_default_[d->id] = false;
  return Status::OK();
}

Status ParameterSet::SetFromArg(const std::string& arg) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos) {
    return Status::Error("-c expects name=value, got '" + arg + "'");
  }
  return Set(Trim(arg.substr(0, eq)), arg.substr(eq + 1));
}

Status ParameterSet::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot open parameter file " + path);
  std::string line;
  for (int lineno = 1; std::getline(in, line) && lineno <= 100000; ++lineno) {
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    line = Trim(line);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    Status s = eq == std::string::npos ? Status::Error("LRM-00112: expected '=' in '" + line + "'")
                                       : Set(Trim(line.substr(0, eq)), line.substr(eq + 1));
    if (!s.ok()) return Status::Error(path + ":" + std::to_string(lineno) + ": " + s.message());
  }
  return Status::OK();
}

std::string ParameterFileWith(const std::string& text, const std::string& name,
                              const std::string& value) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  int last = -1;
  // Bounded by the text.
  while (std::getline(in, line)) {
    std::string code = line.substr(0, line.find('#'));
    const size_t eq = code.find('=');
    if (eq != std::string::npos) {
      std::string key = Trim(code.substr(0, eq));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (key == name) last = static_cast<int>(lines.size());
    }
    lines.push_back(line);
  }
  const std::string set = name + " = " + value;
  if (last >= 0) {
    lines[last] = set;
  } else {
    lines.push_back(set);
  }
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

Status ParameterSet::Finalize() {
  if (is_default_[kSessions] || num_[kSessions] == 0) {
    // Oracle's derivation: SESSIONS = 1.5 x PROCESSES + 22.
    int64_t sessions = num_[kProcesses] * 3 / 2 + 22;
    text_[kSessions] = std::to_string(sessions);
    num_[kSessions] = sessions;
  } else if (num_[kSessions] < num_[kProcesses]) {
    return Status::Error("ORA-00068: invalid value " + text_[kSessions] +
                         " for parameter sessions, must be at least processes (" +
                         text_[kProcesses] + ")");
  }
  return Status::OK();
}

}  // namespace warden
