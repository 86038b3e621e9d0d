// SET and SHOW of the SQL*Plus settings (see display_settings.h).
#include "client/display_settings.h"

#include <charconv>
#include <vector>

#include "client/utf8_text.h"

namespace warden::client {
namespace {

enum class Option { kFeedback, kPagesize, kLinesize, kHeading, kEcho };

struct OptionSpec {
  const char* name;  // lower case, as SQL*Plus names it in messages
  std::size_t min_length;
  Option option;
};

constexpr OptionSpec kOptions[] = {
    {"feedback", 4, Option::kFeedback}, {"pagesize", 5, Option::kPagesize},
    {"linesize", 3, Option::kLinesize}, {"heading", 3, Option::kHeading},
    {"echo", 4, Option::kEcho},
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

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = text.find_first_not_of(" \t", i);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = text.size();
    words.push_back(text.substr(start, end - start));
    i = end;
  }
  return words;
}

// Parses value as an integer in [low, high]; "" on success, else SQL*Plus's message.
std::string ParseRange(std::string_view name, std::string_view value, int low, int high,
                       int* out) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
    return "SP2-0268: " + std::string(name) + " option not a valid number";
  }
  if (n < low || n > high) {
    return "SP2-0267: " + std::string(name) + " option " + std::string(value) +
           " out of range (" + std::to_string(low) + " through " + std::to_string(high) + ")";
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
    case Option::kHeading:
      return ParseOnOff(spec.name, value, &s->heading);
    case Option::kEcho:
      return ParseOnOff(spec.name, value, &s->echo);
  }
  return "";
}

}  // namespace

std::string ApplySetCommand(std::string_view args, DisplaySettings* settings) {
  std::vector<std::string_view> words = SplitWords(args);
  if (words.empty()) return "Usage: SET option value [option value ...]";
  for (std::size_t i = 0; i < words.size(); i += 2) {
    const OptionSpec* spec = FindOption(words[i]);
    if (spec == nullptr) return "SP2-0158: unknown SET option \"" + std::string(words[i]) + "\"";
    std::string_view value = i + 1 < words.size() ? words[i + 1] : std::string_view();
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
    case Option::kHeading:
      return std::string("heading ") + (s.heading ? "ON" : "OFF");
    case Option::kEcho:
      return std::string("echo ") + (s.echo ? "ON" : "OFF");
  }
  return std::nullopt;
}

}  // namespace warden::client
