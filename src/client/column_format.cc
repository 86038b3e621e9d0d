// COLUMN command settings (see column_format.h).
#include "client/column_format.h"

#include <charconv>

#include "client/script_arguments.h"
#include "client/utf8_text.h"

namespace warden::client {
namespace {

// word (upper-cased) is keyword or an abbreviation of it at least min_length long.
bool Abbrev(const std::string& word, std::string_view keyword, std::size_t min_length) {
  return word.size() >= min_length && word.size() <= keyword.size() &&
         keyword.substr(0, word.size()) == word;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// FORMAT's value into f; false if SQL*Plus would reject it.
bool SetFormat(const std::string& value, ColumnFormat* f) {
  if (value.size() > 1 && (value[0] == 'a' || value[0] == 'A')) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(value.data() + 1, value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n == 0 || n > 60000) {
      return false;
    }
    f->char_width = n;
    f->number_mask.reset();
  } else {
    std::optional<NumberMask> mask = ParseNumberMask(value);
    if (!mask) return false;
    f->number_mask = mask;
    f->char_width = 0;
  }
  f->format = value;
  return true;
}

}  // namespace

ColumnFormat* ColumnFormats::FindMutable(std::string_view name) {
  std::string key = ToUpperAscii(name);
  for (ColumnFormat& f : formats_) {
    if (ToUpperAscii(f.name) == key) return &f;
  }
  return nullptr;
}

const ColumnFormat* ColumnFormats::Find(std::string_view column_name) const {
  std::string key = ToUpperAscii(column_name);
  for (const ColumnFormat& f : formats_) {
    if (ToUpperAscii(f.name) == key) return &f;
  }
  return nullptr;
}

std::string ColumnFormats::Listing(const ColumnFormat& f) {
  std::string out = "COLUMN   " + f.name + (f.on ? " ON" : " OFF") + "\n";
  if (f.heading) out += "HEADING  '" + *f.heading + "' headsep '|'\n";
  if (!f.format.empty()) out += "FORMAT   " + LowerAscii(f.format) + "\n";
  switch (f.justify) {
    case HeadingJustify::kLeft:
      out += "JUSTIFY  LEFT\n";
      break;
    case HeadingJustify::kCenter:
      out += "JUSTIFY  CENTER\n";
      break;
    case HeadingJustify::kRight:
      out += "JUSTIFY  RIGHT\n";
      break;
    case HeadingJustify::kDefault:
      break;
  }
  if (f.wrap == WrapMode::kWordWrapped) out += "word_wrap\n";
  if (f.wrap == WrapMode::kTruncated) out += "truncate\n";
  if (f.null_text) out += "NULL     '" + *f.null_text + "'\n";
  if (!f.new_value.empty()) out += "NEW_VALUE " + f.new_value + "\n";
  if (!f.print) out += "NOPRINT\n";
  return out;
}

ColumnCommandResult ColumnFormats::Apply(std::string_view args) {
  std::vector<std::string> words = SplitArguments(args);
  if (words.empty()) {
    std::string all;
    for (const ColumnFormat& f : formats_) all += Listing(f);
    return {all, false};
  }
  const std::string& name = words[0];
  if (words.size() == 1) {
    if (const ColumnFormat* f = FindMutable(name)) return {Listing(*f), false};
    return {"SP2-0046: COLUMN '" + name + "' not defined\n", true};
  }
  // Changes apply to a copy, stored only if every option parses (SQL*Plus rejects the
  // whole command).
  ColumnFormat f;
  if (const ColumnFormat* existing = FindMutable(name)) f = *existing;
  f.name = name;
  bool clear = false;
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string w = ToUpperAscii(words[i]);
    bool has_value = i + 1 < words.size();
    if (Abbrev(w, "HEADING", 3)) {
      if (!has_value) return {"SP2-0082: no COLUMN heading specified\n", true};
      f.heading = words[++i];
    } else if (Abbrev(w, "FORMAT", 3)) {
      if (!has_value) return {"SP2-0080: no COLUMN FORMAT value specified\n", true};
      if (!SetFormat(words[++i], &f)) {
        return {"SP2-0246: Illegal FORMAT string \"" + words[i] + "\"\n", true};
      }
    } else if (Abbrev(w, "WRAPPED", 3)) {
      f.wrap = WrapMode::kWrapped;
    } else if (Abbrev(w, "WORD_WRAPPED", 3)) {
      f.wrap = WrapMode::kWordWrapped;
    } else if (Abbrev(w, "TRUNCATED", 3)) {
      f.wrap = WrapMode::kTruncated;
    } else if (Abbrev(w, "JUSTIFY", 3)) {
      std::string j = has_value ? ToUpperAscii(words[++i]) : "";
      if (Abbrev(j, "LEFT", 1)) {
        f.justify = HeadingJustify::kLeft;
      } else if (Abbrev(j, "CENTER", 1) || Abbrev(j, "CENTRE", 1)) {
        f.justify = HeadingJustify::kCenter;
      } else if (Abbrev(j, "RIGHT", 1)) {
        f.justify = HeadingJustify::kRight;
      } else {
        return {"SP2-0158: unknown COLUMN JUSTIFY option \"" + (has_value ? words[i] : "") + "\"\n",
                true};
      }
    } else if (Abbrev(w, "NULL", 3)) {
      if (!has_value) return {"SP2-0158: unknown COLUMN option \"" + words[i] + "\"\n", true};
      f.null_text = words[++i];
    } else if (Abbrev(w, "NOPRINT", 5)) {
      f.print = false;
    } else if (Abbrev(w, "PRINT", 3)) {
      f.print = true;
    } else if (Abbrev(w, "NEW_VALUE", 5)) {
      if (!has_value) return {"SP2-0158: unknown COLUMN option \"" + words[i] + "\"\n", true};
      f.new_value = words[++i];
    } else if (w == "ON" || w == "OFF") {
      f.on = w == "ON";
    } else if (Abbrev(w, "CLEAR", 3)) {
      clear = true;
    } else {
      return {"SP2-0158: unknown COLUMN option \"" + words[i] + "\"\n", true};
    }
  }
  if (clear) {
    std::string key = ToUpperAscii(name);
    std::erase_if(formats_, [&](const ColumnFormat& c) { return ToUpperAscii(c.name) == key; });
    return {};
  }
  if (ColumnFormat* existing = FindMutable(name)) {
    *existing = std::move(f);
  } else {
    formats_.push_back(std::move(f));
  }
  return {};
}

}  // namespace warden::client
