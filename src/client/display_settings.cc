// SET and SHOW of the SQL*Plus settings (see display_settings.h).
#include "client/display_settings.h"

#include <charconv>
#include <cstdio>
#include <vector>

#include "client/script_arguments.h"
#include "client/utf8_text.h"

namespace warden::client {
namespace {

enum class Option {
  kFeedback,
  kPagesize,
  kLinesize,
  kHeading,
  kEcho,
  kNumwidth,
  kColsep,
  kTermout,
  kVerify,
  kDefine,
  kTiming,
  kTrimout,
  kTrimspool,
  kArraysize,
  kLong,
  kTab,
  kServeroutput,
  kNewpage,
  kUnderline,
  kWrap,
  kLongchunksize,
  kSqlblanklines,
  kSqlprompt,
};

struct OptionSpec {
  const char* name;  // lower case, as SQL*Plus names it in messages
  std::size_t min_length;
  Option option;
};

// Abbreviations as SQL*Plus takes them: TRIM is TRIMOUT, TRIMS TRIMSPOOL; LONG is LONG,
// LONGC LONGCHUNKSIZE.
constexpr OptionSpec kOptions[] = {
    {"feedback", 4, Option::kFeedback},
    {"pagesize", 5, Option::kPagesize},
    {"linesize", 3, Option::kLinesize},
    {"heading", 3, Option::kHeading},
    {"echo", 4, Option::kEcho},
    {"numwidth", 3, Option::kNumwidth},
    {"colsep", 4, Option::kColsep},
    {"termout", 4, Option::kTermout},
    {"verify", 3, Option::kVerify},
    {"define", 3, Option::kDefine},
    {"timing", 4, Option::kTiming},
    {"trimout", 4, Option::kTrimout},
    {"trimspool", 5, Option::kTrimspool},
    {"arraysize", 5, Option::kArraysize},
    {"long", 4, Option::kLong},
    {"tab", 3, Option::kTab},
    {"serveroutput", 9, Option::kServeroutput},
    {"newpage", 4, Option::kNewpage},
    {"underline", 3, Option::kUnderline},
    {"wrap", 3, Option::kWrap},
    {"longchunksize", 5, Option::kLongchunksize},
    {"sqlblanklines", 5, Option::kSqlblanklines},
    {"sqlprompt", 7, Option::kSqlprompt},
};

const OptionSpec* FindOption(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const OptionSpec& spec : kOptions) {
    std::string_view name(spec.name);
    if (lower.size() >= spec.min_length && lower.size() <= name.size() &&
        name.substr(0, lower.size()) == lower) {
      return &spec;
    }
  }
  return nullptr;
}

// Parses value as an integer in [low, high]; "" on success, else SQL*Plus's message.
std::string ParseRange(std::string_view name, std::string_view value, int low, int high, int* out) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
    return "SP2-0268: " + std::string(name) + " option not a valid number";
  }
  if (n < low || n > high) {
    return "SP2-0267: " + std::string(name) + " option " + std::string(value) + " out of range (" +
           std::to_string(low) + " through " + std::to_string(high) + ")";
  }
  *out = n;
  return "";
}

// ON / OFF into *out; "" on success.
std::string ParseOnOff(std::string_view name, std::string_view value, bool* out) {
  std::string upper = ToUpperAscii(value);
  if (upper == "ON") {
    *out = true;
  } else if (upper == "OFF") {
    *out = false;
  } else {
    return "SP2-0265: " + std::string(name) + " must be set to ON or OFF";
  }
  return "";
}

// SERVEROUTPUT {ON|OFF} [SIZE {n|UNL[IMITED]}] [FOR[MAT] {WRA[PPED]|WOR[D_WRAPPED]|TRU[NCATED]}]:
// consumes the words it owns from words[*i]. "" on success.
std::string ApplyServeroutput(const std::vector<std::string>& words, std::size_t* i,
                              DisplaySettings* s) {
  std::string_view value = *i < words.size() ? std::string_view(words[*i]) : "";
  std::string error = ParseOnOff("serveroutput", value, &s->serveroutput);
  if (!error.empty()) return error;
  ++*i;
  while (*i + 1 < words.size()) {  // each pass consumes two words
    std::string key = ToUpperAscii(words[*i]);
    std::string arg = ToUpperAscii(words[*i + 1]);
    if (key == "SIZE") {
      int size = 0;
      if (arg.substr(0, 3) != "UNL") {
        error = ParseRange("size", arg, 2000, 1000000, &size);
        if (!error.empty()) return error;
      }
    } else if (key.substr(0, 3) == "FOR") {
      if (arg.substr(0, 3) != "WRA" && arg.substr(0, 3) != "WOR" && arg.substr(0, 3) != "TRU") {
        return "SP2-0158: unknown SET SERVEROUTPUT FORMAT option \"" + words[*i + 1] + "\"";
      }
    } else {
      break;
    }
    *i += 2;
  }
  return "";
}

std::string ApplyOne(const OptionSpec& spec, std::string_view value, DisplaySettings* s) {
  switch (spec.option) {
    case Option::kFeedback: {
      std::string upper = ToUpperAscii(value);
      if (upper == "ON") {
        s->feedback = 1;  // SQL*Plus: ON sets the threshold to 1
        return "";
      }
      if (upper == "OFF") {
        s->feedback = 0;
        return "";
      }
      return ParseRange(spec.name, value, 0, 50000, &s->feedback);
    }
    case Option::kPagesize:
      return ParseRange(spec.name, value, 0, 50000, &s->pagesize);
    case Option::kLinesize:
      return ParseRange(spec.name, value, 1, 32767, &s->linesize);
    case Option::kNumwidth:
      return ParseRange(spec.name, value, 2, 50, &s->numwidth);
    case Option::kArraysize:
      return ParseRange(spec.name, value, 1, 5000, &s->arraysize);
    case Option::kLong:
      return ParseRange(spec.name, value, 1, 2000000000, &s->long_width);
    case Option::kLongchunksize:
      return ParseRange(spec.name, value, 1, 2000000000, &s->longchunksize);
    case Option::kColsep:
      s->colsep = std::string(value);
      return "";
    case Option::kNewpage:
      if (ToUpperAscii(value) == "NONE") {
        s->newpage = kNewpageNone;
        return "";
      }
      return ParseRange(spec.name, value, 0, 999, &s->newpage);
    case Option::kWrap:
      return ParseOnOff(spec.name, value, &s->wrap);
    case Option::kSqlblanklines:
      return ParseOnOff(spec.name, value, &s->sqlblanklines);
    case Option::kSqlprompt:
      s->sqlprompt = std::string(value);
      return "";
    case Option::kUnderline: {
      std::string upper = ToUpperAscii(value);
      if (upper == "ON" || upper == "OFF") {
        s->underline_on = upper == "ON";
        return "";
      }
      char c = value.size() == 1 ? value[0] : '\0';
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (c == '\0' || alnum || c == ' ') {
        return "SP2-0271: underline character cannot be alphanumeric or whitespace";
      }
      s->underline = c;
      s->underline_on = true;
      return "";
    }
    case Option::kHeading:
      return ParseOnOff(spec.name, value, &s->heading);
    case Option::kEcho:
      return ParseOnOff(spec.name, value, &s->echo);
    case Option::kTermout:
      return ParseOnOff(spec.name, value, &s->termout);
    case Option::kVerify:
      return ParseOnOff(spec.name, value, &s->verify);
    case Option::kTiming:
      return ParseOnOff(spec.name, value, &s->timing);
    case Option::kTrimout:
      return ParseOnOff(spec.name, value, &s->trimout);
    case Option::kTrimspool:
      return ParseOnOff(spec.name, value, &s->trimspool);
    case Option::kTab:
      return ParseOnOff(spec.name, value, &s->tab);
    case Option::kDefine: {
      std::string upper = ToUpperAscii(value);
      if (upper == "ON" || upper == "OFF") {
        s->define = upper == "ON";
        return "";
      }
      // SET DEFINE c: a new prefix character (not alphanumeric or blank), and ON.
      char c = value.size() == 1 ? value[0] : '\0';
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (c == '\0' || alnum || c == ' ') {
        return "SP2-0272: define character cannot be alphanumeric or whitespace";
      }
      s->define_char = c;
      s->define = true;
      return "";
    }
    case Option::kServeroutput:
      break;  // handled by ApplySetCommand: it takes a variable number of words
  }
  return "";
}

std::string OnOff(bool b) { return b ? "ON" : "OFF"; }

std::string Hex(char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned char>(c));
  return hex;
}

}  // namespace

std::string ApplySetCommand(std::string_view args, DisplaySettings* settings) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) return "Usage: SET option value [option value ...]";
  std::size_t i = 0;
  while (i < words.size()) {  // each pass consumes at least the option word
    const OptionSpec* spec = FindOption(words[i]);
    if (spec == nullptr) return "SP2-0158: unknown SET option \"" + words[i] + "\"";
    ++i;
    if (spec->option == Option::kServeroutput) {
      std::string error = ApplyServeroutput(words, &i, settings);
      if (!error.empty()) return error;
      continue;
    }
    std::string_view value = i < words.size() ? std::string_view(words[i]) : std::string_view();
    ++i;
    std::string error = ApplyOne(*spec, value, settings);
    if (!error.empty()) return error;
  }
  return "";
}

std::optional<std::string> ShowSetting(std::string_view name, const DisplaySettings& s) {
  const OptionSpec* spec = FindOption(name);
  if (spec == nullptr) return std::nullopt;
  switch (spec->option) {
    case Option::kFeedback:
      if (s.feedback == 0) return "feedback OFF";
      return "FEEDBACK ON for " + std::to_string(s.feedback) + " or more rows";
    case Option::kPagesize:
      return "pagesize " + std::to_string(s.pagesize);
    case Option::kLinesize:
      return "linesize " + std::to_string(s.linesize);
    case Option::kNumwidth:
      return "numwidth " + std::to_string(s.numwidth);
    case Option::kArraysize:
      return "arraysize " + std::to_string(s.arraysize);
    case Option::kLong:
      return "long " + std::to_string(s.long_width);
    case Option::kColsep:
      return "colsep \"" + s.colsep + "\"";
    case Option::kLongchunksize:
      return "longchunksize " + std::to_string(s.longchunksize);
    case Option::kSqlblanklines:
      return "sqlblanklines " + OnOff(s.sqlblanklines);
    case Option::kSqlprompt:
      return "sqlprompt \"" + s.sqlprompt + "\"";
    case Option::kNewpage:
      return s.newpage == kNewpageNone ? "newpage NONE" : "newpage " + std::to_string(s.newpage);
    case Option::kWrap:
      return std::string("wrap : lines will be ") + (s.wrap ? "wrapped" : "truncated");
    case Option::kUnderline:
      if (!s.underline_on) return "underline OFF";
      return std::string("underline \"") + s.underline + "\" (hex " + Hex(s.underline) + ")";
    case Option::kHeading:
      return "heading " + OnOff(s.heading);
    case Option::kEcho:
      return "echo " + OnOff(s.echo);
    case Option::kTermout:
      return "termout " + OnOff(s.termout);
    case Option::kVerify:
      return "verify " + OnOff(s.verify);
    case Option::kTiming:
      return "timing " + OnOff(s.timing);
    case Option::kTrimout:
      return "trimout " + OnOff(s.trimout);
    case Option::kTrimspool:
      return "trimspool " + OnOff(s.trimspool);
    case Option::kTab:
      return "tab " + OnOff(s.tab);
    case Option::kServeroutput:
      return "serveroutput " + OnOff(s.serveroutput);
    case Option::kDefine: {
      if (!s.define) return "define OFF";
      return std::string("define \"") + s.define_char + "\" (hex " + Hex(s.define_char) + ")";
    }
  }
  return std::nullopt;
}

}  // namespace warden::client
