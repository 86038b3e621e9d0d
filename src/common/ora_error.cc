// OraError construction from the message catalog (ora_messages.def).
#include "common/ora_error.h"

#include <cstdio>

namespace warden {
namespace {

struct CatalogEntry {
  int code;
  const char* sqlstate;
  const char* text;
};

constexpr CatalogEntry kCatalog[] = {
#define ORA_MESSAGE(code, sqlstate, text) {code, sqlstate, text},
#include "common/ora_messages.def"
#undef ORA_MESSAGE
};

const CatalogEntry* Find(int code) {
  for (const CatalogEntry& e : kCatalog) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

}  // namespace

std::string FormatOraMessage(int code, std::string_view text) {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "ORA-%05d: ", code);
  std::string out(prefix);
  out.append(text);
  return out;
}

OraError OraError::Make(int code, std::initializer_list<std::string_view> args, Severity severity) {
  const CatalogEntry* e = Find(code);
  if (e == nullptr) {
    // A code missing from the catalog is a programming error; report it as ORA-00600
    // rather than inventing a text.
    return Make(600, {"ora_error.cc: no catalog entry for ORA-" + std::to_string(code)}, severity);
  }
  std::string text;
  auto next = args.begin();
  for (const char* p = e->text; *p != '\0'; ++p) {
    if (p[0] == '%' && p[1] == 's') {
      if (next != args.end()) text.append(*next++);
      ++p;
    } else {
      text.push_back(*p);
    }
  }
  return OraError(code, std::move(text), e->sqlstate, severity);
}

OraError::OraError(int code, std::string text, std::string sqlstate, Severity severity)
    : code_(code),
      text_(std::move(text)),
      sqlstate_(std::move(sqlstate)),
      severity_(severity),
      message_(FormatOraMessage(code_, text_)) {}

}  // namespace warden
