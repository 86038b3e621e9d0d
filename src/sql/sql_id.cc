// SQL_ID (see sql_id.h).
#include "sql/sql_id.h"

namespace warden::sql {

uint64_t SqlIdHash(std::string_view text) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h == 0 ? 1 : h;
}

std::string SqlIdText(uint64_t hash) {
  static constexpr char kAlphabet[] = "0123456789abcdfghjkmnpqrstuvwxyz";
  std::string out(13, '0');
  // 13 digits of 5 bits hold 65 bits: the value fits, most significant digit first.
  for (int i = 12; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kAlphabet[hash & 31];
    hash >>= 5;
  }
  return out;
}

}  // namespace warden::sql
