// OraError construction from the message catalog (ora_messages.def).
#include "common/ora_error.h"

#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
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

namespace {

// Not inlined, so the unwinder steps through frames of this program as a real throw does.
[[gnu::noinline]] void ThrowForWarmUp() { throw OraError::Make(28, {}, Severity::kFatal); }

// A kill's throw is caught and rethrown on its way (Portal::Run, the query loop) and runs
// destructors (landing pads): both have lazily bound calls of their own.
[[gnu::noinline]] void RethrowPastADestructor() {
  const std::string held = FormatOraMessage(28, "warm-up");  // longer than the inline buffer
  try {
    ThrowForWarmUp();
  } catch (...) {
    throw;
  }
}

// dl_iterate_phdr callback for the program (its first object): maps the read-only segment
// that holds its unwind tables (.eh_frame_hdr, .eh_frame, .gcc_except_table). A throw reads
// the entries of every frame it passes, spread over pages that a throw through other frames
// does not fault in.
int MapUnwindTables(dl_phdr_info* program, size_t, void*) {
  const ElfW(Phdr)* eh_frame_hdr = nullptr;
  for (int i = 0; i < program->dlpi_phnum; ++i) {
    if (program->dlpi_phdr[i].p_type == PT_GNU_EH_FRAME) eh_frame_hdr = &program->dlpi_phdr[i];
  }
  for (int i = 0; eh_frame_hdr != nullptr && i < program->dlpi_phnum; ++i) {
    const ElfW(Phdr)& seg = program->dlpi_phdr[i];
    if (seg.p_type != PT_LOAD || eh_frame_hdr->p_vaddr < seg.p_vaddr ||
        eh_frame_hdr->p_vaddr >= seg.p_vaddr + seg.p_memsz) {
      continue;
    }
    const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    const uintptr_t start = (program->dlpi_addr + seg.p_vaddr) & ~(page - 1);
    const uintptr_t end = program->dlpi_addr + seg.p_vaddr + seg.p_memsz;
    // Best effort: a kernel before 5.14 refuses MADV_POPULATE_READ and the throw pays instead.
    (void)madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_READ);
  }
  return 1;  // the program only
}

}  // namespace

void WarmUpThrow() {
  try {
    RethrowPastADestructor();
  } catch (const OraError&) {  // expected: the point was the throw
  }
  dl_iterate_phdr(&MapUnwindTables, nullptr);
}

}  // namespace warden
